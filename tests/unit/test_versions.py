"""Project and Python version rules."""

import pytest
from helpers import why

from extensions import pins, versions


@pytest.mark.parametrize(
    ("pep440", "cargo"),
    [("0.1.0", "0.1.0"), ("1.2.3a1", "1.2.3-alpha.1"), ("2.0.0b2", "2.0.0-beta.2"), ("1.0.0rc10", "1.0.0-rc.10")],
)
def test_cargo_spelling_of_versions(pep440: str, cargo: str) -> None:
    assert versions.check_project_version(pep440) == ""
    assert versions.cargo_version(pep440) == cargo


@pytest.mark.parametrize(
    "bad",
    [
        *("", "1", "1.0", "01.0.0", "1.0.0.dev1", "1.0.0-rc.1", "v1.0.0", "1.0.0.post1", "one"),
        *("0.1.0\n", "1.2.3+local", "1.2.3rc", "1.2.3-alpha"),
    ],
)
def test_versions_outside_the_shared_subset_are_rejected(bad: str) -> None:
    message = versions.check_project_version(bad)
    assert why(message).startswith("initial_version")
    assert "MAJOR.MINOR.PATCH" in message
    with pytest.raises(ValueError, match="initial_version"):
        versions.cargo_version(bad)


def test_default_minimum_is_the_oldest_maintained_release() -> None:
    maintained = [r.version for r in pins.CPYTHON_RELEASES if not r.end_of_life]
    assert versions.default_minimum() == maintained[0]
    assert versions.supported_minimums() == maintained


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("3.9", "end of life"),
        ("3.10", "end of life"),
        ("3.8", "pyo3 supports"),
        ("2.7", "pyo3 supports"),
        ("3.x", "pyo3 supports"),
    ],
)
def test_python_min_outside_support_is_rejected(value: str, hint: str) -> None:
    message = versions.check_python_min(value)
    assert why(message).startswith("python_min")
    assert hint in message
    assert versions.default_minimum() in message


def test_python_versions_run_from_minimum_to_newest() -> None:
    newest = pins.CPYTHON_RELEASES[-1].version
    assert versions.python_versions("3.11")[0] == "3.11"
    assert versions.python_versions("3.11")[-1] == newest
    assert versions.python_versions(newest) == [newest]


def test_free_threaded_builds_start_at_314() -> None:
    assert versions.free_threaded_versions("3.11")[0] == "3.14t"
    assert all(v.endswith("t") for v in versions.free_threaded_versions("3.11"))
    assert versions.free_threaded_versions("3.15") == ["3.15t"]


def test_stable_abi_features_add_abi3t_for_free_threading() -> None:
    assert versions.stable_abi_features("3.11", free_threaded=False) == ["abi3-py311"]
    assert versions.stable_abi_features("3.11", free_threaded=True) == ["abi3-py311", "abi3t-py315"]
    assert versions.stable_abi_features("3.15", free_threaded=True) == ["abi3-py315", "abi3t-py315"]


def test_abi3_feature_names_the_minimum() -> None:
    assert versions.abi3_feature("3.11") == "abi3-py311"
    assert versions.abi3_feature("3.14") == "abi3-py314"


def test_versions_cargo_cannot_hold_are_rejected() -> None:
    too_big = str(2**64)
    for bad in (f"{too_big}.0.0", f"0.{too_big}.0", f"1.0.0rc{too_big}"):
        assert "2^64" in versions.check_project_version(bad)
    assert versions.check_project_version(f"{2**64 - 1}.0.0") == ""
