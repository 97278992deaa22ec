"""`copier update` against real git repositories: user work survives, template changes arrive.

A temporary git repository holds two tagged versions of the template, made
up for these tests (the template's own tags are in CHANGELOG.md): v0.2.0 is
this checkout, and v0.1.0 is this checkout with a few changes undone: the
`dependabot` yes/no question (renamed `dependency_updates`, with a
migration, before the first release), an older `lint-workflows` recipe and
older workflow timeouts.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING, Any

import day_two
import pytest
import yaml
from copier import run_copy, run_update
from helpers import copy_template, git_commit_all, run, tool_env, which

if TYPE_CHECKING:
    from pathlib import Path

# What the made-up 0.2.0 changed, as (file, text in 0.2.0, text in 0.1.0).
CHANGES_IN_0_2_0 = [
    (
        "copier.yml",
        """dependency_updates:
  type: str
  help: Who proposes updates of the Cargo, Python and GitHub Actions dependencies
  choices:
    "dependabot: grouped weekly pull requests, 7-day cooldown": dependabot
    "none": none
  default: dependabot""",
        """dependabot:
  type: bool
  help: Keep Cargo, Python and GitHub Actions dependencies current with Dependabot
  default: true""",
    ),
    ("template/justfile.jinja", "uv run zizmor --persona pedantic .github", "uv run zizmor .github"),
    (
        "template/.github/workflows/ci.yml.jinja",
        "    name: Lint (fmt, clippy, ruff, mypy, stubtest)\n    runs-on: {{ test_runners[0] }}\n    timeout-minutes: 20",
        "    name: Lint (fmt, clippy, ruff, mypy, stubtest)\n    runs-on: {{ test_runners[0] }}\n    timeout-minutes: 15",
    ),
    (
        "template/.github/workflows/release.yml.jinja",
        "    name: Source distribution\n    needs: [locked]\n    runs-on: {{ test_runners[0] }}\n    timeout-minutes: 30",
        "    name: Source distribution\n    needs: [locked]\n    runs-on: {{ test_runners[0] }}\n    timeout-minutes: 15",
    ),
]
RENAMED_FILES_IN_0_2_0 = [
    (
        "template/.github/{% if dependency_updates == 'dependabot' %}dependabot.yml{% endif %}.jinja",
        "template/.github/{% if dependabot %}dependabot.yml{% endif %}.jinja",
    )
]
ANSWERS: dict[str, Any] = {"project_name": "Kept Work", "layout": "mixed", "copyright_year": "2026"}


def _git(cwd: Path, *args: str) -> str:
    env = tool_env(
        GIT_AUTHOR_NAME="T",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="T",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    return run(["git", *args], cwd, env)


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template_repo(tmp_path_factory.mktemp("copier-pyo3"), tagged=True)


def _template_repo(repo: Path, *, tagged: bool) -> Path:
    """The two template versions as two commits, tagged v0.1.0 and v0.2.0 or not at all."""
    _git(repo, "init", "--quiet", "--initial-branch=main")
    copy_template(repo)
    for relative, new, old in CHANGES_IN_0_2_0:
        path = repo / relative
        text = path.read_text(encoding="utf-8")
        assert new in text, f"{relative} no longer holds what 0.2.0 changed: update CHANGES_IN_0_2_0"
        path.write_text(text.replace(new, old), encoding="utf-8")
    for new, old in RENAMED_FILES_IN_0_2_0:
        (repo / new).rename(repo / old)
    git_commit_all(repo, "copier-pyo3 0.1.0")
    if tagged:
        _git(repo, "tag", "v0.1.0")
    copy_template(repo)
    git_commit_all(repo, "copier-pyo3 0.2.0")
    if tagged:
        _git(repo, "tag", "v0.2.0")
    return repo


def _render(template_repo: Path, destination: Path, version: str, **answers: Any) -> Path:
    run_copy(
        str(template_repo),
        str(destination),
        data={**ANSWERS, **answers},
        defaults=True,
        unsafe=True,
        vcs_ref=version,
        quiet=True,
    )
    git_commit_all(destination, f"Render copier-pyo3 {version}")
    return destination


def _update(project: Path, version: str = "v0.2.0", **answers: Any) -> None:
    run_update(str(project), data=answers, defaults=True, overwrite=True, unsafe=True, vcs_ref=version, quiet=True)


def _conflicts(project: Path) -> list[str]:
    """Files with conflict markers, and .rej files, among those git would track (build output is ignored)."""
    tracked = _git(project, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    return [
        name
        for name in tracked
        if (project / name).is_file()
        and (name.endswith(".rej") or "<<<<<<<" in (project / name).read_text(encoding="utf-8", errors="replace"))
    ]


def test_update_keeps_user_work_and_brings_the_new_version(template_repo: Path, tmp_path: Path) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.1.0")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == "v0.1.0"
    assert answers["dependabot"] is True

    # the user's work as CONTRIBUTING.md says, and more of their own
    day_two.add_users_work(project, answers)
    lib = project / "src" / "lib.rs"
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nThe user's own paragraph.\n", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "ideas.md").write_text("# Ideas\n", encoding="utf-8")
    git_commit_all(project, "User work")

    _update(project)

    assert _conflicts(project) == []
    assert day_two.RUST in lib.read_text(encoding="utf-8")
    assert "The user's own paragraph." in readme.read_text(encoding="utf-8")
    assert "def test_larger()" in (project / "tests" / "test_kept_work.py").read_text(encoding="utf-8")
    assert day_two.STUBS in (project / "python" / "kept_work" / "_core.pyi").read_text(encoding="utf-8")
    assert 'itoa = "1"' in (project / "Cargo.toml").read_text(encoding="utf-8")
    assert (project / "notes" / "ideas.md").read_text(encoding="utf-8") == "# Ideas\n"
    assert "uv run zizmor --persona pedantic .github" in (project / "justfile").read_text(encoding="utf-8")
    ci = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert ci["jobs"]["lint"]["timeout-minutes"] == 20
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == "v0.2.0"
    assert answers["dependency_updates"] == "dependabot", "the migration carried the old yes over"
    assert "dependabot" not in answers
    assert (project / ".github" / "dependabot.yml").is_file()


@pytest.mark.parametrize(
    ("rendered", "copier_says"),
    [("v0.1.0", "Updating to template version 0.2.0"), ("v0.2.0", "Keeping template version 0.2.0")],
)
def test_the_message_after_an_update_names_the_version_and_leaves_the_news_to_copier(
    template_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rendered: str, copier_says: str
) -> None:
    project = _render(template_repo, tmp_path / "project", rendered)
    capsys.readouterr()
    run_update(str(project), data={"build_info": True}, defaults=True, overwrite=True, unsafe=True, vcs_ref="v0.2.0")
    printed = capsys.readouterr().err
    assert copier_says in printed
    assert '"Kept Work" now follows copier-pyo3 v0.2.0 and the answers in .copier-answers.yml.' in printed
    assert "new copier-pyo3 version" not in printed


def test_a_no_to_dependabot_stays_no_after_the_rename(template_repo: Path, tmp_path: Path) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.1.0", dependabot=False)
    assert not (project / ".github" / "dependabot.yml").exists()
    _update(project)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["dependency_updates"] == "none"
    assert not (project / ".github" / "dependabot.yml").exists()


def test_the_rename_migrates_between_untagged_commits_too(tmp_path: Path) -> None:
    """A template used from a branch (no tags, Copier sees version 0.0.0.postN) still migrates old answers."""
    (tmp_path / "template").mkdir()
    repo = _template_repo(tmp_path / "template", tagged=False)
    old, new = _git(repo, "rev-list", "--max-count=2", "HEAD").split()[::-1]
    project = _render(repo, tmp_path / "project", old, dependabot=False)
    _update(project, version=new)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] != old
    assert answers["dependency_updates"] == "none"
    assert "dependabot" not in answers
    assert not (project / ".github" / "dependabot.yml").exists()


def test_conflicting_edits_are_marked_inline_and_the_pre_commit_hook_catches_them(
    template_repo: Path, tmp_path: Path
) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.1.0")
    ci = project / ".github" / "workflows" / "ci.yml"
    text = ci.read_text(encoding="utf-8")
    assert text.count("timeout-minutes: 15") == 1
    ci.write_text(text.replace("timeout-minutes: 15", "timeout-minutes: 45"), encoding="utf-8")
    git_commit_all(project, "The user's own timeout")

    _update(project)

    text = ci.read_text(encoding="utf-8")
    assert "<<<<<<<" in text
    assert "timeout-minutes: 45" in text
    assert "timeout-minutes: 20" in text
    assert not list(project.rglob("*.rej"))
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (check,) = (h for repo in hooks["repos"] for h in repo["hooks"] if h["id"] == "check-merge-conflict")
    result = subprocess.run(
        ["check-merge-conflict", *check.get("args", []), str(ci)],
        capture_output=True,
        text=True,
        env=tool_env(),
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert "Merge conflict string" in result.stdout


def test_turning_a_feature_on_then_off_adds_and_removes_only_template_files(
    template_repo: Path, tmp_path: Path
) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.2.0")
    lib = project / "src" / "lib.rs"
    lib.write_text(lib.read_text(encoding="utf-8") + "\n// The user's line.\n", encoding="utf-8")
    (project / "src" / "extra.rs").write_text("// The user's own module.\n", encoding="utf-8")
    git_commit_all(project, "User work")

    _update(project, features=["numpy"])
    assert _conflicts(project) == []
    assert (project / "src" / "template" / "arrays.rs").is_file()
    assert (project / "tests" / "test_numpy.py").is_file()
    assert "mod arrays;" in (project / "src" / "template.rs").read_text(encoding="utf-8")
    assert "// The user's line." in lib.read_text(encoding="utf-8")
    git_commit_all(project, "numpy on")

    _update(project, features=[])
    assert _conflicts(project) == []
    assert not (project / "src" / "template" / "arrays.rs").exists()
    assert not (project / "tests" / "test_numpy.py").exists()
    assert "mod arrays;" not in (project / "src" / "template.rs").read_text(encoding="utf-8")
    assert "// The user's line." in lib.read_text(encoding="utf-8")
    assert (project / "src" / "extra.rs").read_text(encoding="utf-8") == "// The user's own module.\n"


# What each of these extras adds: its own files and a recipe.
EXTRA_ADDS = {
    "pgo": (["scripts/pgo_train.py"], "build-pgo"),
    "bench-compare": (
        ["scripts/compare_benchmarks.py", "tests/test_compare_benchmarks.py", ".github/workflows/benchmarks.yml"],
        "bench-compare",
    ),
    "generated-stubs": (["scripts/stubs.py"], "stubs"),
}


@pytest.mark.parametrize("extra", sorted(EXTRA_ADDS))
def test_turning_an_extra_on_then_off_keeps_the_users_work(extra: str, template_repo: Path, tmp_path: Path) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.2.0", features=["serde"])
    files, recipe = EXTRA_ADDS[extra]
    users = {
        "src/lib.rs": "\n// The user's line.\n",
        "justfile": "\n# The user's recipe\nhello:\n    echo hello\n",
        "pyproject.toml": "\n[tool.users-own]\nkept = true\n",
    }
    for name, line in users.items():
        path = project / name
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    (project / "tests" / "test_users_own.py").write_text("def test_own() -> None:\n    pass\n", encoding="utf-8")
    stub = project / "python" / "kept_work" / "_core.pyi"
    hand_written = stub.read_text(encoding="utf-8")
    git_commit_all(project, "User work")

    def users_work_is_there() -> None:
        assert _conflicts(project) == []
        for name, line in users.items():
            assert line in (project / name).read_text(encoding="utf-8"), name
        assert (project / "tests" / "test_users_own.py").is_file()

    _update(project, extras=[extra])
    users_work_is_there()
    assert all((project / name).is_file() for name in files)
    assert f"\n{recipe}" in (project / "justfile").read_text(encoding="utf-8")
    if extra == "generated-stubs":  # the generator's form replaces the hand-written stub
        assert stub.read_text(encoding="utf-8") != hand_written
        assert "SupportsGetItem" in stub.read_text(encoding="utf-8")
    git_commit_all(project, f"{extra} on")

    _update(project, extras=[])
    users_work_is_there()
    assert not any((project / name).exists() for name in files)
    assert f"\n{recipe}" not in (project / "justfile").read_text(encoding="utf-8")
    assert stub.read_text(encoding="utf-8") == hand_written


def test_a_deleted_file_is_not_brought_back(template_repo: Path, tmp_path: Path) -> None:
    project = _render(template_repo, tmp_path / "project", "v0.1.0")
    (project / ".github" / "workflows" / "release.yml").unlink()
    git_commit_all(project, "No releases from here")
    _update(project)
    assert not (project / ".github" / "workflows" / "release.yml").exists()
    assert _conflicts(project) == []


@pytest.mark.e2e
def test_a_docs_site_turned_on_by_update_builds(template_repo: Path, tmp_path: Path) -> None:
    """docs/index.md is the user's and stays as it was; the site still builds, warnings as errors."""
    project = _render(template_repo, tmp_path / "project", "v0.2.0", features=["numpy"])
    index = (project / "docs" / "index.md").read_text(encoding="utf-8")
    for site in ("mkdocs", "sphinx"):
        _update(project, docs_site=site)
        assert _conflicts(project) == []
        assert (project / "docs" / "index.md").read_text(encoding="utf-8") == index
        run([which("just"), "docs"], project, tool_env(NO_MKDOCS_2_WARNING="1"))
        git_commit_all(project, f"docs_site={site}")  # with the uv.lock the build wrote
    _update(project, docs_site="none")
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == index
    assert not (project / "docs" / "conf.py").exists()
