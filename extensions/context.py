"""Values the template derives from the answers, computed in one place.

``derive`` is plain Python so it can be unit-tested without Copier; the Jinja
glue in ``jinja.py`` merges its result into every render context.
"""

from __future__ import annotations

import functools
import json
import posixpath
from typing import TYPE_CHECKING, Any

from . import pins, publishing, threads
from .features import PYODIDE_LEFT_OUT, feature_cfgs, feature_map, selected_features
from .identity import repository
from .interpreters import selected_interpreters
from .licenses import license_for
from .names import rust_identifier
from .platforms import PYODIDE
from .stubs import GENERATED_STUBS, TEMPLATE_MARKER, USER_MARKER, stub_files
from .supply_chain import license_policy
from .user_files import bindings_src, user_files
from .versions import abi3t_minimum, cargo_version, free_threaded_versions, python_versions, stable_abi_features
from .wheel_tests import PYTHON_IMAGE
from .workflows import (
    BuildChoices,
    Pythons,
    build_interpreters,
    ci_push_cost,
    own_jobs,
    packaging_paths,
    setup_python_order,
    test_plan,
    test_pythons,
    test_runners,
    wheel_builds,
    wheel_jobs,
    wheel_matrix,
    wheel_matrix_keys,
    wheel_serves,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

# The answers ``derive`` reads. Copier also renders question defaults with the
# same extensions, before every answer exists; derive waits until they do.
REQUIRED_ANSWERS = (
    "pypi_name",
    "import_name",
    "crate_name",
    "repository_url",
    "license",
    "initial_version",
    "layout",
    "example",
    "python_min",
    "abi3",
    "free_threaded",
    "wheel_platforms",
    "manylinux",
    "other_interpreters",
    "publish",
    "features",
    "build_info",
    "version_source",
    "extras",
    "docs_site",
)
# Answers of questions asked only after some others (their `when`): absent
# from the context when not asked, so read with a default.
OPTIONAL_ANSWERS = {"private_index_url": ""}

# The submodules the template gives the extension module in the workspace
# layout: the example's, and the build's facts (when there are any).
EXAMPLE_SUBMODULE = "stats"
INFO_SUBMODULE = "info"


def derive_cached(answers: Mapping[str, Any]) -> dict[str, Any]:
    """``derive``, computed once per set of answers.

    Copier builds a context for every file and every string it renders, a few
    hundred per project; the answers do not change between them.
    """
    key = tuple((name, _frozen(answers[name])) for name in REQUIRED_ANSWERS)
    key += tuple((name, answers.get(name, default)) for name, default in OPTIONAL_ANSWERS.items())
    return _derive_frozen(key)


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@functools.lru_cache(maxsize=64)
def _derive_frozen(key: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return derive({name: list(value) if isinstance(value, tuple) else value for name, value in key})


def derive(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Everything templates need beyond the raw answers."""
    import_name: str = answers["import_name"]
    example: bool = answers["example"]
    workspace = answers["layout"] == "workspace"
    python_package = answers["layout"] != "rust-only"
    pythons = python_versions(answers["python_min"])
    free_threaded = free_threaded_versions(answers["python_min"]) if answers["free_threaded"] else []
    core_crate = f"{answers['crate_name']}-core"
    example_crate = f"{answers['crate_name']}-stats"
    bindings_dir = "crates/python" if workspace else "."
    rust_src = bindings_src(answers["layout"])
    pyodide = PYODIDE in answers["wheel_platforms"]
    # The example's pure-Rust core is a crate of its own in the workspace: the
    # features' core parts (serde's derives) go there; without the example,
    # every feature crate is the bindings crate's.
    features = feature_map(
        answers["features"], workspace=workspace and example, core_crate=example_crate, pyodide=pyodide
    )
    builds = wheel_builds(answers["python_min"], abi3=answers["abi3"], free_threaded=answers["free_threaded"])
    plan = test_plan(answers["python_min"], abi3=answers["abi3"], free_threaded=answers["free_threaded"])
    supported = Pythons(answers["python_min"], abi3=answers["abi3"], free_threaded=answers["free_threaded"])
    jobs = wheel_jobs(
        answers["wheel_platforms"],
        answers["manylinux"],
        supported,
        answers["features"],
        BuildChoices(pgo="pgo" in answers["extras"], other_interpreters=tuple(answers["other_interpreters"])),
    )
    wheel_tags = [tag for build in builds for tag in build.tags]
    own = own_jobs(answers["wheel_platforms"], answers["manylinux"], supported)
    example_api = stats_api(answers["features"]) if example else []
    info_api = sorted(
        (["compiled_features"] if answers["features"] else []) + (["build_info"] if answers["build_info"] else [])
    )
    # The template's submodules in the workspace layout, each with its API.
    submodule_apis = {name: api for name, api in ((EXAMPLE_SUBMODULE, example_api), (INFO_SUBMODULE, info_api)) if api}
    submodules = sorted(submodule_apis)
    return {
        "pins": pins,
        "workspace": workspace,
        # A Python package in front (mixed, workspace) or the bare module.
        "python_package": python_package,
        # The compiled module: private ``pkg._core`` under a Python package,
        # or the whole package in the rust-only layout.
        "native_module": "_core" if python_package else import_name,
        "native_module_path": f"{import_name}._core" if python_package else import_name,
        # The template's submodules of the compiled module (workspace layout).
        "python_submodules": submodules if workspace else [],
        # Where the Rust lives: one crate at the root, or a workspace of
        # pure-Rust crates (the user's core, the example's) and the bindings
        # crate maturin builds.
        "bindings_dir": bindings_dir,
        "bindings_src": rust_src,
        "project_root_from_bindings": posixpath.relpath(".", bindings_dir),
        "build_script": posixpath.normpath(f"{bindings_dir}/build.rs"),
        # The example's pure-Rust part: a crate of the workspace, or a module
        # of the template's part of the bindings.
        "example_core_source": "crates/stats/src/lib.rs" if workspace else "src/template/stats.rs",
        "core_crate": core_crate,
        "core_ident": rust_identifier(core_crate),
        "example_crate": example_crate,
        "example_ident": rust_identifier(example_crate),
        "fm": features,
        "fm_features": selected_features(answers["features"]),
        # Each chosen feature's `#[cfg(...)]` predicate (Pyodide's wheel goes without some).
        "feature_cfg": feature_cfgs(answers["features"], pyodide=pyodide),
        # The Python API the template adds: the example's (with each
        # feature's functions) and the build's facts.
        "stats_api": example_api,
        # The example's functions that come with a feature, by name: their feature.
        "api_features": api_features(answers["features"]) if example else {},
        "info_api": info_api,
        # The names the template adds at the top of the compiled module
        # (the workspace layout puts them in submodules instead).
        "template_api": [] if workspace else sorted(example_api + info_api),
        "crate_ident": rust_identifier(answers["crate_name"]),
        "cargo_version": cargo_version(answers["initial_version"]),
        "python_versions": pythons,
        "python_newest": pythons[-1],
        "free_threaded_versions": free_threaded,
        # The first CPython the free-threaded stable ABI (abi3t) serves.
        "abi3t_minimum": abi3t_minimum(answers["python_min"]),
        "pyo3_features": (
            stable_abi_features(answers["python_min"], free_threaded=answers["free_threaded"])
            if answers["abi3"]
            else []
        ),
        # pyo3's introspection, which `maturin generate-stubs` reads (generated-stubs extra)
        "generated_stubs": GENERATED_STUBS in answers["extras"],
        "stub_files": (
            stub_files(
                answers["layout"],
                template_api=sorted(example_api + info_api),
                submodules=submodule_apis if workspace else {},
            )
            if GENERATED_STUBS in answers["extras"]
            else []
        ),
        "stub_markers": {"template": TEMPLATE_MARKER, "user": USER_MARKER},
        # The stub of the top module, where the user's stubs go below USER_MARKER.
        "user_stub": user_files(answers["layout"], import_name)["your stubs, below their marker line"],
        "license_files": license_for(answers["license"]).files,
        "repo": repository(answers["repository_url"]),
        "classifiers": classifiers(pythons, free_threaded=bool(free_threaded)),
        # CI and release workflows
        "actions": pins.ACTIONS,
        "test_runners": test_runners(),
        "test_pythons": test_pythons(answers["python_min"], free_threaded=answers["free_threaded"]),
        # Which OS x Python pairs test.yml tests per push and in full, and how.
        "test_plan": plan,
        "test_exclude": {full: _compact_json(plan.excluded(full=full)) for full in (False, True)},
        "test_exclude_entries": {full: [_compact_json(e) for e in plan.excluded(full=full)] for full in (False, True)},
        # ci.yml's jobs a push starts (lint and All green, the extras' jobs) and what they cost.
        "push_cost": {
            full: ci_push_cost(
                plan, linux_jobs=2 + len({"coverage", "rust-toolchains"} & set(answers["extras"])), full=full
            )
            for full in (False, True)
        },
        # What setup-python installs where test.yml builds the wheels: free-threaded first.
        "test_build_pythons": setup_python_order(build_interpreters(builds)),
        # What a release build reads: the pull requests that change one run release.yml.
        "packaging_paths": packaging_paths(pgo="pgo" in answers["extras"]),
        # pytest-run-parallel's options for the free-threaded test runs
        "thread_stress": threads.PYTEST_OPTIONS,
        "thread_stress_threads": threads.THREADS,
        # One job a platform, each with its maturin runs and the wheels they must give.
        "wheel_jobs": jobs,
        # Their matrix: the same properties on every row, empty where a row has no use for one.
        "wheel_matrix": wheel_matrix(jobs),
        "wheel_matrix_keys": wheel_matrix_keys(jobs),
        "any_threaded": any(job.interpreters("free-threaded") for job in jobs),
        "any_pgo": any(job.pgo for job in jobs),
        "any_others": any(job.others for job in jobs),
        # Pyodide and Android: a release job each, one CPython, one wheel.
        "own_jobs": own,
        "pyodide": pyodide,
        "pyodide_job": next((job for job in own if job.platform.key == PYODIDE), None),
        "android_jobs": [job for job in own if job.platform.os == "android"],
        "pyodide_left_out": PYODIDE_LEFT_OUT,
        # PyPy and GraalPy wheels, with the platforms that get them.
        "others_served": [
            (i, [job.platform for job in jobs if i in job.others])
            for i in selected_interpreters(list(answers["other_interpreters"]))
        ],
        # The official image a wheel of the minimum Python is tested in by hand.
        "python_test_image": PYTHON_IMAGE.format(version=answers["python_min"]),
        # One maturin run per kind of CPython build, each with the wheels it
        # must give: every platform's, but where a feature limits one (a
        # job's threaded_limit).
        "wheel_builds": builds,
        "wheel_tags": wheel_tags,
        "wheels_served": [(tag, wheel_serves(tag)) for tag in wheel_tags],
        # Where `just bump` writes the version: (file, TOML table, spelling).
        "version_locations": version_locations(answers["version_source"], workspace=workspace),
        # Where `just docs` writes the site.
        "docs_output": {"mkdocs": "site", "sphinx": "docs/_build/html"}.get(answers["docs_site"], ""),
        "license_policy": license_policy(answers["license"], answers["features"]),
        # Where the publish job uploads (None for publish `none`): PyPI, TestPyPI or a private index.
        "index": publishing.index(
            answers["publish"],
            answers["pypi_name"],
            answers.get("private_index_url", OPTIONAL_ANSWERS["private_index_url"]),
        ),
        "private_index": {
            "environment": publishing.PRIVATE_ENVIRONMENT,
            "token": publishing.TOKEN_SECRET,
            "username": publishing.USERNAME_VARIABLE,
            "default_username": publishing.DEFAULT_USERNAME,
        },
    }


def _compact_json(value: object) -> str:
    """JSON without the spaces after `:` and `,`: a YAML plain scalar may not hold ": "."""
    return json.dumps(value, separators=(",", ":"))


def version_locations(version_source: str, *, workspace: bool) -> list[tuple[str, str, str]]:
    """Every place the version is written; Cargo.toml always holds one, in Cargo's spelling."""
    cargo = ("Cargo.toml", "workspace.package" if workspace else "package", "cargo")
    return [cargo, ("pyproject.toml", "project", "pep440")] if version_source == "pyproject" else [cargo]


# The functions each feature adds to the example API.
FEATURE_API: dict[str, tuple[str, ...]] = {
    "numpy": ("mean_array", "standardize"),
    "parallel": ("sum_of_squares",),
    "logging": ("logged_mean",),
    "async": ("mean_later",),
}


def stats_api(feature_keys: list[str]) -> list[str]:
    """The statistics API of the extension: the base example plus each feature's functions."""
    names = ["RunningStats", "StatsError", "mean"]
    names += [name for key in feature_keys for name in FEATURE_API.get(key, ())]
    return sorted(names)


def api_features(feature_keys: list[str]) -> dict[str, str]:
    """The example's functions that a feature adds, each with that feature."""
    return {name: key for key in feature_keys for name in FEATURE_API.get(key, ())}


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
