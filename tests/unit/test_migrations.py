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
