"""The feature map: what each Rust feature adds to Cargo, maturin and Python."""

from helpers import why

from extensions import features, pins


def test_no_features_add_nothing() -> None:
    fm = features.feature_map([], workspace=False, core_crate="x-core")
    assert fm.bindings_features == {}
    assert fm.bindings_dependencies == []
    assert fm.maturin_features == []
    assert fm.test_requirements == []


def test_single_crate_takes_every_optional_dependency() -> None:
    fm = features.feature_map(["serde", "numpy"], workspace=False, core_crate="x-core")
    assert fm.bindings_features == {"numpy": ["dep:numpy"], "serde": ["dep:serde-pyobject", "dep:serde"]}
    assert [c.name for c in fm.bindings_dependencies] == ["numpy", "serde-pyobject", "serde"]
    assert fm.core_features == {}
    assert fm.core_dependencies == []
    assert fm.maturin_features == ["numpy", "serde"], "table order, whatever the answer order"
    assert fm.test_requirements == [pins.NUMPY_REQUIREMENT]


def test_workspace_forwards_core_features_to_the_core_crate() -> None:
    fm = features.feature_map(["serde", "parallel"], workspace=True, core_crate="x-core")
    assert fm.bindings_features == {"parallel": ["dep:rayon"], "serde": ["dep:serde-pyobject", "x-core/serde"]}
    assert fm.core_features == {"serde": ["dep:serde"]}
    assert [c.name for c in fm.core_dependencies] == ["serde"]
    assert [c.name for c in fm.bindings_dependencies] == ["rayon", "serde-pyobject"]


def test_features_never_become_python_extras() -> None:
    # Wheels are prebuilt with every chosen feature: only runtime needs reach Python.
    for feature in features.FEATURES:
        for requirement in feature.test_requirements:
            assert "[" not in requirement


def test_rust_numpy_minor_tracks_pyo3() -> None:
    assert pins.RUST_NUMPY.split(".")[:2] == pins.PYO3.split(".")[:2]


def test_unknown_features_are_rejected() -> None:
    message = features.check_features(["numpy", "gpu"])
    assert why(message).startswith("features")
    assert "gpu" in message
    assert features.check_features(["numpy"]) == ""


def test_choices_cover_every_feature() -> None:
    assert sorted(features.feature_choices().values()) == sorted(f.key for f in features.FEATURES)


def test_pyodide_moves_mimalloc_to_a_table_emscripten_skips() -> None:
    keys = ["parallel", "mimalloc"]
    plain = features.feature_map(keys, workspace=False, core_crate="x-core")
    assert [c.name for c in plain.bindings_dependencies] == ["rayon", "mimalloc"]
    assert plain.not_on_pyodide_dependencies == []
    pyodide = features.feature_map(keys, workspace=True, core_crate="x-core", pyodide=True)
    assert [c.name for c in pyodide.bindings_dependencies] == ["rayon"]
    assert [c.name for c in pyodide.not_on_pyodide_dependencies] == ["mimalloc"]
    # the Cargo feature stays: it enables the dependency wherever the table applies
    assert pyodide.bindings_features["mimalloc"] == ["dep:mimalloc"]
    assert features.PYODIDE_LEFT_OUT == 'cfg(not(target_os = "emscripten"))'


def test_log_is_built_whenever_logging_is_chosen_and_pyo3_log_with_the_feature() -> None:
    fm = features.feature_map(["logging"], workspace=False, core_crate="x-core")
    assert fm.bindings_features == {"logging": ["dep:pyo3-log"]}
    assert [(c.name, c.optional) for c in fm.bindings_dependencies] == [("log", False), ("pyo3-log", True)]


def test_pyodide_goes_without_tokio_but_keeps_the_async_code_that_refuses() -> None:
    keys = ["async", "mimalloc"]
    pyodide = features.feature_map(keys, workspace=False, core_crate="x-core", pyodide=True)
    assert [c.name for c in pyodide.not_on_pyodide_dependencies] == ["pyo3-async-runtimes", "tokio", "mimalloc"]
    assert pyodide.bindings_features["async"] == ["dep:pyo3-async-runtimes", "dep:tokio"]
    # mimalloc's code is left out on Emscripten; async's stays, and its functions refuse there
    assert features.feature_cfgs(keys, pyodide=True) == {
        "async": 'feature = "async"',
        "mimalloc": 'all(feature = "mimalloc", not(target_os = "emscripten"))',
    }
    assert features.feature_cfgs(keys, pyodide=False) == {
        "async": 'feature = "async"',
        "mimalloc": 'feature = "mimalloc"',
    }


def test_the_crates_that_follow_pyo3_track_its_minor() -> None:
    assert pins.PYO3_ASYNC_RUNTIMES.split(".")[:2] == pins.PYO3.split(".")[:2]
    # pyo3-log has versions of its own, and accepts a range of pyo3 minors (scripts/refresh_pins.py checks it)
