"""Yes/no answers checked as given, before Copier reads any string as true."""

import pytest

from extensions import raw_answers


@pytest.mark.parametrize(
    "raw", [True, False, 0, 1, "yes", "No", "true", "FALSE", "on", "off", "y", "n", " 1 "], ids=repr
)
def test_yes_no_answers_pass(raw: object) -> None:
    assert raw_answers.check_yes_no({"abi3": raw}, "abi3") == ""


@pytest.mark.parametrize("raw", ["maybe", "2", 2, "", "sometimes", None, ["yes"]], ids=repr)
def test_other_answers_name_the_question(raw: object) -> None:
    message = raw_answers.check_yes_no({"abi3": raw}, "abi3")
    assert message.startswith("abi3 ")
    assert "use true or false" in message


def test_an_answer_not_given_is_left_to_the_default() -> None:
    assert raw_answers.check_yes_no({"layout": "mixed"}, "abi3") == ""
