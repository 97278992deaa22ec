"""Answer migrations, applied to answers files as copier update would."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from extensions import migrations

if TYPE_CHECKING:
    from pathlib import Path


def test_dependabot_answer_becomes_dependency_updates() -> None:
    assert migrations.dependabot_to_dependency_updates({"dependabot": True, "x": 1}) == {
        "dependency_updates": "dependabot",
        "x": 1,
    }
    assert migrations.dependabot_to_dependency_updates({"dependabot": False}) == {"dependency_updates": "none"}


def test_new_answers_are_left_alone() -> None:
    answers = {"dependency_updates": "none"}
    assert migrations.dependabot_to_dependency_updates(answers) is answers


def test_answers_file_keeps_its_header(tmp_path: Path) -> None:
    path = tmp_path / ".copier-answers.yml"
    path.write_text(
        "# Changes here will be overwritten by Copier\n_commit: v0.1.0\ndependabot: false\n", encoding="utf-8"
    )
    migrations.migrate_answers_file(path, "dependabot-to-dependency-updates")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Changes here will be overwritten by Copier\n")
    assert yaml.safe_load(text) == {"_commit": "v0.1.0", "dependency_updates": "none"}


MIXED = {"layout": "mixed", "import_name": "fast_stats", "example": True}


def test_an_update_that_removed_nothing_reports_nothing() -> None:
    assert migrations.removal_report([], ["src/lib.rs"], MIXED, MIXED) == ""


def test_a_layout_change_names_where_the_users_files_went_and_what_nothing_compiles() -> None:
    removed = ["python/fast_stats/_core.pyi", "src/lib.rs", "src/template.rs"]
    remaining = ["src/shapes.rs", "crates/python/src/lib.rs", "Cargo.toml"]
    report = migrations.removal_report(removed, remaining, MIXED, {**MIXED, "layout": "workspace"})
    assert "  src/lib.rs -> crates/python/src/lib.rs (your Rust code, in mod python_module)" in report
    assert "python/fast_stats/_core.pyi -> python/fast_stats/_core/__init__.pyi" in report
    assert "git checkout HEAD -- <file>" in report
    assert report.endswith("  src/shapes.rs\n"), "the user's own module, which no crate compiles now"


def test_files_with_no_place_in_the_new_layout_say_so() -> None:
    removed = ["python/fast_stats/__init__.py", "python/fast_stats/_core.pyi"]
    report = migrations.removal_report(removed, [], MIXED, {**MIXED, "layout": "rust-only"})
    assert "python/fast_stats/__init__.py (your Python code): no place now" in report
    assert "python/fast_stats/_core.pyi -> fast_stats.pyi" in report


def test_turning_the_example_off_points_at_the_files_updates_leave_alone() -> None:
    report = migrations.removal_report(["src/template/example.rs"], [], MIXED, {**MIXED, "example": False})
    assert report.startswith("The example is off now. README.md, CHANGELOG.md and docs/index.md")
