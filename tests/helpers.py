"""Shared helpers: rendering, running commands, and static checks of a project."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from copier import run_copy

ROOT = Path(__file__).resolve().parents[1]
PRESETS_DIR = ROOT / "presets"
PRESETS = sorted(path.stem for path in PRESETS_DIR.glob("*.yml"))
# The tools this suite installed (just, uv, ruff, ...) live beside its Python.
TOOLS_BIN = Path(sys.executable).parent


COMMON_FILES = {
    ".cargo/config.toml",
    ".copier-answers.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "Cargo.toml",
    "README.md",
    "SECURITY.md",
    "benchmarks/test_benchmarks.py",
    "docs/index.md",
    "docs/troubleshooting.md",
    "justfile",
    "noxfile.py",
    "pyproject.toml",
    "scripts/check_dist.py",
    "scripts/system-deps.sh",
    "scripts/test-wheel.sh",
    "tests/test_version.py",
    ".github/workflows/ci.yml",
    ".github/workflows/release.yml",
    ".github/workflows/test.yml",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "AGENTS.md",
}
# The cross builds' release profile: which wheels come out does not depend
# on optimisation, so build quickly.
QUICK_RELEASE = {
    "CARGO_PROFILE_RELEASE_LTO": "false",
    "CARGO_PROFILE_RELEASE_OPT_LEVEL": "0",
    "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "16",
}
FEATURES = ["numpy", "parallel", "serde", "logging", "async", "mimalloc"]
EXTRAS = [
    "supply-chain",
    "coverage",
    "rust-toolchains",
    "release-tooling",
    "pgo",
    "bench-compare",
    "generated-stubs",
    "conda",
    "docker",
]
# The files each extra and each docs site adds, worked out from the issue, not the template.
EXTRA_FILES: dict[str, set[str]] = {
    "supply-chain": {"deny.toml", ".github/workflows/audit.yml"},
    "coverage": set(),  # a recipe and a job in ci.yml
    "rust-toolchains": {".github/workflows/toolchains.yml"},  # the MSRV job is in ci.yml
    "release-tooling": {"scripts/bump_version.py", "tests/test_bump_version.py"},
    "pgo": {"scripts/pgo_train.py"},
    "bench-compare": {
        "scripts/compare_benchmarks.py",
        "tests/test_compare_benchmarks.py",
        ".github/workflows/benchmarks.yml",
    },
    "generated-stubs": {"scripts/stubs.py"},  # the stubs themselves exist either way
    "conda": {"recipe/recipe.yaml"},
    "docker": {"Dockerfile", ".dockerignore"},
}
DOCS_FILES: dict[str, set[str]] = {
    "none": set(),
    "mkdocs": {"mkdocs.yml", "docs/api.md", ".github/workflows/docs.yml"},
    "sphinx": {"docs/conf.py", ".github/workflows/docs.yml"},
}


def expected_files(answers: dict[str, Any]) -> set[str]:
    """The files a project with these answers must have, worked out independently of the template."""
    module, example = answers["import_name"], answers["example"]
    files = COMMON_FILES | {f"tests/test_{module}.py", "stubtest-allowlist.txt"}
    files |= _rust_files(answers) | _package_files(answers)
    if example:
        files |= {"tests/test_example.py", "benchmarks/test_example_benchmarks.py"}
        files |= {f"tests/test_{feature}.py" for feature in answers["features"] if feature != "mimalloc"}
    if answers["features"]:
        files.add("tests/test_features.py")
    if answers["build_info"]:
        files.add("tests/test_build_info.py")
    if answers["free_threaded"]:
        files.add("tests/test_free_threading.py")
    files |= {"MIT OR Apache-2.0": {"LICENSE-MIT", "LICENSE-APACHE"}}.get(answers["license"], {"LICENSE"})
    if answers["dependency_updates"] == "dependabot":
        files.add(".github/dependabot.yml")
    for extra in answers["extras"]:
        files |= EXTRA_FILES[extra]
    return files | DOCS_FILES[answers["docs_site"]]


def _rust_files(answers: dict[str, Any]) -> set[str]:
    workspace, example = answers["layout"] == "workspace", answers["example"]
    rust = "crates/python" if workspace else "."
    src = f"{rust}/src".removeprefix("./")
    files = {f"{src}/lib.rs", f"{src}/template.rs"}
    if workspace:
        files |= {"crates/core/Cargo.toml", "crates/core/src/lib.rs", f"{rust}/Cargo.toml"}
    if example:
        files |= {f"{src}/template/example.rs"}
        files |= {"crates/stats/Cargo.toml", "crates/stats/src/lib.rs"} if workspace else {"src/template/stats.rs"}
        sources = {"numpy": "arrays.rs", "parallel": "parallel.rs", "logging": "logging.rs", "async": "asynchronous.rs"}
        files |= {f"{src}/template/{sources[f]}" for f in answers["features"] if f in sources}
    if answers["build_info"]:
        files.add(f"{rust}/build.rs".removeprefix("./"))
    return files


def _package_files(answers: dict[str, Any]) -> set[str]:
    module, layout = answers["import_name"], answers["layout"]
    package = f"python/{module}"
    if layout == "rust-only":
        return {f"{module}.pyi"}
    if layout == "mixed":
        return {f"{package}/__init__.py", f"{package}/_core.pyi", f"{package}/py.typed"}
    files = {f"{package}/{name}" for name in ("__init__.py", "py.typed", "_core/__init__.pyi")}
    info = bool(answers["features"]) or answers["build_info"]
    submodules = ["stats"] * answers["example"] + ["info"] * info
    files |= {f"{package}/{name}.py" for name in submodules}
    files |= {f"{package}/_core/{name}.pyi" for name in submodules}
    if submodules:
        files.add("tests/test_submodules.py")
    return files


# What Copier reads of this repository: everything else is the template's own tooling.
TEMPLATE_PARTS = ("copier.yml", "template", "extensions", "partials")


def copy_template(destination: Path) -> Path:
    """Copy the template's parts into ``destination``, replacing what an earlier copy left there."""
    for name in TEMPLATE_PARTS:
        target = destination / name
        if target.is_dir():
            shutil.rmtree(target)
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    return destination


def preset_answers(name: str) -> dict[str, Any]:
    answers = yaml.safe_load((PRESETS_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    assert isinstance(answers, dict)
    return answers


def render(dst: Path, answers: dict[str, Any]) -> Path:
    """Render the working tree of the template into ``dst``, as ``copier copy --defaults`` does."""
    run_copy(
        src_path=str(ROOT),
        dst_path=str(dst),
        data=answers,
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
    )
    return dst


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for commands run inside a rendered project.

    The suite's own virtual environment must not leak into the project's, and
    the suite's tools come first on PATH. PYO3_PYTHON names one Python for
    every project's cargo builds: a project's cargo gives pyo3 its own .venv
    (.cargo/config.toml), a pyo3 configuration of its own, and the target
    directory the suite shares would rebuild pyo3 for each project in turn.
    tests/test_dev_loop.py drops it, to measure what users get.
    """
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT"}}
    env["PATH"] = os.pathsep.join([str(TOOLS_BIN), env.get("PATH", "")])
    env.setdefault("PYO3_PYTHON", sys.executable)
    env["NO_COLOR"] = "1"
    env["CARGO_TERM_COLOR"] = "never"
    env.update(extra)
    return env


def _completed(
    cmd: list[str], cwd: Path, env: dict[str, str] | None, timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=env if env is not None else tool_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 1800, *, stderr: bool = False
) -> str:
    """Run a command and return its standard output (and error, if asked).

    On failure, fail the test with all of its output.
    """
    result = _completed(cmd, cwd, env, timeout)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        raise AssertionError(f"`{' '.join(cmd)}` exited {result.returncode} in {cwd}:\n{output[-6000:]}")
    return result.stdout + (result.stderr if stderr else "")


def run_failing(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    """Run a command that must fail, and return what it printed; fail the test if it succeeds."""
    result = _completed(cmd, cwd, env, timeout)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"`{' '.join(cmd)}` succeeded in {cwd}:\n{output[-6000:]}"
    return result


def git_commit_all(project: Path, message: str = "Render") -> None:
    env = tool_env(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
    )
    if not (project / ".git").exists():
        run(["git", "init", "--quiet", "--initial-branch=main"], project, env)
    run(["git", "add", "--all"], project, env)
    run(["git", "commit", "--quiet", "--no-verify", "--allow-empty", "-m", message], project, env)


def project_files(project: Path) -> list[Path]:
    return sorted(
        path.relative_to(project)
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(project).parts
    )


# `{{`/`{%` the renderer left behind; GitHub's `${{ }}` expressions are fine.
_JINJA_LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|%\}")


def jinja_leftovers(project: Path, free_text: tuple[str, ...] = ()) -> list[str]:
    """Template syntax left in the project's files or file names.

    ``free_text`` are answers that may hold ``{{`` themselves: their
    occurrences (raw or escaped as each language escapes them) are not
    leftovers. The answers file is Copier's own YAML dump of them.
    """
    found = [str(p) for p in project_files(project) if ".jinja" in str(p) or "{{" in str(p) or "{%" in str(p)]
    # Only forms that hold template syntax are masked: masking any other
    # (say a description of "$") would turn `${{ github.x }}` into `{{`.
    variants = {form for text in free_text for form in _escaped_forms(text) if _JINJA_LEFTOVER.search(form)}
    for rel in project_files(project):
        if free_text and rel.name == ".copier-answers.yml":
            continue
        text = (project / rel).read_text(encoding="utf-8", errors="replace")
        for variant in sorted(variants, key=len, reverse=True):
            text = text.replace(variant, "")
        found.extend(f"{rel}:{n}" for n, line in enumerate(text.splitlines(), 1) if _JINJA_LEFTOVER.search(line))
    return found


def _escaped_forms(text: str) -> set[str]:
    from extensions import escaping  # noqa: PLC0415

    quoted = [escaping.toml_str(text), escaping.yaml_str(text), escaping.rust_str(text), escaping.py_str(text)]
    return {text, escaping.py_docstring(text), *(literal[1:-1] for literal in quoted)}


def parse_every_file(project: Path) -> None:
    """Every TOML, YAML and Python file of the project parses."""
    for rel in project_files(project):
        path = project / rel
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            tomllib.loads(text)
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(text)
        elif path.suffix in {".py", ".pyi"}:
            ast.parse(text, filename=str(rel))


@cache
def maturin_schema_keys() -> frozenset[str]:
    """The `[tool.maturin]` keys maturin's published JSON schema knows."""
    import validate_pyproject_schema_store  # noqa: PLC0415

    schema_path = Path(validate_pyproject_schema_store.__file__).parent / "resources" / "maturin.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return frozenset(schema["properties"])


@cache
def _pyproject_validator() -> Any:
    # Compiling the schema store's validators takes seconds: do it once.
    from validate_pyproject import api, plugins  # noqa: PLC0415

    return api.Validator(plugins.list_from_entry_points())


def validate_pyproject(project: Path) -> None:
    """validate-pyproject with every schema-store plugin, plus maturin's unknown keys.

    maturin's schema admits unknown keys, so a key that never existed (the
    reference's ``sdist-include``) would pass the schema: check it here.
    """
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    _pyproject_validator()(pyproject)
    unknown = set(pyproject.get("tool", {}).get("maturin", {})) - maturin_schema_keys()
    assert not unknown, f"[tool.maturin] keys maturin does not know: {sorted(unknown)}"


def repo_review_failures(project: Path) -> dict[str, str]:
    """sp-repo-review's failed checks, as `sp-repo-review <project>` reports them.

    Run in-process so its validate-pyproject check (VPP001) reuses the
    compiled validator instead of compiling it again for every project.
    """
    from repo_review.processor import process  # noqa: PLC0415
    from validate_pyproject import api  # noqa: PLC0415

    with mock.patch.object(api, "Validator", return_value=_pyproject_validator()):
        results = process(project).results
    assert len(results) > 50, "sp-repo-review's checks were not found"
    return {r.name: f"{r.description}: {r.err_msg}" for r in results if r.result is False}


def without_pgo(args: list[str]) -> list[str]:
    """A release run's maturin arguments without `--pgo`. Training runs the wheel with
    every interpreter of the run, and this machine has neither the foreign
    architectures nor the free-threaded and abi3t CPythons. PGO itself is proven by
    test_e2e's `just build-pgo`; which rows train is tested in test_github_files."""
    return [arg for arg in args if arg != "--pgo"]


def which(tool: str) -> str:
    found = shutil.which(tool, path=tool_env()["PATH"])
    assert found, f"{tool} is not installed: run the suite through `uv run`"
    return found


def decode_rust_literal(literal: str) -> str:
    """Decode the escapes Rust string literals use (the subset rust_str emits)."""
    assert literal.startswith('"')
    assert literal.endswith('"')
    simple = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}

    def unescape(match: re.Match[str]) -> str:
        escape = match.group(1)
        return chr(int(escape[2:-1], 16)) if escape.startswith("u{") else simple[escape]

    body = literal[1:-1]
    assert not re.search(r'(?<!\\)"', body.replace("\\\\", "")), "unescaped quote"
    return re.sub(r"\\(u\{[0-9a-f]+\}|.)", unescape, body)


def why(message: str) -> str:
    """A refusal's details: the line after what to answer (extensions/text.py's refusal)."""
    return message.split("\n", 1)[-1]
