"""End to end: render, build with the real toolchain, run the project's own commands.

Every preset (and one more combination) is rendered, committed, set up with
`just dev` and checked with `just ci`, exactly as its README says. Then the
release artifacts are built and checked: wheel tags, contents and metadata, a
wheel built from the sdist and the test suite run against that wheel in a
fresh environment. All builds share one CARGO_TARGET_DIR, so pyo3 and its
dependencies compile once per configuration, not once per project.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PRESETS, ROOT, git_commit_all, preset_answers, render, run, tool_env, which

pytestmark = pytest.mark.e2e

CASES: dict[str, dict[str, Any]] = {
    **{f"preset-{name}": preset_answers(name) for name in PRESETS},
    # The branches the presets leave out: mixed layout without abi3 and with
    # the version written in pyproject.toml.
    "mixed-version-specific": {
        "project_name": "Mixed Plain",
        "layout": "mixed",
        "abi3": False,
        "free_threaded": False,
        "version_source": "pyproject",
        "license": "BSD-3-Clause",
        "initial_version": "0.2.0rc1",
    },
}


@dataclass(frozen=True)
class Built:
    project: Path
    answers: dict[str, Any]
    env: dict[str, str]

    @property
    def module(self) -> str:
        return str(self.answers["import_name"])

    @property
    def python_tag(self) -> str:
        return f"cp{sys.version_info.major}{sys.version_info.minor}"


@pytest.fixture(scope="session")
def cargo_target_dir() -> Path:
    """One target directory for every build in the run (kept between local runs)."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    target = Path(configured) if configured else ROOT / ".cache" / "e2e-target"
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture(scope="module", params=sorted(CASES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cargo_target_dir: Path) -> Built:
    """A rendered, committed project after its documented `just dev`."""
    answers = CASES[request.param]
    project = render(tmp_path_factory.mktemp(request.param) / "project", answers)
    git_commit_all(project)
    env = tool_env(CARGO_TARGET_DIR=str(cargo_target_dir))
    run([which("just"), "dev"], project, env)
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    return Built(project, recorded, env)


def test_just_ci_passes(built: Built) -> None:
    """The README's `just ci`: fmt, clippy, cargo test, ruff, mypy, stubtest, pytest."""
    output = run([which("just"), "ci"], built.project, built.env)
    # Each tool reports its own success; a recipe that silently did nothing would not.
    assert "All checks passed!" in output  # ruff check
    assert re.search(r"Success: no issues found in \d+ source files", output)  # mypy
    assert re.search(r"Success: no issues found in \d+ modules", output)  # stubtest
    assert re.search(r"test result: ok\. [1-9]\d* passed", output)  # cargo test
    assert re.search(r"=+ [1-9]\d* passed", output)  # pytest


def test_nox_runs_the_suite_under_the_minimum_python(built: Built) -> None:
    session = f"tests-{built.answers['python_min']}"
    output = run(["uv", "run", "nox", "--session", session], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)


def test_just_bench_measures_an_optimised_build(built: Built) -> None:
    output = run(
        [which("just"), "bench", "--benchmark-max-time=0.05", "--benchmark-min-rounds=1"],
        built.project,
        built.env,
    )
    assert "test_rust_mean" in output
    assert re.search(r"=+ 2 passed", output)


@pytest.fixture(scope="module")
def release(built: Built) -> tuple[Path, Path]:
    """`maturin build --release --sdist`: the release wheel and the sdist."""
    dist = built.project / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    run(["uv", "run", "maturin", "build", "--release", "--sdist", "--out", "dist"], built.project, built.env)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    return wheel, sdist


def test_wheel_has_the_promised_tags(built: Built, release: tuple[Path, Path]) -> None:
    wheel, _ = release
    dist_name = built.answers["pypi_name"].replace("-", "_")
    abi = "abi3" if built.answers["abi3"] else built.python_tag
    pattern = rf"{dist_name}-[^-]+-{built.python_tag}-{abi}-(manylinux_\d+_\d+|linux)_x86_64\.whl"
    assert re.fullmatch(pattern, wheel.name), wheel.name


def test_wheel_contents_and_metadata(built: Built, release: tuple[Path, Path]) -> None:
    wheel, _ = release
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    module = built.module
    assert f"{module}/py.typed" in names
    stub = f"{module}/_core.pyi" if built.answers["layout"] == "mixed" else f"{module}/__init__.pyi"
    assert stub in names
    assert any(re.fullmatch(rf"{module}/(_core|{module})\..*(so|pyd)", n) for n in names), names
    assert metadata["Name"] == built.answers["pypi_name"]
    assert metadata["Version"] == built.answers["initial_version"]
    assert metadata["Summary"] == built.answers["description"]
    assert metadata["License-Expression"] == built.answers["license"]
    assert metadata["Requires-Python"] == f">={built.answers['python_min']}"
    license_files = set(metadata.get_all("License-File") or [])
    assert license_files
    for license_file in license_files:
        assert any(n.endswith(f".dist-info/licenses/{license_file}") for n in names), license_file
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])


def test_just_test_dist_tests_the_release_wheel(built: Built, release: tuple[Path, Path]) -> None:
    """The recipe the release workflow runs on every runner that can run the wheel."""
    assert release[0].parent == built.project / "dist"
    output = run([which("just"), "test-dist"], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)


def test_twine_accepts_the_artifacts(built: Built, release: tuple[Path, Path]) -> None:
    run([which("twine"), "check", "--strict", *map(str, release)], built.project, built.env)


def test_sdist_builds_a_wheel_that_passes_the_tests(built: Built, release: tuple[Path, Path], tmp_path: Path) -> None:
    """A wheel built from the sdist alone (PEP 517, maturin from PyPI), in a fresh venv."""
    _, sdist = release
    with tarfile.open(sdist) as archive:
        members = {Path(m).relative_to(Path(m).parts[0]).as_posix() for m in archive.getnames() if "/" in m}
    assert {"Cargo.toml", "pyproject.toml", "src/lib.rs", "src/stats.rs"} <= members

    out = tmp_path / "wheel"
    run(["uv", "build", "--wheel", "--out-dir", str(out), str(sdist)], tmp_path, built.env)
    (wheel,) = out.glob("*.whl")

    venv = tmp_path / "venv"
    run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], tmp_path, built.env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(["uv", "pip", "install", "--quiet", "--python", str(python), str(wheel), "pytest"], tmp_path, built.env)
    location = run([str(python), "-c", f"import {built.module}; print({built.module}.__file__)"], tmp_path)
    assert Path(location.strip()).is_relative_to(venv), location
    output = run([str(python), "-m", "pytest", "-p", "no:cacheprovider", "tests"], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)
