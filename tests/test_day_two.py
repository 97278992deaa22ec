"""Day two: a project with its user's work in it, through one-answer `copier update`s.

Each preset named below is rendered from a tagged git copy of this
template, and the user's work is added to it as CONTRIBUTING.md says
(tests/day_two.py): a function, a class (and in the workspace layout a
submodule), their stubs and tests, a CHANGELOG entry, a VS Code setting, a
rule in AGENTS.md, two crates by `cargo add` and a Python dependency by `uv
add`. Then every question of copier.yml
is answered differently, one at a time, each in a clone of that project: no
update may leave a conflict block, every features update must leave a
manifest cargo reads, and after a representative subset (the Rust features
but logging and async, which the all-features e2e cases build, the example,
build.rs, generated stubs) the project's own `just ci` passes with the user's
work in it. `layout` and `import_name` move files:
there the after-update report must name every file of the user's that moved
or that no crate compiles any more.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import day_two
import pytest
import yaml
from helpers import ROOT, copy_template, git_commit_all, preset_answers, run, run_failing, tool_env, which

if TYPE_CHECKING:
    from pathlib import Path

    from jinja2 import Environment

pytestmark = pytest.mark.e2e

VERSION = "v1.0.0"
# Every question, answered differently, on the default preset; the
# questions that shape the Rust and Python code on the others (of the extras,
# generated stubs, which rewrites the stubs).
SHAPING = {"example", "features", "build_info", "abi3", "free_threaded", "version_source", "python_min", "extras"}
PRESETS = {"default": None, "minimal": SHAPING, "workspace": SHAPING}
SHAPING_EXTRAS = {"extras+generated-stubs", "extras-generated-stubs"}
# Answered elsewhere: they move the user's files (test_moving_answers_name_every_file_of_the_user).
MOVING = {"layout", "import_name"}
# Free text, answered anew.
NEW_TEXT = {
    "project_name": "Renamed Stats",
    "pypi_name": "renamed-stats",
    "crate_name": "renamed-stats",
    "description": "Another summary of the extension",
    "author_name": "Grace Hopper",
    "author_email": "grace@example.org",
    "repository_url": "https://gitlab.com/example/renamed-stats",
    "copyright_year": "2025-2026",
    "initial_version": "0.3.0",
    "private_index_url": "https://nexus.example.com/repository/pypi-internal/",
}
# The updates after which the project's own `just ci` runs, by preset: the
# Rust features, the example, build.rs and generated stubs (which need `just
# stubs` first, as the after-update message says); static checks cover the rest.
# logging and async add their crates as the others do, and build with every
# other feature in test_e2e.py's all-features cases: here, the update must
# leave a manifest cargo reads (`cargo metadata`), as every features update must.
CI_AFTER = {
    "default": {
        "features+numpy",
        "features+parallel",
        "features+serde",
        "features+mimalloc",
        "example=False",
        "build_info=True",
        "extras+generated-stubs",
    },
    "minimal": {"example=True"},
    "workspace": {"example=False"},
}


@dataclass(frozen=True)
class Change:
    """One answer changed: its question and new value, and a name for reports.

    ``also``: the answers of the questions the new value brings up (their
    `when` turns true), from NEW_TEXT: publish=private asks private_index_url.
    """

    question: str
    value: Any
    name: str
    also: tuple[tuple[str, Any], ...] = ()


@functools.cache
def _questions() -> dict[str, dict[str, Any]]:
    """copier.yml's questions, read once (nothing changes them)."""
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    return {name: spec for name, spec in config.items() if not name.startswith("_")}


def _choices(question: str) -> list[Any]:
    """What a question offers, as the extensions compute its choices."""
    from extensions import extras, features, interpreters, licenses, platforms, versions  # noqa: PLC0415

    computed: dict[str, list[Any]] = {
        "license": licenses.license_choices(),
        "python_min": versions.supported_minimums(),
        "features": [f.key for f in features.FEATURES],
        "extras": [e.key for e in extras.EXTRAS],
        "wheel_platforms": [p.key for p in platforms.PLATFORMS],
        "other_interpreters": [i.key for i in interpreters.INTERPRETERS],
        "docs_site": list(extras.DOCS_SITES.values()),
    }
    if question in computed:
        return computed[question]
    choices = _questions()[question]["choices"]
    return list(choices.values()) if isinstance(choices, dict) else list(choices)


def changes(answers: dict[str, Any], questions: set[str] | None) -> list[Change]:
    """Every question of copier.yml answered differently from ``answers``, one at a time.

    A question added to copier.yml joins by itself; one this cannot answer
    differently fails here.
    """
    found: list[Change] = []
    for question, spec in _questions().items():
        if question in MOVING or (questions is not None and question not in questions):
            continue
        if question not in answers:  # not asked (its `when`): changed with the answer that asks it
            assert "when" in spec, f"{question} is missing from the answers file"
            continue
        current = answers[question]
        if spec.get("type") == "bool":
            found.append(Change(question, not current, f"{question}={not current}"))
        elif spec.get("multiselect"):
            # Each choice in turn: added where it is off, removed where on;
            # the platforms once each way, every other list choice by choice.
            offered = _choices(question)
            toggled = offered if question != "wheel_platforms" else [current[0], "macos-universal2"]
            for choice in toggled:
                if choice in current:
                    found.append(Change(question, [c for c in current if c != choice], f"{question}-{choice}"))
                else:
                    found.append(Change(question, [*current, choice], f"{question}+{choice}"))
        elif question == "python_min":
            newer = _choices(question)[_choices(question).index(current) + 1]
            found.append(Change(question, newer, f"{question}={newer}"))
        elif "choices" in spec:
            found += [
                Change(question, value, f"{question}={value}") for value in _choices(question) if value != current
            ]
        elif question in NEW_TEXT:
            found.append(Change(question, NEW_TEXT[question], f"{question}=new"))
        else:
            pytest.fail(f"{question}: say in tests/test_day_two.py how to answer it differently")
    return [_with_what_it_asks(change, answers) for change in found]


def _with_what_it_asks(change: Change, answers: dict[str, Any]) -> Change:
    """The change, with an answer from NEW_TEXT for each question its new value brings up."""
    new = {**answers, change.question: change.value}
    asked = []
    for question, spec in _questions().items():
        if question in answers or "when" not in spec:
            continue
        if _jinja().from_string(str(spec["when"])).render(**new).strip().lower() == "true":
            assert question in NEW_TEXT, f"{change.name} asks {question}: give it a NEW_TEXT answer"
            asked.append((question, NEW_TEXT[question]))
    return Change(change.question, change.value, change.name, tuple(asked))


@functools.cache
def _jinja() -> Environment:
    """A Jinja environment with the template's filters, as Copier renders a question's `when`."""
    from jinja2 import Environment  # noqa: PLC0415

    from extensions.jinja import Filters  # noqa: PLC0415

    return Environment(extensions=[Filters], autoescape=False)


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This template as a git repository with one tagged version."""
    repo = tmp_path_factory.mktemp("copier-pyo3")
    run(["git", "init", "--quiet", "--initial-branch=main"], repo)
    copy_template(repo)
    git_commit_all(repo, "copier-pyo3")
    run(["git", "tag", VERSION], repo)
    return repo


def _users_project(template_repo: Path, destination: Path, preset: str) -> tuple[Path, dict[str, Any]]:
    """The preset rendered, then the user's work added and committed."""
    args = [which("copier"), "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", VERSION]
    for key, value in preset_answers(preset).items():
        args += ["--data", f"{key}={_cli(value)}"]
    run([*args, str(template_repo), str(destination)], ROOT)
    git_commit_all(destination, "Render")
    answers = yaml.safe_load((destination / ".copier-answers.yml").read_text(encoding="utf-8"))
    day_two.add_users_work(destination, answers)
    git_commit_all(destination, "The user's work")
    return destination, answers


def _cli(value: Any) -> str:
    """An answer as `--data` takes it: text as it is, the rest as YAML (JSON is YAML)."""
    return value if isinstance(value, str) else json.dumps(value)


def _update(project: Path, change: Change) -> subprocess.CompletedProcess[str]:
    command = [which("copier"), "update", "--trust", "--defaults", "--quiet", "--vcs-ref", VERSION]
    for question, value in ((change.question, change.value), *change.also):
        command += ["--data", f"{question}={_cli(value)}"]
    return subprocess.run(
        command,
        cwd=project,
        env=tool_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def _conflicts(project: Path) -> list[str]:
    """Files with conflict blocks, and .rej files, among those git would track."""
    listed = sorted(set(run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], project).splitlines()))
    found = []
    for name in listed:
        path = project / name
        if not path.is_file():
            continue
        if name.endswith(".rej") or any(
            line.startswith("<<<<<<< ") for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        ):
            found.append(name)
    return found


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_one_answer_updates_leave_no_conflict_and_keep_just_ci_green(
    preset: str, template_repo: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    project, answers = _users_project(template_repo, tmp_path / "project", preset)
    planned = changes(answers, PRESETS[preset])
    if PRESETS[preset] is not None:
        planned = [c for c in planned if c.question != "extras" or c.name in SHAPING_EXTRAS]
    assert {c.name for c in planned} >= CI_AFTER[preset], "a just ci case names no change"

    def apply(change: Change) -> tuple[Change, Path, str]:
        clone = tmp_path / "updates" / change.name
        run(["git", "clone", "--quiet", str(project), str(clone)], tmp_path)
        result = _update(clone, change)
        if result.returncode != 0:
            return change, clone, f"exited {result.returncode}: {result.stderr[-600:]}"
        return change, clone, ", ".join(_conflicts(clone))

    # Three at a time: each update is a Copier process of its own, waiting on git part of the time.
    with ThreadPoolExecutor(3) as pool:
        outcomes = list(pool.map(apply, planned))
    refused = {c.name: why for c, _, why in outcomes if why.startswith("exited") and "Validation error" in why}
    failed = {c.name: why for c, _, why in outcomes if why and c.name not in refused}
    assert failed == {}, f"updates with conflicts or errors: {failed}"
    # A validator may refuse a change that contradicts another answer; only those.
    assert all("Validation error for question" in why for why in refused.values()), refused

    env = tool_env(CARGO_TARGET_DIR=str(cargo_target_dir))
    for change, clone, _ in outcomes:
        if change.name not in CI_AFTER[preset]:
            if change.question == "features" and change.name not in refused:
                run(["cargo", "metadata", "--no-deps", "--format-version", "1", "--offline"], clone, env)
            continue
        assert change.name not in refused, f"{change.name} was refused: {refused[change.name]}"
        if change.name == "extras+generated-stubs":
            run([which("just"), "stubs"], clone, env)
        output = run([which("just"), "ci"], clone, env)
        assert re.search(r"=+ [1-9]\d* passed", output), output[-2000:]
        if change.name == "features+mimalloc":
            _each_step_left_out_fails(clone, answers, env)
        shutil.rmtree(clone)


def _ci_recipes(project: Path) -> set[str]:
    """Every recipe `just ci` runs, read from the justfile."""
    dump = json.loads(run([which("just"), "--dump", "--dump-format", "json"], project))
    recipes, todo = set(), ["ci"]
    while todo:
        name = todo.pop()
        recipes.add(name)
        todo += [d["recipe"] for d in dump["recipes"][name]["dependencies"] if d["recipe"] not in recipes]
    return recipes


def _fails(recipe: str, project: Path, env: dict[str, str]) -> str:
    """`just <recipe>`'s output; it must fail, a step having been left out."""
    failed = run_failing([which("just"), recipe], project, env)
    return failed.stdout + failed.stderr


def _each_step_left_out_fails(project: Path, answers: dict[str, Any], env: dict[str, str]) -> None:
    """The documented steps, one left out at a time: the recipe that `just ci` runs fails and names it."""
    module = answers["import_name"]
    assert {"lint-python", "test-python"} <= _ci_recipes(project)
    stub = day_two.stub(project, answers)
    lib = day_two.bindings_lib(project, answers)
    stubbed, written = stub.read_text(encoding="utf-8"), lib.read_text(encoding="utf-8")
    try:
        stub.write_text(stubbed.replace(day_two.STUBS, ""), encoding="utf-8")
        output = _fails("lint-python", project, env)
        assert f"{module}._core.larger is not present in stub" in output, output[-3000:]
        stub.write_text(stubbed, encoding="utf-8")
        lib.write_text(written.replace(day_two.RUST, "").replace(day_two.RUST_IMPORT, ""), encoding="utf-8")
        output = _fails("test-python", project, env)
        assert f"module '{module}' has no attribute 'larger'" in output, output[-3000:]
    finally:
        stub.write_text(stubbed, encoding="utf-8")
        lib.write_text(written, encoding="utf-8")


def test_moving_answers_name_every_file_of_the_user(template_repo: Path, tmp_path: Path) -> None:
    """`layout` and `import_name` move the user's files: the after-update report names each, and git has it."""
    project, answers = _users_project(template_repo, tmp_path / "project", "default")
    (project / "src" / "shapes.rs").write_text("//! A module of the user's own.\n", encoding="utf-8")
    git_commit_all(project, "A module of the user's own")
    for change in (
        Change("layout", "workspace", "layout=workspace"),
        Change("layout", "rust-only", "layout=rust-only"),
        Change("import_name", "renamed_stats", "import_name=renamed"),
    ):
        clone = tmp_path / change.name
        run(["git", "clone", "--quiet", str(project), str(clone)], tmp_path)
        result = _update(clone, change)
        assert result.returncode == 0, result.stderr
        report = result.stdout + result.stderr
        new = {**answers, change.question: change.value}
        before = day_two.user_paths(answers)
        after = day_two.user_paths(new)
        for role, path in before.items():
            if role not in after:
                assert f"{path} ({role}): no place now" in report, (change.name, role, report)
            elif path != after[role]:
                assert f"{path} -> {after[role]}" in report, (change.name, role, report)
            if path != after.get(role):  # the user's version is in git, as the report says
                assert "larger" in run(["git", "show", f"HEAD:{path}"], clone) or role == "your Python code"
        if change.value == "workspace":
            assert "src/shapes.rs" in report, report
        conflicted = _conflicts(clone)
        # Cargo.toml becomes the workspace's manifest: the user's crates show as a conflict, not a loss.
        assert conflicted == (["Cargo.toml"] if change.value == "workspace" else []), conflicted
