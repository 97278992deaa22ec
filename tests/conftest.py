"""Fixtures shared by the test modules."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from helpers import ROOT

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
    copy = tmp_path_factory.mktemp("template")
    for name in ("copier.yml", "template", "extensions", "partials"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy
