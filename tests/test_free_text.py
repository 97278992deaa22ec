"""Free text lands escaped right in every language it reaches, and reads back unchanged."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING

import pytest
import yaml
from helpers import decode_rust_literal, parse_every_file, render, validate_pyproject

if TYPE_CHECKING:
    from pathlib import Path

AUTHOR = 'Zoë "Zed" O\'Brien'
DESCRIPTIONS = [
    "Quotes \" and ' and a backslash \\ and braces {{ x }} {% y %} and a # hash",
    "Trailing backslash \\",
    '"""Triple quotes""" and \\n that is not a newline',
    "Unicode: Zoë, 統計, 🦀, and a tab\tinside",
]


@pytest.mark.parametrize("layout", ["rust-only", "mixed", "workspace"])
@pytest.mark.parametrize("description", DESCRIPTIONS, ids=range(len(DESCRIPTIONS)))
def test_author_and_description_read_back_unchanged(layout: str, description: str, tmp_path: Path) -> None:
    answers = {
        "project_name": "Nasty Text",
        "author_name": AUTHOR,
        "description": description,
        "layout": layout,
        "features": ["serde"],
    }
    project = render(tmp_path / "p", answers)
    parse_every_file(project)
    validate_pyproject(project)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == description
    assert pyproject["project"]["authors"][0]["name"] == AUTHOR
    manifest = project / ("crates/python/Cargo.toml" if layout == "workspace" else "Cargo.toml")
    assert tomllib.loads(manifest.read_text(encoding="utf-8"))["package"]["description"] == description

    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert recorded["description"] == description
    assert recorded["author_name"] == AUTHOR

    template_rs = project / ("crates/python/src/template.rs" if layout == "workspace" else "src/template.rs")
    lib = template_rs.read_text(encoding="utf-8")
    match = re.search(r"^const DESCRIPTION: &str =\s+(.*);$", lib, flags=re.MULTILINE)
    assert match, "the module docstring comes from a Rust string literal"
    assert decode_rust_literal(match.group(1)) == description

    readme = (project / "README.md").read_text(encoding="utf-8")
    assert description in readme
    assert any(AUTHOR in path.read_text(encoding="utf-8") for path in project.glob("LICENSE*"))
