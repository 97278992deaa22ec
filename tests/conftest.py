"""Fixtures shared by the test modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import copy_template

if TYPE_CHECKING:
    from pathlib import Path


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
