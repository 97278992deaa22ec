"""What PyO3/maturin-action v1.51.0 makes of a wheel job's inputs (src/index.ts), written out here.

Kept apart from extensions/platforms.py so the two can disagree: the unit
tests compare the platform table with it, and the cross-build tests replay a
rendered release workflow's maturin runs through it.
"""

from __future__ import annotations

import re
from typing import Any

# How the action turns a `target` input into a Rust triple, per platform family.
TARGETS = {
    "manylinux": {
        "x86_64": "x86_64-unknown-linux-gnu",
        "x86": "i686-unknown-linux-gnu",
        "aarch64": "aarch64-unknown-linux-gnu",
        "armv7": "armv7-unknown-linux-gnueabihf",
        "ppc64le": "powerpc64le-unknown-linux-gnu",
        "s390x": "s390x-unknown-linux-gnu",
        "riscv64": "riscv64gc-unknown-linux-gnu",
    },
    "musllinux": {
        "x86_64": "x86_64-unknown-linux-musl",
        "x86": "i686-unknown-linux-musl",
        "aarch64": "aarch64-unknown-linux-musl",
        "armv7": "armv7-unknown-linux-musleabihf",
    },
    "darwin": {
        "x86_64": "x86_64-apple-darwin",
        "aarch64": "aarch64-apple-darwin",
        "universal2-apple-darwin": "universal2-apple-darwin",
    },
    "win32": {"x64": "x86_64-pc-windows-msvc", "x86": "i686-pc-windows-msvc", "aarch64": "aarch64-pc-windows-msvc"},
    # A full triple, which these jobs give, passes through as it is.
    "emscripten": {"wasm32-unknown-emscripten": "wasm32-unknown-emscripten"},
    "android": {"aarch64-linux-android": "aarch64-linux-android", "x86_64-linux-android": "x86_64-linux-android"},
}


# The container the action builds a Linux row in (DEFAULT_CONTAINERS): by the
# runner's architecture (process.arch), the Rust triple and the `manylinux`
# input with its `manylinux_` prefix dropped. The rows of the platform table only.
CONTAINERS = {
    ("x64", "x86_64-unknown-linux-gnu"): {
        "2014": "quay.io/pypa/manylinux2014_x86_64:latest",
        "2_28": "quay.io/pypa/manylinux_2_28_x86_64:latest",
    },
    ("x64", "i686-unknown-linux-gnu"): {
        "2014": "quay.io/pypa/manylinux2014_i686:latest",
        "2_28": "quay.io/pypa/manylinux_2_28_i686:latest",
    },
    ("x64", "armv7-unknown-linux-gnueabihf"): {
        "2014": "ghcr.io/rust-cross/manylinux2014-cross:armv7",
        "2_28": "ghcr.io/rust-cross/manylinux_2_28-cross:armv7",
    },
    ("x64", "s390x-unknown-linux-gnu"): {
        "2014": "ghcr.io/rust-cross/manylinux2014-cross:s390x",
        "2_28": "ghcr.io/rust-cross/manylinux_2_28-cross:s390x",
    },
    ("x64", "powerpc64le-unknown-linux-gnu"): {
        "2014": "ghcr.io/rust-cross/manylinux2014-cross:ppc64le",
        "2_28": "ghcr.io/rust-cross/manylinux_2_28-cross:ppc64le",
    },
    ("x64", "riscv64gc-unknown-linux-gnu"): {"2_31": "ghcr.io/rust-cross/manylinux_2_31-cross:riscv64"},
    ("x64", "x86_64-unknown-linux-musl"): {"musllinux_1_2": "ghcr.io/rust-cross/rust-musl-cross:x86_64-musl"},
    ("x64", "i686-unknown-linux-musl"): {"musllinux_1_2": "ghcr.io/rust-cross/rust-musl-cross:i686-musl"},
    ("x64", "armv7-unknown-linux-musleabihf"): {"musllinux_1_2": "ghcr.io/rust-cross/rust-musl-cross:armv7-musleabihf"},
    ("arm64", "aarch64-unknown-linux-gnu"): {
        "2014": "quay.io/pypa/manylinux2014_aarch64:latest",
        "2_28": "quay.io/pypa/manylinux_2_28_aarch64:latest",
    },
    ("arm64", "aarch64-unknown-linux-musl"): {"musllinux_1_2": "ghcr.io/rust-cross/rust-musl-cross:aarch64-musl"},
}
# What each image's distribution installs with: PyPA's manylinux_2_28 images
# are AlmaLinux 8, manylinux2014 CentOS 7; rust-cross's manylinux-cross and
# rust-musl-cross images are Ubuntu 22.04 with a cross toolchain (their
# Dockerfiles' last FROM).
IMAGE_PACKAGE_MANAGERS = {
    "quay.io/pypa/manylinux_2_28_": "dnf",
    "quay.io/pypa/manylinux2014_": "yum",
    "ghcr.io/rust-cross/": "apt",
}


def container(row: dict[str, Any]) -> str:
    """The image the action builds a Linux row's wheels in."""
    arch = "arm64" if str(row["runner"]).endswith("-arm") else "x64"
    manylinux = re.sub(r"^manylinux_?", "", str(row["manylinux"]))
    return CONTAINERS[arch, rust_target(row)][manylinux]


def package_manager(image: str) -> str:
    (manager,) = (m for prefix, m in IMAGE_PACKAGE_MANAGERS.items() if image.startswith(prefix))
    return manager


def family(row: dict[str, Any]) -> str:
    """The platform family of a release matrix row, from its runner and `manylinux` input."""
    runner, manylinux = str(row["runner"]), str(row.get("manylinux") or "")
    if runner.startswith("ubuntu"):
        return "musllinux" if manylinux.startswith("musllinux") else "manylinux"
    return "darwin" if runner.startswith("macos") else "win32"


def rust_target(row: dict[str, Any]) -> str:
    return TARGETS[family(row)][str(row["target"])]


def maturin_args(row: dict[str, Any], args: str) -> list[str]:
    """The arguments the action passes to `maturin build` for a row and a step's `args`.

    On Linux it prepends `--manylinux` with its input (a `manylinux_` prefix
    dropped) and `--target` with the triple; elsewhere only the target.
    """
    prefix = ["--target", rust_target(row)]
    manylinux = re.sub(r"^manylinux_?", "", str(row.get("manylinux") or ""))
    if family(row) in {"manylinux", "musllinux"} and manylinux and manylinux != "auto":
        prefix = ["--manylinux", manylinux, *prefix]
    return [*prefix, *args.split()]


_MATRIX = re.compile(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}")


def expand(text: str, row: dict[str, Any]) -> str:
    """A step's text with its `${{ matrix.x }}` expressions replaced by the row's values."""
    return _MATRIX.sub(lambda match: str(row.get(match.group(1)) or ""), text)


def build_args(steps: list[dict[str, Any]], row: dict[str, Any]) -> list[str]:
    """The `args` of the row's maturin-action build steps, in order, with the steps its matrix skips left out.

    Only the conditions the rendered workflow uses on those steps are read:
    `matrix.x != ''`.
    """
    runs = []
    for step in steps:
        if "maturin-action" not in step.get("uses", "") or step["with"].get("command") == "sdist":
            continue
        condition = step.get("if")
        if condition is not None:
            match = re.fullmatch(r"matrix\.([\w-]+) != ''", condition)
            assert match, f"a condition this replay cannot read: {condition}"
            if not row.get(match.group(1)):
                continue
        runs.append(expand(step["with"]["args"], row))
    return runs
