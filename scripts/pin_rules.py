"""Which release a pin moves to: the rules of scripts/refresh_pins.py, each written once.

A release is taken only if it is

- final: pre-releases (PEP 440 ``rc``/``b``/``a``/``dev``, semver ``-beta.1``,
  GitHub's "pre-release" flag) are what a project tries, not what a template
  starts new projects on;
- not yanked: its publisher withdrew it;
- at least ``cooldown_days`` old, the rendered Dependabot's cooldown
  (``pins.COOLDOWN_DAYS``): a compromised or broken release usually surfaces
  within days, and the template should not ship it to every new project first;
- buildable with the Rust the rendered projects declare (a crate whose
  ``rust-version`` is newer than ``pins.RUST_VERSION`` would break their
  MSRV job);
- installable on the oldest CPython a rendered project may support (a PyPI
  release whose ``Requires-Python`` leaves it out would break that project's
  lock: Sphinx 9.1 needs 3.12).

A move is *breaking* when the first non-zero part of the version changes
(``0.30 -> 0.31``, ``1.x -> 2.0``), as Cargo's caret reads it. It is still
written, but flagged, because it may need code changes in the template.
Calendar versions (``2026.10.20``) change their first part every year
without promising anything, so they are never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

# A first version part this large is a year: a calendar version.
CALENDAR_YEAR_FROM = 2000

# Crates coupled to pyo3: each depends on it and releases for each pyo3 minor
# (its own minor tracks pyo3's, or a range names it). Each moves to its newest
# release that accepts the pyo3 chosen, and pyo3 moves only to a minor every one
# of them accepts: two pyo3 versions in one build do not link (`links = "python"`).
PYO3_COUPLED = frozenset({"numpy", "serde-pyobject", "pyo3-log", "pyo3-async-runtimes"})


@dataclass(frozen=True)
class Release:
    """One published version, as a registry describes it."""

    version: str
    published: datetime | None
    yanked: bool = False
    prerelease: bool = False  # the registry's own flag (GitHub releases)
    rust_version: str | None = None
    requires_python: str | None = None  # PyPI: the release's Requires-Python
    # Cargo: the requirement of each normal (non-dev) dependency, by name.
    requires: dict[str, str] = field(default_factory=dict)


def parse(version: str) -> Version:
    """A version of any registry here, ``v`` prefix of a tag included."""
    return Version(version.removeprefix("v"))


def is_prerelease(release: Release) -> bool:
    if release.prerelease or "-" in release.version:  # semver pre-release
        return True
    try:
        return parse(release.version).is_prerelease
    except InvalidVersion:
        return True  # not a version at all (a tag such as "latest")


def _release_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+", maxsplit=1)[0]))


def rust_version_exceeds(needed: str | None, available: str) -> bool:
    return needed is not None and _release_tuple(needed) > _release_tuple(available)


def is_breaking(old: str, new: str) -> bool:
    """A change of the first non-zero version part (Cargo's caret rule)."""
    old_parts, new_parts = _release_tuple(old), _release_tuple(new)
    if old_parts and old_parts[0] >= CALENDAR_YEAR_FROM:
        return False
    for old_part, new_part in zip(old_parts, new_parts, strict=False):
        if old_part != new_part:
            return True
        if old_part != 0:
            return False
    return False


def excludes_python(requires_python: str | None, python: str) -> bool:
    if not requires_python:
        return False
    try:
        return not SpecifierSet(requires_python).contains(python)
    except InvalidSpecifier:
        return True


@dataclass(frozen=True)
class Rules:
    """What a release is measured against."""

    now: datetime
    cooldown_days: int
    rust_version: str  # the Rust the rendered projects declare
    python: str  # the oldest CPython a rendered project may support


def why_not(release: Release, rules: Rules) -> str | None:
    """Why a release cannot be taken, or None if it can."""
    if release.yanked:
        return "yanked"
    if is_prerelease(release):
        return "a pre-release"
    if release.published is None:
        return "no publication time"
    age = rules.now - release.published
    if age < timedelta(days=rules.cooldown_days):
        return f"{age.days} days old, under the {rules.cooldown_days}-day cooldown"
    if rust_version_exceeds(release.rust_version, rules.rust_version):
        return f"needs Rust {release.rust_version}, newer than the declared {rules.rust_version}"
    if excludes_python(release.requires_python, rules.python):
        return f"needs Python {release.requires_python}, not {rules.python}"
    return None


@dataclass(frozen=True)
class Choice:
    """What a pin should be: its newest acceptable release, and what was passed over."""

    current: str
    newest: str  # the newest acceptable release; the current one if none is newer
    passed_over: tuple[tuple[str, str], ...] = ()  # (version, reason), newer than `newest`

    @property
    def stale(self) -> bool:
        return parse(self.newest) > parse(self.current)

    @property
    def breaking(self) -> bool:
        return self.stale and is_breaking(self.current, self.newest)


def choose(current: str, releases: list[Release], rules: Rules, accept: dict[str, str] | None = None) -> Choice:
    """The newest release that passes every rule (and, with ``accept``, whose
    requirement on each named crate admits the given version of it)."""
    passed_over: list[tuple[str, str]] = []
    for release in sorted(releases, key=lambda r: _sort_key(r.version), reverse=True):
        if _sort_key(release.version) <= _sort_key(current):
            break
        reason = why_not(release, rules)
        for crate, version in (accept or {}).items():
            if reason is None and not cargo_requirement_admits(release.requires.get(crate, "*"), version):
                reason = f"requires {crate} {release.requires[crate]}, not {version}"
        if reason is None:
            return Choice(current, release.version, tuple(passed_over))
        passed_over.append((release.version, reason))
    return Choice(current, current, tuple(passed_over))


def is_newer(version: str, than: str) -> bool:
    return _sort_key(version) > _sort_key(than)


def _sort_key(version: str) -> tuple[int, ...]:
    try:
        return parse(version).release
    except InvalidVersion:
        return ()


def acceptable(releases: list[Release], rules: Rules, at_least: str) -> list[Release]:
    """Every release from ``at_least`` on that passes the rules, newest first."""
    floor = _sort_key(at_least)
    return sorted(
        (r for r in releases if _sort_key(r.version) >= floor and why_not(r, rules) is None),
        key=lambda r: _sort_key(r.version),
        reverse=True,
    )


# Cargo's version requirements (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html).
_COMPARATOR = re.compile(r"^\s*(\^|~|=|>=|<=|>|<)?\s*(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?\s*$")


def cargo_requirement_admits(requirement: str, version: str) -> bool:
    """Whether a Cargo requirement such as ``^0.30``, ``>=0.27.0`` or
    ``>=0.21, <0.30`` admits a (final) version."""
    wanted = _release_tuple(version)[:3]
    wanted += (0,) * (3 - len(wanted))
    for comparator in requirement.split(","):
        if comparator.strip() in {"*", ""}:
            continue
        match = _COMPARATOR.match(comparator)
        if match is None:
            return False
        op = match.group(1) or "^"
        given = [int(p) for p in match.groups()[1:] if p not in {None, "*"}]
        if not _admits(op, given, wanted):
            return False
    return True


def _admits(op: str, given: list[int], wanted: tuple[int, ...]) -> bool:
    low = (*given, *(0,) * (3 - len(given)))
    if op in {"^", "~"}:
        if op == "~":
            significant = min(len(given), 2) if len(given) > 1 else 1
        else:
            # The first non-zero part, or the last one given, must not change.
            significant = next((i + 1 for i, part in enumerate(given) if part != 0), len(given))
        return wanted >= low and wanted[:significant] == low[:significant]
    if op == "=":
        return wanted[: len(given)] == tuple(given)
    prefix = wanted[: len(given)]
    return {
        ">=": wanted >= low,
        ">": prefix > tuple(given),
        "<=": prefix <= tuple(given),
        "<": wanted < low,
    }[op]
