"""scripts/ci_cost.py's reading of GitHub's expressions and matrices."""

from __future__ import annotations

from typing import Any

import ci_cost
import pytest

CONTEXT: dict[str, Any] = {
    "github": {"event_name": "push", "ref": "refs/heads/main"},
    "inputs": {"full": False},
    "matrix": {"python": "3.14t", "just-platform": ""},
}


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("github.event_name == 'push' && github.ref == 'refs/heads/main'", True),
        ("github.event_name != 'push'", False),
        ("github.event_name == 'PUSH'", True),  # strings compare without case
        ("!endsWith(matrix.python, 't')", False),
        ("startsWith(github.ref, 'refs/tags/v')", False),
        ("inputs.full && 'a' || 'b'", "b"),
        ("(inputs.full || true) && 'x'", "x"),
        ("matrix.just-platform && format('--python-platform {0}', matrix.just-platform) || ''", ""),
        ('fromJSON(\'[{"os":"a"}]\')', [{"os": "a"}]),
        ("always()", True),
        ("github.event.repository.private", None),
        ("'it''s'", "it's"),
    ],
)
def test_expressions(expression: str, value: object) -> None:
    assert ci_cost.evaluate(expression, CONTEXT) == value


def test_a_value_that_is_only_an_expression_keeps_its_type() -> None:
    assert ci_cost.substitute("${{ inputs.full }}", CONTEXT) is False
    assert ci_cost.substitute("Test (${{ matrix.python }})", CONTEXT) == "Test (3.14t)"


def test_matrix_exclude_matches_partially_and_include_extends_or_adds() -> None:
    matrix = {
        "os": ["linux", "mac"],
        "python": ["3.11", "3.12"],
        "exclude": [{"python": "3.11"}, {"os": "mac", "python": "3.12"}],
        "include": [{"os": "linux", "extra": "yes"}, {"os": "win", "python": "3.12"}],
    }
    assert ci_cost.expand_matrix(matrix, CONTEXT) == [
        {"os": "linux", "python": "3.12", "extra": "yes"},
        {"os": "win", "python": "3.12"},
    ]


def test_a_matrix_from_an_expression() -> None:
    matrix = {"os": ["a", "b"], "exclude": "${{ fromJSON(inputs.full && '[]' || '[{\"os\":\"b\"}]') }}"}
    assert ci_cost.expand_matrix(matrix, CONTEXT) == [{"os": "a"}]


def test_runners_are_billed_by_their_operating_system() -> None:
    assert [ci_cost.runner_os(label) for label in ("ubuntu-24.04-arm", "macos-15-intel", "windows-11-arm")] == [
        "linux",
        "macos",
        "windows",
    ]
    with pytest.raises(ValueError, match="no billing multiplier"):
        ci_cost.runner_os("self-hosted")
