"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import report
from helpers import ROOT, copy_template


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--refresh-snapshots",
        action="store_true",
        help="rewrite tests/snapshots/ from the current template (see tests/test_snapshots.py)",
    )


@pytest.fixture(scope="session")
def plain_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template's files without git: Copier renders them without cloning."""
    return copy_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def cargo_target_dir() -> Path:
    """One target directory for every build in the run (kept between local runs)."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    target = Path(configured) if configured else ROOT / ".cache" / "e2e-target"
    target.mkdir(parents=True, exist_ok=True)
    return target


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per wheel target: what was built, checked and run, and where."""
    if report.FRAGMENTS:
        terminalreporter.section("wheel targets")
        for line in report.lines():
            terminalreporter.write_line(line)
