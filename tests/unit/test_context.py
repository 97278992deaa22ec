"""The values templates derive from the answers."""

from typing import Any

import pytest

from extensions import pins
from extensions.context import REQUIRED_ANSWERS, derive, has_required_answers

ANSWERS: dict[str, Any] = {
    "project_name": "Fast Stats",
    "pypi_name": "fast-stats",
    "import_name": "fast_stats",
    "crate_name": "fast-stats",
    "repository_url": "https://github.com/example/fast-stats/",
    "license": "MIT OR Apache-2.0",
    "initial_version": "1.0.0rc1",
    "layout": "mixed",
    "example": True,
    "python_min": "3.12",
    "abi3": True,
    "free_threaded": True,
    "wheel_platforms": ["linux-x86_64", "macos-arm64"],
    "manylinux": "manylinux_2_28",
    "other_interpreters": [],
    "publish": "pypi",
    "features": [],
    "build_info": False,
    "version_source": "cargo",
    "extras": ["supply-chain"],
    "docs_site": "none",
}


def test_mixed_layout_puts_the_native_module_under_the_package() -> None:
    derived = derive(ANSWERS)
    assert derived["python_package"] is True
    assert derived["workspace"] is False
    assert derived["native_module"] == "_core"
    assert derived["native_module_path"] == "fast_stats._core"
    assert derived["crate_ident"] == "fast_stats"


def test_rust_only_layout_names_the_module_after_the_package() -> None:
    derived = derive({**ANSWERS, "layout": "rust-only"})
    assert derived["python_package"] is False
    assert derived["native_module"] == derived["native_module_path"] == "fast_stats"


def test_versions_and_features() -> None:
    derived = derive(ANSWERS)
    assert derived["cargo_version"] == "1.0.0-rc.1"
    assert derived["python_versions"][0] == "3.12"
    assert derived["python_newest"] == pins.CPYTHON_RELEASES[-1].version
    assert derived["pyo3_features"] == ["abi3-py312", "abi3t-py315"]
    assert derive({**ANSWERS, "free_threaded": False})["pyo3_features"] == ["abi3-py312"]
    assert derived["free_threaded_versions"][0] == "3.14t"
    assert derive({**ANSWERS, "abi3": False})["pyo3_features"] == []
    assert derive({**ANSWERS, "free_threaded": False})["free_threaded_versions"] == []


def test_classifiers_follow_the_answers() -> None:
    classifiers = derive(ANSWERS)["classifiers"]
    assert "Programming Language :: Python :: 3.12" in classifiers
    assert "Programming Language :: Python :: 3.11" not in classifiers
    assert "Typing :: Typed" in classifiers
    assert any("Free Threading" in c for c in classifiers)
    assert not any("License ::" in c for c in classifiers), "PEP 639: no license classifiers"
    plain = derive({**ANSWERS, "free_threaded": False})["classifiers"]
    assert not any("Free Threading" in c for c in plain)


def test_trove_classifiers_are_known() -> None:
    trove = pytest.importorskip("trove_classifiers")
    for classifier in derive(ANSWERS)["classifiers"]:
        assert classifier in trove.classifiers, classifier


def test_dual_license_brings_both_files() -> None:
    assert derive(ANSWERS)["license_files"] == {"mit": "LICENSE-MIT", "apache": "LICENSE-APACHE"}
    assert derive({**ANSWERS, "license": "MPL-2.0"})["license_files"] == {"mpl2": "LICENSE"}


def test_repository_is_normalised() -> None:
    repo = derive(ANSWERS)["repo"]
    assert repo.url == "https://github.com/example/fast-stats"
    assert (repo.owner, repo.name) == ("example", "fast-stats")


def test_derive_waits_for_every_answer() -> None:
    assert has_required_answers(ANSWERS)
    for name in REQUIRED_ANSWERS:
        partial = {k: v for k, v in ANSWERS.items() if k != name}
        assert not has_required_answers(partial), name


def test_release_settings() -> None:
    derived = derive(ANSWERS)
    assert [job.platform.key for job in derived["wheel_jobs"]] == ["linux-x86_64", "macos-arm64"]
    assert derived["wheel_builds"][0].interpreters == ("3.12",)
    assert derived["wheel_tags"] == ["cp312-abi3", "cp314-cp314t", "cp315-abi3.abi3t"]
    assert derived["index"].host == "pypi.org"
    assert derive({**ANSWERS, "publish": "testpypi"})["index"].host == "test.pypi.org"
    private = derive({**ANSWERS, "publish": "private", "private_index_url": "https://pypi.example.com/upload/"})
    assert private["index"].install_url == "https://pypi.example.com/upload/simple/"
    assert derive({**ANSWERS, "publish": "none"})["index"] is None
    assert derived["test_pythons"][-1].endswith("t")


def test_workspace_layout_paths() -> None:
    derived = derive({**ANSWERS, "layout": "workspace", "features": ["serde"], "build_info": True})
    assert derived["workspace"] is True
    assert derived["python_package"] is True
    assert derived["bindings_dir"] == "crates/python"
    assert derived["bindings_src"] == "crates/python/src"
    assert derived["project_root_from_bindings"] == "../.."
    assert derived["build_script"] == "crates/python/build.rs"
    assert derived["example_core_source"] == "crates/stats/src/lib.rs"
    assert derived["core_crate"] == "fast-stats-core"
    assert derived["example_crate"] == "fast-stats-stats"
    assert derived["core_ident"] == "fast_stats_core"
    assert derived["python_submodules"] == ["info", "stats"]
    assert derived["template_api"] == [], "the workspace's template API is in its submodules"
    assert derived["info_api"] == ["build_info", "compiled_features"]
    # serde's derives belong to the example's pure-Rust crate
    assert derived["fm"].core_features == {"serde": ["dep:serde"]}
    assert derived["fm"].bindings_features["serde"] == ["dep:serde-pyobject", "fast-stats-stats/serde"]


def test_workspace_without_the_example_keeps_every_feature_crate_in_the_bindings() -> None:
    derived = derive({**ANSWERS, "layout": "workspace", "example": False, "features": ["serde"]})
    assert derived["python_submodules"] == ["info"]
    assert derived["stats_api"] == []
    assert derived["fm"].core_features == {}
    assert {c.name for c in derived["fm"].bindings_dependencies} == {"serde-pyobject", "serde"}


def test_single_crate_paths() -> None:
    derived = derive(ANSWERS)
    assert derived["bindings_dir"] == "."
    assert derived["bindings_src"] == "src"
    assert derived["project_root_from_bindings"] == "."
    assert derived["build_script"] == "build.rs"
    assert derived["example_core_source"] == "src/template/stats.rs"
    assert derived["python_submodules"] == []


def test_the_template_api_grows_with_features_and_goes_with_the_example() -> None:
    derived = derive({**ANSWERS, "features": ["numpy", "parallel"]})
    assert {"mean_array", "standardize", "sum_of_squares", "compiled_features"} <= set(derived["template_api"])
    assert derived["template_api"] == sorted(derived["template_api"])
    bare = derive({**ANSWERS, "example": False, "features": ["numpy", "parallel"]})
    assert bare["template_api"] == ["compiled_features"]
    assert derive({**ANSWERS, "example": False})["template_api"] == []


def test_the_version_is_bumped_in_cargo_toml_and_where_pyproject_holds_it() -> None:
    assert derive(ANSWERS)["version_locations"] == [("Cargo.toml", "package", "cargo")]
    assert derive({**ANSWERS, "layout": "workspace", "version_source": "pyproject"})["version_locations"] == [
        ("Cargo.toml", "workspace.package", "cargo"),
        ("pyproject.toml", "project", "pep440"),
    ]
