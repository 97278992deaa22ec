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
    # a conflict between answers: refused at the later question, which can fix it
    ({"wheel_platforms": [], "publish": "pypi"}, "wheel_platforms"),
    ({"wheel_platforms": ["linux-riscv64"], "python_min": "3.14"}, "wheel_platforms"),
    # Pyodide's and Android's jobs build with CPython 3.14 alone
    ({"wheel_platforms": ["emscripten-wasm32"], "python_min": "3.15"}, "wheel_platforms"),
    ({"manylinux": "manylinux1"}, "manylinux"),
    ({"publish": "anaconda"}, "publish"),
    # a private index needs its upload URL: none, or one that would leak the token
    ({"publish": "private"}, "private_index_url"),
    ({"publish": "private", "private_index_url": "http://pypi.example.com/"}, "private_index_url"),
    ({"publish": "private", "private_index_url": "https://ci:token@pypi.example.com/"}, "private_index_url"),
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
    # one of each class of name that breaks the rendered project (the unit tests hold every member)
    ({"pypi_name": "nox"}, "pypi_name"),  # a development dependency: uv cannot lock
    ({"pypi_name": "iniconfig"}, "pypi_name"),  # a dependency of pytest
    ({"pypi_name": "numpy"}, "pypi_name"),  # a feature's run-time dependency
    ({"pypi_name": "json"}, "pypi_name"),  # PyPI refuses standard-library names
    ({"import_name": "pluggy"}, "import_name"),  # a dependency's module
    ({"import_name": "yaml"}, "import_name"),
    ({"import_name": "distutils"}, "import_name"),  # standard library of 3.11 only
    ({"import_name": "annotationlib"}, "import_name"),  # standard library of 3.14 on
    ({"import_name": "sitecustomize"}, "import_name"),  # Python imports it at startup
    ({"import_name": "_distutils_hack"}, "import_name"),  # a .pth imports it at startup
    ({"import_name": "serde"}, "import_name"),  # tests/test_serde.py twice
    ({"import_name": "check_dist"}, "import_name"),  # scripts/check_dist.py on sys.path
    ({"import_name": "lazy"}, "import_name"),  # a soft keyword of 3.15
    ({"crate_name": "rayon"}, "crate_name"),  # a feature's crate
    ({"crate_name": "syn"}, "crate_name"),  # a crate pyo3 depends on
    ({"crate_name": "serde-core"}, "crate_name"),  # serde_core, read as Rust reads it
    ({"description": " padded summary"}, "description"),  # maturin trims the metadata's Summary
    ({"description": "summary\u3000"}, "description"),
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
        ("project_name=Статистика", "pypi_name"),  # --defaults: nothing to derive it from
        ("import_name=3d", "import_name"),
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


@pytest.mark.parametrize(
    ("project_name", "derived"),
    [
        ("3D Tiles", {"pypi_name": "3d-tiles", "import_name": "py3d_tiles", "crate_name": "py3d-tiles"}),
        ("Café Tools", {"pypi_name": "cafe-tools", "import_name": "cafe_tools", "crate_name": "cafe-tools"}),
        ("Pytest", {"pypi_name": "pypytest", "import_name": "pypytest", "crate_name": "pypytest"}),
    ],
)
def test_derived_names_are_ones_their_questions_accept(
    project_name: str, derived: dict[str, str], tmp_path: Path
) -> None:
    project = render(tmp_path / "project", {"project_name": project_name})
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {key: recorded[key] for key in derived} == derived


def test_defaults_into_a_folder_named_by_digits_render(tmp_path: Path) -> None:
    """`copier copy --defaults` into ./123: project_name is the folder's name, and nothing crashes."""
    import subprocess  # noqa: PLC0415

    destination = tmp_path / "123"
    result = subprocess.run(
        [which("copier"), "copy", "--trust", "--defaults", "--vcs-ref", "HEAD", str(ROOT), str(destination)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=tool_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    recorded = yaml.safe_load((destination / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert (recorded["project_name"], recorded["import_name"], recorded["crate_name"]) == ("123", "py123", "py123")
    # the placeholders the defaults left are named, with the command that replaces them
    assert "author_name, author_email, repository_url" in result.stderr + result.stdout
    assert "--data author_email=" in result.stderr + result.stdout
