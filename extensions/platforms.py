"""Wheel platforms: one table, and the rules that read it.

Every fact about a platform (Rust target triple, maturin-action target,
GitHub runner, libc, wheel tag, where its wheels are tested, its Debian and
Docker architecture) is written once, in ``PLATFORMS``. When GitHub retires a runner,
one line of ``RUNNERS`` changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import pins
from .text import quoted, refusal

# Debian 13's Python: where a platform has no official Python image, its
# wheels are tested with it (extensions/wheel_tests.py).
DEBIAN_PYTHON = "3.13"

OS = Literal["linux", "macos", "windows", "emscripten", "android"]
Libc = Literal["glibc", "musl"]
# Where a platform's wheels are installed and tested in the release workflow:
# on the build runner itself; in a container the runner runs natively
# (Alpine for musllinux, and 32-bit x86 on x64); or in a container of the
# wheel's architecture under QEMU's user-mode emulation; in Pyodide, in
# Node on the runner; or nowhere (Android: no GitHub runner has an emulator
# that CI could start in reasonable time).
TestMode = Literal["runner", "container", "emulated", "pyodide", "untested"]

# GitHub-hosted runners, by the machine they are (not by their label).
RUNNERS: dict[str, str] = {
    "linux-x64": "ubuntu-24.04",
    "linux-arm64": "ubuntu-24.04-arm",
    "macos-x64": "macos-15-intel",
    "macos-arm64": "macos-latest",
    "windows-x64": "windows-latest",
    "windows-arm64": "windows-11-arm",
}

# The runners CI tests the source on, one per operating system.
TEST_RUNNERS: dict[OS, str] = {
    "linux": RUNNERS["linux-x64"],
    "macos": RUNNERS["macos-arm64"],
    "windows": RUNNERS["windows-x64"],
}


@dataclass(frozen=True)
class ManylinuxPolicy:
    """A glibc baseline for Linux wheels."""

    name: str  # the answer
    glibc: str  # oldest glibc the wheels run on
    action_value: str  # maturin-action's `manylinux` input
    # The platform tag(s) of a wheel, ``{arch}`` standing for the wheel arch.
    tag: str
    # The package manager of PyPA's images of this policy (scripts/system-deps.sh).
    package_manager: str = "apt"


MANYLINUX_POLICIES: dict[str, ManylinuxPolicy] = {
    policy.name: policy
    for policy in (
        # AlmaLinux 8's glibc: every glibc distribution since 2018, and
        # images that are maintained and carry every current CPython.
        ManylinuxPolicy("manylinux_2_28", "2.28", "2_28", "manylinux_2_28_{arch}", "dnf"),
        # maturin-action's `auto`: CentOS 7's glibc reaches further back, but
        # CentOS 7 is past end of life and so are its images.
        ManylinuxPolicy("manylinux2014", "2.17", "2014", "manylinux_2_17_{arch}.manylinux2014_{arch}", "yum"),
    )
}
MUSLLINUX = "musllinux_1_2"
# The Pyodide row's key: its wheels need adapted code (features.py).
PYODIDE = "emscripten-wasm32"
# riscv64 has neither answerable policy's image: maturin-action cross-builds
# it in rust-cross's manylinux_2_31 image (its `auto` for riscv64; 2_39 is
# the other choice there), so its row keeps this policy whatever the answer.
MANYLINUX_2_31 = ManylinuxPolicy("manylinux_2_31", "2.31", "2_31", "manylinux_2_31_{arch}")


@dataclass(frozen=True)
class Platform:
    """One wheel platform and how CI builds and tests it."""

    key: str  # the answer value, e.g. "linux-aarch64"
    os: OS
    libc: Libc | None
    rust_target: str  # the Rust target triple
    action_target: str  # maturin-action's `target` input
    runner_key: str  # a key of RUNNERS
    wheel_arch: str  # the architecture as wheel tags spell it
    test_on: TestMode
    # In `maturin generate-ci github`'s default set.
    maturin_default: bool
    # Linux only: the architecture as Debian names it (its packages and
    # roots), and as Docker names it (`docker run --platform`).
    debian_arch: str | None
    docker_platform: str | None
    # PyPI has NumPy 2 wheels for it; elsewhere a test needs the
    # distribution's own NumPy (pip would build one from source).
    numpy_wheels: bool
    # A glibc policy of its own, where the answered one has no image for it.
    own_policy: ManylinuxPolicy | None = None
    # Docker's official Python images are built for it; where they are not,
    # its wheels are tested with Debian's own Python (debian:trixie-slim).
    python_images: bool = True

    @property
    def is_32bit(self) -> bool:
        return self.wheel_arch in {"armv7l", "i686", "win32"}

    @property
    def plain_build_reason(self) -> str:
        """Why its release wheels cannot be built with PGO ("" where they can).

        PGO trains a wheel where it is built, so the build must run it.
        """
        if self.wheel_arch == "universal2":
            return "a training run would profile one of universal2's two slices"
        if self.key == "windows-arm64":
            # pydantic-core builds these plain too.
            return "Rust's profiler runtime and llvm-tools on Windows arm64 are unproven here"
        if self.test_on != "runner":
            return "built where nothing runs the wheel (cross-compiled, or from maturin's interpreter data)"
        return ""

    @property
    def trains_pgo(self) -> bool:
        return not self.plain_build_reason

    @property
    def own_job(self) -> bool:
        """Built in a release job of its own, for the one CPython its platform pins."""
        return self.os in {"emscripten", "android"}

    @property
    def pinned_python(self) -> str | None:
        """The one CPython an own-job platform's wheels are built for."""
        return {"emscripten": pins.PYODIDE_PYTHON, "android": pins.ANDROID_PYTHON}.get(self.os)

    @property
    def runner(self) -> str:
        return RUNNERS[self.runner_key]

    @property
    def label(self) -> str:
        libc = {"glibc": "manylinux", "musl": "musllinux", None: ""}[self.libc]
        system = {
            "linux": "Linux",
            "macos": "macOS",
            "windows": "Windows",
            "emscripten": "Pyodide",
            "android": "Android",
        }[self.os]
        return f"{system} {self.wheel_arch}" + (f" ({libc})" if libc else "")

    def manylinux(self, policy: str) -> str | None:
        """maturin-action's `manylinux` input: the glibc policy, musllinux, or none off Linux."""
        if self.libc == "glibc":
            return self.policy(policy).action_value
        if self.libc == "musl":
            return MUSLLINUX
        return None

    def policy(self, answered: str) -> ManylinuxPolicy:
        """The glibc policy of this row's wheels: its own, or the answered one."""
        return self.own_policy or MANYLINUX_POLICIES[answered]

    def platform_tag(self, policy: str) -> str:
        """The platform part of this platform's wheel file names."""
        if self.libc == "glibc":
            return self.policy(policy).tag.format(arch=self.wheel_arch)
        if self.libc == "musl":
            return f"{MUSLLINUX}_{self.wheel_arch}"
        if self.os == "macos":
            return _MACOS_TAGS[self.wheel_arch]
        if self.os == "emscripten":  # PEP 783
            return f"pyemscripten_{pins.PYODIDE_ABI}_{self.wheel_arch}"
        if self.os == "android":  # PEP 738
            return f"android_{pins.ANDROID_API_LEVEL}_{self.wheel_arch}"
        return _WINDOWS_TAGS[self.wheel_arch]

    @property
    def windows_python_arch(self) -> str | None:
        """actions/setup-python's `architecture` for native Windows builds and tests."""
        return {"amd64": "x64", "win32": "x86", "arm64": "arm64"}.get(self.wheel_arch) if self.os == "windows" else None

    def build_package_manager(self, policy: str) -> str:
        """The package manager where maturin-action builds this platform's wheels (scripts/system-deps.sh).

        Linux wheels build in a container: PyPA's manylinux image where one
        runs on the runner's own architecture (AlmaLinux 8's dnf for
        manylinux_2_28, CentOS 7's yum for manylinux2014), rust-cross's
        cross-compiling images elsewhere, musllinux included (Ubuntu's apt,
        which installs for the build machine, not for the wheel's
        architecture). macOS and Windows build on the runner; Pyodide and
        Android on an Ubuntu runner, cross-compiling.
        """
        if self.libc == "glibc" and self.own_policy is None and (self.runner_key, self.wheel_arch) in _PYPA_IMAGES:
            return self.policy(policy).package_manager
        return self.runner_package_manager

    @property
    def runner_package_manager(self) -> str:
        """The package manager of the runner itself, where its wheels are tested."""
        return {"macos": "brew", "windows": "vcpkg"}.get(self.os, "apt")


# The manylinux images PyPA builds for each runner's own architecture (i686's
# run on x86_64); maturin-action builds the other glibc platforms in
# rust-cross's cross-compiling images.
_PYPA_IMAGES = {("linux-x64", "x86_64"), ("linux-x64", "i686"), ("linux-arm64", "aarch64")}

# Rust's default deployment targets: 10.12 for x86_64, 11.0 for arm64.
_MACOS_TAGS = {
    "x86_64": "macosx_10_12_x86_64",
    "arm64": "macosx_11_0_arm64",
    # maturin names both slices too, for installers that predate universal2.
    "universal2": "macosx_10_12_universal2.macosx_10_12_x86_64.macosx_11_0_arm64",
}
_WINDOWS_TAGS = {"amd64": "win_amd64", "win32": "win32", "arm64": "win_arm64"}


# One row a platform. The columns are Platform's fields, in order: key, OS,
# libc, Rust target triple, maturin-action target, runner, wheel arch, where
# its wheels are tested, in maturin generate-ci's defaults, Debian and Docker
# architecture, NumPy wheels on PyPI.
# fmt: off
PLATFORMS: tuple[Platform, ...] = tuple(Platform(*row) for row in (
    # manylinux (glibc). aarch64 builds natively on the arm runner; the others
    # cross-compile in maturin-action's containers on x64, and are tested in
    # containers there: natively for i686, under QEMU for the rest.
    ("linux-x86_64",      "linux",   "glibc", "x86_64-unknown-linux-gnu",       "x86_64",  "linux-x64",     "x86_64",  "runner",    True,  "amd64",   "linux/amd64",   True),
    ("linux-aarch64",     "linux",   "glibc", "aarch64-unknown-linux-gnu",      "aarch64", "linux-arm64",   "aarch64", "runner",    True,  "arm64",   "linux/arm64",   True),
    ("linux-armv7",       "linux",   "glibc", "armv7-unknown-linux-gnueabihf",  "armv7",   "linux-x64",     "armv7l",  "emulated",  True,  "armhf",   "linux/arm/v7",  False),
    ("linux-i686",        "linux",   "glibc", "i686-unknown-linux-gnu",         "x86",     "linux-x64",     "i686",    "container", True,  "i386",    "linux/386",     False),
    ("linux-s390x",       "linux",   "glibc", "s390x-unknown-linux-gnu",        "s390x",   "linux-x64",     "s390x",   "emulated",  True,  "s390x",   "linux/s390x",   False),
    ("linux-ppc64le",     "linux",   "glibc", "powerpc64le-unknown-linux-gnu",  "ppc64le", "linux-x64",     "ppc64le", "emulated",  True,  "ppc64el", "linux/ppc64le", False),
    # Not in generate-ci's defaults; PyPI takes riscv64 wheels since 2025.
    ("linux-riscv64",     "linux",   "glibc", "riscv64gc-unknown-linux-gnu",    "riscv64", "linux-x64",     "riscv64", "emulated",  False, "riscv64", "linux/riscv64", False, MANYLINUX_2_31, False),
    # musllinux: tested in Alpine containers, natively where the runner can run the wheel.
    ("musllinux-x86_64",  "linux",   "musl",  "x86_64-unknown-linux-musl",      "x86_64",  "linux-x64",     "x86_64",  "container", True,  "amd64",   "linux/amd64",   True),
    ("musllinux-aarch64", "linux",   "musl",  "aarch64-unknown-linux-musl",     "aarch64", "linux-arm64",   "aarch64", "container", True,  "arm64",   "linux/arm64",   True),
    ("musllinux-armv7",   "linux",   "musl",  "armv7-unknown-linux-musleabihf", "armv7",   "linux-x64",     "armv7l",  "emulated",  True,  "armhf",   "linux/arm/v7",  False),
    ("musllinux-i686",    "linux",   "musl",  "i686-unknown-linux-musl",        "x86",     "linux-x64",     "i686",    "container", True,  "i386",    "linux/386",     False),
    # macOS: each architecture on its own runner; universal2 is opt-in.
    ("macos-x86_64",      "macos",   None,    "x86_64-apple-darwin",            "x86_64",  "macos-x64",     "x86_64",  "runner",    True,  None,      None,            True),
    ("macos-arm64",       "macos",   None,    "aarch64-apple-darwin",           "aarch64", "macos-arm64",   "arm64",   "runner",    True,  None,      None,            True),
    ("macos-universal2",  "macos",   None,    "universal2-apple-darwin",        "universal2-apple-darwin", "macos-arm64", "universal2", "runner", False, None, None, True),
    # Windows: x86 builds and tests with 32-bit Python on the x64 runner.
    ("windows-x64",       "windows", None,    "x86_64-pc-windows-msvc",         "x64",     "windows-x64",   "amd64",   "runner",    True,  None,      None,            True),
    ("windows-x86",       "windows", None,    "i686-pc-windows-msvc",           "x86",     "windows-x64",   "win32",   "runner",    True,  None,      None,            True),
    ("windows-arm64",     "windows", None,    "aarch64-pc-windows-msvc",        "aarch64", "windows-arm64", "arm64",   "runner",    True,  None,      None,            True),
    # Opt-in, as in generate-ci: one CPython each (pins.py), no free-threaded
    # build. Pyodide's wheels are tested in Node; its NumPy comes from Pyodide's
    # own package index. Android's are built with the runner's NDK, not run.
    ("emscripten-wasm32", "emscripten", None, "wasm32-unknown-emscripten",      "wasm32-unknown-emscripten", "linux-x64", "wasm32", "pyodide", False, None, None, True),
    ("android-aarch64",   "android", None,    "aarch64-linux-android",          "aarch64-linux-android", "linux-x64", "arm64_v8a", "untested", False, None, None, False),
    ("android-x86_64",    "android", None,    "x86_64-linux-android",           "x86_64-linux-android",  "linux-x64", "x86_64",    "untested", False, None, None, False),
))
# fmt: on
PLATFORMS_BY_KEY: dict[str, Platform] = {platform.key: platform for platform in PLATFORMS}


def platform_choices() -> dict[str, str]:
    """Question choices: a readable label for each platform key."""
    return {f"{p.label} [{p.key}]": p.key for p in PLATFORMS}


def default_platforms() -> list[str]:
    """maturin generate-ci's default set: every platform except universal2."""
    return [p.key for p in PLATFORMS if p.maturin_default]


def selected(keys: list[str]) -> list[Platform]:
    """The chosen platforms, in table order."""
    return [p for p in PLATFORMS if p.key in keys]


def check_platforms(keys: list[str], *, python_min: str, publish: str) -> str:
    """The wheel_platforms answer, against the earlier answers python_min and publish."""
    unknown = sorted(set(keys) - set(PLATFORMS_BY_KEY))
    if unknown:
        return refusal(
            "wheel_platforms",
            "choose offered platforms",
            why=f"wheel_platforms has unknown platforms {unknown}: choose from {', '.join(PLATFORMS_BY_KEY)}.",
        )
    for platform in selected(keys):
        newest = DEBIAN_PYTHON if not platform.python_images else platform.pinned_python
        if newest is None or _minor(python_min) <= _minor(newest):
            continue
        if platform.pinned_python:
            reason = f"whose wheels are built for CPython {newest} only"
        else:
            reason = (
                f"whose wheels are tested with Debian 13's Python {newest} "
                f"(Docker's Python images have no {platform.wheel_arch} build)"
            )
        return refusal(
            "wheel_platforms",
            f"drop {platform.key} or lower python_min",
            f"drop {platform.key}",
            "drop a platform",
            why=(
                f"wheel_platforms has {platform.key}, {reason}, but python_min is {python_min}: "
                f"leave out {platform.key}, or choose python_min {newest} or older."
            ),
        )
    if not keys and publish != "none":
        return refusal(
            "wheel_platforms",
            "choose at least one platform",
            why=(
                f"wheel_platforms is empty while publish is {publish!r}: choose at least one platform, "
                "or answer publish 'none'."
            ),
        )
    return ""


def check_manylinux(value: str) -> str:
    if value in MANYLINUX_POLICIES:
        return ""
    return refusal(
        "manylinux",
        f"choose {' or '.join(MANYLINUX_POLICIES)}",
        "choose an offered policy",
        why=f"manylinux {quoted(value)} is not offered: choose one of {', '.join(MANYLINUX_POLICIES)}.",
    )


def _minor(version: str) -> int:
    return int(version.split(".")[1])
