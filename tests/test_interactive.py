"""An interactive `copier copy` in a pseudo-terminal, answered key by key as a person would.

Every prompt is answered (text typed over the default, choices picked with
the arrow keys, multiselects toggled with the space bar, confirmations with
y/n). The result must be byte-for-byte the project that the same answers
given with --data produce.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from typing import TYPE_CHECKING, Any

import pexpect
import pytest
import yaml
from helpers import ROOT, project_files, render, tool_env, which

from extensions import extras, features, interpreters, names, platforms
from extensions.text import COPIER_PREFIX

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
    "publish": "private",
    # asked only for a private index: the prompt must ask it, after publish
    "private_index_url": "https://nexus.example.com/repository/pypi-internal/",
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


# ------------------------------------------------ refusals at 80 columns
class Screen:
    """What a terminal of ``rows`` x ``columns`` shows of a stream: the subset of VT100 prompt_toolkit writes.

    Characters past the last column are dropped, as prompt_toolkit turns the
    terminal's line wrapping off while it draws.
    """

    _CONTROL = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]|[\r\n\b\x07]")

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.grid = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0

    def feed(self, text: str) -> None:
        position = 0
        for match in self._CONTROL.finditer(text):
            self._write(text[position : match.start()])
            self._control(match)
            position = match.end()
        self._write(text[position:])

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.grid]

    def _write(self, text: str) -> None:
        for char in text:
            if self.column < self.columns:
                self.grid[self.row][self.column] = char
            self.column += 1

    def _control(self, match: re.Match[str]) -> None:
        token = match.group()
        if token == "\r":
            self.column = 0
        elif token == "\n":
            self._down(1)
        elif token == "\b":
            self.column = max(0, self.column - 1)
        elif match.group(2):
            self._csi(match.group(1), match.group(2))

    def _csi(self, parameters: str, command: str) -> None:
        numbers = [int(n) for n in parameters.lstrip("?").split(";") if n.isdigit()]
        n = numbers[0] if numbers else 1
        if command == "A":
            self.row = max(0, self.row - n)
        elif command == "B":
            self._down(n)
        elif command == "C":
            self.column = min(self.columns, self.column + n)
        elif command == "D":
            self.column = max(0, min(self.column, self.columns) - n)
        elif command == "G":
            self.column = n - 1
        elif command in "Hf":
            self.row, self.column = [*numbers, 1][0] - 1, [*numbers[1:], 1][0] - 1
        elif command == "K":
            self.grid[self.row][min(self.column, self.columns) :] = [" "] * (
                self.columns - min(self.column, self.columns)
            )
        elif command == "J":
            self._csi("", "K")
            for row in range(self.row + 1, self.rows):
                self.grid[row] = [" "] * self.columns

    def _down(self, n: int) -> None:
        for _ in range(n):
            if self.row == self.rows - 1:
                self.grid = [*self.grid[1:], [" "] * self.columns]
            else:
                self.row += 1


ROWS = 24
# prompt_toolkit asks the terminal where its cursor is (CPR) before drawing;
# without an answer it cannot tell how many rows are left below, and a
# checkbox question's refusal then never shows. A terminal answers: so do these tests.
_CPR = re.escape("\x1b[6n")


def _spawn_at_80_columns(tmp_path: Path, answers: dict[str, Any]) -> tuple[pexpect.spawn[str], io.StringIO]:
    """`copier copy` in an 80 x 24 terminal, asking only what ``answers`` leaves out."""
    data_file = tmp_path / "answers.yml"
    data_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
    child = pexpect.spawn(
        which("copier"),
        ["copy", "--trust", "--vcs-ref", "HEAD", "--data-file", str(data_file), str(ROOT), str(tmp_path / "out")],
        env=tool_env(TERM="xterm"),
        encoding="utf-8",
        timeout=60,
        dimensions=(ROWS, 80),
    )
    seen = io.StringIO()
    child.logfile_read = seen
    return child, seen


def _screen(seen: io.StringIO) -> Screen:
    screen = Screen(ROWS, 80)
    screen.feed(seen.getvalue())
    return screen


def _expect(child: pexpect.spawn[str], seen: io.StringIO, pattern: Any, timeout: float = 60) -> None:
    """Wait for ``pattern``, answering the cursor position requests on the way."""
    while child.expect([_CPR, pattern], timeout=timeout) == 0:
        screen = _screen(seen)
        child.send(f"\x1b[{screen.row + 1};{min(screen.column, 79) + 1}R")


def _refusal_shown(child: pexpect.spawn[str], seen: io.StringIO, field: str, message: str) -> None:
    """The whole first line of ``message`` is on one row of the screen, after Copier's prefix."""
    _expect(child, seen, re.escape(f"Validation error for question '{field}'"))
    with contextlib.suppress(pexpect.TIMEOUT):
        _expect(child, seen, "never printed", timeout=1.5)  # let the prompt finish drawing
    expected = COPIER_PREFIX.format(field=field) + message.split("\n", maxsplit=1)[0]
    assert len(expected) <= 80
    lines = _screen(seen).lines()
    assert expected in lines, "\n".join(lines)


def _finish(child: pexpect.spawn[str], seen: io.StringIO, tmp_path: Path) -> dict[str, Any]:
    _expect(child, seen, pexpect.EOF, timeout=120)
    child.close()
    assert child.exitstatus == 0, child.before
    answers = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert isinstance(answers, dict)
    return answers


def test_a_digit_first_name_and_a_refused_import_name_at_80_columns(tmp_path: Path) -> None:
    """`3D Tiles` derives names the prompts accept; a refusal's first line is whole on screen; a new answer passes."""
    given = {k: v for k, v in ANSWERS.items() if k not in {"project_name", "pypi_name", "import_name", "crate_name"}}
    child, seen = _spawn_at_80_columns(tmp_path, given)
    _expect(child, seen, "Project name")
    child.send(CLEAR_LINE + "3D Tiles" + ENTER)
    _expect(child, seen, "PyPI distribution name")
    _expect(child, seen, "3d-tiles")
    child.send(ENTER)
    _expect(child, seen, "Python import name")
    _expect(child, seen, "py3d_tiles")  # the derived default, which its validator accepts
    child.send(CLEAR_LINE + "class" + ENTER)
    _refusal_shown(child, seen, "import_name", names.check_import_name("class"))
    child.send(CLEAR_LINE + "three_d_tiles" + ENTER)
    _expect(child, seen, "Rust crate")
    child.send(ENTER)
    answers = _finish(child, seen, tmp_path)
    assert (answers["pypi_name"], answers["import_name"], answers["crate_name"]) == (
        "3d-tiles",
        "three_d_tiles",
        "py3d-tiles",
    )


def test_a_platform_python_min_conflict_is_asked_again_at_wheel_platforms(tmp_path: Path) -> None:
    """Refused at wheel_platforms, naming python_min, and answered there on the second ask."""
    given = {k: v for k, v in ANSWERS.items() if k != "wheel_platforms"}
    given |= {"python_min": "3.15", "other_interpreters": []}
    child, seen = _spawn_at_80_columns(tmp_path, given)
    _expect(child, seen, "Wheel platforms")
    index = [p.key for p in platforms.PLATFORMS].index("emscripten-wasm32")
    child.send(DOWN * index + SPACE + ENTER)
    refusal = platforms.check_platforms(["emscripten-wasm32"], python_min="3.15", publish=ANSWERS["publish"])
    assert "python_min is 3.15" in refusal
    _refusal_shown(child, seen, "wheel_platforms", refusal)
    child.send(SPACE + ENTER)  # the cursor is still on it: toggle it off
    answers = _finish(child, seen, tmp_path)
    assert answers["wheel_platforms"] == platforms.default_platforms()


def test_a_name_without_latin_letters_asks_pypi_name_with_no_default(tmp_path: Path) -> None:
    """Nothing to derive the PyPI name from: the prompt asks for it, refuses an empty answer, and takes one."""
    given = {k: v for k, v in ANSWERS.items() if k not in {"project_name", "pypi_name", "import_name", "crate_name"}}
    child, seen = _spawn_at_80_columns(tmp_path, given)
    _expect(child, seen, "Project name")
    child.send(CLEAR_LINE + "Статистика" + ENTER)
    _expect(child, seen, "PyPI distribution name")
    child.send(ENTER)
    _refusal_shown(child, seen, "pypi_name", names.check_distribution_name(""))
    child.send("statistika" + ENTER)
    _expect(child, seen, "Python import name")
    child.send(ENTER)
    _expect(child, seen, "Rust crate")
    child.send(ENTER)
    answers = _finish(child, seen, tmp_path)
    assert (answers["project_name"], answers["pypi_name"], answers["import_name"]) == (
        "Статистика",
        "statistika",
        "statistika",
    )
