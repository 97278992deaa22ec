"""The production extras: optional tooling around the extension itself.

Each extra is one answer value of the ``extras`` multiselect; the docs site is
a choice of its own (``docs_site``) since its options exclude each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extra:
    key: str  # the answer value
    summary: str
    on_by_default: bool = False


EXTRAS: tuple[Extra, ...] = (
    Extra(
        "supply-chain",
        "cargo-deny (advisories, licenses, bans, sources) and pip-audit, weekly and on lock changes",
        on_by_default=True,
    ),
    Extra("coverage", "Rust (cargo-llvm-cov) and Python (pytest-cov) coverage: a just recipe and a CI job"),
    Extra("rust-toolchains", "CI against the declared minimum Rust (MSRV), and weekly against beta and nightly"),
    Extra("release-tooling", "`just bump VERSION`: the version and CHANGELOG.md updated together"),
    Extra(
        "pgo",
        "release wheels built with profile-guided optimisation where the runner runs them; `just build-pgo`",
    ),
    Extra(
        "bench-compare",
        "every pull request benchmarked against its base on one runner; a slowdown past a threshold fails",
    ),
    Extra(
        "generated-stubs",
        "the .pyi stubs generated from the Rust code (maturin generate-stubs); CI fails when they drift",
    ),
    Extra("conda", "a conda-forge style recipe (rattler-build recipe.yaml)"),
    Extra("docker", "a Dockerfile installing the built wheel into a slim Python image"),
)
EXTRAS_BY_KEY = {extra.key: extra for extra in EXTRAS}

DOCS_SITES: dict[str, str] = {
    "none: docs/index.md only": "none",
    "MkDocs with mkdocstrings: API pages from the stubs": "mkdocs",
    "Sphinx with sphinx-autoapi and MyST: API pages from the stubs": "sphinx",
}


def extra_choices() -> dict[str, str]:
    return {f"{extra.key}: {extra.summary}": extra.key for extra in EXTRAS}


def default_extras() -> list[str]:
    return [extra.key for extra in EXTRAS if extra.on_by_default]


def check_extras(keys: list[str], features: list[str] | None = None) -> str:
    unknown = sorted(set(keys) - set(EXTRAS_BY_KEY))
    if unknown:
        return f"extras has unknown entries {unknown}: choose from {', '.join(EXTRAS_BY_KEY)}."
    # rust-numpy gives its array types no type hint for pyo3's introspection,
    # so generated stubs would type every array as Any (`Incomplete`).
    if "generated-stubs" in keys and "numpy" in (features or []):
        return (
            "extras: generated-stubs cannot type numpy arrays yet (rust-numpy gives pyo3's"
            " introspection no type for them): drop generated-stubs to keep the hand-written"
            " stubs, or drop numpy from features."
        )
    return ""


def check_docs_site(value: str) -> str:
    if value not in DOCS_SITES.values():
        return f"docs_site must be one of {', '.join(DOCS_SITES.values())}, not {value!r}."
    return ""
