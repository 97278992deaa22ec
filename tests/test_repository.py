"""The template repository itself: docs that match the code, and clean code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from docs_site import preset_summary
from helpers import PRESETS, ROOT, copy_template, git_commit_all, run, which

from extensions.migrations import MIGRATIONS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_test_command_is_what_ci_runs() -> None:
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci_script.strip().splitlines()[-1]
    assert command.startswith("bash scripts/setup-emulation.sh && python -m pip install uv==")
    assert f"\n{command}\n" in README


def test_readme_and_site_pins_match_the_locked_tools() -> None:
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    pages = [README, *(page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md")))]
    for text in pages:
        for name, pinned in re.findall(r"([a-z-]+)==([0-9.]+)", text):
            assert re.search(rf'name = "{name}"\nversion = "{re.escape(pinned)}"', lock), (name, pinned)


def test_readme_reads_in_five_minutes() -> None:
    # The reference lives on the documentation site (docs/); the README keeps
    # what the template is, its two commands, the presets, updating and links.
    assert len(README.splitlines()) <= 150
    for section in ("Use it", "Presets", "Update a project", "Run the template's tests", "Documentation"):
        assert f"\n## {section}\n" in README
    for link in re.findall(r"\]\((docs/[a-z-]+\.md|CHANGELOG\.md)\)", README):
        assert (ROOT / link).is_file(), link


def test_the_site_gives_the_readme_copy_command() -> None:
    (command,) = re.findall(r"^python -m pip install copier==.*$", README, flags=re.MULTILINE)
    assert f"\n{command}\n" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def _table_keys(section: str) -> set[str]:
    """The backquoted first cells of the table under a `## section` heading."""
    body = README.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_0-9-]+)` \|", body, flags=re.MULTILINE))


def test_readme_lists_every_preset_as_its_file_says() -> None:
    # The site's question reference is generated from copier.yml (tests/test_docs_site.py);
    # the README's preset table repeats each preset's first comment line.
    assert _table_keys("Presets") == set(PRESETS)
    for preset in PRESETS:
        summary = preset_summary(ROOT / "presets" / f"{preset}.yml")
        assert f"| `{preset}` | {summary} |" in README


def test_changelog_keeps_a_changelog_and_names_every_migration() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (.*)$", changelog, flags=re.MULTILINE)
    assert versions[0] == "[Unreleased]"
    for heading in versions[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading), heading
    for heading in re.findall(r"^### (.*)$", changelog, flags=re.MULTILINE):
        assert heading in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, heading
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    # the answer migrations run before the new version renders; the report after it
    before = [m["command"] for m in config["_migrations"] if "'before'" in m["when"]]
    assert sorted(command[2] for command in before) == sorted(MIGRATIONS)
    after = [m["command"][2] for m in config["_migrations"] if "'after'" in m["when"]]
    assert after == ["report-removed"]
    for name in MIGRATIONS:
        assert f"`{name}`" in changelog, f"CHANGELOG.md names no migration {name}"


def test_only_the_pages_deployment_can_write() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "uv run --locked --only-group docs mkdocs build --strict" in steps


def test_ci_scripts_pass_shellcheck() -> None:
    run([which("shellcheck"), "--severity=style", ".ci/run", "scripts/setup-emulation.sh"], ROOT)


def test_repository_is_lint_and_type_clean() -> None:
    run([which("ruff"), "check", "--no-cache", "."], ROOT)
    run([which("ruff"), "format", "--check", "--no-cache", "."], ROOT)
    run([which("mypy")], ROOT)


def test_own_workflows_are_valid_pinned_and_zizmor_clean() -> None:
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    run([which("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows], ROOT)
    run([which("check-jsonschema"), "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"], ROOT)
    output = run([which("zizmor"), "--offline", "--persona", "pedantic", "--format", "plain", ".github"], ROOT)
    assert "No findings to report" in output, output
    for workflow in workflows:
        for line in Path(workflow).read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d", line), line


def test_own_ci_runs_the_readme_command_end_to_end() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["end-to-end"]["steps"]]
    assert "bash .ci/run" in commands
    matrix = workflow["jobs"]["test"]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-24.04", "macos-latest", "windows-latest"}


@pytest.mark.parametrize(
    ("documented", "arguments"),
    [
        ('copier copy --trust --defaults "$PWD" ../my-ext', ["--defaults"]),
        (
            "copier copy --trust --defaults --data-file presets/<name>.yml",
            ["--defaults", "--data-file", "presets/full.yml"],
        ),
    ],
)
def test_readme_copy_commands_render_without_a_prompt(documented: str, arguments: list[str], tmp_path: Path) -> None:
    """The README's commands as the copier CLI runs them with no terminal: a prompt would fail them."""
    assert documented in README
    destination = tmp_path / "project"
    command = [
        which("copier"),
        "copy",
        "--trust",
        "--quiet",
        "--vcs-ref",
        "HEAD",
        *arguments,
        str(ROOT),
        str(destination),
    ]
    result = subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    recorded = yaml.safe_load((destination / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert Path(recorded["_src_path"]).is_absolute(), "copier update could not find a relative template path again"


def test_a_project_from_the_readme_command_updates(tmp_path: Path) -> None:
    """The README's copy command, run as written from a committed copy of this checkout (as a
    clone would be); `copier update` from inside the new project must find the template again.
    """
    (command,) = re.findall(r"&& (copier copy --trust --defaults \S+ \.\./my-ext)\n", README)
    template = tmp_path / "copier-pyo3"
    template.mkdir()
    git_commit_all(copy_template(template))
    run([which("bash"), "-c", command.replace("copier copy ", f"{which('copier')} copy --quiet ", 1)], template)
    project = tmp_path / "my-ext"
    git_commit_all(project)
    update = [which("copier"), "update", "--trust", "--quiet", "--defaults"]
    result = subprocess.run(update, cwd=project, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_only_the_refresh_pull_request_job_can_write() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "refresh-pins.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    writes = {
        name: sorted(scope for scope, level in job["permissions"].items() if level == "write")
        for name, job in workflow["jobs"].items()
    }
    assert writes == {"refresh": [], "pull-request": ["contents", "pull-requests"]}
    assert "pull_request_target" not in workflow[True]  # PyYAML reads the `on` key as True


def test_own_workflow_scripts_pass_shellcheck(tmp_path: Path) -> None:
    # actionlint runs shellcheck on these too (tests/test_own_workflows.py);
    # here each block also runs under `set -euo pipefail`.
    scripts = []
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
            for index, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    script = tmp_path / f"{workflow.stem}-{name}-{index}.sh"
                    body = re.sub(r"\$\{\{[^}]*\}\}", "placeholder", step["run"])
                    script.write_text("#!/usr/bin/env bash\nset -euo pipefail\n" + body, encoding="utf-8")
                    scripts.append(str(script))
    assert scripts
    run([which("shellcheck"), "--severity=style", *scripts], tmp_path)


def test_extensions_run_on_the_python_that_renders_the_template() -> None:
    # Copier loads extensions/ into the user's own Python: the oldest one
    # copier-template-extensions accepts is the oldest that renders, and the
    # README's first command names it. vermin finds the stdlib and syntax
    # that a newer Python would need (ruff's target-version finds only syntax).
    from importlib.metadata import metadata  # noqa: PLC0415

    oldest = metadata("copier-template-extensions")["Requires-Python"].removeprefix(">=")
    assert f"On a machine with Python {oldest} or newer" in README
    assert f'requires-python = ">={oldest}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    run(
        [
            which("vermin"),
            f"-t={oldest}-",
            "--violations",
            "--eval-annotations",
            "--no-tips",
            "--quiet",
            "extensions",
            "scripts",
            "tests",
        ],
        ROOT,
    )
