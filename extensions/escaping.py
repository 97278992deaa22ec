"""Filters that turn free text from the answers into literals of each language.

Jinja never re-renders a value, so ``{{`` in an answer is harmless; quotes,
backslashes and line breaks are what break the rendered files.
"""

from __future__ import annotations

import json

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_str(value: str) -> str:
    """A TOML basic string, quotes included."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _yaml_printable(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or code in {0x09, 0x0A, 0x0D, 0x85}
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


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
        elif ord(char) < 0x20 or ord(char) == 0x7F:
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
