"""The template's documentation site: it builds with warnings as errors, and its generated tables
hold every question, platform, interpreter and preset of the data they are generated from."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import docs_site
import pytest
import yaml
from helpers import PRESETS, ROOT, run, which

from extensions import interpreters, pins, platforms

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _questions() -> list[str]:
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    return [key for key in config if not key.startswith("_")]


def _first_cells(table: str) -> list[str]:
    return re.findall(r"^\| \[?`([^`]+)`", table, flags=re.MULTILINE)


def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run([which("mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)], ROOT)
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    for name, html in pages.items():
        assert "<!-- generated:" not in html, name
        assert not docs_site.PIN.search(html), name
    questions = pages["questions/index.html"]
    for question in _questions():
        assert f'id="{question}"' in questions, question
    assert "Keep a Changelog" in pages["changelog/index.html"], "the changelog page is CHANGELOG.md"


def test_every_question_has_a_row_and_a_section() -> None:
    names = _questions()
    assert _first_cells(docs_site.questions_table()) == names
    reference = docs_site.questions_reference()
    assert re.findall(r"^### `([a-z_0-9]+)`$", reference, flags=re.MULTILINE) == names


def test_the_reference_shows_what_copier_offers() -> None:
    by_name = {q.name: q for q in docs_site.questions()}
    assert [value for value, _ in by_name["wheel_platforms"].choices] == [p.key for p in platforms.PLATFORMS]
    assert [value for value, _ in by_name["other_interpreters"].choices] == [i.key for i in interpreters.INTERPRETERS]
    assert by_name["abi3"].kind == "yes/no"
    assert by_name["extras"].kind == "any of"
    assert by_name["initial_version"].default == "`0.1.0`"
    # a label says more than the value, never the value again
    assert dict(by_name["layout"].choices)["mixed"] == "Python package with a private _core Rust module"
    assert dict(by_name["wheel_platforms"].choices)["linux-x86_64"] == "Linux x86_64 (manylinux)"


def test_platform_interpreter_and_preset_tables_have_every_row() -> None:
    assert _first_cells(docs_site.platforms_table()) == [p.key for p in platforms.PLATFORMS]
    assert _first_cells(docs_site.linux_table()) == [p.key for p in platforms.PLATFORMS if p.os == "linux"]
    assert _first_cells(docs_site.interpreters_table()) == [i.key for i in interpreters.INTERPRETERS]
    header = docs_site.presets_table().splitlines()[0]
    assert re.findall(r"`([a-z]+)`", header) == PRESETS


def test_pins_are_filled_in_and_an_unknown_one_stops_the_build() -> None:
    assert docs_site.expand("uv=={{ pins.UV }}") == f"uv=={pins.UV}"
    with pytest.raises(docs_site.DocsDataError, match="no version NOPE"):
        docs_site.expand("{{ pins.NOPE }}")
    with pytest.raises(docs_site.DocsDataError, match="no generated block 'nope'"):
        docs_site.expand("<!-- generated: nope -->")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda data: data.pop("layout"), r"missing \['layout'\]"),
        (lambda data: data.update(old_question={"accepts": "x"}), r"not a question \['old_question'\]"),
        (lambda data: data["extras"]["choices"].update(gone="x"), r"extras: choices \['gone'\] are not offered"),
        (lambda data: data["author_name"].pop("accepts"), "author_name: say what the answer accepts"),
        (lambda data: data["repository_url"].pop("default"), "repository_url: its default depends on other answers"),
        (lambda data: data["license"].update(acepts="x"), r"license: unknown fields \['acepts'\]"),
    ],
)
def test_stale_or_missing_question_prose_stops_the_build(
    edit: Callable[[dict[str, Any]], object], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load(docs_site.QUESTIONS_YML.read_text(encoding="utf-8"))
    edit(data)
    edited = tmp_path / "questions.yml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setattr(docs_site, "QUESTIONS_YML", edited)
    with pytest.raises(docs_site.DocsDataError, match=message):
        docs_site.questions()
