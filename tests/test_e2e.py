"""End to end: render, build with the real toolchain, run the project's own commands.

Every preset (and one more combination) is rendered, committed, set up with
`just dev` and checked with `just ci`, exactly as its README says. Then the
release artifacts are built and checked: wheel tags, contents and metadata, a
wheel built from the sdist and the test suite run against that wheel in a
fresh environment; the release workflow's x86_64 runs are replayed, and the
version-specific wheels they give run on their own CPython where Debian has
it (tests/debian_roots.py). All builds share one CARGO_TARGET_DIR, so pyo3
and its dependencies compile once per configuration, not once per project.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Any

import debian_roots
import maturin_action
import pytest
import report
import yaml
from helpers import (
    PRESETS,
    ROOT,
    git_commit_all,
    preset_answers,
    render,
    run,
    run_failing,
    tool_env,
    which,
    without_pgo,
)

from extensions import pins

pytestmark = pytest.mark.e2e

# Every preset gets the whole treatment: its commands, then its release
# artifacts. These further combinations complete "no features" and "all
# features" in each layout, and get `just dev` and `just ci`.
PRESET_CASES = [f"preset-{name}" for name in PRESETS]
CASES: dict[str, dict[str, Any]] = {
    **{f"preset-{name}": preset_answers(name) for name in PRESETS},
    "rust-only-all-features": {
        "project_name": "Rust Only All",
        # the name of a Rust module of the project: the extension's own Rust
        # module is named apart from its Python name, so they cannot clash
        "import_name": "stats",
        "layout": "rust-only",
        "features": ["numpy", "parallel", "serde", "logging", "async", "mimalloc"],
        "build_info": True,
    },
    "mixed-all-features-version-specific": {
        "project_name": "Mixed All",
        "layout": "mixed",
        "features": ["numpy", "parallel", "serde", "logging", "async", "mimalloc"],
        "abi3": False,
        "free_threaded": False,
        "version_source": "pyproject",
        "license": "BSD-3-Clause",
        "initial_version": "0.2.0rc1",
    },
    # generated stubs in the other layouts (the typed preset has the mixed one)
    "workspace-no-features": {
        "project_name": "Workspace Bare",
        "layout": "workspace",
        "build_info": True,
        "extras": ["generated-stubs"],
    },
    "rust-only-generated-stubs": {
        "project_name": "Rust Only Stubs",
        "layout": "rust-only",
        "features": ["parallel", "serde", "logging", "async"],
        "build_info": True,
        "extras": ["generated-stubs"],
    },
}


@dataclass(frozen=True)
class Built:
    project: Path
    answers: dict[str, Any]
    env: dict[str, str]
    case: str  # its key in CASES

    @property
    def module(self) -> str:
        return str(self.answers["import_name"])

    @property
    def python_tag(self) -> str:
        return f"cp{sys.version_info.major}{sys.version_info.minor}"


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cargo_target_dir: Path) -> Built:
    """A rendered, committed project after its documented `just dev`."""
    answers = CASES[request.param]
    project = render(tmp_path_factory.mktemp(request.param) / "project", answers)
    git_commit_all(project)
    env = tool_env(CARGO_TARGET_DIR=str(cargo_target_dir))
    run([which("just"), "dev"], project, env)
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    return Built(project, recorded, env, request.param)


@pytest.mark.parametrize("built", sorted(CASES), indirect=True)
def test_just_ci_passes(built: Built) -> None:
    """The README's `just ci`: fmt, clippy, cargo test, ruff, mypy, stubtest, pytest."""
    output = run([which("just"), "ci"], built.project, built.env)
    # Each tool reports its own success; a recipe that silently did nothing would not.
    assert "All checks passed!" in output  # ruff check
    assert re.search(r"Success: no issues found in \d+ source files", output)  # mypy
    assert re.search(r"Success: no issues found in \d+ modules", output)  # stubtest
    assert re.search(r"test result: ok\. [1-9]\d* passed", output)  # cargo test
    assert re.search(r"=+ [1-9]\d* passed", output)  # pytest
    # every test in several threads at once, as the free-threaded CI jobs run them
    threaded = run([which("just"), "test-threads"], built.project, built.env)
    assert re.search(r"^[1-9]\d* passed", threaded.splitlines()[-1].strip("= ")), threaded[-2000:]
    assert "pytest-run-parallel report" in threaded


@pytest.mark.parametrize("built", ["rust-only-all-features"], indirect=True)
def test_logging_and_async_alone_pass_clippy(built: Built) -> None:
    """Each of the two with every other feature off: the code behind its cfg compiles,
    lint-clean, without the others' (`just lint-rust` checks them all together)."""
    for feature in ("logging", "async"):
        command = ["cargo", "clippy", "--all-targets", "--no-default-features", "--features", feature]
        run([*command, "--", "-D", "warnings"], built.project, built.env, stderr=True)


@pytest.mark.parametrize("built", ["rust-only-generated-stubs"], indirect=True)
def test_generated_stubs_fail_lint_until_just_stubs(built: Built) -> None:
    """A Rust signature changed without `just stubs`: `just ci` fails and names `just stubs`;
    after it, the stubs carry the change and the lints pass."""
    lib = built.project / "src" / "lib.rs"
    original = lib.read_text(encoding="utf-8")
    renamed = original.replace("fn add(a: i64, b: i64)", "fn add(x: i64, b: i64)")
    lib.write_text(renamed.replace("a.checked_add(b)", "x.checked_add(b)"), encoding="utf-8")
    stub = built.project / f"{built.module}.pyi"
    try:
        failed = run_failing([which("just"), "ci"], built.project, built.env)
        assert "Run `just stubs`" in failed.stdout, failed.stdout[-2000:]
        assert "+def add(x: SupportsIndex" in failed.stdout  # the diff shows what changed
        run([which("just"), "stubs"], built.project, built.env)
        assert "def add(x: SupportsIndex" in stub.read_text(encoding="utf-8")
        output = run([which("just"), "lint-python"], built.project, built.env)
        assert re.search(r"Success: no issues found in \d+ modules", output)  # stubtest
    finally:
        run(["git", "checkout", "--", "."], built.project, built.env)


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_nox_runs_the_suite_under_the_minimum_python(built: Built) -> None:
    session = f"tests-{built.answers['python_min']}"
    output = run(["uv", "run", "nox", "--session", session], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_just_bench_measures_an_optimised_build(built: Built, tmp_path: Path) -> None:
    results = tmp_path / "base.json"
    output = run(
        [
            which("just"),
            "bench",
            "--benchmark-max-time=0.05",
            "--benchmark-min-rounds=1",
            f"--benchmark-json={results}",
        ],
        built.project,
        built.env,
    )
    assert "test_rust_add" in output
    benchmarks = 4 if built.answers["example"] else 2  # add's pair, and the example's mean pair
    assert re.search(rf"=+ {benchmarks} passed", output)
    if "bench-compare" in built.answers["extras"]:
        _bench_compare_fails_only_on_a_slowdown(built, results, tmp_path / "slower.json")


def _bench_compare_fails_only_on_a_slowdown(built: Built, base: Path, slower: Path) -> None:
    """The benchmarks workflow's comparison, on what `just bench` wrote: a run against itself
    passes; with a slowdown planted in one benchmark's median, it fails and names it."""
    compare = [which("just"), "bench-compare", "--base", str(base), "--head"]
    assert "| ok |" in run([*compare, str(base)], built.project, built.env)
    results = json.loads(base.read_text(encoding="utf-8"))
    (mean,) = (b for b in results["benchmarks"] if b["name"] == "test_rust_add")
    mean["stats"]["median"] *= 1.5
    slower.write_text(json.dumps(results), encoding="utf-8")
    failed = run_failing([*compare, str(slower)], built.project, built.env)
    assert "+50.0% | slower |" in failed.stdout
    assert f"more than 20%: {mean['fullname']}" in failed.stderr


@pytest.fixture(scope="module")
def release(built: Built) -> tuple[Path, Path]:
    """`maturin build --release --sdist`: the release wheel and the sdist."""
    dist = built.project / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    run(["uv", "run", "maturin", "build", "--release", "--sdist", "--out", "dist"], built.project, built.env)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    return wheel, sdist


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_wheel_has_the_promised_tags(built: Built, release: tuple[Path, Path]) -> None:
    wheel, _ = release
    dist_name = built.answers["pypi_name"].replace("-", "_")
    abi = "abi3" if built.answers["abi3"] else built.python_tag
    pattern = rf"{dist_name}-[^-]+-{built.python_tag}-{abi}-(manylinux_\d+_\d+|linux)_x86_64\.whl"
    assert re.fullmatch(pattern, wheel.name), wheel.name


@dataclass(frozen=True)
class ReleaseRow:
    """The release workflow's linux-x86_64 row, replayed natively: what it promises and what its runs gave."""

    project: Path  # a copy of the sources, built there
    check: dict[str, Any]  # the step that checks every promised wheel is there
    expected: list[str]  # the python-abi tags it promises
    wheels: list[Path]


@pytest.fixture(scope="module")
def release_row(built: Built, tmp_path_factory: pytest.TempPathFactory) -> ReleaseRow:
    """The row's maturin runs, as the workflow writes them, into a copy of the sources
    (the release fixture's dist/ stays as it was)."""
    workflow = yaml.safe_load((built.project / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["wheels"]
    steps = job["steps"]
    (row,) = (row for row in job["strategy"]["matrix"]["include"] if row["platform"] == "linux-x86_64")
    (check,) = (s for s in steps if s["name"] == "Check that every interpreter got its wheel")
    project = tmp_path_factory.mktemp("release-row") / "project"
    shutil.copytree(built.project, project, ignore=shutil.ignore_patterns(".git", ".venv*", "dist", "target"))
    maturin = built.project / ".venv" / ("Scripts" if os.name == "nt" else "bin") / "maturin"
    # Which wheels come out does not depend on optimisation: build quickly.
    quick = {"CARGO_PROFILE_RELEASE_LTO": "false", "CARGO_PROFILE_RELEASE_OPT_LEVEL": "0"}
    for args in maturin_action.build_args(steps, row):
        run([str(maturin), "build", *without_pgo(args.split())], project, {**built.env, **quick}, stderr=True)
    expected = maturin_action.expand(check["env"]["EXPECTED"], row).split()
    return ReleaseRow(project, check, expected, sorted((project / "dist").glob("*.whl")))


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_release_workflow_builds_every_wheel_it_promises(built: Built, release_row: ReleaseRow) -> None:
    """The wheel job's maturin runs, as the workflow writes them, then its check that every wheel is there.

    maturin builds for a CPython it cannot find from the interpreter data it
    carries, so the free-threaded and abi3t wheels build here too (this
    machine cannot import the free-threaded ones; the workflow tests them on
    its runners). The check must pass on what the runs gave, and fail for a
    wheel none gave.
    """
    expected, project, check = release_row.expected, release_row.project, release_row.check
    abi = "abi3" if built.answers["abi3"] else built.python_tag
    assert f"{built.python_tag}-{abi}" in expected  # the wheel `maturin build --release` gave here
    built_tags = sorted(re.sub(r"^[^-]+-[^-]+-([^-]+-[^-]+)-.*", r"\1", w.name) for w in release_row.wheels)
    assert built_tags == sorted(expected), "each run gives its wheels and nothing else"

    # Built natively here, the wheels carry this machine's glibc tag (tests/test_cross_wheels.py
    # builds every row's own tags with zig).
    (platform_tag,) = {w.stem.split("-", 4)[4] for w in release_row.wheels}
    bash = which("bash")
    env = {**built.env, "EXPECTED": " ".join(expected), "PLATFORM_TAG": platform_tag}
    run([bash, "-euo", "pipefail", "-c", check["run"]], project, env)
    missing = run_failing(
        [bash, "-euo", "pipefail", "-c", check["run"]], project, {**env, "EXPECTED": f"{expected[0]} cp399-cp399t"}
    )
    assert f"no cp399-cp399t-{platform_tag} wheel was built" in missing.stdout


# The presets without abi3: a wheel per CPython, each run on the CPython it is for where Debian has it.
VERSION_SPECIFIC = [case for case in PRESET_CASES if CASES[case].get("abi3") is False]


@pytest.mark.parametrize("built", VERSION_SPECIFIC, indirect=True)
def test_version_specific_wheels_pass_the_tests_on_their_cpython(built: Built, release_row: ReleaseRow) -> None:
    """The release row's wheels, each by the project's scripts/test-wheel.sh on the CPython it is
    for, natively in Debian amd64 roots: bookworm's 3.11, forky's 3.13, 3.14 and 3.15. Debian has
    no 3.12 and no free-threaded build: the rendered CI's runners test those."""
    assert not built.answers["abi3"]
    numpy = "numpy" in built.answers["features"]
    every = debian_roots.X86_64_CPYTHONS
    runs = debian_roots.run_x86_64_wheels(release_row.project, release_row.wheels, every, numpy=numpy)
    tags = [f"cp{version.replace('.', '')}" for version in every]
    assert [(tested.version, tested.python_abi) for tested in runs] == [
        (version, f"{tag}-{tag}") for version, tag in zip(every, tags, strict=True)
    ]
    target = f"{built.case.removeprefix('preset-')} linux-x86_64"
    report.record(target, "release row built natively; " + debian_roots.ran_on(runs, release_row.wheels))


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_wheel_contents_and_metadata(built: Built, release: tuple[Path, Path]) -> None:
    wheel, _ = release
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    module = built.module
    assert f"{module}/py.typed" in names
    stubs = {
        "rust-only": [f"{module}/__init__.pyi"],
        "mixed": [f"{module}/_core.pyi"],
        "workspace": [f"{module}/_core/{name}.pyi" for name in ("__init__", "stats", "info")],
    }[built.answers["layout"]]
    assert set(stubs) <= names
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
    requires = metadata.get_all("Requires-Dist") or []
    assert requires == [], "no run-time dependency: NumPy comes with the arrays callers pass"


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_just_test_dist_tests_the_release_wheel(built: Built, release: tuple[Path, Path]) -> None:
    """The recipe the release workflow runs on every runner that can run the wheel."""
    assert release[0].parent == built.project / "dist"
    output = run([which("just"), "test-dist"], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)


@pytest.mark.parametrize("built", ["preset-full"], indirect=True)
def test_just_build_pgo_wheel_passes_the_tests(built: Built) -> None:
    """The pgo extra's recipe: instrumented build, scripts/pgo_train.py, optimised rebuild; then its tests."""
    assert "pgo" in built.answers["extras"]
    output = run([which("just"), "build-pgo", "dist-pgo"], built.project, built.env, stderr=True)
    for phase in (
        "Running instrumentation command: python scripts/pgo_train.py",
        "Merged PGO profiles",
        "PGO build complete",
    ):
        assert phase in output, output[-3000:]
    (wheel,) = (built.project / "dist-pgo").glob("*.whl")
    assert wheel.name.startswith(built.answers["pypi_name"].replace("-", "_"))
    tested = run([which("just"), "test-dist", built.answers["python_min"], "dist-pgo"], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", tested)


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_twine_accepts_the_artifacts(built: Built, release: tuple[Path, Path]) -> None:
    run([which("twine"), "check", "--strict", *map(str, release)], built.project, built.env)


@pytest.mark.parametrize("built", PRESET_CASES, indirect=True)
def test_sdist_builds_a_wheel_that_passes_the_tests(built: Built, release: tuple[Path, Path]) -> None:
    """A wheel built from the sdist alone (PEP 517, maturin from PyPI), in a fresh venv."""
    _, sdist = release
    with tarfile.open(sdist) as archive:
        members = {Path(m).relative_to(Path(m).parts[0]).as_posix() for m in archive.getnames() if "/" in m}
    rust = (
        {"crates/core/Cargo.toml", "crates/core/src/lib.rs", "crates/python/Cargo.toml", "crates/python/src/lib.rs"}
        if built.answers["layout"] == "workspace"
        else {"src/lib.rs", "src/template.rs"}
    )
    assert {"Cargo.toml", "Cargo.lock", "pyproject.toml", *rust} <= members, sorted(members)

    # The project's own recipe, as its release workflow runs it: uv build from
    # the sdist alone, --locked against the Cargo.lock the sdist carries.
    output = run([which("just"), "test-sdist", sys.executable], built.project, built.env)
    (wheel,) = (built.project / "dist-from-sdist").glob("*.whl")
    assert wheel.name.split("-")[:2] == sdist.name.removesuffix(".tar.gz").split("-"), (wheel.name, sdist.name)
    assert re.search(r"=+ [1-9]\d* passed", output)


@pytest.mark.parametrize("built", ["preset-full", "rust-only-all-features"], indirect=True)
def test_build_script_reruns_only_when_git_head_moves(built: Built) -> None:
    def build() -> str:
        return run(["cargo", "build", "--verbose", "--all-features"], built.project, built.env, stderr=True)

    crate = built.answers["crate_name"]
    build()
    unchanged = build()
    assert f"Fresh {crate} " in unchanged, unchanged[-3000:]
    assert "build-script-build`" not in unchanged, "an unchanged tree ran build.rs again"
    git_commit_all(built.project, "Move HEAD")
    moved = build()
    assert "build-script-build`" in moved, "a new commit must refresh the commit in build_info()"
    # and the documented dev command rebuilds for it too (uv's cache-keys watch the commit)
    run([which("just"), "dev"], built.project, built.env)
    reported = run(
        [
            "uv",
            "run",
            "--no-sync",
            "python",
            "-c",
            f"import {built.module}; print({built.module}.build_info()['git_commit'])",
        ],
        built.project,
        built.env,
    )
    assert reported.strip() == run(["git", "rev-parse", "HEAD"], built.project).strip()


@pytest.mark.parametrize("built", ["preset-full", "preset-workspace", "workspace-no-features"], indirect=True)
def test_core_crate_tests_need_no_python(built: Built) -> None:
    """`cargo test -p <core>` with no Python to be found: pyo3 is not even built."""
    env = {**built.env, "PYO3_PYTHON": str(built.project / "no-python-here")}
    core = f"{built.answers['crate_name']}-core"
    output = run(["cargo", "test", "-p", core, "--all-features"], built.project, env, stderr=True)
    output += run(["cargo", "tree", "-p", core, "--edges", "normal,build"], built.project, env, stderr=True)
    assert "pyo3" not in output
    assert re.search(r"test result: ok\. [1-9]\d* passed", output)


# ---------------------------------------------------------------- extras


@pytest.fixture(scope="session")
def cargo_deny_bin() -> Path:
    """cargo-deny at the version the audit workflow installs, built once from crates.io.

    A debug build: it compiles in about a minute instead of four, and checks a
    project's graph in a second all the same.
    """
    root = ROOT / ".cache" / "tools"
    binary = root / "bin" / ("cargo-deny.exe" if os.name == "nt" else "cargo-deny")
    version = run([str(binary), "--version"], ROOT).strip() if binary.exists() else ""
    if version != f"cargo-deny {pins.CARGO_DENY}":
        command = ["cargo", "install", "--locked", "--debug", "--force", "--root", str(root)]
        run(
            [*command, "cargo-deny", "--version", pins.CARGO_DENY],
            ROOT,
            tool_env(CARGO_TARGET_DIR=str(root / "target")),
        )
    return binary.parent


@pytest.mark.parametrize("built", ["preset-full", "preset-default"], indirect=True)
def test_cargo_deny_license_bans_and_sources_checks_pass(built: Built, cargo_deny_bin: Path) -> None:
    """`just audit-rust` with the checks that need no advisory database (GitHub is unreachable here).

    The audit workflow runs every check, advisories included, with the database fetched.
    """
    env = {**built.env, "PATH": os.pathsep.join([str(cargo_deny_bin), built.env["PATH"]])}
    output = run([which("just"), "audit-rust", "licenses", "bans", "sources"], built.project, env, stderr=True)
    assert "bans ok, licenses ok, sources ok" in output


@pytest.mark.parametrize("built", ["preset-default"], indirect=True)
def test_pip_audit_reads_the_locked_requirements(built: Built) -> None:
    """`just audit-python`: uv.lock exported, pip-audit run in its own environment, strictly.

    PyPI's vulnerability data (its JSON API) is out of reach on some networks;
    then pip-audit --strict fails naming each package it could not audit, which
    still proves the export and the invocation. Anywhere else it must pass.
    """
    result = subprocess.run(
        [which("just"), "audit-python"], cwd=built.project, env=built.env, capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    locked = {p["name"] for p in tomllib.loads((built.project / "uv.lock").read_text(encoding="utf-8"))["package"]}
    if result.returncode == 0:
        assert "No known vulnerabilities found" in output, output
    else:
        unaudited = set(re.findall(r"Dependency not found on PyPI and could not be audited: ([\w.-]+) \(", output))
        assert unaudited, output
        assert unaudited <= locked, output  # --strict stops at the first it cannot audit


@pytest.mark.parametrize("built", ["preset-full"], indirect=True)
def test_coverage_of_the_python_code(built: Built) -> None:
    """`just coverage-python`, the part of `just coverage` that needs no llvm-tools (not installable here)."""
    output = run([which("just"), "coverage-python"], built.project, built.env)
    assert re.search(r"=+ [1-9]\d* passed", output)
    assert re.search(r"^TOTAL\s+\d+\s+\d+\s+\d+%", output, re.MULTILINE), output
    report = (built.project / "coverage" / "python.xml").read_text(encoding="utf-8")
    assert f'filename="python/{built.module}/__init__.py"' in report, report[:2000]


@pytest.mark.parametrize("built", ["preset-full"], indirect=True)
def test_every_dependency_supports_the_declared_rust_version(built: Built) -> None:
    """The MSRV job's promise, checked statically: no crate in the graph asks for a newer Rust."""
    cargo = tomllib.loads((built.project / "Cargo.toml").read_text(encoding="utf-8"))
    declared = cargo["workspace"]["package"]["rust-version"]
    metadata = json.loads(
        run(["cargo", "metadata", "--all-features", "--format-version", "1"], built.project, built.env)
    )

    def parsed(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in version.split("."))

    newer = {p["name"]: p["rust_version"] for p in metadata["packages"] if p.get("rust_version")}
    newer = {name: v for name, v in newer.items() if parsed(v) > parsed(declared)}
    assert not newer, f"these crates need a Rust newer than {declared}: {newer}"
    assert len(metadata["packages"]) > 20  # the whole graph, not just the workspace


DOCS_CASES = [(layout, site) for layout in ("rust-only", "mixed", "workspace") for site in ("mkdocs", "sphinx")]


@pytest.mark.parametrize(("layout", "site"), DOCS_CASES)
def test_just_docs_builds_the_api_pages_from_the_stubs(
    layout: str, site: str, tmp_path: Path, cargo_target_dir: Path
) -> None:
    answers = {"project_name": "Doc Stats", "layout": layout, "docs_site": site, "features": ["numpy"]}
    project = render(tmp_path / "project", answers)
    git_commit_all(project)
    env = tool_env(CARGO_TARGET_DIR=str(cargo_target_dir), NO_MKDOCS_2_WARNING="1")
    run([which("just"), "docs"], project, env, stderr=True)
    pages = project / ("site/api/index.html" if site == "mkdocs" else "docs/_build/html/api/doc_stats/index.html")
    html = pages.read_text(encoding="utf-8")
    for name in ("mean", "mean_array", "RunningStats", "RunningStats.push", "StatsError"):
        assert f'id="doc_stats.{name}"' in html, name
    assert "Return the arithmetic mean" in html  # a docstring of the stubs


@pytest.mark.parametrize("built", ["preset-full", "preset-workspace"], indirect=True)
def test_just_bump_moves_every_version_and_the_changelog(built: Built) -> None:
    """Last in this file: it edits the project, then puts it back."""
    try:
        output = run([which("just"), "bump", "0.2.0"], built.project, built.env, stderr=True)
        assert f"{built.answers['initial_version']} -> 0.2.0" in output
        cargo = tomllib.loads((built.project / "Cargo.toml").read_text(encoding="utf-8"))
        assert cargo["workspace"]["package"]["version"] == "0.2.0"
        pyproject = tomllib.loads((built.project / "pyproject.toml").read_text(encoding="utf-8"))
        assert pyproject["project"].get("version", "0.2.0") == "0.2.0"
        lock = tomllib.loads((built.project / "Cargo.lock").read_text(encoding="utf-8"))
        ours = [p for p in lock["package"] if p["name"].startswith(built.answers["crate_name"])]
        assert ours
        assert all(p["version"] == "0.2.0" for p in ours)
        changelog = (built.project / "CHANGELOG.md").read_text(encoding="utf-8")
        assert re.search(r"^## \[0\.2\.0\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)
        # the project still builds, tests and reports the new version
        version = run(
            ["uv", "run", "python", "-c", f"import {built.module}; print({built.module}.__version__)"],
            built.project,
            built.env,
        )
        assert version.strip() == "0.2.0"
    finally:
        run(["git", "checkout", "--", "."], built.project)
        run(["uv", "sync"], built.project, built.env)
