"""The development loop: builds that never rebuild pyo3 for each other, and the crash kit.

A rendered project is worked on as its people do: `just dev`, the cargo
recipes, a cargo command typed by hand and the `cargo check` rust-analyzer
runs with the rendered `.vscode/settings.json`, in turn. After a first round
(the warm-up, which starts as CI's lint job does, before `.venv` exists), a
second round with `src/lib.rs` touched builds the project's crate again and
no pyo3 crate. Then a panic planted in the user's code reaches the test run
as a Python exception with its Rust location, and `just test-debug` runs the
tests under the debugger.

The project has a target directory of its own, and PYO3_PYTHON is unset, as
on a user's machine: the rest of the suite shares one target directory and
sets PYO3_PYTHON for that (one pyo3 build for every project).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import git_commit_all, render, run, run_failing, tool_env, which

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.e2e

# The smallest project, and a version-specific one: without abi3, a cargo
# command that ran before .venv existed would stop (pyo3 needs the
# interpreter), where an abi3 build would go on with a warning.
ANSWERS = {
    "project_name": "Loop Stats",
    "layout": "rust-only",
    "example": False,
    "abi3": False,
    "free_threaded": False,
    "extras": [],
}
PYO3_BUILT = re.compile(r"^\s*(Compiling|Checking) pyo3\S* v", re.MULTILINE)


def _env() -> dict[str, str]:
    env = tool_env(RUST_BACKTRACE="0")
    for name in ("CARGO_TARGET_DIR", "PYO3_PYTHON"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = render(tmp_path_factory.mktemp("dev-loop") / "project", ANSWERS)
    git_commit_all(project)
    yield project
    shutil.rmtree(project / "target", ignore_errors=True)


def _settings(project: Path) -> dict[str, object]:
    """.vscode/settings.json, a JSON file with comments (VS Code reads it so)."""
    text = (project / ".vscode" / "settings.json").read_text(encoding="utf-8")
    settings = json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))
    assert isinstance(settings, dict)
    return settings


def _rust_analyzer(project: Path) -> list[list[str]]:
    """The cargo commands rust-analyzer runs with the rendered settings: its build
    scripts' check, then its check on save, in its own target directory."""
    settings = _settings(project)
    assert settings["rust-analyzer.cargo.features"] == "all"
    assert settings["rust-analyzer.cargo.targetDir"] is True  # a subfolder of cargo's target directory
    metadata = json.loads(run(["cargo", "metadata", "--no-deps", "--format-version", "1"], project, _env()))
    target = str(Path(metadata["target_directory"]) / "rust-analyzer")
    common = ["--workspace", "--all-targets", "--all-features", "--message-format=json", "--target-dir", target]
    on_save = str(settings["rust-analyzer.check.command"])
    return [["cargo", "check", "--keep-going", *common], ["cargo", on_save, *common]]


def _round(project: Path) -> dict[str, str]:
    """Each step's output, stdout and stderr, by step."""
    just = which("just")
    build_scripts, on_save = _rust_analyzer(project)
    steps = {
        "just dev": [just, "dev"],
        "just test-rust": [just, "test-rust"],
        "just lint-rust": [just, "lint-rust"],
        "cargo check": ["cargo", "check"],
        "rust-analyzer's build scripts": build_scripts,
        "rust-analyzer's check on save": on_save,
    }
    return {name: _run(command, project) for name, command in steps.items()}


def _run(command: list[str], project: Path) -> str:
    result = subprocess.run(command, cwd=project, env=_env(), capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{output[-4000:]}"
    return output


def _pyo3_artifacts(project: Path) -> dict[str, int]:
    """Every file cargo wrote for a pyo3 crate, in every profile and target directory, with its mtime."""
    return {
        str(path.relative_to(project)): path.stat().st_mtime_ns
        for path in (project / "target").rglob("*pyo3*")
        if path.is_file()
    }


def test_a_second_round_of_builds_compiles_no_pyo3_crate(project: Path) -> None:
    """The issue's measurement: warm-up, then the same round with src/lib.rs touched."""
    # CI's lint job: the cargo recipe makes .venv for pyo3 before anything else does.
    assert not (project / ".venv").exists()
    _run([which("just"), "lint-rust"], project)
    assert (project / ".venv" / "pyvenv.cfg").is_file()
    _round(project)
    before = _pyo3_artifacts(project)
    # one pyo3 build each: maturin's (profile `editable`), cargo's, rust-analyzer's
    assert {path.split("/")[1] for path in before if "/deps/" in path} == {"editable", "debug", "rust-analyzer"}

    (project / "src" / "lib.rs").touch()
    second = _round(project)
    for step, output in second.items():
        assert not PYO3_BUILT.findall(output), f"{step} built pyo3 again:\n{output[-3000:]}"
    assert "Compiling loop-stats" in second["just test-rust"]  # the crate itself was rebuilt
    assert "Built loop-stats" in second["just dev"]
    assert _pyo3_artifacts(project) == before, "a step of the second round rebuilt a pyo3 crate"


def test_a_panic_reaches_the_tests_as_an_exception_with_its_rust_location(project: Path) -> None:
    """A panic planted in the user's code: pytest reports pyo3's PanicException, and
    Rust's panic message names the line, with the backtrace RUST_BACKTRACE=1 asks for."""
    lib = project / "src" / "lib.rs"
    original = lib.read_text(encoding="utf-8")
    planted = original.removesuffix("}\n") + (
        "\n    /// Panic, as a bug would.\n"
        "    #[pyfunction]\n"
        "    fn explode() -> i64 {\n"
        '        panic!("planted for the test")\n'
        "    }\n"
        "}\n"
    )
    line = planted.splitlines().index('        panic!("planted for the test")') + 1
    lib.write_text(planted, encoding="utf-8")
    test = project / "tests" / "test_explode.py"
    test.write_text("import loop_stats\n\n\ndef test_explode() -> None:\n    loop_stats.explode()\n", encoding="utf-8")
    try:
        result = run_failing(
            [which("just"), "test-python", "tests/test_explode.py"], project, {**_env(), "RUST_BACKTRACE": "1"}
        )
        output = result.stdout + result.stderr
        assert "pyo3_runtime.PanicException: planted for the test" in output, output[-4000:]
        assert f"panicked at src/lib.rs:{line}:9:" in output, output[-4000:]
        assert "loop_stats::python_module::explode" in output, "no Rust backtrace:\n" + output[-4000:]

        # the debugger recipe runs the same test under rust-gdb (gdb: scripts/setup-emulation.sh;
        # no terminal, so gdb quits after it)
        debugged = subprocess.run(
            [which("just"), "test-debug", "tests/test_explode.py"],
            cwd=project,
            env=_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        output = debugged.stdout + debugged.stderr
        assert "pyo3_runtime.PanicException: planted for the test" in output, output[-4000:]
        assert "[Inferior 1 (process" in output, output[-4000:]  # gdb ran it
    finally:
        lib.write_text(original, encoding="utf-8")
        test.unlink()
