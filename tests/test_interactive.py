"""An interactive `copier copy` in a pseudo-terminal, answered key by key as a person would.

Every prompt is answered (text typed over the default, choices picked with
the arrow keys, multiselects toggled with the space bar, confirmations with
y/n). The result must be byte-for-byte the project that the same answers
given with --data produce.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

import pexpect
import pytest
import yaml
from helpers import ROOT, project_files, render, tool_env, which

from extensions import extras, features, interpreters, platforms

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pseudo-terminal")

DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CLEAR_LINE = "\x15"  # Ctrl-U: delete the default text before the cursor

ANSWERS: dict[str, Any] = {
    "project_name": "Typed By Hand",
    "pypi_name": "typed-by-hand",
    "import_name": "typed_by_hand",
    "crate_name": "typed-by-hand",
    "description": 'Answers typed at the prompt, "quotes" and all',
    "author_name": "Zoë O'Brien",
    "author_email": "zoe@example.org",
    "repository_url": "https://github.com/zoe/typed-by-hand",
    "license": "MIT",
    "copyright_year": "2025",
    "initial_version": "0.2.0",
    "layout": "workspace",
    "example": True,
    "python_min": "3.12",
    "abi3": False,
    "free_threaded": True,
    "features": ["numpy", "serde"],
    "build_info": True,
    "version_source": "pyproject",
    "wheel_platforms": [*platforms.default_platforms(), "macos-universal2"],
    "manylinux": "manylinux2014",
    "other_interpreters": ["graalpy3.12"],
    "publish": "testpypi",
    "dependency_updates": "none",
    "extras": ["supply-chain", "release-tooling", "docker"],
    "docs_site": "sphinx",
}


def _questions() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    return {name: spec for name, spec in config.items() if not name.startswith("_")}


def _keys(name: str, spec: dict[str, Any]) -> str:
    """The keystrokes that turn the question's default into ANSWERS[name]."""
    answer = ANSWERS[name]
    if spec.get("type") == "bool":
        return "y" if answer else "n"
    if name == "wheel_platforms":
        # Defaults are checked; move down to universal2 and check it too.
        index = [p.key for p in platforms.PLATFORMS].index("macos-universal2")
        return DOWN * index + SPACE + ENTER
    if name == "other_interpreters":
        index = [i.key for i in interpreters.INTERPRETERS].index("graalpy3.12")
        return DOWN * index + SPACE + ENTER
    if name in {"features", "extras"}:
        # Toggle every choice whose checked state differs from the default's.
        keys = [f.key for f in features.FEATURES] if name == "features" else [e.key for e in extras.EXTRAS]
        checked = set() if name == "features" else set(extras.default_extras())
        strokes, position = "", 0
        for index in sorted(keys.index(key) for key in checked ^ set(answer)):
            strokes += DOWN * (index - position) + SPACE
            position = index
        return strokes + ENTER
    if "choices" in spec:
        values = _choice_values(name, spec)
        default = _default_value(name)
        return DOWN * (values.index(answer) - values.index(default)) + ENTER
    return CLEAR_LINE + str(answer) + ENTER


def _choice_values(name: str, spec: dict[str, Any]) -> list[str]:
    choices = spec["choices"]
    if isinstance(choices, dict):
        return list(choices.values())
    from extensions import licenses, versions  # noqa: PLC0415

    return {
        "license": licenses.license_choices(),
        "python_min": versions.supported_minimums(),
        "docs_site": list(extras.DOCS_SITES.values()),
    }[name]


def _default_value(name: str) -> str:
    from extensions import versions  # noqa: PLC0415

    return {
        "license": "MIT OR Apache-2.0",
        "layout": "mixed",
        "python_min": versions.default_minimum(),
        "version_source": "cargo",
        "manylinux": "manylinux_2_28",
        "publish": "pypi",
        "dependency_updates": "dependabot",
        "docs_site": "none",
    }[name]


def test_interactive_answers_give_the_same_project_as_data(tmp_path: Path) -> None:
    typed = tmp_path / "typed"
    child = pexpect.spawn(
        which("copier"),
        ["copy", "--trust", "--vcs-ref", "HEAD", str(ROOT), str(typed)],
        env=tool_env(TERM="xterm"),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    for name, spec in _questions().items():
        help_text = str(spec["help"]).split("(")[0].strip()
        child.expect(re.escape(help_text[:40]))
        child.send(_keys(name, spec))
    child.expect(pexpect.EOF, timeout=120)
    child.close()
    assert child.exitstatus == 0, child.before

    by_data = render(tmp_path / "data", ANSWERS)
    typed_answers = yaml.safe_load((typed / ".copier-answers.yml").read_text(encoding="utf-8"))
    data_answers = yaml.safe_load((by_data / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in typed_answers.items() if not k.startswith("_")} == {
        k: v for k, v in data_answers.items() if not k.startswith("_")
    }
    assert project_files(typed) == project_files(by_data)
    for relative in project_files(typed):
        if relative.name != ".copier-answers.yml":  # compared above; its _commit names a dirty tree's snapshot
            assert (typed / relative).read_bytes() == (by_data / relative).read_bytes(), relative
