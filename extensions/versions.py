"""Project version and Python version answers: checks and derived values."""

from __future__ import annotations

import re

from .pins import ABI3T_SINCE, CPYTHON_RELEASES, FREE_THREADED_SINCE, PythonRelease
from .text import quoted, refusal

# Versions both PEP 440 and Cargo's semver accept once mapped: X.Y.Z with an
# optional alpha, beta or release-candidate number.
# Matched whole (re.fullmatch: `$` would let a trailing line break through).
_PROJECT_VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:(a|b|rc)(0|[1-9]\d*))?")
_CARGO_PRE_RELEASE = {"a": "alpha", "b": "beta", "rc": "rc"}
# Cargo stores each number of a version in a u64.
_CARGO_NUMBER_MAX = 2**64 - 1


def check_project_version(value: str) -> str:
    match = _PROJECT_VERSION.fullmatch(value)
    if match is None:
        return refusal(
            "initial_version",
            "use e.g. '0.1.0' or '1.0.0rc1'",
            why=(
                f"initial_version {quoted(value)} is not a version both PyPI (PEP 440) and Cargo (semver) "
                "accept: use MAJOR.MINOR.PATCH with an optional aN, bN or rcN."
            ),
        )
    if any(int(number) > _CARGO_NUMBER_MAX for number in match.group(1, 2, 3, 5) if number is not None):
        return refusal(
            "initial_version",
            "use smaller numbers",
            why=f"initial_version {quoted(value)} has a number Cargo cannot hold (over 2^64 - 1).",
        )
    return ""


def cargo_version(pep440: str) -> str:
    """The Cargo spelling of a checked version: ``1.0.0rc1`` -> ``1.0.0-rc.1``.

    maturin maps it back to the PEP 440 spelling when it writes wheel metadata.
    """
    match = _PROJECT_VERSION.fullmatch(pep440)
    if match is None or check_project_version(pep440):
        raise ValueError(check_project_version(pep440))
    major, minor, patch, pre, number = match.groups()
    core = f"{major}.{minor}.{patch}"
    return core if pre is None else f"{core}-{_CARGO_PRE_RELEASE[pre]}.{number}"


def supported_minimums() -> list[str]:
    """Minimum-Python choices: every release pyo3 supports that is not past end of life."""
    return [release.version for release in CPYTHON_RELEASES if not release.end_of_life]


def default_minimum() -> str:
    """The oldest CPython that is still maintained."""
    return supported_minimums()[0]


def check_python_min(value: str) -> str:
    release = _release(value)
    choices = ", ".join(supported_minimums())
    if release is None:
        return refusal(
            "python_min",
            f"choose one of {choices}",
            "choose a supported CPython",
            why=f"python_min {quoted(value)} is not a CPython release pyo3 supports: choose one of {choices}.",
        )
    if release.end_of_life:
        return refusal(
            "python_min",
            f"choose one of {choices}",
            "choose a supported CPython",
            why=f"python_min {value!r} is past end of life: choose one of {choices}.",
        )
    return ""


def python_versions(minimum: str) -> list[str]:
    """Every supported CPython from ``minimum`` to the newest, for CI and classifiers."""
    release = _release(minimum)
    if release is None:
        raise ValueError(check_python_min(minimum))
    return [r.version for r in CPYTHON_RELEASES if r.minor >= release.minor]


def free_threaded_versions(minimum: str) -> list[str]:
    """The free-threaded builds (``3.14t`` ...) a project with this minimum can support."""
    first = max(minor_number(minimum), minor_number(FREE_THREADED_SINCE))
    return [f"{r.version}t" for r in CPYTHON_RELEASES if r.minor >= first]


def abi3_feature(minimum: str) -> str:
    """pyo3's stable-ABI feature for a minimum Python: ``3.11`` -> ``abi3-py311``."""
    release = _release(minimum)
    if release is None:
        raise ValueError(check_python_min(minimum))
    return f"abi3-py{release.nodot}"


def stable_abi_features(minimum: str, *, free_threaded: bool) -> list[str]:
    """pyo3's stable-ABI features of an abi3 project.

    ``abi3-py3X`` gives one wheel for every regular CPython from the minimum
    on. With free-threaded support, ``abi3t-py315`` adds one wheel for every
    free-threaded CPython from 3.15 on (3.14t has no stable ABI and keeps a
    wheel of its own); pyo3 picks, for each interpreter, the ABI it can use.
    """
    features = [abi3_feature(minimum)]
    if free_threaded:
        features.append(f"abi3t-py{abi3t_minimum(minimum).replace('.', '')}")
    return features


def abi3t_minimum(minimum: str) -> str:
    """The oldest CPython an abi3t build of a project with this minimum serves."""
    return max(minimum, ABI3T_SINCE, key=minor_number)


def _release(version: str) -> PythonRelease | None:
    return next((r for r in CPYTHON_RELEASES if r.version == version), None)


def minor_number(version: str) -> int:
    """The minor number of ``3.X`` or of a free-threaded ``3.Xt``."""
    return int(version.removesuffix("t").split(".")[1])
