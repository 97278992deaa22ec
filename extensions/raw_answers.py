"""Checks of answers as given (--data, --data-file), before Copier converts them.

Copier turns any string it does not know as a boolean into ``True``
(``abi3=maybe`` would build abi3 wheels); a validator sees only the result,
so these checks read the raw value Copier keeps in ``_copier_conf.data``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import yaml

from .text import refusal

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
    return refusal(field, "answer true or false", why=f"{field} {raw!r} is not a yes/no answer.")


class NotAListError(ValueError):
    """A multiselect answer that is not a list, in the words of Copier's validation errors."""

    def __init__(self, field: str, raw: object, example: str) -> None:
        super().__init__(
            f"Validation error for question '{field}': {field} {raw!r} is not a list: "
            f"give a YAML list, e.g. --data '{field}=[{example}]', or [] for none."
        )


def require_yaml_list(data: Mapping[str, Any], field: str, example: str) -> bool:
    """True when ``field`` was not given, or given as a list; else a NotAListError naming it.

    Copier reads a multiselect answer as a YAML list before the question's
    validator runs, and stops at a bare word with "Not a YAML list", naming
    neither the question nor the fix. A question's ``when`` is rendered
    before that, so the multiselects call this from there.
    """
    if field not in data:
        return True
    raw = data[field]
    if isinstance(raw, str):
        with contextlib.suppress(yaml.YAMLError):
            raw = yaml.safe_load(raw)
    if isinstance(raw, list):
        return True
    raise NotAListError(field, data[field], example)
