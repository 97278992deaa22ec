"""The rendered GitHub workflows and Dependabot file, for several platform selections.

Each rendered set must pass check-jsonschema's built-in GitHub schemas,
actionlint, and zizmor at its pedantic persona with no finding at all, pin every action by
commit SHA, grant `id-token: write` to the publishing job alone, and build
and test exactly the platforms that were chosen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from typing import TYPE_CHECKING, Any

import ci_cost
import maturin_action
import pytest
import yaml
from actionlint import actionlint_findings
from helpers import EXTRAS, preset_answers, render, run, which

from extensions import pins, platforms, publishing, threads, versions, workflows
from extensions.interpreters import INTERPRETERS_BY_KEY

if TYPE_CHECKING:
    from pathlib import Path

SELECTIONS: dict[str, dict[str, Any]] = {
    "full": preset_answers("full"),
    "defaults": {},
    "linux-only-testpypi": {"wheel_platforms": ["linux-x86_64", "linux-aarch64"], "publish": "testpypi"},
    "desktop-no-ft-2014": {
        "wheel_platforms": ["macos-universal2", "windows-x86", "windows-arm64"],
        "free_threaded": False,
        "manylinux": "manylinux2014",
        "abi3": False,
    },
    "musl-only": {"wheel_platforms": ["musllinux-x86_64", "musllinux-armv7"], "python_min": "3.13"},
    "private-index": {
        "wheel_platforms": ["linux-x86_64", "musllinux-aarch64", "macos-arm64", "windows-x64"],
        "publish": "private",
        "private_index_url": "https://gitlab.example.com/api/v4/projects/42/packages/pypi",
    },
    "unpublished-no-dependabot": {
        "wheel_platforms": [],
        "publish": "none",
        "dependency_updates": "none",
        "extras": [],
    },
    "pyodide-android-version-specific": {
        "wheel_platforms": ["linux-x86_64", "linux-s390x", "emscripten-wasm32", "android-aarch64"],
        "manylinux": "manylinux2014",
        "abi3": False,
        "python_min": "3.13",
        "features": ["parallel", "mimalloc"],
    },
    "rust-only-every-extra-sphinx": {
        "layout": "rust-only",
        "extras": EXTRAS,
        "docs_site": "sphinx",
    },
}
# The jobs that may ask for an OIDC token: PyPI's Trusted Publishing, and GitHub Pages.
ID_TOKEN_JOBS = {("release.yml", "publish"), ("release.yml", "attest"), ("docs.yml", "deploy")}
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v?\d+(\.\d+)*$")
# The project's own reusable workflow, in GitHub's self-repository form: this repository at this commit.
SELF_CALL = re.compile(r"^\$/\.github/workflows/[\w-]+\.yml$")


@pytest.fixture(params=sorted(SELECTIONS), scope="module")
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    answers = {"project_name": "Wheel Matrix", **SELECTIONS[request.param]}
    dst = render(tmp_path_factory.mktemp(request.param) / "p", answers)
    recorded = yaml.safe_load((dst / ".copier-answers.yml").read_text(encoding="utf-8"))
    return dst, recorded


def _workflow(project: Path, name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((project / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    triggers = workflow[True]  # YAML 1.1 reads the `on:` key as true
    assert isinstance(triggers, dict)
    return triggers


def _workflow_names(project: Path) -> list[str]:
    return sorted(path.name for path in (project / ".github" / "workflows").glob("*.yml"))


def _uses(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "uses"] + [u for v in node.values() for u in _uses(v)]
    if isinstance(node, list):
        return [u for item in node for u in _uses(item)]
    return []


def test_schemas(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    workflows = sorted(str(p) for p in (root / ".github" / "workflows").glob("*.yml"))
    run([which("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows], root)
    if answers["dependency_updates"] == "dependabot":
        run([which("check-jsonschema"), "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"], root)


# The one finding a workflow may ignore, where: zizmor suggests Trusted Publishing to any
# `uv publish`, and a private index has none (PyPI alone offers it).
TRUSTED_PUBLISHING_IGNORE = "# zizmor: ignore[use-trusted-publishing]"


def test_zizmor_pedantic_finds_nothing(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    output = run(
        [which("zizmor"), "--offline", "--persona", "pedantic", "--collect=all", "--format", "plain", "."], root
    )
    assert "No findings to report" in output, output
    private = answers["publish"] == "private"
    assert ("(1 ignored" in output) == private, output
    ignores = [
        (path.name, line.strip())
        for path in sorted((root / ".github" / "workflows").glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "zizmor: ignore" in line
    ]
    expected = [("release.yml", line) for line in _upload_lines(root)] if private else []
    assert ignores == expected
    assert all(line.startswith("run: uv publish ") and line.endswith(TRUSTED_PUBLISHING_IGNORE) for _, line in ignores)


def _upload_lines(root: Path) -> list[str]:
    text = (root / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if "uv publish" in line and "run:" in line]


def test_every_action_is_pinned_by_commit_sha(project: tuple[Path, dict[str, Any]]) -> None:
    root, _ = project
    for path in sorted((root / ".github" / "workflows").glob("*.yml")):
        lines = [
            line.split("uses:", 1)[1].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if "uses:" in line
        ]
        assert lines
        for line in lines:
            assert SHA_PIN.match(line) or SELF_CALL.match(line), f"{path.name}: {line}"


def test_no_tokens_and_id_token_only_where_publishing(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    private = answers["publish"] == "private"
    for name in _workflow_names(root):
        text = (root / ".github" / "workflows" / name).read_text(encoding="utf-8")
        # a private index's token, in its upload job alone (below)
        assert text.count("secrets.") == (1 if private and name == "release.yml" else 0), name
        workflow = _workflow(root, name)
        assert workflow["permissions"] == {}
        for job_name, job in workflow["jobs"].items():
            permissions = job["permissions"]
            oidc = (name, job_name) in ID_TOKEN_JOBS and not (private and job_name == "publish")
            assert ("id-token" in permissions) == oidc, job_name
            if "uses" in job:  # a call of test.yml: its jobs are checked there, and it passes no secret
                assert SELF_CALL.match(job["uses"])
                assert permissions == {"contents": "read"}
                assert "secrets" not in job
                continue
            assert "timeout-minutes" in job, job_name
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    release = _workflow(root, "release.yml")
    if answers["publish"] == "none":
        assert "publish" not in release["jobs"]
    elif private:
        _private_upload_is_the_tokens_only_reader(release, answers)
    else:
        publish = release["jobs"]["publish"]
        assert publish["environment"]["name"] == answers["publish"]
        assert publish["permissions"] == {"id-token": "write"}
        assert "tags/v" in publish["if"]
        (publish_step,) = (s for s in publish["steps"] if "gh-action-pypi-publish" in s.get("uses", ""))
        expected_url = "https://test.pypi.org/legacy/" if answers["publish"] == "testpypi" else None
        assert publish_step.get("with", {}).get("repository-url") == expected_url


def _private_upload_is_the_tokens_only_reader(release: dict[str, Any], answers: dict[str, Any]) -> None:
    """The token is a secret of the protected environment, read by one step of the tag-only upload job."""
    publish = release["jobs"]["publish"]
    assert publish["environment"]["name"] == "private-index"
    assert publish["permissions"] == {}, "a token, not Trusted Publishing: no OIDC token either"
    assert "tags/v" in publish["if"]
    assert not any("gh-action-pypi-publish" in str(s.get("uses", "")) for s in publish["steps"])
    readers = [s for s in publish["steps"] if "secrets." in str(s)]
    (upload,) = readers
    assert upload["env"] == {
        "UPLOAD_URL": answers["private_index_url"],
        "INDEX_URL": publishing.simple_index_url(answers["private_index_url"]),
        "UV_PUBLISH_USERNAME": "${{ vars.PRIVATE_INDEX_USERNAME || '__token__' }}",
        "UV_PUBLISH_PASSWORD": "${{ secrets.PRIVATE_INDEX_TOKEN }}",
    }
    assert upload["run"].split() == [
        *("uv", "publish", "--trusted-publishing", "never"),
        *("--publish-url", '"$UPLOAD_URL"', "--check-url", '"$INDEX_URL"', "dist/*"),
    ]
    assert publish["environment"]["url"] == f"{upload['env']['INDEX_URL']}{answers['pypi_name']}/"


def test_release_matrix_is_the_chosen_platforms(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    release = _workflow(root, "release.yml")
    if not answers["wheel_platforms"]:
        assert "wheels" not in release["jobs"]
        assert release["jobs"]["check"]["needs"] == ["sdist"]
        return
    wheels = release["jobs"]["wheels"]
    matrix = wheels["strategy"]["matrix"]["include"]
    table_order = [p.key for p in platforms.PLATFORMS if p.key in answers["wheel_platforms"] and not p.own_job]
    assert [entry["platform"] for entry in matrix] == table_order
    for entry in matrix:
        platform = platforms.PLATFORMS_BY_KEY[entry["platform"]]
        assert entry["runner"] == platform.runner
        assert entry["target"] == platform.action_target
        assert entry["manylinux"] == (platform.manylinux(answers["manylinux"]) or "")
        assert entry["platform-tag"] == platform.platform_tag(answers["manylinux"])
        # Every row is tested: on its runner, or in a container of its platform (under QEMU when emulated).
        assert entry["test"] == platform.test_on
        if platform.test_on == "runner":
            assert "docker-platform" not in entry
        else:
            assert entry["docker-platform"] == platform.docker_platform
            assert entry["test-image"]
            assert ("qemu" in entry) == (platform.test_on == "emulated")
    builds = [s for s in wheels["steps"] if "maturin-action" in s.get("uses", "")]
    # One run for the regular builds, one for the free-threaded ones: maturin
    # picks one stable ABI a run. With abi3, free-threaded 3.15 and later share
    # one abi3t wheel, which a 3.15 minimum builds in the regular run. NumPy's
    # crate builds for free-threaded CPython on 32-bit platforms from 3.15 on.
    for entry in matrix:
        runs = [args.split("--interpreter ", 1)[1].split() for args in maturin_action.build_args(builds, entry)]
        regular = [answers["python_min"]] if answers["abi3"] else versions.python_versions(answers["python_min"])
        threaded = versions.free_threaded_versions(answers["python_min"]) if answers["free_threaded"] else []
        if "numpy" in answers["features"] and entry["platform"].endswith(("armv7", "i686", "windows-x86")):
            threaded = [v for v in threaded if v >= "3.15t"]
        if answers["abi3"] and threaded:
            threaded = [v for v in threaded if v < "3.15t"] + (["3.15t"] if answers["python_min"] < "3.15" else [])
        expected = [[f"python{v}" for v in group] for group in (regular, threaded) if group]
        # PyPy and GraalPy: a run of their own, version-specific, on the rows the README lists them for
        others = [i for i in answers["other_interpreters"] if entry["platform"] in INTERPRETERS_BY_KEY[i].platforms]
        assert runs == expected + ([others] if others else []), entry["platform"]
        if others:
            assert entry["wheels"].split()[-len(others) :] == [INTERPRETERS_BY_KEY[i].tag for i in others]
    assert all(build["with"]["sccache"] is False for build in builds), "no compiler cache in release builds"


def _tested_pairs(root: Path, *, full: bool) -> list[tuple[str, str]]:
    """The (runner, Python) pairs test.yml tests, read from its jobs as GitHub expands them."""
    workflow = _workflow(root, "test.yml")
    context = {"inputs": {"full": full}, "github": {"event_name": "push", "ref": "refs/heads/main"}}
    pairs = []
    for name, job in workflow["jobs"].items():
        for combination in ci_cost.expand_matrix(job["strategy"]["matrix"], context):
            python = combination.get("python") or job["env"]["UV_PYTHON"]  # a build job tests the oldest
            pairs.append((combination["os"], python))
            assert ci_cost.substitute(job["runs-on"], {**context, "matrix": combination}) == combination["os"], name
    assert len(pairs) == len(set(pairs)), "each pair once"
    return sorted(pairs)


def test_each_push_tests_every_python_on_linux_and_the_edges_elsewhere(project: tuple[Path, dict[str, Any]]) -> None:
    """Per push: every Python on Linux; on macOS and Windows the oldest and newest CPython and the newest
    free-threaded one. In full (by hand, weekly, on packaging pull requests): every OS x Python pair."""
    root, answers = project
    pythons = workflows.test_pythons(answers["python_min"], free_threaded=answers["free_threaded"])
    linux, *others = platforms.TEST_RUNNERS.values()
    regular = [p for p in pythons if not p.endswith("t")]
    edges = {regular[0], regular[-1], *[p for p in pythons if p.endswith("t")][-1:]}
    expected = [(linux, p) for p in pythons] + [(r, p) for r in others for p in pythons if p in edges]
    assert _tested_pairs(root, full=False) == sorted(expected)
    assert _tested_pairs(root, full=True) == sorted((r, p) for r in platforms.TEST_RUNNERS.values() for p in pythons)
    ci = _workflow(root, "ci.yml")
    assert ci["concurrency"]["cancel-in-progress"] is True
    assert ci["jobs"]["test"]["with"] == {"full": "${{ github.event_name == 'workflow_dispatch' }}"}
    assert "make the `full:` line below `full: true`" in (root / ".github/workflows/ci.yml").read_text("utf-8")
    release = _workflow(root, "release.yml")["jobs"]["test"]
    assert release["with"] == {"full": True}
    assert release["if"] == "github.event_name != 'push'", "a tag's run publishes what CI already tested"


def test_with_abi3_each_os_builds_once_and_the_tests_install_its_wheels(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    jobs = _workflow(root, "test.yml")["jobs"]
    test_steps = [step.get("run", "") for step in jobs["test"]["steps"]] if "test" in jobs else []
    if not answers["abi3"]:
        assert "build" not in jobs
        assert all("test-dist" not in run for run in test_steps), "each Python needs its own build"
        return
    build = jobs["build"]
    assert jobs["test"]["needs"] == ["build"]
    assert build["strategy"]["matrix"] == {"os": list(platforms.TEST_RUNNERS.values())}
    builds = [step["run"] for step in build["steps"] if "maturin" in step.get("run", "")]
    expected = workflows.wheel_builds(answers["python_min"], abi3=True, free_threaded=answers["free_threaded"])
    assert [run.split("--interpreter ")[1].split() for run in builds] == [
        [f"python{v}" for v in b.interpreters] for b in expected
    ]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "$JUST test-rust" in runs
    assert f"$JUST test-dist {answers['python_min']}" in runs
    # the test jobs: no Rust, no compiler; the wheel of their OS, installed
    assert not any("rust" in str(step.get("uses", "")) or "cargo" in str(step) for step in jobs["test"]["steps"])
    (download,) = [step for step in jobs["test"]["steps"] if "download-artifact" in str(step.get("uses"))]
    (upload,) = [step for step in build["steps"] if "upload-artifact" in str(step.get("uses"))]
    assert download["with"]["name"] == upload["with"]["name"] == "test-wheels-${{ matrix.os }}"
    # ...after what the wheel loads from the system, if anything (scripts/system-deps.sh)
    hook, *tests = [run for run in test_steps if run]
    assert "sh scripts/system-deps.sh test" in hook
    assert "system-deps.sh build" not in hook
    assert all(run.startswith("$JUST test-dist") for run in tests)


def test_free_threaded_tests_run_every_test_in_threads(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    text = (root / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    assert ("endsWith(matrix.python, 't')" in text) == answers["free_threaded"]
    if answers["free_threaded"]:
        steps = _workflow(root, "test.yml")["jobs"]["test"]["steps"]
        (threaded,) = [step for step in steps if step.get("if") == "endsWith(matrix.python, 't')"]
        if answers["abi3"]:
            assert threaded["env"]["PYTEST_ADDOPTS"] == threads.PYTEST_OPTIONS
        else:
            assert threaded["run"] == "$JUST test-rust test-threads"


def test_a_push_to_main_costs_what_the_readme_says(project: tuple[Path, dict[str, Any]]) -> None:
    """The model of scripts/ci_cost.py over the rendered workflows, against the README's numbers."""
    root, _ = project
    readme = (root / "README.md").read_text(encoding="utf-8")
    for full in (False, True):
        cost = ci_cost.Cost()
        ci_cost.workflow_cost(root, root / ".github/workflows/ci.yml", inputs={}, full=full, cost=cost)
        if not full:
            jobs = f"starts {cost.total} jobs there ({cost.jobs['linux']} on Linux,\n{cost.jobs['macos']} on macOS"
            assert jobs in readme
            assert f"{cost.billed} Linux-job equivalents" in readme
        else:
            assert f"({cost.total} jobs, {cost.billed} equivalents)" in readme


def test_the_default_answers_halve_what_a_push_costs() -> None:
    """93 Linux-job equivalents a push before (3 OS x 7 Pythons, lint, All green), at most 46 now."""
    plan = workflows.test_plan(versions.default_minimum(), abi3=True, free_threaded=True)
    before = workflows.ci_push_cost(plan, linux_jobs=2, full=True)
    after = workflows.ci_push_cost(plan, linux_jobs=2)
    assert (before.total, before.billed) == (23, 93)
    assert after.billed <= 46
    assert after.jobs["linux"] == 2 + len(plan.pythons)


def test_the_rust_cache_holds_cargo_s_and_maturin_s_builds(project: tuple[Path, dict[str, Any]]) -> None:
    """Every build is in cargo's default target directory (`target`): maturin's (`uv sync` in
    target/editable, release wheels in target/release), cargo test's and clippy's (target/debug).
    Each rust-cache step caches `target` whole, so all of them."""
    root, _ = project
    justfile = (root / "justfile").read_text(encoding="utf-8")
    assert "CARGO_TARGET_DIR" not in justfile
    assert "target-dir" not in justfile
    config = tomllib.loads((root / ".cargo" / "config.toml").read_text(encoding="utf-8"))
    assert "build" not in config, "no target-dir setting moves the builds out of `target`"
    for name in _workflow_names(root):
        text = (root / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert "CARGO_TARGET_DIR" not in text
        for job in _workflow(root, name)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("Swatinem/rust-cache@"):
                    assert step.get("with", {}).get("workspaces", ". -> target") == ". -> target", name
                    assert "cache-targets" not in step.get("with", {})


def test_workflows_run_justfile_recipes_that_exist(project: tuple[Path, dict[str, Any]]) -> None:
    root, _ = project
    recipes = set(run([which("just"), "--summary"], root).split())
    used = set()
    for name in _workflow_names(root):
        text = (root / ".github" / "workflows" / name).read_text(encoding="utf-8")
        used |= set(re.findall(r"\$JUST ([\w-]+)", text)) | set(re.findall(r"just ([\w-]+) \d", text))
    assert used >= {"lint", "test-dist"}
    assert used & {"test", "test-rust"}
    assert used <= recipes


def test_dependabot_groups_every_ecosystem_with_a_cooldown(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    path = root / ".github" / "dependabot.yml"
    assert path.exists() == (answers["dependency_updates"] == "dependabot")
    if answers["dependency_updates"] == "dependabot":
        updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
        docker = {"docker"} if "docker" in answers["extras"] else set()
        assert {u["package-ecosystem"] for u in updates} == {"cargo", "uv", "github-actions", "pre-commit", *docker}
        for update in updates:
            assert update.get("groups") or update["package-ecosystem"] == "docker"  # one image: nothing to group
            assert update["cooldown"]["default-days"] >= 1


def test_run_scripts_pass_shellcheck(project: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Every `run:` block, as bash (the workflows' default shell), passes shellcheck."""
    root, _ = project
    scripts = []
    for name in _workflow_names(root):
        for job_name, job in _workflow(root, name)["jobs"].items():
            for number, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    script = tmp_path / f"{name}-{job_name}-{number}.sh"
                    # GitHub expressions never reach the shell: the workflows pass them through env.
                    assert "${{" not in step["run"], (name, job_name, step["run"])
                    script.write_text("#!/usr/bin/env bash\n" + step["run"] + "\n", encoding="utf-8")
                    scripts.append(str(script))
    assert scripts
    run([which("shellcheck"), "--shell=bash", "--severity=style", *scripts], root)


def test_each_extra_brings_its_jobs(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    extras = answers["extras"]
    ci_jobs = _workflow(root, "ci.yml")["jobs"]
    assert ("msrv" in ci_jobs) == ("rust-toolchains" in extras)
    assert ("coverage" in ci_jobs) == ("coverage" in extras)
    names = set(_workflow_names(root))
    assert ("toolchains.yml" in names) == ("rust-toolchains" in extras)
    assert ("audit.yml" in names) == ("supply-chain" in extras)
    assert ("docs.yml" in names) == (answers["docs_site"] != "none")
    if "rust-toolchains" in extras:
        cargo = tomllib.loads((root / "Cargo.toml").read_text(encoding="utf-8"))
        package = cargo["workspace"]["package"] if "workspace" in cargo else cargo["package"]
        assert ci_jobs["msrv"]["env"]["RUSTUP_TOOLCHAIN"] == package["rust-version"]
        toolchains = _workflow(root, "toolchains.yml")
        assert toolchains["jobs"]["test"]["strategy"]["matrix"]["toolchain"] == ["beta", "nightly"]
        assert "schedule" in _triggers(toolchains)
    if "supply-chain" in extras:
        audit = _workflow(root, "audit.yml")
        assert "schedule" in _triggers(audit)
        assert {"Cargo.lock", "uv.lock", "deny.toml"} <= set(_triggers(audit)["pull_request"]["paths"])
    assert ("benchmarks.yml" in names) == ("bench-compare" in extras)
    if "bench-compare" in extras:
        benchmarks = _workflow(root, "benchmarks.yml")
        assert set(_triggers(benchmarks)) == {"pull_request"}, "never pull_request_target: no secrets, no write"
        (job,) = benchmarks["jobs"].values()
        assert job["permissions"] == {"contents": "read"}
        checkouts = [step["with"] for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert [c["path"] for c in checkouts] == ["head", "base"]
        assert checkouts[1]["ref"] == "${{ github.event.pull_request.base.sha }}"
        runs = "\n".join(step.get("run", "") for step in job["steps"])
        assert "for side in base head" in runs, "base and head take turns on one runner"
        assert "$JUST bench-compare --base" in runs
    if answers["docs_site"] != "none":
        docs = _workflow(root, "docs.yml")
        assert docs["jobs"]["deploy"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
        assert docs["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_release_trains_pgo_only_on_native_rows(project: tuple[Path, dict[str, Any]]) -> None:
    """With the pgo extra, `--pgo` reaches maturin on the rows whose runner runs the wheel; other rows
    say why they build plain. Without it, no row mentions PGO."""
    root, answers = project
    wheels = _workflow(root, "release.yml")["jobs"].get("wheels")
    if wheels is None:
        return
    text = (root / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    builds = [s for s in wheels["steps"] if "maturin-action" in s.get("uses", "")]
    if "pgo" not in answers["extras"]:
        assert "pgo" not in text.lower()
        return
    for step in builds:
        if step["name"] == "Build wheels (PyPy, GraalPy)":  # trained with CPython only: plain
            assert "pgo" not in str(step["with"])
            continue
        assert " ${{ matrix.pgo }} " in step["with"]["args"]
        assert step["with"]["rustup-components"] == "${{ matrix.pgo && 'llvm-tools' || '' }}"
    for row in wheels["strategy"]["matrix"]["include"]:
        platform = platforms.PLATFORMS_BY_KEY[row["platform"]]
        assert row["pgo"] == ("--pgo" if platform.trains_pgo else ""), row["platform"]
        if not platform.trains_pgo:
            assert f"# plain build: {platform.plain_build_reason}" in text
    # maturin's training environments come from uv when one is on PATH before the builds.
    names = [s["name"] for s in wheels["steps"]]
    assert names.index("Install uv") < names.index("Build wheels (regular CPython)")


def test_release_builds_locked_and_stops_without_cargo_lock(project: tuple[Path, dict[str, Any]]) -> None:
    root, _ = project
    jobs = _workflow(root, "release.yml")["jobs"]
    builds = [
        step
        for job in jobs.values()
        for step in job.get("steps", [])
        if str(step.get("uses", "")).startswith("PyO3/maturin-action@")
    ]
    assert all("--locked" in step["with"]["args"].split() for step in builds), builds
    (check,) = [step["run"] for step in jobs["locked"]["steps"] if "run" in step]
    assert "git ls-files --error-unmatch Cargo.lock" in check
    assert "commit Cargo.lock" in check
    for name in ("wheels", "pyodide", "android", "sdist"):
        if name in jobs:
            assert jobs[name]["needs"] == ["locked"], name


def test_publishing_waits_for_every_check(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    jobs = _workflow(root, "release.yml")["jobs"]
    # The sdist job builds a wheel from the sdist alone and tests it; the
    # check job checks every wheel and the sdist; publishing needs both.
    sdist_runs = [step.get("run", "") for step in jobs["sdist"]["steps"]]
    assert "$JUST test-sdist " + answers["python_min"] in sdist_runs
    assert not any("maturin-action" in str(step.get("uses", "")) for step in jobs["sdist"]["steps"])
    assert "$JUST check-dist" in [step.get("run", "") for step in jobs["check"]["steps"]]
    builders = {"wheels", "pyodide", "android"} & set(jobs)
    assert set(jobs["check"]["needs"]) == builders | {"sdist"}
    if answers["publish"] != "none":
        assert jobs["publish"]["needs"] == ["check"]
    assert jobs["attest"]["needs"] == ["check"]
    assert jobs["attest"]["permissions"] == {"id-token": "write", "attestations": "write"}
    # A private repository without attestations (not Enterprise Cloud) skips the job, not the release.
    assert "!github.event.repository.private || vars.ATTEST_PRIVATE == 'true'" in jobs["attest"]["if"]
    assert "attest" in jobs["github-release"]["needs"]
    assert jobs["github-release"]["if"].startswith("!cancelled() && !failure()")


def test_every_setup_python_takes_release_candidates(project: tuple[Path, dict[str, Any]]) -> None:
    root, _ = project
    for name in _workflow_names(root):
        for job in _workflow(root, name)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/setup-python@"):
                    assert step["with"]["allow-prereleases"] is True, (name, step["name"])


def test_ci_has_one_all_green_job_over_every_other(project: tuple[Path, dict[str, Any]]) -> None:
    root, _ = project
    jobs = _workflow(root, "ci.yml")["jobs"]
    gate = jobs["all-green"]
    assert gate["if"] == "always()"
    assert set(gate["needs"]) == set(jobs) - {"all-green"}
    assert gate["permissions"] == {}


def test_just_on_windows_arm64_comes_from_a_wheel(project: tuple[Path, dict[str, Any]]) -> None:
    root, answers = project
    job = _workflow(root, "release.yml")["jobs"].get("wheels")
    rows = {row["platform"]: row for row in job["strategy"]["matrix"]["include"]} if job else {}
    for key, row in rows.items():
        assert row.get("just-platform", "") == ("x86_64-pc-windows-msvc" if key == "windows-arm64" else ""), key
    if "windows-arm64" in rows:
        assert "matrix.just-platform" in job["env"]["JUST"]
    assert ("windows-arm64" in rows) == ("windows-arm64" in answers["wheel_platforms"])


def test_pyodide_and_android_build_in_jobs_of_their_own(project: tuple[Path, dict[str, Any]]) -> None:
    """One CPython each, the tag checked by the same step as every other wheel; Pyodide's tested in Node."""
    root, answers = project
    jobs = _workflow(root, "release.yml")["jobs"]
    chosen = [platforms.PLATFORMS_BY_KEY[key] for key in answers["wheel_platforms"]]
    pyodide = [p for p in chosen if p.os == "emscripten"]
    android = [p for p in chosen if p.os == "android"]
    assert ("pyodide" in jobs) == bool(pyodide)
    assert ("android" in jobs) == bool(android)
    if not (pyodide or android):
        return
    minimum = answers["python_min"].replace(".", "")
    tag = f"cp{minimum}-abi3" if answers["abi3"] else "cp314-cp314"
    justfile = (root / "justfile").read_text(encoding="utf-8")
    if pyodide:
        steps = {step["name"]: step for step in jobs["pyodide"]["steps"]}
        build = steps["Build the wheel"]
        assert build["with"]["target"] == pyodide[0].action_target
        assert build["env"]["MATURIN_PYEMSCRIPTEN_PLATFORM_VERSION"] == pins.PYODIDE_ABI
        assert build["with"]["rust-toolchain"] == "${{ steps.pyodide.outputs.rust }}"
        assert f"pyodide-build=={pins.PYODIDE_BUILD}" in steps["Read the Emscripten and Rust of Pyodide's build"]["run"]
        assert steps["Set up Emscripten"]["with"] == {
            "version": "${{ steps.pyodide.outputs.emscripten }}",
            "no-cache": True,
        }
        check = steps["Check that every interpreter got its wheel"]["env"]
        assert check == {"EXPECTED": tag, "PLATFORM_TAG": f"pyemscripten_{pins.PYODIDE_ABI}_wasm32"}
        assert steps["Set up Node"]["with"]["node-version"] == pins.NODE
        assert steps["Test the wheel in Pyodide"]["run"] == "$JUST test-pyodide"
        assert "\ntest-pyodide:\n" in justfile
        names = list(steps)
        assert names.index("Check that every interpreter got its wheel") < names.index("Test the wheel in Pyodide")
    else:
        assert "test-pyodide" not in justfile
    if android:
        job = jobs["android"]
        rows = job["strategy"]["matrix"]["include"]
        assert [row["platform"] for row in rows] == [p.key for p in android]
        for row, platform in zip(rows, android, strict=True):
            assert row["target"] == platform.rust_target
            assert row["platform-tag"] == f"android_{pins.ANDROID_API_LEVEL}_{platform.wheel_arch}"
            assert row["wheel"] == tag
        (build,) = [s for s in job["steps"] if "maturin-action" in s.get("uses", "")]
        assert build["env"]["ANDROID_API_LEVEL"] == pins.ANDROID_API_LEVEL
        # pyo3#6165: abi3 modules keep libpython3.so linked
        assert ("-lpython3" in build["env"].get("RUSTFLAGS", "")) == answers["abi3"]
        assert not any("test" in s["name"].lower() for s in job["steps"]), "Android wheels are not run"
    readme = (root / "README.md").read_text(encoding="utf-8")
    for platform in pyodide + android:
        assert f"- `{platform.platform_tag(answers['manylinux'])}`: {platform.label}, one wheel, `{tag}`" in readme


def test_actionlint_finds_nothing(project: tuple[Path, dict[str, Any]]) -> None:
    """Every workflow passes actionlint, its shellcheck of the `run:` blocks included.

    Among its checks: every matrix property a step reads is defined by a row
    (which properties exist depends on the platforms chosen).
    """
    root, _ = project
    assert actionlint_findings(root) == ""


# The jobs of release.yml that only a tag's run may start: each asks for a write or an environment.
TAG_ONLY = {"publish", "attest", "github-release"}
TAG_CONDITION = "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')"


def test_release_builds_run_on_the_pull_requests_that_can_break_them(project: tuple[Path, dict[str, Any]]) -> None:
    """Every build, test and check of release.yml runs on pull requests that change a packaging input,
    weekly on main and by hand; publishing, attestation and the GitHub release wait for a tag."""
    root, answers = project
    release = _workflow(root, "release.yml")
    triggers = _triggers(release)
    assert set(triggers) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"tags": ["v*"]}
    assert len(triggers["schedule"]) == 1
    paths = triggers["pull_request"]["paths"]
    assert paths == workflows.packaging_paths(pgo="pgo" in answers["extras"])
    # every manifest and build script the project has, the workspace's crates included
    for rendered in sorted(root.rglob("*")):
        relative = rendered.relative_to(root).as_posix()
        if rendered.name in {"Cargo.toml", "build.rs", "Cargo.lock", "pyproject.toml"} or relative in {
            "scripts/test-wheel.sh",
            "scripts/check_dist.py",
            "justfile",
            ".github/workflows/release.yml",
            ".github/workflows/test.yml",
        }:
            assert any(_path_filter_matches(pattern, relative) for pattern in paths), relative
    # ordinary source, tests and docs are CI's
    for relative in ("src/lib.rs", "python/pkg/__init__.py", "tests/test_x.py", "README.md", "docs/index.md"):
        assert not any(_path_filter_matches(pattern, relative) for pattern in paths), relative
    assert release["concurrency"] == {
        "group": "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    }
    jobs = release["jobs"]
    for name, job in jobs.items():
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        if name in TAG_ONLY:
            assert TAG_CONDITION in " ".join(job["if"].split()), name
        else:
            assert not writes, name
            assert "environment" not in job, name
            assert name == "test" or "if" not in job, f"{name} runs before the tag too"
    assert set(jobs) | ({"publish"} if answers["publish"] == "none" else set()) >= TAG_ONLY
    # the distributions only: not the debug wheels test.yml uploads in the same run
    for job in jobs.values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/download-artifact@"):
                assert step["with"]["pattern"] == "dist-*"
            if str(step.get("uses", "")).startswith("actions/upload-artifact@"):
                assert step["with"]["name"].startswith("dist-")


def test_no_cache_reaches_a_release_build(project: tuple[Path, dict[str, Any]]) -> None:
    """A pull request's run writes caches its own tests may read; no job that builds, checks or
    publishes a distribution reads any cache at all."""
    root, _ = project
    cache_off = {
        "actions/setup-python": ("cache", None),
        "astral-sh/setup-uv": ("enable-cache", False),
        "PyO3/maturin-action": ("sccache", False),
        "docker/setup-qemu-action": ("cache-image", False),
        "mymindstorm/setup-emsdk": ("no-cache", True),
        "actions/setup-node": ("package-manager-cache", False),
    }
    for name, job in _workflow(root, "release.yml")["jobs"].items():
        for step in job.get("steps", []):
            action = str(step.get("uses", "")).split("@")[0]
            assert "cache" not in action, (name, action)
            if action in cache_off:
                key, value = cache_off[action]
                assert step.get("with", {}).get(key) == value, (name, action)


def _path_filter_matches(pattern: str, path: str) -> bool:
    """GitHub's `paths` filter: `**` crosses directories (none included), `*` does not."""
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, path) is not None


# ------------------------------------------------ scripts/system-deps.sh, per row
# The stand-ins for every package manager the hook may be told of: each logs its call.
PACKAGE_MANAGERS = ("dnf", "yum", "apt-get", "apk", "brew", "vcpkg")
STUB = '#!/bin/sh\necho "$(basename "$0") $*" >> "$STUB_LOG"\n'


def _fill_in_the_sqlite_example(project: Path) -> None:
    """The user's lines for SQLite from the system (the hook's own example), put where it says."""
    hook = project / "scripts" / "system-deps.sh"
    text = hook.read_text(encoding="utf-8")
    example = [line.removeprefix("#   ") for line in text.splitlines() if re.match(r"#   (build|test):", line)]
    assert len(example) == 4, example
    marker = "  # Your lines go here, above this one.\n"
    hook.write_text(text.replace(marker, "".join(f"  {line}\n" for line in example) + marker), encoding="utf-8")


def _runs_for(condition: str | None, row: dict[str, Any]) -> bool:
    """A step's `if:`, of the forms the wheel job uses, for one row of its matrix."""
    if condition is None:
        return True
    runner = str(row["runner"])
    os_name = "macOS" if runner.startswith("macos") else "Windows" if runner.startswith("windows") else "Linux"
    python = re.sub(r"matrix\.([\w-]+)", lambda m: repr(str(row.get(m.group(1)) or "")), condition)
    python = python.replace("runner.os", repr(os_name)).replace("||", " or ").replace("&&", " and ")
    assert re.fullmatch(r"[\w'\s.=!-]*", python), f"a condition this replay cannot read: {condition}"
    return bool(eval(python, {"__builtins__": {}}))  # the workflow's own literals, checked above


def _hook_commands(steps: list[dict[str, Any]], row: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """The commands of a row's run that call scripts/system-deps.sh, with their environments, in order."""
    found = []
    for step in steps:
        if not _runs_for(step.get("if"), row):
            continue
        env = {k: maturin_action.expand(str(v), row) for k, v in step.get("env", {}).items()}
        if "maturin-action" in str(step.get("uses", "")) and str(row["runner"]).startswith("ubuntu"):
            found.append((maturin_action.expand(step["with"]["before-script-linux"], row), env))
        elif "system-deps.sh" in step.get("run", ""):
            found.append((maturin_action.expand(step["run"], row), env))
    return found


def test_each_wheel_row_tells_the_hook_the_package_manager_it_has(
    project: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """The release run replayed, row by row, with the user's lines for SQLite in the hook and stand-ins
    for every package manager: each build calls the one of the place it builds in (maturin-action's
    container on Linux, by tests/maturin_action.py's record of its images; Homebrew, vcpkg), and each
    runner that tests its wheels, its own."""
    root, _ = project
    jobs = _workflow(root, "release.yml")["jobs"]
    if "wheels" not in jobs:
        return
    project_copy = tmp_path / "project"
    shutil.copytree(root, project_copy)
    _fill_in_the_sqlite_example(project_copy)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in PACKAGE_MANAGERS:
        (bin_dir / name).write_text(STUB, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    job = jobs["wheels"]
    for row in job["strategy"]["matrix"]["include"]:
        runner = str(row["runner"])
        if runner.startswith("ubuntu"):
            image = maturin_action.container(row)
            expected = maturin_action.package_manager(image)
        else:
            image, expected = runner, "brew" if runner.startswith("macos") else "vcpkg"
        assert row["package-manager"] == expected, (row["platform"], image)
        log = tmp_path / f"{row['platform']}.log"
        outputs = []
        for command, env in _hook_commands(job["steps"], row):
            environment = {**os.environ, **env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
            result = subprocess.run(
                ["sh", "-c", command],
                cwd=project_copy,
                env={**environment, "STUB_LOG": str(log)},
                capture_output=True,
                text=True,
                check=True,
            )
            outputs.append(result.stdout)
        called = {line.split()[0] for line in log.read_text(encoding="utf-8").splitlines()}
        assert called == {"apt-get" if expected == "apt" else expected}, (row["platform"], image, called)
        tested_here = row["test"] == "runner"
        # the build's SQLite package, with the package manager of each place
        packages = {"dnf": "sqlite-devel", "yum": "sqlite-devel", "apt": "libsqlite3-dev", "brew": "sqlite"}
        if expected in packages:
            assert packages[expected] in log.read_text(encoding="utf-8"), row["platform"]
        # the runner's test phase: told its own package manager, and nothing to install in the example
        if tested_here:
            assert f"system-deps: test of {row['platform']} with {row['test-package-manager']}: nothing" in "".join(
                outputs
            )


def test_every_job_that_compiles_runs_the_hook_first(project: tuple[Path, dict[str, Any]]) -> None:
    """A crate that builds or links C code builds in every workflow once scripts/system-deps.sh does:
    each job that installs Rust calls its build phase before it compiles, and each maturin-action
    build calls it in the container (Linux) or in a step before it (the other runners)."""
    root, _ = project
    compiling = re.compile(r"\$JUST (?!check-dist)|maturin|cargo ")
    for name in _workflow_names(root):
        for job_name, job in _workflow(root, name)["jobs"].items():
            steps = job.get("steps", [])
            installs_rust = any(str(s.get("name", "")).startswith("Install Rust") for s in steps)
            runs = [i for i, s in enumerate(steps) if compiling.search(s.get("run", ""))]
            builds = [i for i, s in enumerate(steps) if "maturin-action" in str(s.get("uses", ""))]
            hooks = [i for i, s in enumerate(steps) if "system-deps.sh build" in s.get("run", "")]
            for i in builds:
                assert steps[i]["with"]["before-script-linux"].startswith("sh scripts/system-deps.sh build ")
            if installs_rust:
                assert hooks, (name, job_name)
                assert min(hooks) < min(runs), (name, job_name)
            rows = job.get("strategy", {}).get("matrix", {}).get("include", [{"runner": job.get("runs-on")}])
            if builds and any(not str(row.get("runner", "")).startswith("ubuntu") for row in rows):
                assert hooks, (name, job_name)
                assert min(hooks) < min(builds), (name, job_name)
