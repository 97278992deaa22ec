"""Render every preset and other answer combinations; check the output statically.

Nothing here compiles Rust: these checks run in seconds. tests/test_e2e.py
builds the projects for real.
"""

from __future__ import annotations

import json
import statistics
import time
import tomllib
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from helpers import (
    PRESETS,
    ROOT,
    git_commit_all,
    jinja_leftovers,
    parse_every_file,
    preset_answers,
    project_files,
    render,
    repo_review_failures,
    run,
    validate_pyproject,
    which,
)
from pytest_copie.plugin import Copie

if TYPE_CHECKING:
    from pathlib import Path

# Answer combinations beyond the presets, chosen to flip every branch the
# template has: layout, abi3, free-threading, version source, licenses.
COMBINATIONS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "rust-only-abi3-apache-testpypi": {
        "layout": "rust-only",
        "abi3": True,
        "license": "Apache-2.0",
        "wheel_platforms": ["linux-x86_64"],
        "publish": "testpypi",
    },
    "mixed-pyproject-bsd-unpublished": {
        "layout": "mixed",
        "abi3": False,
        "free_threaded": False,
        "version_source": "pyproject",
        "license": "BSD-3-Clause",
        "python_min": "3.13",
        "wheel_platforms": [],
        "manylinux": "manylinux2014",
        "publish": "none",
        "dependabot": False,
    },
    "prerelease-mpl-314-desktop": {
        "license": "MPL-2.0",
        "python_min": "3.14",
        "initial_version": "1.0.0rc1",
        "wheel_platforms": ["macos-universal2", "windows-x64", "windows-arm64"],
    },
}
CASES: dict[str, dict[str, Any]] = {
    **{f"preset-{name}": preset_answers(name) for name in PRESETS},
    **COMBINATIONS,
}

COMMON_FILES = {
    ".copier-answers.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "CHANGELOG.md",
    "Cargo.toml",
    "README.md",
    "benchmarks/test_benchmarks.py",
    "docs/index.md",
    "justfile",
    "noxfile.py",
    "pyproject.toml",
    "src/lib.rs",
    "src/stats.rs",
    "tests/test_version.py",
    ".github/workflows/ci.yml",
    ".github/workflows/release.yml",
}
JUST_RECIPES = {"bench", "build", "ci", "clean", "dev", "fmt", "lint", "sdist", "test"}


@pytest.fixture(params=sorted(CASES), scope="module")
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One rendered project per case, through pytest-copie (as copier copy --defaults)."""
    answers = CASES[request.param]
    copie = Copie(ROOT, tmp_path_factory.mktemp("copie"), tmp_path_factory.mktemp("copier-config") / "config")
    result = copie.copy(extra_answers=answers, template_dir=ROOT)
    assert result.exit_code == 0, result.exception
    assert result.project_dir is not None
    return result.project_dir, result.answers


def test_expected_files_and_nothing_else(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    module = answers["import_name"]
    expected = set(COMMON_FILES) | {f"tests/test_{module}.py"}
    if answers["layout"] == "mixed":
        expected |= {f"python/{module}/__init__.py", f"python/{module}/_core.pyi", f"python/{module}/py.typed"}
    else:
        expected |= {f"{module}.pyi", "stubtest-allowlist.txt"}
    expected |= {
        "MIT OR Apache-2.0": {"LICENSE-MIT", "LICENSE-APACHE"},
    }.get(answers["license"], {"LICENSE"})
    if answers["dependabot"]:
        expected.add(".github/dependabot.yml")
    assert {str(p) for p in project_files(project)} == expected


def test_no_template_syntax_left(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    assert jinja_leftovers(project) == []


def test_every_file_parses(rendered: tuple[Path, dict[str, Any]]) -> None:
    parse_every_file(rendered[0])


def test_pyproject_validates_against_the_schema_store(rendered: tuple[Path, dict[str, Any]]) -> None:
    validate_pyproject(rendered[0])


def test_pyproject_metadata_matches_the_answers(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cargo = tomllib.loads((project / "Cargo.toml").read_text(encoding="utf-8"))
    assert meta["name"] == answers["pypi_name"]
    assert meta["description"] == cargo["package"]["description"] == answers["description"]
    assert meta["license"] == cargo["package"]["license"] == answers["license"]
    assert meta["authors"] == [{"name": answers["author_name"], "email": answers["author_email"]}]
    assert meta["requires-python"] == f">={answers['python_min']}"
    for path in meta["license-files"]:
        assert (project / path).is_file()
    if answers["version_source"] == "cargo":
        assert meta["dynamic"] == ["version"]
        assert "version" not in meta
    else:
        assert meta["version"] == answers["initial_version"]
    pyo3 = cargo["dependencies"]["pyo3"]
    features = pyo3.get("features", []) if isinstance(pyo3, dict) else []
    assert features == ([f"abi3-py{answers['python_min'].replace('.', '')}"] if answers["abi3"] else [])
    assert "extension-module" not in features, "deprecated: maturin sets PYO3_BUILD_EXTENSION_MODULE"


def test_cargo_reads_the_manifest(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    metadata = json.loads(run(["cargo", "metadata", "--no-deps", "--offline", "--format-version", "1"], project))
    (package,) = metadata["packages"]
    assert package["name"] == answers["crate_name"]
    (lib,) = package["targets"]
    assert lib["crate_types"] == ["cdylib", "rlib"]


def test_python_is_ruff_clean(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    run([which("ruff"), "check", "--no-cache", "."], project)
    run([which("ruff"), "format", "--check", "--no-cache", "."], project)


def test_markdown_is_mdformat_clean(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    markdown = [str(p) for p in project_files(project) if p.suffix == ".md"]
    run([which("mdformat"), "--check", *markdown], project)


def test_justfile_has_the_documented_recipes(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    recipes = set(run([which("just"), "--summary"], project).split())
    assert recipes >= JUST_RECIPES
    readme = (project / "README.md").read_text(encoding="utf-8")
    for recipe in JUST_RECIPES - {"clean"}:
        assert f"just {recipe}" in readme, recipe


def test_answers_file_records_every_answer(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert recorded["_src_path"]
    assert recorded["_commit"]
    assert {k: v for k, v in recorded.items() if not k.startswith("_")} == answers


def test_repo_review_passes(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    git_commit_all(project)
    failures = repo_review_failures(project)
    if not answers["dependabot"]:
        # Dependabot was turned off: its checks cannot pass, by the user's choice.
        failures = {k: v for k, v in failures.items() if k not in {"GH200", "GH210", "GH212"}}
    assert failures == {}


def test_render_is_fast(tmp_path: Path) -> None:
    """In-process render of the largest preset, median of three runs."""
    answers = preset_answers(PRESETS[-1])
    times = []
    for attempt in range(3):
        start = time.perf_counter()
        render(tmp_path / str(attempt), answers)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 1.0, times


def test_copier_cli_renders_with_defaults_and_no_prompt(tmp_path: Path) -> None:
    """The README's render command, through the real CLI, with stdin closed."""
    out = tmp_path / "my-ext"
    run([which("copier"), "copy", "--trust", "--defaults", "--vcs-ref", "HEAD", str(ROOT), str(out)], tmp_path)
    answers = yaml.safe_load((out / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_name"] == "my-ext"
    assert answers["import_name"] == "my_ext"
    assert (out / "python" / "my_ext" / "__init__.py").is_file()
