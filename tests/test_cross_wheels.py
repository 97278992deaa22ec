"""Every wheel the release workflow promises: built here, checked, and run on its own architecture.

For the default and full presets (full selects every platform), each row of
the rendered release.yml's wheel matrix is replayed on this machine: the
row's maturin runs, with the arguments maturin-action gives them (target,
manylinux or musllinux) and `--zig`, which links Linux and macOS wheels here.
Every interpreter of every run is built, free-threaded and abi3t ones
included (maturin builds those from the interpreter data it carries). The
wheels must carry exactly the tags the README and the workflow's own check
promise, and pass the project's `just check-dist`. Then every Linux glibc
wheel is installed and tested by the project's own scripts/test-wheel.sh in
a Debian root of its architecture, under QEMU; the default preset's x86_64
wheels also on every newer CPython that installs them, 3.13, 3.14 and 3.15
from a Debian forky root, natively. The Windows targets, which
need MSVC's linker, and the Pyodide and Android ones, whose SDKs cannot be
had here, get `cargo clippy --target`. The terminal summary
("wheel targets") has a line per target.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import debian_roots
import maturin_action
import pytest
import report
import yaml
from helpers import (
    QUICK_RELEASE,
    git_commit_all,
    preset_answers,
    render,
    run,
    run_failing,
    tool_env,
    which,
    without_pgo,
)

from extensions.features import selected_features
from extensions.platforms import PLATFORMS_BY_KEY, Platform, default_platforms

pytestmark = pytest.mark.e2e

CROSS_PRESETS = ("default", "full")
# rustup answers 404 for this triple's std on this machine, every time. Only
# it, and only for a 404, is excused from being built: any other failure of
# `rustup target add` fails its test.
STD_UNAVAILABLE = "armv7-unknown-linux-musleabihf"
# The presets whose x86_64 abi3 wheel also runs on every CPython Debian's
# forky root carries (3.13, 3.14, 3.15), natively.
EVERY_CPYTHON_PRESETS = ("default",)


def _preset_platforms(preset: str) -> list[Platform]:
    keys = preset_answers(preset).get("wheel_platforms", default_platforms())
    return [platform for key, platform in PLATFORMS_BY_KEY.items() if key in keys]


CASES = [(preset, platform) for preset in CROSS_PRESETS for platform in _preset_platforms(preset)]
BUILT = [case for case in CASES if case[1].os in {"linux", "macos"}]
WINDOWS = [case for case in CASES if case[1].os == "windows"]
EMULATED = [case for case in CASES if case[1].libc == "glibc"]


def _case_id(case: tuple[str, Platform]) -> str:
    return f"{case[0]}-{case[1].key}"


def _wheel_tag(wheel: Path | str) -> str:
    """python-abi-platform: the part of a wheel's name after its version."""
    return Path(wheel).stem.split("-", 2)[2]


@dataclass
class CrossProject:
    """A rendered preset, with the release workflow's promises read from it, and its wheels once built."""

    preset: str
    project: Path
    answers: dict[str, Any]
    env: dict[str, str]
    rows: dict[str, dict[str, Any]]
    steps: list[dict[str, Any]]
    check: dict[str, Any]  # the step that checks every promised wheel is there
    readme_tags: set[str]
    # By platform key: the row's wheels, or None where its target cannot be had here.
    wheels: dict[str, list[Path] | None] = field(default_factory=dict)

    def target(self, platform: Platform) -> str:
        return f"{self.preset} {platform.key}"

    def expected(self, platform: Platform) -> list[str]:
        """The python-abi tags the row's check step requires."""
        return maturin_action.expand(self.check["env"]["EXPECTED"], self.rows[platform.key]).split()


class CrossBuilds:
    """The presets, rendered once each, and the Rust targets added once each, for the whole session."""

    def __init__(self, tmp: Path, target_dir: Path) -> None:
        self.tmp = tmp
        self.target_dir = target_dir
        self.projects: dict[str, CrossProject] = {}
        self.targets: dict[str, str | None] = {}  # triple -> None, or why it cannot be had

    def project(self, preset: str) -> CrossProject:
        if preset not in self.projects:
            project = render(self.tmp / preset, preset_answers(preset))
            # The release builds with --locked: Cargo.lock is committed, as
            # the rendered README asks.
            run(["cargo", "generate-lockfile"], project, tool_env())
            git_commit_all(project)  # build.rs reports the commit
            recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
            workflow = yaml.safe_load((project / ".github/workflows/release.yml").read_text(encoding="utf-8"))
            job = workflow["jobs"]["wheels"]
            steps = job["steps"]
            readme = (project / "README.md").read_text(encoding="utf-8")
            self.projects[preset] = CrossProject(
                preset=preset,
                project=project,
                answers=recorded,
                env=tool_env(CARGO_TARGET_DIR=str(self.target_dir), **QUICK_RELEASE),
                rows={row["platform"]: row for row in job["strategy"]["matrix"]["include"]},
                steps=steps,
                check=next(s for s in steps if s["name"] == "Check that every interpreter got its wheel"),
                readme_tags=set(re.findall(r"^- `([\w.-]+)`: ", readme, flags=re.MULTILINE)),
            )
        return self.projects[preset]

    def add_target(self, triple: str) -> str | None:
        """Add a Rust target's std; None when it is there, else why it cannot be had (excused cases only)."""
        if triple not in self.targets:
            result = subprocess.run(
                ["rustup", "target", "add", triple], capture_output=True, text=True, check=False, timeout=600
            )
            output = result.stdout + result.stderr
            if result.returncode == 0:
                self.targets[triple] = None
            elif triple == STD_UNAVAILABLE and "404" in output:
                self.targets[triple] = "rustup's download of its std answers 404 here"
            else:
                pytest.fail(f"`rustup target add {triple}` failed:\n{output[-3000:]}")
        return self.targets[triple]

    def wheels(self, preset: str, platform: Platform) -> list[Path] | None:
        """The row's wheels, built once by its maturin runs; None if its target cannot be had here."""
        project = self.project(preset)
        if platform.key in project.wheels:
            return project.wheels[platform.key]
        row = project.rows[platform.key]
        triple = maturin_action.rust_target(row)
        triples = ["x86_64-apple-darwin", "aarch64-apple-darwin"] if triple.startswith("universal2") else [triple]
        for needed in triples:
            reason = self.add_target(needed)
            if reason:
                report.record(project.target(platform), f"not built here: {needed} ({reason})")
                project.wheels[platform.key] = None
                return None
        dist = project.project / "dist"
        shutil.rmtree(dist, ignore_errors=True)
        started = time.monotonic()
        for args in maturin_action.build_args(project.steps, row):
            command = [which("maturin"), "build", *without_pgo(maturin_action.maturin_args(row, args)), "--zig"]
            run(command, project.project, project.env, stderr=True)
        seconds = time.monotonic() - started
        if row.get("pgo"):
            report.record(project.target(platform), "PGO on its runner; built plain here (see helpers.without_pgo)")
        out = project.project / "wheels" / platform.key
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        wheels = sorted(Path(shutil.move(w, out / w.name)) for w in dist.glob("*.whl"))
        sizes = ", ".join(f"{_wheel_tag(w)} {w.stat().st_size // 1024} KiB" for w in wheels)
        report.record(project.target(platform), f"built with --zig in {seconds:.0f} s: {sizes}")
        project.wheels[platform.key] = wheels
        return wheels


@pytest.fixture(scope="session")
def cross(tmp_path_factory: pytest.TempPathFactory) -> CrossBuilds:
    """Cross builds share one target directory in the user's cache: a fresh clone reuses it."""
    target_dir = debian_roots.cache_dir() / "cross-target"
    target_dir.mkdir(parents=True, exist_ok=True)
    return CrossBuilds(tmp_path_factory.mktemp("cross"), target_dir)


@pytest.mark.parametrize("case", BUILT, ids=_case_id)
def test_release_row_builds_exactly_the_promised_wheels(cross: CrossBuilds, case: tuple[str, Platform]) -> None:
    preset, platform = case
    wheels = cross.wheels(preset, platform)
    if wheels is None:
        # Only the excused triple, for its 404: still in the table, and still promised by the workflow.
        assert maturin_action.rust_target(cross.project(preset).rows[platform.key]) == STD_UNAVAILABLE
        return
    project = cross.project(preset)
    platform_tag = project.rows[platform.key]["platform-tag"]
    assert platform_tag == platform.platform_tag(project.answers["manylinux"])
    expected = project.expected(platform)
    assert sorted(_wheel_tag(w) for w in wheels) == sorted(f"{tag}-{platform_tag}" for tag in expected)
    # The README promises the same: every python-abi tag, and this platform's tag.
    assert {*expected, platform_tag} <= project.readme_tags
    # and the workflow's own check accepts what the runs gave
    check = project.project / "check"
    shutil.rmtree(check, ignore_errors=True)
    (check / "dist").mkdir(parents=True)
    for wheel in wheels:
        shutil.copy2(wheel, check / "dist")
    env = {**project.env, "EXPECTED": " ".join(expected), "PLATFORM_TAG": platform_tag}
    run([which("bash"), "-euo", "pipefail", "-c", project.check["run"]], check, env)
    if platform.libc == "musl":
        report.record(project.target(platform), "not run: Debian has no musl CPython")


@pytest.mark.parametrize("preset", CROSS_PRESETS)
def test_every_wheel_passes_just_check_dist(cross: CrossBuilds, preset: str) -> None:
    """The project's own `just check-dist` over every wheel built for the preset, and the sdist.

    It must also fail on a wheel that lost its SBOM.
    """
    project = cross.project(preset)
    built = {p.key: cross.wheels(preset, p) for p in _preset_platforms(preset) if p.os in {"linux", "macos"}}
    dist = project.project / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir()
    for wheels in built.values():
        for wheel in wheels or []:
            shutil.copy2(wheel, dist)
    run([which("maturin"), "sdist", "--out", "dist"], project.project, project.env)
    count = len(list(dist.glob("*.whl")))
    output = run([which("just"), "check-dist"], project.project, project.env, stderr=True)
    assert f"checked {count} wheels: 0 problems" in output, output[-3000:]
    for key, wheels in built.items():
        if wheels:
            report.record(f"{preset} {key}", "just check-dist passed")

    # The failing run needs only the wheel that lost its SBOM: the others were just checked.
    victim = min(dist.glob("*.whl"))
    for wheel in dist.glob("*.whl"):
        if wheel != victim:
            wheel.unlink()
    _drop_sboms(victim)
    failed = run_failing([which("just"), "check-dist"], project.project, project.env)
    assert f"{victim.name}: no CycloneDX SBOM" in failed.stderr, failed.stderr[-3000:]
    shutil.rmtree(dist)


def _drop_sboms(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist() if "/sboms/" not in info.filename]
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)


@pytest.mark.parametrize("case", EMULATED, ids=_case_id)
def test_wheel_passes_the_project_tests_on_its_architecture(cross: CrossBuilds, case: tuple[str, Platform]) -> None:
    """scripts/test-wheel.sh in a Debian root of the wheel's architecture: pip picks the wheel, pytest runs."""
    preset, platform = case
    assert platform.debian_arch is not None
    wheels = cross.wheels(preset, platform)
    assert wheels, "every glibc target builds here"
    project = cross.project(preset)
    root = debian_roots.ensure_root(platform.debian_arch, debian_roots.wheel_test_requirements(project.project))
    suite, python = debian_roots.suite(platform.debian_arch)
    # Debian's NumPy (1.24 in bookworm, 2.2 in trixie) stands in for PyPI's: no requirement for pip to fetch.
    (tested,) = debian_roots.run_wheel_tests(root, project.project, wheels, (python,))
    how = "under QEMU" if debian_roots.ARCHES[platform.debian_arch].qemu else "natively"
    others = [debian_roots.python_abi(w) for w in wheels if debian_roots.python_abi(w) != tested.python_abi]
    fragment = (
        f"{tested.passed} tests passed {how} in Debian {suite} {platform.debian_arch} "
        f"({tested.seconds:.0f} s) with {tested.python_abi} on CPython {tested.python}"
    )
    # The rows the next test runs on every CPython here say there what ran nowhere.
    if others and not (platform.key == "linux-x86_64" and preset in EVERY_CPYTHON_PRESETS):
        fragment += "; not run: " + ", ".join(f"{tag} ({debian_roots.why_not_run(tag)})" for tag in others)
    report.record(project.target(platform), fragment)


@pytest.mark.parametrize("preset", EVERY_CPYTHON_PRESETS)
def test_abi3_wheel_passes_the_project_tests_on_every_cpython_here(cross: CrossBuilds, preset: str) -> None:
    """Each x86_64 wheel on every CPython newer than bookworm's 3.11 that installs it (3.13,
    3.14 and 3.15 from a Debian forky root, natively): the abi3 wheel on each, and pip's
    pick on 3.15, the abi3t wheel, on the one that can."""
    platform = PLATFORMS_BY_KEY["linux-x86_64"]
    wheels = cross.wheels(preset, platform)
    assert wheels
    project = cross.project(preset)
    assert project.answers["abi3"]
    numpy = "numpy" in project.answers["features"]
    runs = debian_roots.run_x86_64_wheels(project.project, wheels, debian_roots.CPYTHONS, numpy=numpy)
    (abi3,) = (debian_roots.python_abi(w) for w in wheels if debian_roots.python_abi(w).endswith("-abi3"))
    assert [tested.version for tested in runs if tested.python_abi == abi3] == list(debian_roots.CPYTHONS)
    report.record(project.target(platform), debian_roots.ran_on(runs, wheels))


@pytest.mark.parametrize("case", WINDOWS, ids=_case_id)
def test_windows_code_passes_clippy(cross: CrossBuilds, case: tuple[str, Platform]) -> None:
    """Code behind a `cfg` for Windows compiles, lint-clean: clippy needs no MSVC linker.

    A feature whose crate builds C code (mimalloc's C build script looks for
    MSVC's lib.exe) is left out, by name.
    """
    preset, platform = case
    project = cross.project(preset)
    triple = maturin_action.rust_target(project.rows[platform.key])
    assert triple == platform.rust_target
    assert cross.add_target(triple) is None
    fragment = _clippy(project, triple, project.answers["python_min"], "its C build script needs MSVC's lib.exe")
    report.record(project.target(platform), fragment)


def _clippy(project: CrossProject, triple: str, python: str, c_reason: str, *, every_feature: bool = False) -> str:
    """`cargo clippy --target` over every feature but those whose crate builds C code
    (or over all of them: ``every_feature``); what ran, in words."""
    features = selected_features(project.answers["features"])
    checked = [f.key for f in features if every_feature or not f.builds_c]
    left_out = [f.key for f in features if f.key not in checked]
    crate = project.answers["crate_name"]
    if project.answers["layout"] == "workspace":  # a virtual manifest: features by crate
        selection = ["--workspace", "--features", ",".join(f"{crate}/{f}" for f in checked)]
    else:
        selection = ["--features", ",".join(checked)]
    env = {**project.env, "PYO3_CROSS_PYTHON_VERSION": python}
    command = ["cargo", "clippy", "--target", triple, "--all-targets", *selection, "--", "-D", "warnings"]
    started = time.monotonic()
    run(command, project.project, env, stderr=True)
    fragment = f"cargo clippy --target {triple} --all-targets -D warnings passed ({time.monotonic() - started:.0f} s)"
    if checked:
        fragment += f", features {', '.join(checked)}"
    if left_out:
        fragment += f"; left out: {', '.join(left_out)} ({c_reason})"
    return fragment


# The Pyodide and Android rows, built in release jobs of their own: their
# SDKs (Emscripten's, the NDK) cannot be had here, but Rust's std for their
# triples downloads, so the code is compiled and linted for them with the
# CPython each job builds for. mimalloc's C build needs the NDK's clang; under
# Emscripten it is not built at all (a target table), so every feature is
# checked there, the cfg that leaves it out included.
OWN_JOB_ROWS = [case for case in CASES if case[1].own_job]
NDK_REASON = "its C build script needs the Android NDK's clang"


@pytest.mark.parametrize("case", OWN_JOB_ROWS, ids=_case_id)
def test_pyodide_and_android_code_passes_clippy(cross: CrossBuilds, case: tuple[str, Platform]) -> None:
    """The rendered job's target and CPython, for `cargo clippy --target`; the SDKs that would link them are not here."""
    preset, platform = case
    project = cross.project(preset)
    workflow = yaml.safe_load((project.project / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    python = platform.pinned_python
    assert python is not None
    if platform.os == "emscripten":
        build = next(s for s in workflow["jobs"]["pyodide"]["steps"] if s["name"] == "Build the wheel")
        triple = build["with"]["target"]
        assert build["with"]["args"].split("--interpreter ")[1].split()[0] == python
    else:  # the Android job names no interpreter: maturin-action's Android CPython decides
        (row,) = (
            r for r in workflow["jobs"]["android"]["strategy"]["matrix"]["include"] if r["platform"] == platform.key
        )
        triple = row["target"]
    assert triple == platform.rust_target
    assert cross.add_target(triple) is None
    emscripten = platform.os == "emscripten"
    fragment = _clippy(project, triple, python, "" if emscripten else NDK_REASON, every_feature=emscripten)
    report.record(project.target(platform), fragment + " (no SDK here: not built)")
