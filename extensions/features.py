"""The optional Rust features: what each one adds to Cargo, maturin and Python.

Released wheels are prebuilt with every chosen feature (``[tool.maturin]
features``), so a feature never becomes a Python extra: installing
``pkg[numpy]`` could not switch a Cargo feature on in a wheel anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import pins
from .text import refusal


@dataclass(frozen=True)
class Crate:
    """An optional dependency."""

    name: str
    version: str
    features: tuple[str, ...] = ()
    # Built whenever the answer is on, not only with the Cargo feature: a
    # facade your own code may use anywhere (`log`), whatever the features.
    optional: bool = True


@dataclass(frozen=True)
class Feature:
    key: str  # the answer value, and the Cargo feature's name
    summary: str
    # Optional dependencies of the bindings crate, and of the pure-Rust core.
    bindings_crates: tuple[Crate, ...]
    core_crates: tuple[Crate, ...] = ()
    # What the tests of its API import, and nothing the package requires:
    # rust-numpy imports NumPy when called, and its callers, who pass NumPy
    # arrays, have it. Left out of `[project] dependencies`, which is yours:
    # a `copier update` that turned the feature on or off would change the
    # array `uv add` writes to.
    test_requirements: tuple[str, ...] = ()
    # Licenses its crates bring beyond pyo3's MIT and Apache-2.0 (for cargo-deny).
    licenses: tuple[str, ...] = ()
    # The Debian packages that bring its run-time dependencies, for tests
    # where PyPI has no wheel of them (see extensions/wheel_tests.py).
    debian_packages: tuple[str, ...] = ()
    # Its crate compiles C with the target's own C toolchain: a cross check
    # of Rust code without that toolchain (MSVC's lib.exe for Windows, the
    # NDK for Android) cannot build it.
    builds_c: bool = False
    # The first free-threaded CPython its crate builds for on 32-bit platforms.
    free_threaded_32bit_since: str | None = None
    # Left out of Pyodide's wheels: its crates go in a Cargo target table
    # that Emscripten builds skip, and its code carries the same cfg
    # (`feature_cfg`); why, in a few words, for the comment over that table.
    not_on_pyodide: bool = False
    pyodide_reason: str = ""
    # ...and its functions are there all the same, raising a RuntimeError
    # that says why: the API is the same on every platform.
    pyodide_refuses: bool = False


FEATURES: tuple[Feature, ...] = (
    Feature(
        "numpy",
        "NumPy arrays in and out without copying (rust-numpy)",
        (Crate("numpy", pins.RUST_NUMPY),),
        test_requirements=(pins.NUMPY_REQUIREMENT,),
        licenses=("BSD-2-Clause",),  # rust-numpy itself
        debian_packages=("python3-numpy",),
        # rust-numpy 0.30: compile_error! for free-threaded builds before 3.15 on 32-bit targets
        free_threaded_32bit_since="3.15",
    ),
    Feature("parallel", "data parallelism with rayon, the GIL released meanwhile", (Crate("rayon", pins.RAYON),)),
    Feature(
        "serde",
        "Rust structs to and from Python objects: to_dict, from_dict, pickle",
        (Crate("serde-pyobject", pins.SERDE_PYOBJECT),),
        core_crates=(Crate("serde", pins.SERDE, ("derive",)),),
    ),
    Feature(
        "logging",
        "Rust's log records in Python's logging (pyo3-log)",
        # `log` is not optional: your code's log::info! compiles without the
        # feature too (its records then go nowhere).
        (Crate("log", pins.LOG, optional=False), Crate("pyo3-log", pins.PYO3_LOG)),
    ),
    Feature(
        "async",
        "Rust futures awaited in asyncio, on tokio (pyo3-async-runtimes)",
        (
            Crate("pyo3-async-runtimes", pins.PYO3_ASYNC_RUNTIMES, ("tokio-runtime",)),
            Crate("tokio", pins.TOKIO, ("time",)),
        ),
        # tokio's runtime runs futures on threads of its own, and Pyodide
        # cannot start a thread (Emscripten answers EAGAIN): its wheel goes
        # without the crates, and its functions raise instead. A
        # current-thread runtime would need something to drive it, which
        # Pyodide's asyncio (the browser's or Node's event loop) is not.
        not_on_pyodide=True,
        pyodide_reason="no threads for tokio's runtime",
        pyodide_refuses=True,
    ),
    Feature(
        "mimalloc",
        "mimalloc as the global allocator",
        (Crate("mimalloc", pins.MIMALLOC),),
        builds_c=True,
        # Its C library takes memory from the OS (mmap) as a native allocator
        # does; in WebAssembly, Emscripten's own malloc is the one to keep.
        not_on_pyodide=True,
        pyodide_reason="Emscripten's own malloc serves",
    ),
)
FEATURES_BY_KEY = {feature.key: feature for feature in FEATURES}


def feature_choices() -> dict[str, str]:
    return {f"{f.key}: {f.summary}": f.key for f in FEATURES}


def selected_features(keys: list[str]) -> list[Feature]:
    """The chosen features, in table order."""
    return [f for f in FEATURES if f.key in keys]


def check_features(keys: list[str]) -> str:
    unknown = sorted(set(keys) - set(FEATURES_BY_KEY))
    if unknown:
        return refusal(
            "features",
            "choose from the offered features",
            why=f"features has unknown entries {unknown}: choose from {', '.join(FEATURES_BY_KEY)}.",
        )
    return ""


@dataclass(frozen=True)
class FeatureMap:
    """Everything the chosen features put into the manifests."""

    # Cargo `[features]` of the bindings crate: name -> what it enables.
    bindings_features: dict[str, list[str]]
    bindings_dependencies: list[Crate]
    # Optional dependencies of the bindings crate that Pyodide's wheels go
    # without (a `[target.'cfg(...)'.dependencies]` table, PYODIDE_LEFT_OUT).
    not_on_pyodide_dependencies: list[Crate]
    # Cargo `[features]` and optional dependencies of the core crate (only a
    # separate crate in the workspace layout; else merged into the above).
    core_features: dict[str, list[str]]
    core_dependencies: list[Crate]
    # `[tool.maturin] features`: what every wheel is built with.
    maturin_features: list[str]
    test_requirements: list[str]


# The cfg of the Cargo target table that Pyodide's wheels build without.
PYODIDE_LEFT_OUT = 'cfg(not(target_os = "emscripten"))'


def feature_cfgs(keys: list[str], *, pyodide: bool) -> dict[str, str]:
    """The `#[cfg(...)]` predicate of each chosen feature's code: its Cargo
    feature, and where Pyodide's wheel goes without it, not on Emscripten
    (a feature whose functions refuse there keeps its code: they decide)."""
    return {
        f.key: f'all(feature = "{f.key}", not(target_os = "emscripten"))'
        if pyodide and f.not_on_pyodide and not f.pyodide_refuses
        else f'feature = "{f.key}"'
        for f in selected_features(keys)
    }


def feature_map(keys: list[str], *, workspace: bool, core_crate: str, pyodide: bool = False) -> FeatureMap:
    chosen = selected_features(keys)
    bindings: dict[str, list[str]] = {}
    core: dict[str, list[str]] = {}
    for feature in chosen:
        enables = [f"dep:{crate.name}" for crate in feature.bindings_crates if crate.optional]
        if feature.core_crates:
            core_enables = [f"dep:{crate.name}" for crate in feature.core_crates]
            if workspace:
                core[feature.key] = core_enables
                enables.append(f"{core_crate}/{feature.key}")
            else:
                enables += core_enables
        bindings[feature.key] = enables
    left_out = [c for f in chosen if pyodide and f.not_on_pyodide for c in f.bindings_crates]
    bindings_crates = [c for f in chosen for c in f.bindings_crates if c not in left_out]
    core_crates = [c for f in chosen for c in f.core_crates]
    return FeatureMap(
        bindings_features=bindings,
        bindings_dependencies=bindings_crates if workspace else bindings_crates + core_crates,
        not_on_pyodide_dependencies=left_out,
        core_features=core,
        core_dependencies=core_crates if workspace else [],
        maturin_features=[f.key for f in chosen],
        test_requirements=sorted({d for f in chosen for d in f.test_requirements}),
    )
