from __future__ import annotations

from extensions import supply_chain


def test_the_pyo3_tree_alone_needs_mit_and_apache() -> None:
    policy = supply_chain.license_policy("MIT OR Apache-2.0", [])
    assert policy.allow == ["Apache-2.0", "MIT"]
    assert policy.exceptions == {"target-lexicon": "Apache-2.0 WITH LLVM-exception", "unicode-ident": "Unicode-3.0"}


def test_the_project_license_and_the_features_widen_the_list() -> None:
    assert supply_chain.license_policy("MPL-2.0", ["numpy", "parallel"]).allow == [
        "Apache-2.0",
        "BSD-2-Clause",
        "MIT",
        "MPL-2.0",
    ]


def test_license_ids_of_an_or_expression() -> None:
    assert supply_chain.license_ids("MIT OR Apache-2.0") == ["MIT", "Apache-2.0"]
    assert supply_chain.license_ids("BSD-3-Clause") == ["BSD-3-Clause"]
