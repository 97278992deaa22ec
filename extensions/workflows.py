"""The CI and release matrices, computed from the answers and the platform table."""

from __future__ import annotations

from dataclasses import dataclass

from .platforms import TEST_RUNNERS, Platform, selected
from .versions import free_threaded_versions, python_versions


@dataclass(frozen=True)
class WheelJob:
    """One entry of the release workflow's wheel matrix."""

    platform: Platform
    manylinux: str | None
    platform_tag: str

    @property
    def artifact(self) -> str:
        return f"wheels-{self.platform.key}"


def build_interpreters(python_min: str, *, abi3: bool, free_threaded: bool) -> list[str]:
    """The interpreters each wheel job builds for.

    abi3 needs only the oldest: its wheel serves every later CPython. The
    free-threaded builds cannot use abi3 (before abi3t), so each gets its own.
    """
    versions = [python_min] if abi3 else python_versions(python_min)
    if free_threaded:
        versions += free_threaded_versions(python_min)
    return versions


def setup_python_order(interpreters: list[str]) -> list[str]:
    """The build interpreters in the order actions/setup-python installs them.

    Each install goes to the front of PATH and, on Windows, registers itself
    for `py -3.X`; a free-threaded 3.14t also answers to `python3.14` on macOS.
    Installed first, the free-threaded builds leave `python3.14` to the
    regular one, so maturin builds both wheels, not the free-threaded twice.
    """
    return [v for v in interpreters if v.endswith("t")] + [v for v in interpreters if not v.endswith("t")]


def wheel_python_tags(interpreters: list[str], *, abi3: bool) -> list[str]:
    """The python-abi part of the wheel file names each wheel job must produce."""
    tags = []
    for version in interpreters:
        nodot = version.removesuffix("t").replace(".", "")
        if version.endswith("t"):
            tags.append(f"cp{nodot}-cp{nodot}t")
        else:
            tags.append(f"cp{nodot}-abi3" if abi3 else f"cp{nodot}-cp{nodot}")
    return tags


def wheel_test_pythons(python_min: str, *, free_threaded: bool) -> list[str]:
    """The interpreters a wheel job tests its wheels with: the oldest, and the first free-threaded one."""
    return [python_min, *free_threaded_versions(python_min)[:1]] if free_threaded else [python_min]


def wheel_jobs(keys: list[str], manylinux_policy: str) -> list[WheelJob]:
    return [WheelJob(p, p.manylinux(manylinux_policy), p.platform_tag(manylinux_policy)) for p in selected(keys)]


def test_pythons(python_min: str, *, free_threaded: bool) -> list[str]:
    """CI's Python axis: every supported version, then the free-threaded builds."""
    return python_versions(python_min) + (free_threaded_versions(python_min) if free_threaded else [])


def test_runners() -> list[str]:
    return list(TEST_RUNNERS.values())
