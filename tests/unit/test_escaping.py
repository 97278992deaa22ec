"""Free text survives the trip into TOML, YAML, Python and Rust literals."""

import ast
import re
import tomllib

import pytest
import yaml

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


def _decode_rust_literal(literal: str) -> str:
    """Decode the escapes Rust string literals use (the subset rust_str emits)."""
    assert literal.startswith('"')
    assert literal.endswith('"')
    simple = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}

    def unescape(match: re.Match[str]) -> str:
        escape = match.group(1)
        return chr(int(escape[2:-1], 16)) if escape.startswith("u{") else simple[escape]

    body = literal[1:-1]
    assert not re.search(r'(?<!\\)"', body.replace("\\\\", "")), "unescaped quote"
    return re.sub(r"\\(u\{[0-9a-f]+\}|.)", unescape, body)


@pytest.mark.parametrize("text", NASTY)
def test_rust_round_trip(text: str) -> None:
    assert _decode_rust_literal(escaping.rust_str(text)) == text


def test_comment_lines_prefix_every_line() -> None:
    assert escaping.comment_lines("one\ntwo", "//!") == "//! one\n//! two"
    assert escaping.comment_lines("", "#") == "#"


def test_rust_use_tree_follows_rustfmt() -> None:
    assert escaping.rust_use_tree(["mean"]) == "mean"
    assert escaping.rust_use_tree(["mean", "StatsError", "RunningStats"]) == "{RunningStats, StatsError, mean}"
