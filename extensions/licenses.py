"""SPDX license choices and the license files each one puts in a project."""

from __future__ import annotations

from dataclasses import dataclass

from .text import quoted, refusal


@dataclass(frozen=True)
class License:
    """An SPDX expression and the files that carry its text.

    ``files`` maps a text (the name of a file under ``template/licenses``)
    to the file name it gets in the rendered project.
    """

    spdx: str
    files: dict[str, str]


LICENSES: tuple[License, ...] = (
    # Rust's own convention: the user picks either license.
    License("MIT OR Apache-2.0", {"mit": "LICENSE-MIT", "apache": "LICENSE-APACHE"}),
    License("MIT", {"mit": "LICENSE"}),
    License("Apache-2.0", {"apache": "LICENSE"}),
    License("BSD-3-Clause", {"bsd3": "LICENSE"}),
    License("MPL-2.0", {"mpl2": "LICENSE"}),
)


def license_choices() -> list[str]:
    return [lic.spdx for lic in LICENSES]


def license_for(spdx: str) -> License:
    for lic in LICENSES:
        if lic.spdx == spdx:
            return lic
    raise ValueError(check_license(spdx))


def check_license(value: str) -> str:
    if value in license_choices():
        return ""
    return refusal(
        "license",
        "choose an offered license",
        why=f"license {quoted(value)} is not offered: choose one of {', '.join(license_choices())}.",
    )
