"""Free text survives the trip into TOML, YAML, Python and Rust literals."""

import ast
import tomllib

import pytest
import yaml
from helpers import decode_rust_literal

from extensions import escaping

NASTY = [
    "plain",
    'Zoë "Zed" O\'Brien',
    "back\\slash and \\n literally",
    "braces {{ x }} {% y %} and # hash",
    "tab\tand\ncontrol\x01\x7f",
    "emoji 🦀 and ünïcödé",
]


@pytest.mark.parametrize("text", NASTY)
def test_toml_round_trip(text: str) -> None:
    assert tomllib.loads(f"k = {escaping.toml_str(text)}")["k"] == text


@pytest.mark.parametrize("text", NASTY)
def test_yaml_round_trip(text: str) -> None:
    assert yaml.safe_load(f"k: {escaping.yaml_str(text)}")["k"] == text


@pytest.mark.parametrize("text", NASTY)
def test_python_round_trip(text: str) -> None:
    assert ast.literal_eval(escaping.py_str(text)) == text


@pytest.mark.parametrize("text", NASTY)
def test_docstring_round_trip(text: str) -> None:
    module = ast.parse(f'"""{escaping.py_docstring(text)}"""')
    assert ast.get_docstring(module, clean=False) == text


@pytest.mark.parametrize("text", NASTY)
def test_rust_round_trip(text: str) -> None:
    assert decode_rust_literal(escaping.rust_str(text)) == text


def test_comment_lines_prefix_every_line() -> None:
    assert escaping.comment_lines("one\ntwo", "//!") == "//! one\n//! two"
    assert escaping.comment_lines("", "#") == "#"


def test_rust_use_tree_follows_rustfmt() -> None:
    assert escaping.rust_use_tree(["mean"]) == "mean"
    assert escaping.rust_use_tree(["mean", "StatsError", "RunningStats"]) == "{RunningStats, StatsError, mean}"


def test_rust_const_str_wraps_as_rustfmt_does() -> None:
    assert escaping.rust_const_str("short", "D") == 'const D: &str = "short";'
    long = "x" * 90
    assert escaping.rust_const_str(long, "D") == f'const D: &str =\n    "{long}";'
    assert "\n" not in escaping.rust_const_str("統" * 40, "D"), "80 columns: fits"
    assert "\n" in escaping.rust_const_str("統" * 45, "D"), "90 columns: wraps"
    assert "\n" not in escaping.rust_const_str("x" * 200, "D"), "too long for any line: left alone"


def test_py_list_is_ruff_formatted() -> None:
    assert escaping.py_list([]) == "[]"
    assert escaping.py_list(["a", "b"], 4) == '[\n        "a",\n        "b",\n    ]'


def test_toml_array_reads_back_and_keeps_comparison_operators_readable() -> None:
    values = ["numpy>=2", "a<b & 'c'", *NASTY]
    rendered = escaping.toml_array(values)
    assert tomllib.loads(f"k = {rendered}")["k"] == values
    assert rendered.startswith('["numpy>=2", ')
    assert escaping.toml_array([]) == "[]"


def test_py_assign_list_fits_one_line_as_ruff_does() -> None:
    assert escaping.py_assign_list("__all__", ["a", "b"]) == '__all__ = ["a", "b"]'
    long = [f"name_{n:02}" for n in range(10)]
    assert escaping.py_assign_list("__all__", long) == "__all__ = " + escaping.py_list(long)
    exact = ["x" * 86]  # __all__ = ["..."] is 100 columns
    assert len(escaping.py_assign_list("__all__", exact)) == 100
    assert "\n" not in escaping.py_assign_list("__all__", exact)
    assert "\n" in escaping.py_assign_list("__all__", ["x" * 87])
