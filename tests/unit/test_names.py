"""Name derivation and name checks."""

import pytest

from extensions import names


@pytest.mark.parametrize(
    ("project", "distribution", "module", "crate"),
    [
        ("Fast Stats", "fast-stats", "fast_stats", "fast-stats"),
        ("my_Ext.v2", "my-ext-v2", "my_ext_v2", "my-ext-v2"),
        ("  PyO3--Thing  ", "pyo3-thing", "pyo3_thing", "pyo3-thing"),
        ("zoë", "zo", "zo", "zo"),
    ],
)
def test_derivations_chain(project: str, distribution: str, module: str, crate: str) -> None:
    assert names.distribution_name(project) == distribution
    assert names.import_name(distribution) == module
    assert names.crate_name(distribution) == crate


def test_derived_names_pass_their_checks() -> None:
    dist = names.distribution_name("Fast Stats")
    assert names.check_distribution_name(dist) == ""
    assert names.check_import_name(names.import_name(dist)) == ""
    assert names.check_crate_name(names.crate_name(dist)) == ""


@pytest.mark.parametrize(
    ("check", "value", "field", "hint"),
    [
        (names.check_project_name, "", "project_name", "empty"),
        (names.check_project_name, "   ", "project_name", "empty"),
        (names.check_project_name, " padded", "project_name", "spaces"),
        (names.check_project_name, "!!!", "project_name", "no letter or digit"),
        (names.check_project_name, "two\nlines", "project_name", "one line"),
        (names.check_distribution_name, "", "pypi_name", "empty"),
        (names.check_distribution_name, "My_Ext", "pypi_name", "'my-ext'"),
        (names.check_distribution_name, "my ext", "pypi_name", "not a valid PyPI name"),
        (names.check_distribution_name, "-ext", "pypi_name", "not a valid PyPI name"),
        (names.check_import_name, "", "import_name", "empty"),
        (names.check_import_name, "1st", "import_name", "starts with a digit"),
        (names.check_import_name, "My_Ext", "import_name", "lowercase"),
        (names.check_import_name, "my-ext", "import_name", "'my_ext'"),
        (names.check_import_name, "class", "import_name", "Python keyword"),
        (names.check_import_name, "import", "import_name", "Python keyword"),
        (names.check_import_name, "match", "import_name", "Python keyword"),
        (names.check_import_name, "fn", "import_name", "Rust keyword"),
        (names.check_import_name, "crate", "import_name", "Rust keyword"),
        (names.check_import_name, "json", "import_name", "shadow"),
        (names.check_import_name, "typing", "import_name", "shadow"),
        (names.check_import_name, "numpy", "import_name", "shadow"),
        (names.check_crate_name, "", "crate_name", "empty"),
        (names.check_crate_name, "9lives", "crate_name", "not a valid crate name"),
        (names.check_crate_name, "Big", "crate_name", "not a valid crate name"),
        (names.check_crate_name, "trailing-", "crate_name", "not a valid crate name"),
        (names.check_crate_name, "self", "crate_name", "Rust keyword"),
        (names.check_crate_name, "super", "crate_name", "Rust keyword"),
        (names.check_crate_name, "async", "crate_name", "Rust keyword"),
        (names.check_crate_name, "try", "crate_name", "Rust keyword"),
        (names.check_crate_name, "type", "crate_name", "Rust keyword"),
        (names.check_crate_name, "core", "crate_name", "collides"),
        (names.check_crate_name, "pyo3", "crate_name", "collides"),
        # a trailing line break, which `$` in a pattern would let through
        (names.check_distribution_name, "fast\n", "pypi_name", "not a valid PyPI name"),
        (names.check_import_name, "fast\n", "import_name", "lowercase"),
        (names.check_crate_name, "fast\n", "crate_name", "not a valid crate name"),
        # one line of printable text
        (names.check_project_name, "Fast\rStats", "project_name", "one line"),
        (names.check_project_name, "Fast\u2028Stats", "project_name", "one line"),
        (names.check_project_name, "Fast\x00Stats", "project_name", "control character"),
        # special, newer-stdlib, project-owned and Windows-reserved names
        (names.check_import_name, "__main__", "import_name", "special name"),
        (names.check_import_name, "__pycache__", "import_name", "special name"),
        (names.check_import_name, "annotationlib", "import_name", "shadow"),
        (names.check_import_name, "compression", "import_name", "shadow"),
        (names.check_import_name, "version", "import_name", "its own files"),
        (names.check_import_name, "parallel", "import_name", "its own files"),
        (names.check_import_name, "bump_version", "import_name", "its own files"),
        (names.check_import_name, "scripts", "import_name", "its own files"),
        (names.check_import_name, "noxfile", "import_name", "its own files"),
        (names.check_import_name, "aux", "import_name", "Windows"),
        (names.check_import_name, "com1", "import_name", "Windows"),
    ],
)
def test_bad_names_are_rejected_with_field_and_fix(check: object, value: str, field: str, hint: str) -> None:
    assert callable(check)
    message = check(value)
    assert message.startswith(field), message
    assert hint in message
    assert ":" in message, "a message names the problem, then the fix after a colon"


@pytest.mark.parametrize(
    "value",
    # stats, arrays, mimalloc and std name Rust modules or crates of the project:
    # the Rust module of the extension has a name of its own, so they are free.
    ["fast_stats", "_private", "x", "abc123", "stats", "arrays", "mimalloc", "std", "core"],
)
def test_good_import_names(value: str) -> None:
    assert names.check_import_name(value) == ""


@pytest.mark.parametrize("value", ["fast-stats", "fast_stats", "a1", "stats-rs"])
def test_good_crate_names(value: str) -> None:
    assert names.check_crate_name(value) == ""


def test_rust_identifier_replaces_hyphens() -> None:
    assert names.rust_identifier("fast-stats") == "fast_stats"


def test_names_have_a_length_limit() -> None:
    long = "a" * (names.NAME_MAX + 1)
    assert "longer than" in names.check_distribution_name(long)
    assert "longer than" in names.check_import_name(long)
    assert "longer than" in names.check_crate_name(long)
    assert names.check_import_name("a" * names.NAME_MAX) == ""


@pytest.mark.parametrize("value", ["Zoë Stats", "Статистика", "統計", "Fast\tStats"])
def test_project_names_in_any_script(value: str) -> None:
    assert names.check_project_name(value) == ""


def test_a_project_name_without_ascii_leaves_pypi_name_to_the_user() -> None:
    derived = names.distribution_name("Статистика")
    assert derived == ""
    assert "project_name" in names.check_distribution_name(derived)
