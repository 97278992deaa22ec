"""Names a rendered project already uses, which its own names must not take.

Each class comes from the template's own data, never from a second list
kept by hand:

- the standard library and keywords of every supported CPython, read from
  each interpreter by scripts/stdlib_modules.py (data/stdlib_modules.json);
- the project's dependencies: the direct ones from pins.py and features.py,
  the ones they bring from real resolutions, read by
  scripts/dependency_names.py (data/dependency_names.json), which also
  holds the modules each installs and the modules ``.pth`` files import;
- the files the template renders (PROJECT_FILES), which a test derives from
  the template tree.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import pins
from .features import FEATURES
from .versions import supported_minimums

_DATA = Path(__file__).resolve().parent / "data"


def normalise(name: str) -> str:
    """PEP 503: runs of ``-``, ``_`` and ``.`` are one ``-``, case does not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _load(name: str) -> dict[str, object]:
    loaded = json.loads((_DATA / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


# ------------------------------------------------------------- CPython itself
@functools.cache
def _pythons() -> dict[str, dict[str, list[str]]]:
    pythons = _load("stdlib_modules.json")["pythons"]
    assert isinstance(pythons, dict)
    return {version: pythons[version] for version in supported_minimums()}


@functools.cache
def stdlib_modules() -> dict[str, list[str]]:
    """Every standard-library module of a supported CPython, with the versions that have it."""
    found: dict[str, list[str]] = {}
    for version, entry in _pythons().items():
        for module in entry["modules"]:
            found.setdefault(module, []).append(version)
    # CPython installs its own test suite as the `test` package;
    # sys.stdlib_module_names leaves it out on purpose.
    found.setdefault("test", list(_pythons()))
    return found


@functools.cache
def python_keywords() -> frozenset[str]:
    """Hard and soft keywords of every supported CPython (3.15 adds `lazy`)."""
    return frozenset(word for entry in _pythons().values() for word in entry["keywords"] + entry["soft_keywords"])


def versions_text(versions: list[str]) -> str:
    """``3.11`` ... ``3.15`` as "Python 3.11 to 3.15", or the versions one by one."""
    every = supported_minimums()
    if versions == every:
        return f"Python {every[0]} to {every[-1]}"
    if len(versions) > 1 and every[every.index(versions[0]) : every.index(versions[-1]) + 1] == versions:
        return f"Python {versions[0]} to {versions[-1]}"
    return "Python " + ", ".join(versions)


# Modules imported by name without the project asking: Python's site module
# imports these two at startup when they exist anywhere on sys.path, and
# packaging (pip's wheel-tag logic) imports `_manylinux` to learn which
# manylinux wheels the system takes (PEP 600). The modules that `.pth` files
# import at startup (uv's venvs, installed wheels) come from the data file.
_IMPORTED_BY_ITSELF: dict[str, str] = {
    "sitecustomize": "Python's site module imports it at startup",
    "usercustomize": "Python's site module imports it at startup",
    "_manylinux": "pip imports it to pick the manylinux wheels (PEP 600)",
}


@functools.cache
def startup_modules() -> dict[str, str]:
    """Modules Python or the installers import by themselves, and why."""
    found = dict(_IMPORTED_BY_ITSELF)
    pth = _load("dependency_names.json")["startup_modules"]
    assert isinstance(pth, dict)
    for module, source in pth.items():
        found.setdefault(module, f"{source} imports it whenever Python starts")
    return found


# --------------------------------------------------------------- dependencies
def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return normalise(match.group())


@functools.cache
def direct_python_dependencies() -> dict[str, str]:
    """The Python distributions a rendered project names, each with its role."""
    roles = {normalise(name): "a development dependency of the project" for name in pins.DEV_TOOLS}
    roles["twine"] = "a development dependency of the project"
    for site, tools in pins.DOCS_TOOLS.items():
        for name in tools:
            roles.setdefault(normalise(name), f"a docs dependency of the project ({site})")
    roles[_requirement_name(pins.MATURIN_REQUIREMENT)] = "the build backend of the project"
    for feature in FEATURES:
        for requirement in feature.test_requirements:
            roles[_requirement_name(requirement)] = f"a test dependency of the {feature.key} feature"
    return roles


@functools.cache
def direct_crates() -> dict[str, str]:
    """The crates a rendered project names, each with its role."""
    roles = {"pyo3": "the bindings crate's dependency"}
    for feature in FEATURES:
        for crate in (*feature.bindings_crates, *feature.core_crates):
            roles[crate.name] = f"a crate of the {feature.key} feature"
    return roles


@dataclass(frozen=True)
class Dependency:
    name: str
    role: str  # "a development dependency of the project", "a dependency of pytest, ..."
    modules: tuple[str, ...] = ()


@functools.cache
def python_dependencies() -> dict[str, Dependency]:
    """Every distribution a rendered project installs, by normalised name."""
    data = _load("dependency_names.json")["python"]
    assert isinstance(data, dict)
    direct = direct_python_dependencies()
    found: dict[str, Dependency] = {}
    for name, entry in data.items():
        via = entry["via"]
        role = direct.get(name) or f"a dependency of {via}, {direct.get(via, 'which the project uses')}"
        found[normalise(name)] = Dependency(name, role, tuple(entry["modules"]))
    for name, role in direct.items():  # named by a pin even before the data file is refreshed
        found.setdefault(name, Dependency(name, role, (name.replace("-", "_"),)))
    return found


@functools.cache
def dependency_modules() -> dict[str, Dependency]:
    """Every top-level module the dependencies install, with the distribution it comes from."""
    return {module: dep for dep in python_dependencies().values() for module in dep.modules}


@functools.cache
def crates() -> dict[str, Dependency]:
    """Every crate a rendered project builds, by its Rust identifier (``-`` read as ``_``)."""
    data = _load("dependency_names.json")["rust"]
    assert isinstance(data, dict)
    direct = direct_crates()
    found: dict[str, Dependency] = {}
    for name, via in data.items():
        role = direct.get(name) or f"a crate {via} depends on"
        found[name.replace("-", "_")] = Dependency(name, role)
    for name, role in direct.items():
        found.setdefault(name.replace("-", "_"), Dependency(name, role))
    return found


# ---------------------------------------------------------- the project itself
# Import names that would make two template files render to one path:
# tests/test_{import_name}.py is one of the test files the answers add.
# tests/unit/test_taken_names.py renders the template tree's paths and fails
# when this differs from what it finds.
PATH_COLLISIONS: dict[str, str] = {
    "async": "tests/test_async.py",
    "build_info": "tests/test_build_info.py",
    "bump_version": "tests/test_bump_version.py",
    "compare_benchmarks": "tests/test_compare_benchmarks.py",
    "example": "tests/test_example.py",
    "features": "tests/test_features.py",
    "free_threading": "tests/test_free_threading.py",
    "logging": "tests/test_logging.py",
    "numpy": "tests/test_numpy.py",
    "parallel": "tests/test_parallel.py",
    "serde": "tests/test_serde.py",
    "submodules": "tests/test_submodules.py",
    "version": "tests/test_version.py",
}
# Modules the project's own files put on sys.path, where they would shadow
# the package or be shadowed by it: its top-level folders (Python runs from
# the project root), the scripts (pytest's pythonpath), the test and
# benchmark modules (pytest puts their folders first on sys.path) and the
# noxfile; and the folders its tools write (build output, the docs site,
# coverage reports). The same test derives the first part from the template tree.
PROJECT_MODULES: dict[str, str] = {
    **dict.fromkeys(("benchmarks", "crates", "docs", "python", "recipe", "scripts", "src", "tests"), "a folder"),
    **dict.fromkeys(("dist", "site", "target", "coverage"), "a folder its tools write"),
    **dict.fromkeys(("check_dist", "bump_version", "compare_benchmarks", "pgo_train", "stubs"), "a script"),
    **dict.fromkeys(
        (
            "test_benchmarks",
            "test_build_info",
            "test_bump_version",
            "test_compare_benchmarks",
            "test_example",
            "test_example_benchmarks",
            "test_features",
            "test_async",
            "test_free_threading",
            "test_logging",
            "test_numpy",
            "test_parallel",
            "test_serde",
            "test_submodules",
            "test_version",
        ),
        "a test module",
    ),
    "noxfile": "its nox configuration",
}
# Device names Windows reserves in every folder: no package folder can have one.
WINDOWS_RESERVED = frozenset(
    {"aux", "con", "nul", "prn", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
