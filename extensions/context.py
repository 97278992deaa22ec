"""Values the template derives from the answers, computed in one place.

``derive`` is plain Python so it can be unit-tested without Copier; the Jinja
glue in ``jinja.py`` merges its result into every render context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import pins
from .identity import repository
from .licenses import license_for
from .names import rust_identifier
from .versions import abi3_feature, cargo_version, free_threaded_versions, python_versions
from .workflows import build_interpreters, test_pythons, test_runners, wheel_jobs

if TYPE_CHECKING:
    from collections.abc import Mapping

# The answers ``derive`` reads. Copier also renders question defaults with the
# same extensions, before every answer exists; derive waits until they do.
REQUIRED_ANSWERS = (
    "import_name",
    "crate_name",
    "repository_url",
    "license",
    "initial_version",
    "layout",
    "python_min",
    "abi3",
    "free_threaded",
    "wheel_platforms",
    "manylinux",
    "publish",
)


def derive(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Everything templates need beyond the raw answers."""
    import_name: str = answers["import_name"]
    mixed = answers["layout"] == "mixed"
    pythons = python_versions(answers["python_min"])
    free_threaded = free_threaded_versions(answers["python_min"]) if answers["free_threaded"] else []
    return {
        "pins": pins,
        "mixed": mixed,
        # The compiled module: private ``pkg._core`` under a Python package,
        # or the whole package in the rust-only layout.
        "native_module": "_core" if mixed else import_name,
        "native_module_path": f"{import_name}._core" if mixed else import_name,
        "crate_ident": rust_identifier(answers["crate_name"]),
        "cargo_version": cargo_version(answers["initial_version"]),
        "python_versions": pythons,
        "python_newest": pythons[-1],
        "free_threaded_versions": free_threaded,
        "pyo3_features": [abi3_feature(answers["python_min"])] if answers["abi3"] else [],
        "license_files": license_for(answers["license"]).files,
        "repo": repository(answers["repository_url"]),
        "classifiers": classifiers(pythons, free_threaded=bool(free_threaded)),
        # CI and release workflows
        "actions": pins.ACTIONS,
        "test_runners": test_runners(),
        "test_pythons": test_pythons(answers["python_min"], free_threaded=answers["free_threaded"]),
        "wheel_jobs": wheel_jobs(answers["wheel_platforms"], answers["manylinux"]),
        "build_interpreters": build_interpreters(
            answers["python_min"], abi3=answers["abi3"], free_threaded=answers["free_threaded"]
        ),
        "index_url": {"pypi": "https://pypi.org", "testpypi": "https://test.pypi.org", "none": ""}[answers["publish"]],
    }


def classifiers(pythons: list[str], *, free_threaded: bool) -> list[str]:
    """Trove classifiers; no license classifier, PEP 639's ``license`` replaces it."""
    lines = [
        "Development Status :: 3 - Alpha",
        "Intended Audience :: Developers",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        *(f"Programming Language :: Python :: {version}" for version in pythons),
        "Programming Language :: Python :: Implementation :: CPython",
        "Programming Language :: Rust",
        "Typing :: Typed",
    ]
    if free_threaded:
        lines.insert(-3, "Programming Language :: Python :: Free Threading :: 3 - Stable")
    return lines


def has_required_answers(context: Mapping[str, Any]) -> bool:
    return all(name in context for name in REQUIRED_ANSWERS)
