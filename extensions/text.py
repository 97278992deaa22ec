"""What every one-line free-text answer must be: one line, with no control characters."""

from __future__ import annotations

import unicodedata

# Everything str.splitlines() breaks a line at, a trailing "\n" included.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def one_line_problem(field: str, value: str) -> str:
    """ "" for one line of printable text (tabs allowed), else a message naming ``field``."""
    for char in value:
        if char in _LINE_BREAKS:
            return f"{field} must be one line: remove the line break (U+{ord(char):04X})."
        if char != "\t" and unicodedata.category(char) == "Cc":
            return f"{field} has the control character U+{ord(char):04X}: remove it."
    return ""
