"""Filters that turn free text from the answers into literals of each language.

Jinja never re-renders a value, so ``{{`` in an answer is harmless; quotes,
backslashes and line breaks are what break the rendered files.
"""

from __future__ import annotations

import json
import shlex
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_SPACE, _DEL = 0x20, 0x7F
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_str(value: str) -> str:
    """A TOML basic string, quotes included."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < _SPACE or ord(char) == _DEL:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_array(values: Iterable[object]) -> str:
    """A one-line TOML array of strings: ``["numpy>=2"]``, where ``tojson`` would write ``\\u003e``."""
    return "[" + ", ".join(toml_str(str(value)) for value in values) + "]"


# YAML 1.1/1.2 printable characters (the spec's c-printable production).
_YAML_PRINTABLE_RANGES = ((0x20, 0x7E), (0xA0, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
_YAML_PRINTABLE_SINGLES = frozenset({0x09, 0x0A, 0x0D, 0x85})


def _yaml_printable(char: str) -> bool:
    code = ord(char)
    return code in _YAML_PRINTABLE_SINGLES or any(low <= code <= high for low, high in _YAML_PRINTABLE_RANGES)


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar, quotes included.

    A JSON string is a valid YAML one, but YAML also forbids some characters
    JSON leaves raw (DEL, C1 controls); those get \\u escapes.
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(c if _yaml_printable(c) else f"\\u{ord(c):04x}" for c in quoted)


def py_str(value: str) -> str:
    """A Python string literal, quotes included."""
    return json.dumps(value, ensure_ascii=False)


def rust_str(value: str) -> str:
    """A Rust string literal, quotes included (JSON escapes are Rust escapes but for \\u)."""
    out = []
    for char in value:
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < _SPACE or ord(char) == _DEL:
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def py_docstring(value: str) -> str:
    """Text safe inside a triple-double-quoted docstring."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def comment_lines(value: str, prefix: str) -> str:
    """Text as line comments, each line behind ``prefix`` (``//!``, ``#``)."""
    return "\n".join(f"{prefix} {line}".rstrip() for line in value.splitlines() or [""])


def rust_use_tree(names: list[str]) -> str:
    """The braces part of a Rust `use`, as rustfmt writes it: ``a`` or ``{A, a, b}``."""
    ordered = sorted(names)  # rustfmt's version sort agrees with str order on identifiers
    return ordered[0] if len(ordered) == 1 else "{" + ", ".join(ordered) + "}"


_RUSTFMT_MAX_WIDTH = 100


def _display_width(text: str) -> int:
    """Columns a line takes, as rustfmt counts them (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1 for char in text)


def rust_const_str(value: str, name: str) -> str:
    """A `const NAME: &str = "...";` item laid out as rustfmt lays it out."""
    head, literal = f"const {name}: &str =", rust_str(value)
    one_line, wrapped = f"{head} {literal};", f"{head}\n    {literal};"
    # rustfmt moves the literal to its own line when that makes it fit, and
    # leaves a literal too long for any line where it is.
    fits = _display_width(one_line) <= _RUSTFMT_MAX_WIDTH
    fits_wrapped = _display_width(f"    {literal};") <= _RUSTFMT_MAX_WIDTH
    return wrapped if not fits and fits_wrapped else one_line


_RUFF_LINE_LENGTH = 100  # the rendered pyproject.toml's [tool.ruff] line-length


def py_assign_list(name: str, items: list[str]) -> str:
    """`name = [...]` as ruff formats it without a magic trailing comma: on one line
    when it fits, else one item a line."""
    one_line = f"{name} = [{', '.join(py_str(item) for item in items)}]"
    return one_line if len(one_line) <= _RUFF_LINE_LENGTH else f"{name} = {py_list(items)}"


def py_list(items: list[str], indent: int = 0) -> str:
    """A list of string literals as ruff formats it: one item a line, magic trailing comma."""
    if not items:
        return "[]"
    pad = " " * indent
    return "[\n" + "".join(f"{pad}    {py_str(item)},\n" for item in items) + f"{pad}]"


def shell_quote(value: object) -> str:
    """A word a POSIX shell reads back as ``value`` (a path with spaces, say): quoted only where needed."""
    return shlex.quote(str(value))
