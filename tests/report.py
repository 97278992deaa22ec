"""What the cross-build and emulation tests did for each wheel target, for the terminal summary.

The tests add fragments per target; ``pytest_terminal_summary`` in
conftest.py prints one line per target at the end of the run, so the output
shows what was built, checked, run (and where), and what could not be.
"""

from __future__ import annotations

from collections import defaultdict

FRAGMENTS: defaultdict[str, list[str]] = defaultdict(list)


def record(target: str, fragment: str) -> None:
    FRAGMENTS[target].append(fragment)


def lines() -> list[str]:
    return [f"{target}: {'; '.join(parts)}" for target, parts in sorted(FRAGMENTS.items())]
