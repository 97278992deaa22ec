"""What cargo-deny must accept in a rendered project's dependency tree.

The allow-list is exactly the licenses the tree uses (checked with
``cargo deny check licenses`` on every feature combination the tests build)
plus the project's own: a new license arriving with a dependency update then
fails the audit until a person accepts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import selected_features


@dataclass(frozen=True)
class LicensePolicy:
    allow: list[str]
    # crate -> a license only that crate may use (narrower than allowing it everywhere)
    exceptions: dict[str, str]


# pyo3 and the crates it builds with: MIT OR Apache-2.0 nearly everywhere.
PYO3_TREE_LICENSES = ("Apache-2.0", "MIT")
# Two licenses in pyo3's tree that no other crate should bring in unnoticed.
PYO3_TREE_EXCEPTIONS = {
    "target-lexicon": "Apache-2.0 WITH LLVM-exception",  # pyo3-build-config
    "unicode-ident": "Unicode-3.0",  # proc-macro2, for pyo3's macros
}


def license_ids(spdx: str) -> list[str]:
    """The license identifiers of an expression from the license question (``A OR B`` or ``A``)."""
    return [part.strip() for part in spdx.split(" OR ")]


def license_policy(project_license: str, feature_keys: list[str]) -> LicensePolicy:
    allowed = set(PYO3_TREE_LICENSES) | set(license_ids(project_license))
    for feature in selected_features(feature_keys):
        allowed |= set(feature.licenses)
    return LicensePolicy(allow=sorted(allowed), exceptions=dict(PYO3_TREE_EXCEPTIONS))
