"""Bad answers: each stops the render with a message that names the question, and writes nothing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from helpers import ROOT, parse_every_file, render, tool_env, which

if TYPE_CHECKING:
    from pathlib import Path

# answer -> the question the message must name
BAD_ANSWERS: list[tuple[dict[str, Any], str]] = [
    ({"project_name": ""}, "project_name"),
    ({"project_name": "   "}, "project_name"),
    ({"project_name": "#$%"}, "project_name"),
    ({"pypi_name": "Fast Stats"}, "pypi_name"),
    ({"pypi_name": "fast_stats"}, "pypi_name"),
    ({"pypi_name": "-fast"}, "pypi_name"),
    ({"import_name": "Fast"}, "import_name"),
    ({"import_name": "fast stats"}, "import_name"),
    ({"import_name": "2fast"}, "import_name"),
    ({"import_name": "class"}, "import_name"),
    ({"import_name": "import"}, "import_name"),
    ({"import_name": "async"}, "import_name"),
    ({"import_name": "type"}, "import_name"),
    ({"import_name": "fn"}, "import_name"),
    ({"import_name": "json"}, "import_name"),
    ({"import_name": "test"}, "import_name"),
    ({"import_name": "typing"}, "import_name"),
    ({"crate_name": "Fast"}, "crate_name"),
    ({"crate_name": "fast stats"}, "crate_name"),
    ({"crate_name": "2fast"}, "crate_name"),
    ({"crate_name": "crate"}, "crate_name"),
    ({"crate_name": "self"}, "crate_name"),
    ({"crate_name": "super"}, "crate_name"),
    ({"crate_name": "try"}, "crate_name"),
    ({"crate_name": "std"}, "crate_name"),
    ({"description": ""}, "description"),
    ({"description": "first line\nsecond line"}, "description"),
    ({"author_name": ""}, "author_name"),
    ({"author_email": "ada"}, "author_email"),
    ({"author_email": "ada@localhost"}, "author_email"),
    ({"repository_url": "github.com/ada/fast"}, "repository_url"),
    ({"repository_url": "ssh://git@github.com/ada/fast"}, "repository_url"),
    ({"repository_url": "https://github.com/ada"}, "repository_url"),
    ({"license": "GPL-3.0"}, "license"),
    ({"copyright_year": "last year"}, "copyright_year"),
    ({"initial_version": "1.0"}, "initial_version"),
    ({"initial_version": "v1.0.0"}, "initial_version"),
    ({"initial_version": "1.0.0-rc.1"}, "initial_version"),
    ({"initial_version": "1.0.0.dev1"}, "initial_version"),
    ({"layout": "monorepo"}, "layout"),
    ({"python_min": "3.8"}, "python_min"),
    ({"python_min": "3.10"}, "python_min"),
    ({"python_min": "4.0"}, "python_min"),
    ({"version_source": "setup.py"}, "version_source"),
    ({"wheel_platforms": ["linux-x86_64", "amiga-m68k"]}, "wheel_platforms"),
    ({"wheel_platforms": [], "publish": "pypi"}, "publish"),
    # Pyodide's and Android's jobs build with CPython 3.14 alone
    ({"wheel_platforms": ["emscripten-wasm32"], "python_min": "3.15"}, "wheel_platforms"),
    ({"manylinux": "manylinux1"}, "manylinux"),
    ({"publish": "anaconda"}, "publish"),
    ({"features": ["numpy", "gpu"]}, "features"),
    ({"extras": ["docker", "kubernetes"]}, "extras"),
    ({"features": ["numpy"], "extras": ["generated-stubs"]}, "extras"),
    ({"docs_site": "hugo"}, "docs_site"),
    # found by an audit of answers the list above missed
    ({"project_name": "Fast\rStats"}, "project_name"),
    ({"import_name": "fast\n"}, "import_name"),
    ({"import_name": "__main__"}, "import_name"),
    ({"import_name": "version"}, "import_name"),
    ({"import_name": "aux"}, "import_name"),
    ({"crate_name": "fast\n"}, "crate_name"),
    ({"author_name": "Ada\u2028Lovelace"}, "author_name"),
    ({"author_email": "ada@example..com"}, "author_email"),
    ({"author_email": "ada@example.com\n"}, "author_email"),
    ({"repository_url": "https://ada:secret@github.com/ada/fast"}, "repository_url"),
    ({"repository_url": "https://github.com:99999/ada/fast"}, "repository_url"),
    ({"copyright_year": "2030-2020"}, "copyright_year"),
    ({"initial_version": "18446744073709551616.0.0"}, "initial_version"),
    ({"project_name": "Статистика"}, "pypi_name"),  # nothing to derive the PyPI name from
    ({"abi3": "maybe"}, "abi3"),  # Copier alone would read it as true
    ({"free_threaded": 2}, "free_threaded"),
    ({"build_info": "perhaps"}, "build_info"),
    # a bare word where a list belongs: Copier's own parsing would not name the question
    ({"features": "numpy"}, "features"),
    ({"wheel_platforms": "linux-x86_64"}, "wheel_platforms"),
    ({"extras": "[docker"}, "extras"),
]


@pytest.mark.parametrize(("answers", "field"), BAD_ANSWERS, ids=lambda v: repr(v)[:60] if isinstance(v, dict) else v)
def test_bad_answer_names_the_field_and_writes_nothing(answers: dict[str, Any], field: str, tmp_path: Path) -> None:
    destination = tmp_path / "project"
    with pytest.raises(ValueError, match=rf"'{field}'|\b{field}\b") as caught:
        render(destination, {"project_name": "Fast Stats", **answers})
    message = str(caught.value)
    assert field in message
    assert not destination.exists() or not any(destination.iterdir()), "a bad answer wrote files"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("import_name=class", "import_name"),
        ("author_email=not-an-email", "author_email"),
        ("python_min=3.9", "python_min"),
        ("features=numpy", "features"),
    ],
)
def test_cli_exits_non_zero_with_the_message(data: str, field: str, tmp_path: Path) -> None:
    """Through the real CLI with --defaults --data, as CI pipelines call it."""
    import subprocess  # noqa: PLC0415

    destination = tmp_path / "out"
    result = subprocess.run(
        [
            which("copier"),
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref",
            "HEAD",
            "--data",
            data,
            str(ROOT),
            str(destination),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=tool_env(),
        check=False,
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert re.search(rf"\b{field}\b", last_line), last_line
    assert not destination.exists()


UNUSUAL_GOOD_ANSWERS: list[dict[str, Any]] = [
    {"project_name": "Статистика", "pypi_name": "statistika"},
    {"project_name": "Zoë Stats", "author_name": "Zoë\tO'Brien"},
    # Rust names of the project's own modules and crates are free as import names.
    {"layout": "rust-only", "import_name": "stats", "features": ["numpy", "parallel", "mimalloc"], "build_info": True},
    {"layout": "rust-only", "import_name": "std"},
    {"repository_url": "https://git.sr.ht/~ada/fast-stats.git"},
]


@pytest.mark.parametrize("answers", UNUSUAL_GOOD_ANSWERS, ids=lambda answers: repr(answers)[:60])
def test_unusual_but_valid_answers_render(answers: dict[str, Any], tmp_path: Path) -> None:
    project = render(tmp_path / "project", {"project_name": "Fast Stats", **answers})
    parse_every_file(project)
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {key: recorded[key] for key in answers} == answers
