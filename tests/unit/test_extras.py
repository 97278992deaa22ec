from __future__ import annotations

from helpers import why

from extensions import extras


def test_choices_list_every_extra_once_in_table_order() -> None:
    assert list(extras.extra_choices().values()) == [extra.key for extra in extras.EXTRAS]
    assert len(extras.EXTRAS_BY_KEY) == len(extras.EXTRAS)


def test_only_the_supply_chain_audit_is_on_by_default() -> None:
    assert extras.default_extras() == ["supply-chain"]


def test_unknown_extras_are_named_with_the_choices() -> None:
    message = extras.check_extras(["coverage", "kubernetes"])
    assert why(message).startswith("extras has unknown entries ['kubernetes']")
    assert "supply-chain" in message
    assert extras.check_extras(["coverage", "docker"]) == ""


def test_docs_site_choices() -> None:
    assert set(extras.DOCS_SITES.values()) == {"none", "mkdocs", "sphinx"}
    assert extras.check_docs_site("mkdocs") == ""
    assert "choose one of none, mkdocs, sphinx" in extras.check_docs_site("hugo")


def test_generated_stubs_with_numpy_is_refused_naming_both_fixes() -> None:
    message = extras.check_extras(["generated-stubs"], ["numpy", "serde"])
    assert why(message).startswith("extras has generated-stubs")
    assert "drop generated-stubs" in message
    assert "drop numpy" in message
    assert extras.check_extras(["generated-stubs"], ["serde"]) == ""
    assert extras.check_extras(["pgo"], ["numpy"]) == ""
