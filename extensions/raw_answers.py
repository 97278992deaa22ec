"""Checks of answers as given (--data, --data-file), before Copier converts them.

Copier turns any string it does not know as a boolean into ``True``
(``abi3=maybe`` would build abi3 wheels); a validator sees only the result,
so these checks read the raw value Copier keeps in ``_copier_conf.data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

# What YAML and Copier read as yes or no.
_YES_NO = frozenset({"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"})


def check_yes_no(data: Mapping[str, Any], field: str) -> str:
    """ "" when ``field`` was not given, or given as a yes/no answer; else a message naming it."""
    if field not in data:
        return ""
    raw = data[field]
    if isinstance(raw, bool) or (isinstance(raw, int) and raw in {0, 1}):
        return ""
    if isinstance(raw, str) and raw.strip().lower() in _YES_NO:
        return ""
    return f"{field} {raw!r} is not a yes/no answer: use true or false."
