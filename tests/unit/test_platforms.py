"""The platform table and the rules that read it."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING, Any

import maturin_action
import pytest
import yaml
from helpers import why

from extensions import platforms
from extensions.platforms import PLATFORMS, RUNNERS, Platform

if TYPE_CHECKING:
    from pathlib import Path

MATURIN_ACTION_TARGETS = maturin_action.TARGETS


def _family(platform: Platform) -> str:
    if platform.os == "linux":
        return "musllinux" if platform.libc == "musl" else "manylinux"
    return {"macos": "darwin", "windows": "win32", "emscripten": "emscripten", "android": "android"}[platform.os]


def test_issue_minimum_platform_set_is_covered() -> None:
    keys = {p.key for p in PLATFORMS}
    assert {f"linux-{a}" for a in ("x86_64", "aarch64", "armv7", "i686", "s390x", "ppc64le")} <= keys
    assert {f"musllinux-{a}" for a in ("x86_64", "aarch64", "armv7", "i686")} <= keys
    assert {"macos-x86_64", "macos-arm64", "macos-universal2"} <= keys
    assert {"windows-x64", "windows-x86", "windows-arm64"} <= keys


def test_keys_are_unique() -> None:
    assert len({p.key for p in PLATFORMS}) == len(PLATFORMS)


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_triple_matches_what_maturin_action_makes_of_the_target(platform: Platform) -> None:
    assert MATURIN_ACTION_TARGETS[_family(platform)][platform.action_target] == platform.rust_target


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_triple_names_the_os_and_libc(platform: Platform) -> None:
    triple = platform.rust_target
    expected = {
        ("linux", "glibc"): "-linux-gnu",
        ("linux", "musl"): "-linux-musl",
        ("macos", None): "-apple-darwin",
        ("windows", None): "-pc-windows-msvc",
        ("emscripten", None): "-unknown-emscripten",
        ("android", None): "-linux-android",
    }[(platform.os, platform.libc)]
    assert expected in triple


def test_native_runners_where_github_has_them() -> None:
    by_key = platforms.PLATFORMS_BY_KEY
    assert by_key["linux-aarch64"].runner == "ubuntu-24.04-arm"
    assert by_key["musllinux-aarch64"].runner == "ubuntu-24.04-arm"
    assert by_key["windows-arm64"].runner == "windows-11-arm"
    assert by_key["macos-x86_64"].runner == "macos-15-intel"
    assert by_key["macos-arm64"].runner == "macos-latest"
    assert "macos-13" not in RUNNERS.values()


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_wheels_are_tested_on_the_runner_where_it_can_and_in_containers_elsewhere(platform: Platform) -> None:
    if platform.own_job:  # Pyodide runs in Node on the runner; no runner starts an Android emulator
        assert platform.test_on == {"emscripten": "pyodide", "android": "untested"}[platform.os]
        return
    runner_arch = platform.runner_key.split("-")[1]
    wheel_runs_on = {
        "x86_64": "x64",
        "amd64": "x64",
        "win32": "x64",
        "i686": "x64",  # 32-bit x86 runs natively on x64
        "aarch64": "arm64",
        "arm64": "arm64",
        "universal2": runner_arch,
    }.get(platform.wheel_arch)
    same_machine = wheel_runs_on == runner_arch
    if not same_machine:
        assert platform.test_on == "emulated"
    elif platform.libc == "musl" or platform.wheel_arch == "i686":
        assert platform.test_on == "container"  # Alpine for musl; a 32-bit image for i686
    else:
        assert platform.test_on == "runner"


# The architectures as Debian and Docker name them, and where PyPI has
# NumPy 2 wheels for Linux (numpy 2.x on pypi.org: x86_64 and aarch64 only).
DEBIAN = {
    "x86_64": "amd64",
    "aarch64": "arm64",
    "armv7l": "armhf",
    "i686": "i386",
    "s390x": "s390x",
    "ppc64le": "ppc64el",
    "riscv64": "riscv64",
}
DOCKER = {
    "x86_64": "linux/amd64",
    "aarch64": "linux/arm64",
    "armv7l": "linux/arm/v7",
    "i686": "linux/386",
    "s390x": "linux/s390x",
    "ppc64le": "linux/ppc64le",
    "riscv64": "linux/riscv64",
}


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.key)
def test_linux_rows_name_their_debian_and_docker_architecture(platform: Platform) -> None:
    if platform.os != "linux":
        assert (platform.debian_arch, platform.docker_platform) == (None, None)
        # numpy 2.5.5 on PyPI has no Android wheel; Pyodide's own index has NumPy
        assert platform.numpy_wheels == (platform.os != "android")
        return
    assert platform.debian_arch == DEBIAN[platform.wheel_arch]
    assert platform.docker_platform == DOCKER[platform.wheel_arch]
    assert platform.numpy_wheels == (platform.wheel_arch in {"x86_64", "aarch64"})


@pytest.mark.parametrize(
    ("key", "policy", "tag", "action"),
    [
        ("linux-x86_64", "manylinux2014", "manylinux_2_17_x86_64.manylinux2014_x86_64", "2014"),
        ("linux-armv7", "manylinux2014", "manylinux_2_17_armv7l.manylinux2014_armv7l", "2014"),
        ("linux-aarch64", "manylinux_2_28", "manylinux_2_28_aarch64", "2_28"),
        ("linux-i686", "manylinux_2_28", "manylinux_2_28_i686", "2_28"),
        ("musllinux-armv7", "manylinux_2_28", "musllinux_1_2_armv7l", "musllinux_1_2"),
        ("musllinux-x86_64", "manylinux2014", "musllinux_1_2_x86_64", "musllinux_1_2"),
        ("macos-arm64", "manylinux2014", "macosx_11_0_arm64", None),
        (
            "macos-universal2",
            "manylinux_2_28",
            "macosx_10_12_universal2.macosx_10_12_x86_64.macosx_11_0_arm64",
            None,
        ),
        ("windows-x86", "manylinux_2_28", "win32", None),
        ("windows-arm64", "manylinux_2_28", "win_arm64", None),
        ("emscripten-wasm32", "manylinux_2_28", "pyemscripten_2026_0_wasm32", None),
        ("android-aarch64", "manylinux2014", "android_24_arm64_v8a", None),
        ("android-x86_64", "manylinux_2_28", "android_24_x86_64", None),
    ],
)
def test_tags_per_policy(key: str, policy: str, tag: str, action: str | None) -> None:
    platform = platforms.PLATFORMS_BY_KEY[key]
    assert platform.platform_tag(policy) == tag
    assert platform.manylinux(policy) == action


def test_defaults_are_maturin_generate_ci_defaults() -> None:
    # universal2, riscv64, Pyodide and Android are opt-in: generate-ci has none of them by default
    opt_in = {"macos-universal2", "linux-riscv64", "emscripten-wasm32", "android-aarch64", "android-x86_64"}
    assert set(platforms.default_platforms()) == {p.key for p in PLATFORMS} - opt_in


def _generate_ci_jobs(tmp_path: Path, *args: str) -> dict[str, Any]:
    """The jobs the installed maturin's `generate-ci github` writes for a probe PyO3 crate."""
    (tmp_path / "Cargo.toml").write_text(
        '[package]\nname = "probe"\nversion = "0.1.0"\nedition = "2021"\n\n'
        '[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.30"\n',
        encoding="utf-8",
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "lib.rs").write_text("", encoding="utf-8")
    generated = subprocess.run(
        ["maturin", "generate-ci", "github", *args], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    jobs: dict[str, Any] = yaml.safe_load(generated)["jobs"]
    return jobs


def test_every_default_target_of_maturin_generate_ci_is_a_default_platform(tmp_path: Path) -> None:
    """Ask the installed maturin what its generated CI builds, and compare."""
    jobs = _generate_ci_jobs(tmp_path)
    families = {"linux": "manylinux", "musllinux": "musllinux", "macos": "darwin", "windows": "win32"}
    seen = 0
    defaults = [p for p in PLATFORMS if p.key in platforms.default_platforms()]
    for job_name, family in families.items():
        for entry in jobs[job_name]["strategy"]["matrix"]["platform"]:
            triple = MATURIN_ACTION_TARGETS[family][entry["target"]]
            assert any(p.rust_target == triple for p in defaults), (job_name, entry)
            seen += 1
    assert seen >= 15


def test_pyodide_and_android_targets_are_the_ones_maturin_generate_ci_builds(tmp_path: Path) -> None:
    """`maturin generate-ci github --platform emscripten android` asks for these triples, as the own-job rows do."""
    jobs = _generate_ci_jobs(tmp_path, "--platform", "emscripten", "android")
    targets = {
        entry["target"] for name in ("emscripten", "android") for entry in jobs[name]["strategy"]["matrix"]["platform"]
    }
    assert targets == {p.action_target for p in PLATFORMS if p.own_job}
    assert {p.rust_target for p in PLATFORMS if p.own_job} == targets


def test_pyodide_and_android_refuse_a_newer_python_min_than_their_cpython() -> None:
    for key in ("emscripten-wasm32", "android-aarch64", "android-x86_64"):
        assert platforms.check_platforms([key], publish="pypi", python_min="3.14") == ""
        refused = platforms.check_platforms([key], publish="pypi", python_min="3.15")
        assert why(refused).startswith(f"wheel_platforms has {key}, whose wheels are built for CPython 3.14 only")
        assert f"leave out {key}, or choose python_min 3.14 or older" in refused


def test_platform_checks() -> None:
    assert platforms.check_platforms(["linux-x86_64"], publish="pypi", python_min="3.11") == ""
    assert platforms.check_platforms([], publish="none", python_min="3.11") == ""
    empty = platforms.check_platforms([], publish="pypi", python_min="3.11")
    assert why(empty).startswith("wheel_platforms")
    assert "publish" in empty
    assert why(platforms.check_platforms(["amiga-m68k"], publish="none", python_min="3.11")).startswith(
        "wheel_platforms"
    )
    newer = platforms.check_platforms(["linux-riscv64"], publish="pypi", python_min="3.14")
    assert why(newer).startswith("wheel_platforms has linux-riscv64")
    assert "leave out linux-riscv64, or choose python_min 3.13 or older" in newer
    assert platforms.check_platforms(["linux-riscv64"], publish="pypi", python_min="3.13") == ""
    assert why(platforms.check_manylinux("manylinux1")).startswith("manylinux")
    assert platforms.check_manylinux("manylinux_2_28") == ""


def test_choices_map_labels_to_every_key() -> None:
    assert sorted(platforms.platform_choices().values()) == sorted(p.key for p in PLATFORMS)


@pytest.mark.parametrize("answered", sorted(platforms.MANYLINUX_POLICIES))
def test_riscv64_keeps_its_own_policy_whatever_the_answer(answered: str) -> None:
    riscv64 = platforms.PLATFORMS_BY_KEY["linux-riscv64"]
    assert riscv64.manylinux(answered) == "2_31"
    assert riscv64.platform_tag(answered) == "manylinux_2_31_riscv64"
    assert not riscv64.maturin_default  # not in generate-ci's defaults


def test_pgo_trains_exactly_where_the_runner_runs_the_wheel() -> None:
    """The issue's split: native Linux x86_64/aarch64, macOS x86_64/arm64, Windows x64 and x86
    (x86 trained on the x64 runner) build with PGO; universal2, cross rows and Windows arm64 plain."""
    trained = {p.key for p in PLATFORMS if p.trains_pgo}
    assert trained == {"linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-arm64", "windows-x64", "windows-x86"}
    for platform in PLATFORMS:
        assert platform.trains_pgo == (not platform.plain_build_reason)
        if platform.trains_pgo:
            assert platform.test_on == "runner"


LINUX = [p for p in PLATFORMS if p.os == "linux"]


@pytest.mark.parametrize("policy", sorted(platforms.MANYLINUX_POLICIES))
@pytest.mark.parametrize("platform", LINUX, ids=lambda p: p.key)
def test_the_hook_is_told_the_package_manager_of_maturin_actions_container(platform: Platform, policy: str) -> None:
    """scripts/system-deps.sh's second argument on a Linux row: the package manager of the image
    maturin-action builds it in (tests/maturin_action.py's record of its images)."""
    row = {"runner": platform.runner, "target": platform.action_target, "manylinux": platform.manylinux(policy)}
    image = maturin_action.container(row)
    assert platform.build_package_manager(policy) == maturin_action.package_manager(image), image
    # apt there is a cross-compiling image's: it installs for the build machine
    native = image.startswith("quay.io/pypa/")
    assert native == (platform.libc == "glibc" and platform.wheel_arch in {"x86_64", "i686", "aarch64"})


def test_off_linux_the_hook_is_told_the_runners_package_manager() -> None:
    for platform in PLATFORMS:
        if platform.os in {"macos", "windows"}:
            expected = "brew" if platform.os == "macos" else "vcpkg"
            assert platform.build_package_manager("manylinux_2_28") == platform.runner_package_manager == expected
        elif platform.test_on == "runner":
            assert platform.runner_package_manager == "apt"
