"""Answers checked as given: yes/no before Copier reads any string as true, lists before it parses them."""

import pytest
from helpers import why

from extensions import raw_answers


@pytest.mark.parametrize(
    "raw", [True, False, 0, 1, "yes", "No", "true", "FALSE", "on", "off", "y", "n", " 1 "], ids=repr
)
def test_yes_no_answers_pass(raw: object) -> None:
    assert raw_answers.check_yes_no({"abi3": raw}, "abi3") == ""


@pytest.mark.parametrize("raw", ["maybe", "2", 2, "", "sometimes", None, ["yes"]], ids=repr)
def test_other_answers_name_the_question(raw: object) -> None:
    message = raw_answers.check_yes_no({"abi3": raw}, "abi3")
    assert why(message).startswith("abi3 ")
    assert message.startswith("answer true or false\n")


def test_an_answer_not_given_is_left_to_the_default() -> None:
    assert raw_answers.check_yes_no({"layout": "mixed"}, "abi3") == ""


@pytest.mark.parametrize("raw", [["numpy"], [], "[numpy, serde]", "[]", "- numpy"], ids=repr)
def test_lists_pass(raw: object) -> None:
    assert raw_answers.require_yaml_list({"features": raw}, "features", "numpy") is True


@pytest.mark.parametrize("raw", ["numpy", "[numpy", "3", 3, None, {"numpy": True}], ids=repr)
def test_what_is_not_a_list_names_the_question_and_the_syntax(raw: object) -> None:
    with pytest.raises(ValueError, match=r"question 'features': features .* is not a list") as caught:
        raw_answers.require_yaml_list({"features": raw}, "features", "numpy")
    assert "--data 'features=[numpy]'" in str(caught.value)


def test_a_list_not_given_is_left_to_the_default() -> None:
    assert raw_answers.require_yaml_list({"layout": "mixed"}, "features", "numpy") is True
