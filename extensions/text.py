"""Free-text rules, and the shape of every validator's message.

A refusal is read in two places. With ``--data``, Copier raises it after
"Validation error for question '<field>': ", and every line shows. At the
interactive prompt, questionary shows the same text on one row of the
terminal, cut at its width: the first line is all a person sees there. So
the first line says what to answer, in the room an 80-column terminal leaves
after Copier's prefix, and the details (the answer given, the reason) follow
on the next line.
"""

from __future__ import annotations

import unicodedata

# Everything str.splitlines() breaks a line at, a trailing "\n" included.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

TERMINAL_COLUMNS = 80
COPIER_PREFIX = "Validation error for question '{field}': "
# What a question's help may take of one row: questionary writes the
# question mark (a two-column emoji) and a space before it, and Copier two
# spaces after it.
HELP_COLUMNS = TERMINAL_COLUMNS - 5


def columns(text: str) -> int:
    """The terminal columns ``text`` takes: two for wide characters, none for combining marks."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
            continue
        width += 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1
    return width


def first_line_room(field: str) -> int:
    """The columns an 80-column prompt shows of a refusal of ``field`` after Copier's prefix."""
    return TERMINAL_COLUMNS - columns(COPIER_PREFIX.format(field=field))


def refusal(field: str, *answers: str, why: str) -> str:
    """A validator's message: the first of ``answers`` that fits the prompt's row, then ``why``.

    ``answers`` are ways to say what to answer, longest (most helpful) first;
    the last should be short enough for any field. ``why`` names the field
    and the answer given, and may be as long as it needs.
    """
    room = first_line_room(field)
    first = next((answer for answer in answers if columns(answer) <= room), answers[-1])
    return f"{first}\n{why}"


def quoted(value: str, limit: int = 60) -> str:
    """``repr(value)``, shortened in the middle past ``limit`` characters."""
    text = repr(value)
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]}...{text[-half:]}"


def one_line_problem(field: str, value: str) -> str:
    """ "" for one line of printable text (tabs allowed), else a message naming ``field``."""
    for char in value:
        if char in _LINE_BREAKS:
            return refusal(
                field,
                "remove the line break",
                why=f"{field} must be one line: it has a line break (U+{ord(char):04X}).",
            )
        if char != "\t" and unicodedata.category(char) == "Cc":
            return refusal(
                field,
                f"remove the control character U+{ord(char):04X}",
                "remove the control character",
                why=f"{field} has the control character U+{ord(char):04X}.",
            )
    return ""


def trimmed_problem(field: str, value: str, *, by: str) -> str:
    """ "" when ``value`` has no leading or trailing whitespace; ``by`` names who would trim it."""
    if value == value.strip():
        return ""
    return refusal(
        field,
        "remove the spaces at the start and end",
        "remove the outer spaces",
        why=f"{field} {quoted(value)} has whitespace at its start or end, which {by} would trim.",
    )
