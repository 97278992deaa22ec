"""Other Python implementations the release builds wheels for: PyPy and GraalPy.

Neither has CPython's stable ABI, so each gets a version-specific wheel, also
in an abi3 project (maturin leaves them out of an abi3 build unless they are
named with `--interpreter`). They are built on the rows that build natively
(the cross images carry neither), from the interpreter data maturin carries
where the runner or image has no such interpreter, and tested on the runner
after actions/setup-python installs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import refusal
from .versions import minor_number


@dataclass(frozen=True)
class Interpreter:
    key: str  # the answer, and maturin's --interpreter name
    name: str  # in words
    python: str  # the Python language version it implements
    setup_python: str  # actions/setup-python's python-version
    uv_request: str  # what `uv venv --python` (just test-dist) asks for
    tag: str  # the python-abi part of its wheels' file names
    platforms: tuple[str, ...]  # the platform keys it gets wheels on


_NATIVE = ("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-arm64")
INTERPRETERS: tuple[Interpreter, ...] = (
    # PyPy 7.3's ABI tag pp73 spans its 7.3.x releases.
    Interpreter(
        "pypy3.11", "PyPy 3.11", "3.11", "pypy3.11", "pypy3.11", "pp311-pypy311_pp73", (*_NATIVE, "windows-x64")
    ),
    # GraalPy's ABI tag names its release (graalpy250 is 25.0): each GraalPy
    # release needs wheels of its own. No Windows or macOS x86_64 wheels, as
    # in pydantic-core: GraalPy tests those least.
    Interpreter(
        "graalpy3.12",
        "GraalPy 25.0 (Python 3.12)",
        "3.12",
        "graalpy-25.0",
        "graalpy3.12",
        "graalpy312-graalpy250_312_native",
        ("linux-x86_64", "linux-aarch64", "macos-arm64"),
    ),
)
INTERPRETERS_BY_KEY = {interpreter.key: interpreter for interpreter in INTERPRETERS}


def interpreter_choices() -> dict[str, str]:
    return {f"{i.name} [{i.key}]: wheels for {len(i.platforms)} platforms": i.key for i in INTERPRETERS}


def selected_interpreters(keys: list[str]) -> list[Interpreter]:
    return [i for i in INTERPRETERS if i.key in keys]


def check_interpreters(keys: list[str], *, python_min: str, platforms: list[str]) -> str:
    """The other_interpreters answer, against the earlier answers python_min and wheel_platforms."""
    unknown = sorted(set(keys) - set(INTERPRETERS_BY_KEY))
    if unknown:
        return refusal(
            "other_interpreters",
            "choose offered interpreters",
            why=(f"other_interpreters has unknown entries {unknown}: choose from {', '.join(INTERPRETERS_BY_KEY)}."),
        )
    for interpreter in selected_interpreters(keys):
        if minor_number(interpreter.python) < minor_number(python_min):
            return refusal(
                "other_interpreters",
                f"drop {interpreter.key}",
                "drop an interpreter",
                why=(
                    f"other_interpreters has {interpreter.key}, which implements Python {interpreter.python}, "
                    f"but python_min is {python_min}: its wheels would not install. Leave out "
                    f"{interpreter.key}, or choose python_min {interpreter.python} or older."
                ),
            )
        if not set(interpreter.platforms) & set(platforms):
            return refusal(
                "other_interpreters",
                f"drop {interpreter.key}",
                "drop an interpreter",
                why=(
                    f"other_interpreters has {interpreter.key}, which gets wheels on "
                    f"{', '.join(interpreter.platforms)}, and wheel_platforms has none of them: leave out "
                    f"{interpreter.key}, or add one of them to wheel_platforms."
                ),
            )
    return ""
