"""Every refusal and every question fits what an 80-column interactive prompt shows.

A refusal's first line says what to answer and fits the row questionary
shows after Copier's prefix; the details follow on one more line, naming the
field. Question help texts and choice labels fit one row too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from helpers import ROOT

from extensions import (
    extras,
    features,
    identity,
    interpreters,
    licenses,
    names,
    platforms,
    publishing,
    raw_answers,
    taken_names,
    versions,
)
from extensions.text import HELP_COLUMNS, columns, first_line_room

if TYPE_CHECKING:
    from collections.abc import Iterator

LONG = "x" * 300
ODD = ["", " ", "a\nb", "a\x00b", " padded ", "Ünïcode 統計 🦀", LONG, "9" * 80, "-" * 60, "A" * 60]


def _refusals() -> Iterator[tuple[str, str]]:
    """(field, message) for every kind of refusal each validator gives."""
    name_values = [
        *ODD,
        *sorted(taken_names.stdlib_modules()),
        *sorted(taken_names.python_dependencies()),
        *sorted(taken_names.dependency_modules()),
        *(c.name for c in taken_names.crates().values()),
        *taken_names.PATH_COLLISIONS,
        *taken_names.PROJECT_MODULES,
        *taken_names.startup_modules(),
        *taken_names.WINDOWS_RESERVED,
        *sorted(names.RUST_KEYWORDS | taken_names.python_keywords()),
        "My_Ext",
        "9lives",
        "trailing-",
        "__main__",
        "Статистика",
    ]
    for value in name_values:
        yield "project_name", names.check_project_name(value, interactive=False)
        yield "pypi_name", names.check_distribution_name(value)
        yield "import_name", names.check_import_name(value)
        yield "crate_name", names.check_crate_name(value)
    for value in [*ODD, "ada", "ada@example..com"]:
        yield "author_name", identity.check_author_name(value)
        yield "author_email", identity.check_author_email(value)
        yield "description", identity.check_description(value)
        yield "copyright_year", identity.check_copyright_year(value)
        yield "initial_version", versions.check_project_version(value)
        yield "python_min", versions.check_python_min(value)
        yield "license", licenses.check_license(value)
        yield "manylinux", platforms.check_manylinux(value)
        yield "docs_site", extras.check_docs_site(value)
        yield "abi3", raw_answers.check_yes_no({"abi3": value}, "abi3")
        yield "free_threaded", raw_answers.check_yes_no({"free_threaded": value}, "free_threaded")
        yield "build_info", raw_answers.check_yes_no({"build_info": value}, "build_info")
        yield "example", raw_answers.check_yes_no({"example": value}, "example")
    for value in [
        "https://github.com/you",
        "github.com/you/x",
        "https://a:b@github.com/you/x",
        "https://github.com:0/you/x",
        "https://github.com:99999/you/x",
        "https://github.com/you/x?y",
        "https://github.com/you/fa)st",
        *ODD,
    ]:
        yield "repository_url", identity.check_repository_url(value)
        yield "copyright_year", identity.check_copyright_year("2030-2020")
        yield "initial_version", versions.check_project_version("18446744073709551616.0.0")
    for value in [
        *ODD,
        "nexus.example.com/pypi",
        "http://nexus.example.com/pypi/",
        "https://ci:secret@nexus.example.com/pypi/",
        "https://nexus.example.com/pypi/?x",
        "https://nexus.example.com:0/pypi/",
        "https://nexus.example.com:99999/pypi/",
        "https://upload.pypi.org/legacy/",
        "https://nexus.example.com/${{ x }}/",
    ]:
        yield "private_index_url", publishing.check_private_index_url(value)
    yield "features", features.check_features(["gpu", LONG])
    yield "extras", extras.check_extras(["kubernetes"])
    yield "extras", extras.check_extras(["generated-stubs"], ["numpy"])
    every = [p.key for p in platforms.PLATFORMS]
    yield "wheel_platforms", platforms.check_platforms(["amiga"], python_min="3.11", publish="pypi")
    yield "wheel_platforms", platforms.check_platforms([], python_min="3.11", publish="testpypi")
    for key in every:
        yield "wheel_platforms", platforms.check_platforms([key], python_min="3.15", publish="pypi")
    keys = list(interpreters.INTERPRETERS_BY_KEY)
    yield "other_interpreters", interpreters.check_interpreters(["cpython2"], python_min="3.11", platforms=every)
    for key in keys:
        yield "other_interpreters", interpreters.check_interpreters([key], python_min="3.15", platforms=every)
        yield "other_interpreters", interpreters.check_interpreters([key], python_min="3.11", platforms=[])


REFUSALS = [(field, message) for field, message in _refusals() if message]


def test_the_corpus_reaches_every_validator_of_copier_yml() -> None:
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    validated = {name for name, spec in config.items() if not name.startswith("_") and "validator" in spec}
    assert validated <= {field for field, _ in REFUSALS}


def _misfit(field: str, message: str) -> str:
    """Why a refusal does not fit, or ""."""
    first, _, details = message.partition("\n")
    room = first_line_room(field)
    if columns(first) > room:
        return f"{first!r} is wider than the {room} columns the prompt shows"
    if first != first.strip() or not first[:1].islower():
        return f"{first!r} is not an instruction following Copier's prefix"
    if not details or "\n" in details:
        return "the details are not one line after the first"
    if not (details.startswith(field) or field in details.split(":")[0]):
        return f"the details do not name {field}"
    return ""


def test_the_first_line_says_what_to_answer_and_fits_the_prompt() -> None:
    misfits = {(field, message): why for field, message in set(REFUSALS) if (why := _misfit(field, message))}
    assert not misfits, "\n".join(f"{field}: {why}\n    {message!r}" for (field, message), why in misfits.items())


def _questions() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    return {name: spec for name, spec in config.items() if not name.startswith("_")}


@pytest.mark.parametrize("name", list(_questions()))
def test_question_help_fits_one_row(name: str) -> None:
    help_text = _questions()[name]["help"]
    assert "{{" not in help_text
    assert columns(help_text) <= HELP_COLUMNS, f"{name}: {columns(help_text)} columns"


def _choice_labels() -> Iterator[str]:
    for spec in _questions().values():
        if isinstance(spec.get("choices"), dict):
            yield from spec["choices"]
    yield from licenses.license_choices()
    yield from platforms.platform_choices()
    yield from interpreters.interpreter_choices()
    yield from features.feature_choices()
    yield from extras.extra_choices()
    yield from extras.DOCS_SITES


@pytest.mark.parametrize("label", list(_choice_labels()))
def test_choice_labels_fit_one_row(label: str) -> None:
    # questionary writes a pointer and a check box before each label
    assert columns(label) <= HELP_COLUMNS, f"{columns(label)} columns"


_VALIDATORS = {
    "project_name": lambda value: names.check_project_name(value, interactive=False),
    "pypi_name": names.check_distribution_name,
    "import_name": names.check_import_name,
    "crate_name": names.check_crate_name,
    "copyright_year": identity.check_copyright_year,
    "initial_version": versions.check_project_version,
    "repository_url": identity.check_repository_url,
    "author_email": identity.check_author_email,
    "private_index_url": publishing.check_private_index_url,
}


def test_every_example_a_refusal_offers_is_accepted() -> None:
    """`e.g. 'x'` in a refusal of a field: x passes that field's validator."""
    offered = {(field, example) for field, message in REFUSALS for example in re.findall(r"e\.g\. '([^']*)'", message)}
    assert {field for field, _ in offered} <= set(_VALIDATORS)
    refused = {(field, example): _VALIDATORS[field](example) for field, example in offered}
    assert not {key: message for key, message in refused.items() if message}
