"""Golden snapshots of the rendered presets.

Each preset renders to one text file under tests/snapshots/, so a template
change shows as a reviewable diff. After an intended change, refresh them:

    uv run pytest tests/test_snapshots.py --refresh-snapshots
"""

from __future__ import annotations

import difflib
import os
from typing import TYPE_CHECKING

import pytest
from copier import run_copy
from helpers import PRESETS, ROOT, preset_answers, project_files

if TYPE_CHECKING:
    from pathlib import Path

SNAPSHOTS = ROOT / "tests" / "snapshots"


def _render(template: Path, destination: Path, preset: str) -> Path:
    run_copy(str(template), str(destination), data=preset_answers(preset), defaults=True, unsafe=True, quiet=True)
    return destination


def _snapshot(project: Path) -> str:
    """Every file of a project in one text: a header line, then its content."""
    parts = []
    for relative in project_files(project):
        path = project / relative
        text = path.read_text(encoding="utf-8")
        if relative.name == ".copier-answers.yml":
            # The template's location differs from machine to machine.
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("_src_path:"))
        mode = " (executable)" if os.access(path, os.X_OK) else ""
        parts.append(f"==> {relative.as_posix()}{mode} <==\n{text}")
    return "".join(parts)


@pytest.mark.parametrize("preset", PRESETS)
def test_rendering_twice_gives_identical_bytes(preset: str, plain_template: Path, tmp_path: Path) -> None:
    first = _render(plain_template, tmp_path / "first", preset)
    second = _render(plain_template, tmp_path / "second", preset)
    assert project_files(first) == project_files(second)
    for relative in project_files(first):
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


@pytest.mark.parametrize("preset", PRESETS)
def test_rendered_preset_matches_its_snapshot(
    preset: str, plain_template: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rendered = _snapshot(_render(plain_template, tmp_path / "project", preset))
    snapshot = SNAPSHOTS / f"{preset}.txt"
    if request.config.getoption("--refresh-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(rendered, encoding="utf-8", newline="\n")
    stored = snapshot.read_text(encoding="utf-8") if snapshot.exists() else ""
    if rendered != stored:
        diff = "".join(
            difflib.unified_diff(
                stored.splitlines(keepends=True), rendered.splitlines(keepends=True), str(snapshot), "rendered", n=2
            )
        )
        pytest.fail(
            f"{preset} renders differently from {snapshot.relative_to(ROOT)}. If the change is intended, run "
            f"`uv run pytest tests/test_snapshots.py --refresh-snapshots` and commit the diff:\n{diff[:8000]}"
        )
