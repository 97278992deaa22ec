"""License choices and the texts the template ships for them."""

from pathlib import Path

import pytest
from helpers import why

from extensions import licenses

TEMPLATE = Path(__file__).parents[2] / "template"


def test_rust_dual_license_is_offered_first() -> None:
    assert licenses.license_choices()[0] == "MIT OR Apache-2.0"


@pytest.mark.parametrize("lic", licenses.LICENSES, ids=lambda lic: lic.spdx)
def test_every_license_text_exists(lic: licenses.License) -> None:
    for text in lic.files:
        candidates = list(TEMPLATE.glob(f"{{{{ license_files.{text} }}}}*"))
        assert len(candidates) == 1, (text, candidates)


def test_every_shipped_text_belongs_to_a_license() -> None:
    used = {text for lic in licenses.LICENSES for text in lic.files}
    shipped = {path.name.split(".")[1].split(" ")[0] for path in TEMPLATE.glob("{{ license_files.*")}
    assert shipped == used


def test_unknown_license_is_rejected() -> None:
    message = licenses.check_license("GPL-2.0")
    assert why(message).startswith("license")
    assert "MIT OR Apache-2.0" in message
    with pytest.raises(ValueError, match="license"):
        licenses.license_for("GPL-2.0")
