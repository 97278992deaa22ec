"""The production extras: optional tooling around the extension itself.

Each extra is one answer value of the ``extras`` multiselect; the docs site is
a choice of its own (``docs_site``) since its options exclude each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import quoted, refusal


@dataclass(frozen=True)
class Extra:
    key: str  # the answer value
    summary: str
    on_by_default: bool = False


EXTRAS: tuple[Extra, ...] = (
    Extra(
        "supply-chain",
        "cargo-deny and pip-audit, weekly and when the locks change",
        on_by_default=True,
    ),
    Extra("coverage", "Rust and Python coverage (cargo-llvm-cov, pytest-cov), CI job"),
    Extra("rust-toolchains", "CI on the minimum Rust (MSRV), weekly on beta and nightly"),
    Extra("release-tooling", "`just bump VERSION` updates versions and CHANGELOG.md"),
    Extra(
        "pgo",
        "release wheels built with profile-guided optimisation (just build-pgo)",
    ),
    Extra(
        "bench-compare",
        "pull requests benchmarked against their base; slowdowns fail",
    ),
    Extra(
        "generated-stubs",
        ".pyi stubs generated from the Rust code; CI checks drift",
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
        return refusal(
            "extras",
            "choose from the offered extras",
            why=f"extras has unknown entries {unknown}: choose from {', '.join(EXTRAS_BY_KEY)}.",
        )
    # rust-numpy gives its array types no type hint for pyo3's introspection,
    # so generated stubs would type every array as Any (`Incomplete`).
    if "generated-stubs" in keys and "numpy" in (features or []):
        return refusal(
            "extras",
            "drop generated-stubs (numpy is chosen)",
            "drop generated-stubs",
            why=(
                "extras has generated-stubs, which cannot type numpy arrays yet (rust-numpy gives pyo3's "
                "introspection no type for them), and features has numpy: drop generated-stubs to keep "
                "the hand-written stubs, or drop numpy from features."
            ),
        )
    return ""


def check_docs_site(value: str) -> str:
    if value not in DOCS_SITES.values():
        return refusal(
            "docs_site",
            f"choose {', '.join(DOCS_SITES.values())}",
            "choose an offered site",
            why=f"docs_site {quoted(value)} is not offered: choose one of {', '.join(DOCS_SITES.values())}.",
        )
    return ""
