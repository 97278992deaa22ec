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


def wheel_jobs(keys: list[str], manylinux_policy: str) -> list[WheelJob]:
    return [WheelJob(p, p.manylinux(manylinux_policy), p.platform_tag(manylinux_policy)) for p in selected(keys)]


def test_pythons(python_min: str, *, free_threaded: bool) -> list[str]:
    """CI's Python axis: every supported version, then the free-threaded builds."""
    return python_versions(python_min) + (free_threaded_versions(python_min) if free_threaded else [])


def test_runners() -> list[str]:
    return list(TEST_RUNNERS.values())
