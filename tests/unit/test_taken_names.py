"""The taken-name data against where it comes from: interpreters, pins, rendered manifests, the template tree."""

from __future__ import annotations

import json
import keyword
import posixpath
import re
import sys
import tomllib
from typing import TYPE_CHECKING, Any

import jinja2
import pytest
import stdlib_modules
from helpers import ROOT, preset_answers, render

from extensions import names, pins
from extensions import taken_names as taken
from extensions.context import derive
from extensions.features import FEATURES
from extensions.versions import default_minimum, supported_minimums

if TYPE_CHECKING:
    from pathlib import Path

DATA = ROOT / "extensions" / "data"


# ---------------------------------------------------------------- CPython
def _stdlib_data() -> dict[str, dict[str, Any]]:
    pythons = json.loads((DATA / "stdlib_modules.json").read_text(encoding="utf-8"))["pythons"]
    assert isinstance(pythons, dict)
    return pythons


def test_the_stdlib_file_has_every_supported_python() -> None:
    assert sorted(_stdlib_data()) == supported_minimums(), "run scripts/stdlib_modules.py"


def test_the_stdlib_file_matches_the_python_running_the_suite() -> None:
    entry = _stdlib_data()[f"{sys.version_info.major}.{sys.version_info.minor}"]
    assert entry["modules"] == sorted(sys.stdlib_module_names)
    assert entry["keywords"] == keyword.kwlist
    assert entry["soft_keywords"] == keyword.softkwlist


@pytest.mark.parametrize("version", supported_minimums())
def test_the_stdlib_file_matches_every_other_python_this_machine_has(version: str) -> None:
    """pyenv's builds and the Debian forky root of the test suite's cache, where this machine has them.

    The file's 3.12 came from pyenv's 3.12.1 (no Debian suite carries 3.12),
    3.14 and 3.15 from a forky root; a machine without them checks what it has.
    """
    for command in stdlib_modules.commands(version, stdlib_modules.cached_roots()):
        found = stdlib_modules.read(version, command)
        if found is not None:
            full, lists = found
            entry = _stdlib_data()[version]
            assert {key: entry[key] for key in lists} == lists, f"CPython {full} ({command[-1]}) differs"
            return
    # No such CPython here (Debian carries no 3.12): the list must at least lie between its
    # neighbours', as a standard library changes a few modules a release.
    versions = supported_minimums()
    index = versions.index(version)
    neighbours = [set(_stdlib_data()[v]["modules"]) for v in versions[max(index - 1, 0) : index + 2] if v != version]
    modules = set(_stdlib_data()[version]["modules"])
    assert set.intersection(*neighbours) - modules <= _REMOVED_IN.get(version, set()), version
    assert modules - set.union(*neighbours) <= _ADDED_IN.get(version, set()), version


# What a release removed from, or added to, the standard library of both its neighbours.
# (The oldest and the newest have one neighbour; 3.11 runs the suite.)
_REMOVED_IN: dict[str, set[str]] = {"3.15": {"sre_compile", "sre_constants", "sre_parse"}}
_ADDED_IN: dict[str, set[str]] = {"3.15": {"_math_integer", "profiling"}}


# ------------------------------------------------------------ dependencies
def _dependency_data() -> dict[str, Any]:
    loaded = json.loads((DATA / "dependency_names.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_every_pinned_dependency_is_in_the_data_file() -> None:
    """A pin added without `uv run python scripts/dependency_names.py` fails here."""
    data = _dependency_data()
    for name in taken.direct_python_dependencies():
        assert name in data["python"], f"{name}: run scripts/dependency_names.py"
    for name in taken.direct_crates():
        assert name in data["rust"], f"{name}: run scripts/dependency_names.py"


def _full_projects(tmp: Path) -> list[Path]:
    answers = {**preset_answers("full"), "extras": [*preset_answers("full")["extras"], "generated-stubs"]}
    answers["features"] = [f for f in answers["features"] if f != "numpy"]  # generated-stubs refuses numpy
    return [
        render(tmp / "full-mkdocs", {**preset_answers("full")}),
        render(tmp / "stubs-sphinx", {**answers, "docs_site": "sphinx", "layout": "mixed"}),
    ]


def _requirement_names(requirements: list[Any]) -> set[str]:
    return {taken.normalise(re.match(r"[A-Za-z0-9._-]+", r)[0]) for r in requirements if isinstance(r, str)}  # type: ignore[index]


def test_every_dependency_a_rendered_project_names_is_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    """From the rendered manifests, not the pins: a dependency the template writes by hand is caught too."""
    python: set[str] = set()
    crates: set[str] = set()
    for project in _full_projects(tmp_path_factory.mktemp("deps")):
        pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
        python |= _requirement_names(pyproject["build-system"]["requires"])
        python |= _requirement_names(pyproject["project"]["dependencies"])
        for group in pyproject["dependency-groups"].values():
            python |= _requirement_names(group)
        for manifest in project.rglob("Cargo.toml"):
            cargo = tomllib.loads(manifest.read_text(encoding="utf-8"))
            for table in (cargo, cargo.get("workspace", {}), *cargo.get("target", {}).values()):
                for kind in ("dependencies", "dev-dependencies", "build-dependencies"):
                    crates |= set(table.get(kind, {}))
        crates -= {"full-stats", "full-stats-core", "full-stats-stats", "stubs-sphinx"}
    assert python, "no Python dependency read"
    for name in sorted(python):
        assert names.check_distribution_name(name) != "", name
    assert "pyo3" in crates
    for crate in sorted(crates):
        assert names.check_crate_name(crate) != "", crate


def test_roles_come_from_the_pins() -> None:
    roles = taken.direct_python_dependencies()
    assert set(pins.DEV_TOOLS) <= set(roles)
    assert {taken.normalise(name) for tools in pins.DOCS_TOOLS.values() for name in tools} <= set(roles)
    assert roles["numpy"] == "a test dependency of the numpy feature"
    assert {crate.name for f in FEATURES for crate in (*f.bindings_crates, *f.core_crates)} <= set(
        taken.direct_crates()
    )


# ------------------------------------------------------------ the template tree
_SENTINEL = "zqxsentinel"


def _answer_sets() -> list[dict[str, Any]]:
    full = {"python_min": default_minimum(), "initial_version": "0.1.0", "example": True, **preset_answers("full")}
    sets = []
    for layout in ("mixed", "rust-only", "workspace"):
        for docs_site in ("mkdocs", "sphinx"):
            answers = {**full, "layout": layout, "docs_site": docs_site, "crate_name": "probe"}
            answers["extras"] = [*full["extras"], "generated-stubs"]
            sets.append(answers)
    return sets


def _rendered_paths(answers: dict[str, Any], module: str) -> set[str]:
    """The paths the template tree renders to with these answers, as Copier names them."""
    context = {**answers, "import_name": module}
    context |= derive(context)
    context["_copier_conf"] = {"answers_file": ".copier-answers.yml"}
    # Copier's own undefined: a missing attribute (license_files.bsd3) renders "", so no file.
    environment = jinja2.Environment(autoescape=False)
    template = ROOT / "template"
    paths = set()
    for source in template.rglob("*"):
        if source.is_dir():
            continue
        parts = [environment.from_string(part).render(context) for part in source.relative_to(template).parts]
        if all(parts):
            paths.add(posixpath.normpath("/".join(parts)).removesuffix(".jinja"))
    return paths


def test_path_collisions_are_the_ones_the_template_tree_has() -> None:
    """Every import name that makes two template files render to one path, and no other."""
    found: dict[str, str] = {}
    for answers in _answer_sets():
        paths = _rendered_paths(answers, _SENTINEL)
        for path in (p for p in paths if _SENTINEL in p):
            pattern = re.compile(re.escape(path).replace(_SENTINEL, "([a-z_][a-z0-9_]*)"))
            for other in paths - {path}:
                if match := pattern.fullmatch(other):
                    found[match[1]] = other
    assert found == taken.PATH_COLLISIONS


def test_project_modules_are_the_files_and_folders_the_template_tree_has() -> None:
    """Top-level folders and the Python files on sys.path (root, tests, scripts, benchmarks)."""
    derived: set[str] = set()
    for answers in _answer_sets():
        for path in _rendered_paths(answers, _SENTINEL):
            folder, _, name = path.rpartition("/")
            top = path.split("/", 1)[0]
            if "/" in path and top.isidentifier():
                derived.add(top)
            if folder in {"", "tests", "scripts", "benchmarks"} and name.endswith(".py") and _SENTINEL not in name:
                derived.add(name.removesuffix(".py"))
    outputs = {"dist", "site", "target", "coverage"}  # written by the tools, not rendered
    assert set(taken.PROJECT_MODULES) == derived | outputs
