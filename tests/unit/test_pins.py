"""Pins: what the template emits is what the test environment runs."""

from importlib.metadata import version

import pytest
from packaging.requirements import Requirement

from extensions import pins


@pytest.mark.parametrize("tool", sorted(pins.DEV_TOOLS))
def test_emitted_dev_tools_are_the_tested_ones(tool: str) -> None:
    # The rendered projects' lint and test tools run at the versions the
    # template's own suite has installed (pyproject.toml dev group).
    assert version(tool) == pins.DEV_TOOLS[tool]


def test_the_sites_mkdocs_is_the_emitted_one() -> None:
    # The template's own site (the docs group) builds with the MkDocs rendered projects pin.
    assert version("mkdocs") == pins.DOCS_TOOLS["mkdocs"]["mkdocs"]


def test_mdformat_plugins_are_the_tested_ones() -> None:
    for requirement in pins.MDFORMAT_PLUGINS:
        name, _, pinned = requirement.partition("==")
        assert version(name) == pinned
    assert version("mdformat") == pins.PRE_COMMIT_HOOKS["https://github.com/hukkin/mdformat"]


def test_maturin_requirement_admits_the_pinned_maturin() -> None:
    requirement = Requirement(pins.MATURIN_REQUIREMENT)
    assert requirement.name == "maturin"
    assert requirement.specifier.contains(pins.MATURIN)


def test_cpython_releases_are_ordered_and_unique() -> None:
    minors = [r.minor for r in pins.CPYTHON_RELEASES]
    assert minors == sorted(set(minors))
    assert not pins.CPYTHON_RELEASES[-1].end_of_life


def test_pre_commit_hooks_are_the_tested_ones() -> None:
    hooks = pins.PRE_COMMIT_HOOKS
    assert hooks["https://github.com/pre-commit/pre-commit-hooks"] == "v" + version("pre-commit-hooks")
    assert hooks["https://github.com/astral-sh/ruff-pre-commit"] == "v" + version("ruff")
    assert hooks["https://github.com/pre-commit/mirrors-mypy"] == "v" + version("mypy")
    assert hooks["https://github.com/zizmorcore/zizmor-pre-commit"] == "v" + version("zizmor")
