"""Name derivation and name checks: every class of taken name, every suggestion, every derived default."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import why
from hypothesis import given, settings
from hypothesis import strategies as st

from extensions import names
from extensions import taken_names as taken

if TYPE_CHECKING:
    from collections.abc import Callable

CHECKS: dict[str, Callable[[str], str]] = {
    "pypi_name": names.check_distribution_name,
    "import_name": names.check_import_name,
    "crate_name": names.check_crate_name,
}


@pytest.mark.parametrize(
    ("project", "distribution", "module", "crate"),
    [
        ("Fast Stats", "fast-stats", "fast_stats", "fast-stats"),
        ("my_Ext.v2", "my-ext-v2", "my_ext_v2", "my-ext-v2"),
        ("  PyO3--Thing  ", "pyo3-thing", "pyo3_thing", "pyo3-thing"),
        # Latin letters with marks lose the marks; the ones NFKD keeps whole are spelled out
        ("zoë", "zoe", "zoe", "zoe"),
        ("Café Tools", "cafe-tools", "cafe_tools", "cafe-tools"),
        ("Ünïcode", "unicode", "unicode", "unicode"),
        ("Straße Ærø Łódź Þing Œuvre", "strasse-aero-lodz-thing-oeuvre", "strasse_aero_lodz_thing_oeuvre", None),
        ("İstanbul \uff26\uff55\uff4c\uff4c", "istanbul-full", "istanbul_full", "istanbul-full"),
        # a digit first: a fine PyPI name, and `py` in front for Python and Cargo
        ("3D Tiles", "3d-tiles", "py3d_tiles", "py3d-tiles"),
        ("123", "123", "py123", "py123"),
        ("123 bad!", "123-bad", "py123_bad", "py123-bad"),
        # a name that is taken gets `py` in front, or `-ext` after
        ("JSON", "pyjson", "pyjson", "pyjson"),
        ("nox", "pynox", "pynox", "pynox"),
        ("Class", "class", "pyclass", "class"),
        ("Rayon", "rayon", "rayon", "pyrayon"),
        # other scripts and symbols are separators
        ("統計 Tools", "tools", "tools", "tools"),
        ("Acme™ Stats", "acme-stats", "acme_stats", "acme-stats"),
    ],
)
def test_defaults_derive_and_pass_their_checks(project: str, distribution: str, module: str, crate: str | None) -> None:
    assert names.check_project_name(project.strip(), interactive=False) == ""
    assert names.pypi_name_default(project) == distribution
    assert names.import_name_default(distribution) == module
    if crate is not None:
        assert names.crate_name_default(distribution) == crate
    assert names.check_distribution_name(distribution) == ""
    assert names.check_import_name(module) == ""
    assert names.check_crate_name(names.crate_name_default(distribution)) == ""


def test_a_name_without_latin_letters_needs_pypi_name() -> None:
    assert names.pypi_name_default("Статистика") == ""
    refused = names.check_project_name("Статистика", interactive=False)
    assert "pypi_name" in refused.split("\n")[0]
    assert "--data pypi_name=" in refused
    # given, or asked at the prompt with no default: accepted
    assert names.check_project_name("Статистика", pypi_name="statistika", interactive=False) == ""
    assert names.check_project_name("Статистика", interactive=True) == ""
    assert "pypi_name" in names.check_distribution_name("")


@pytest.mark.parametrize(
    ("check", "value", "field", "hint"),
    [
        (names.check_project_name, "", "project_name", "empty"),
        (names.check_project_name, "   ", "project_name", "empty"),
        (names.check_project_name, " padded", "project_name", "spaces"),
        (names.check_project_name, "!!!", "project_name", "no letter or digit"),
        (names.check_project_name, "two\nlines", "project_name", "one line"),
        (names.check_project_name, "Fast\rStats", "project_name", "one line"),
        (names.check_project_name, "Fast\u2028Stats", "project_name", "one line"),
        (names.check_project_name, "Fast\x00Stats", "project_name", "control character"),
        (names.check_distribution_name, "", "pypi_name", "empty"),
        (names.check_distribution_name, "My_Ext", "pypi_name", "'my-ext'"),
        (names.check_distribution_name, "my ext", "pypi_name", "not a valid PyPI name"),
        (names.check_distribution_name, "-ext", "pypi_name", "not a valid PyPI name"),
        (names.check_distribution_name, "fast\n", "pypi_name", "not a valid PyPI name"),
        (names.check_distribution_name, "nox", "pypi_name", "a development dependency of the project"),
        (names.check_distribution_name, "pluggy", "pypi_name", "a dependency of pytest"),
        (names.check_distribution_name, "numpy", "pypi_name", "numpy feature"),
        (names.check_distribution_name, "maturin", "pypi_name", "build backend"),
        (names.check_distribution_name, "mkdocs", "pypi_name", "docs dependency"),
        (names.check_distribution_name, "json", "pypi_name", "standard-library module json"),
        (names.check_import_name, "", "import_name", "empty"),
        (names.check_import_name, "1st", "import_name", "starts with a digit"),
        (names.check_import_name, "My_Ext", "import_name", "lowercase"),
        (names.check_import_name, "my-ext", "import_name", "'my_ext'"),
        (names.check_import_name, "fast\n", "import_name", "lowercase"),
        (names.check_import_name, "class", "import_name", "Python keyword"),
        (names.check_import_name, "match", "import_name", "Python keyword"),
        (names.check_import_name, "lazy", "import_name", "Python keyword"),  # soft keyword of 3.15
        (names.check_import_name, "fn", "import_name", "Rust keyword"),
        (names.check_import_name, "__main__", "import_name", "special name"),
        (names.check_import_name, "json", "import_name", "standard-library module (Python 3.11 to 3.15)"),
        (names.check_import_name, "distutils", "import_name", "standard-library module (Python 3.11)"),
        (names.check_import_name, "annotationlib", "import_name", "(Python 3.14 to 3.15)"),
        (names.check_import_name, "test", "import_name", "standard-library"),
        (names.check_import_name, "sitecustomize", "import_name", "site module"),
        (names.check_import_name, "_manylinux", "import_name", "pip"),
        (names.check_import_name, "_distutils_hack", "import_name", "whenever Python starts"),
        (names.check_import_name, "numpy", "import_name", "numpy feature"),
        (names.check_import_name, "yaml", "import_name", "a module of pyyaml"),
        (names.check_import_name, "_pytest", "import_name", "a module of pytest"),
        (names.check_import_name, "version", "import_name", "tests/test_version.py"),
        (names.check_import_name, "scripts", "import_name", "a folder of the generated project"),
        (names.check_import_name, "check_dist", "import_name", "a script"),
        (names.check_import_name, "aux", "import_name", "Windows"),
        (names.check_crate_name, "", "crate_name", "empty"),
        (names.check_crate_name, "9lives", "crate_name", "lowercase letter"),
        (names.check_crate_name, "Big", "crate_name", "lowercase letter"),
        (names.check_crate_name, "trailing-", "crate_name", "ends with"),
        (names.check_crate_name, "fast\n", "crate_name", "not a valid crate name"),
        (names.check_crate_name, "self", "crate_name", "Rust keyword"),
        (names.check_crate_name, "try", "crate_name", "Rust keyword"),
        (names.check_crate_name, "core", "crate_name", "Rust's own"),
        (names.check_crate_name, "pyo3", "crate_name", "bindings crate"),
        (names.check_crate_name, "serde-pyobject", "crate_name", "serde feature"),
        (names.check_crate_name, "syn", "crate_name", "a crate pyo3 depends on"),
        (names.check_crate_name, "rayon", "crate_name", "parallel feature"),
    ],
)
def test_bad_names_are_refused_with_what_to_answer_then_why(
    check: Callable[[str], str], value: str, field: str, hint: str
) -> None:
    message = check(value)
    assert message.count("\n") == 1, message
    assert why(message).startswith(field), message
    assert hint in message


@pytest.mark.parametrize(
    "value",
    # stats, arrays, mimalloc and std name Rust modules or crates of the project:
    # the Rust module of the extension has a name of its own, so they are free.
    ["fast_stats", "_private", "x", "abc123", "stats", "arrays", "mimalloc", "std", "core", "type_ext"],
)
def test_good_import_names(value: str) -> None:
    assert names.check_import_name(value) == ""


@pytest.mark.parametrize("value", ["fast-stats", "fast_stats", "a1", "stats-rs"])
def test_good_crate_names(value: str) -> None:
    assert names.check_crate_name(value) == ""


def test_names_have_a_length_limit() -> None:
    long = "a" * (names.NAME_MAX + 1)
    for check in CHECKS.values():
        assert "longer than" in check(long)
    assert names.check_import_name("a" * names.NAME_MAX) == ""
    assert len(names.import_name_default("9" * 80)) <= names.NAME_MAX


@pytest.mark.parametrize("value", ["Zoë Stats", "Статистика", "統計", "Fast\tStats"])
def test_project_names_in_any_script(value: str) -> None:
    assert names.check_project_name(value) == ""


# Every member of every class is refused, at the question it would break.


@pytest.mark.parametrize("module", sorted(taken.stdlib_modules()))
def test_every_standard_library_module_is_refused(module: str) -> None:
    assert names.check_import_name(module) != ""


@pytest.mark.parametrize("word", sorted(taken.python_keywords() | names.RUST_KEYWORDS))
def test_every_keyword_is_refused(word: str) -> None:
    assert names.check_import_name(word) != ""


@pytest.mark.parametrize("module", sorted(taken.startup_modules()))
def test_every_module_python_imports_by_itself_is_refused(module: str) -> None:
    assert names.check_import_name(module) != ""


@pytest.mark.parametrize("name", sorted(taken.python_dependencies()))
def test_every_python_dependency_is_refused_as_pypi_name(name: str) -> None:
    assert names.check_distribution_name(name) != ""
    assert names.check_distribution_name(name.replace("-", "_")) != ""  # not normalised, and taken


@pytest.mark.parametrize("module", sorted(taken.dependency_modules()))
def test_every_module_of_a_dependency_is_refused_as_import_name(module: str) -> None:
    assert names.check_import_name(module.lower()) != ""


@pytest.mark.parametrize("crate", sorted(c.name for c in taken.crates().values()))
def test_every_crate_of_the_build_is_refused(crate: str) -> None:
    assert names.check_crate_name(crate) != ""
    assert names.check_crate_name(crate.replace("-", "_").replace("_", "-")) != ""
    if crate.endswith("-core"):  # the workspace's core crate would take its name
        assert names.check_crate_name(crate.removesuffix("-core")) != ""


@pytest.mark.parametrize("module", sorted({*taken.PATH_COLLISIONS, *taken.PROJECT_MODULES, *taken.WINDOWS_RESERVED}))
def test_every_name_the_project_uses_itself_is_refused(module: str) -> None:
    assert names.check_import_name(module) != ""


# Properties: no crash from a derived default, and no suggestion that is refused.

_any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
_name_like = st.one_of(
    _any_text,
    st.from_regex(r"[0-9A-Za-zÀ-ÿ _.-]{0,60}", fullmatch=True),
    st.sampled_from(sorted(taken.stdlib_modules()) + sorted(taken.python_dependencies())),
)


@settings(max_examples=400, deadline=None)
@given(project=_name_like)
def test_any_accepted_project_name_gives_defaults_that_pass(project: str) -> None:
    if names.check_project_name(project, interactive=False) != "":
        return
    distribution = names.pypi_name_default(project)
    assert names.check_distribution_name(distribution) == "", distribution
    assert names.check_import_name(names.import_name_default(distribution)) == ""
    assert names.check_crate_name(names.crate_name_default(distribution)) == ""
    # at the prompt, where a name may give no PyPI name: it is then asked with no default
    assert names.check_project_name(project, interactive=True) == ""


@settings(max_examples=400, deadline=None)
@given(value=_name_like, field=st.sampled_from(sorted(CHECKS)))
def test_every_suggestion_passes_the_check_it_is_offered_for(value: str, field: str) -> None:
    check = CHECKS[field]
    for suggestion in names.suggestions(check(value)):
        assert check(suggestion) == "", (value, suggestion)


def test_suggestions_of_taken_names_pass() -> None:
    for value in [*taken.stdlib_modules(), *taken.dependency_modules(), *taken.PROJECT_MODULES, "3d", "class"]:
        for suggestion in names.suggestions(names.check_import_name(value)):
            assert names.check_import_name(suggestion) == "", (value, suggestion)
    for crate in [c.name for c in taken.crates().values()]:
        for suggestion in names.suggestions(names.check_crate_name(crate)):
            assert names.check_crate_name(suggestion) == "", (crate, suggestion)
    for value in taken.python_dependencies():
        for suggestion in names.suggestions(names.check_distribution_name(value)):
            assert names.check_distribution_name(suggestion) == "", (value, suggestion)
    for example in (names.EXAMPLE_DISTRIBUTION, names.EXAMPLE_IMPORT, names.EXAMPLE_CRATE):
        assert names.check_distribution_name(example) == "" or names.check_import_name(example) == ""


def test_rust_identifier_replaces_hyphens() -> None:
    assert names.rust_identifier("fast-stats") == "fast_stats"
