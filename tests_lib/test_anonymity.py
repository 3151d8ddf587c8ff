import pytest

from lib.anonymity import visible_answers


def test_hidden_below_threshold():
    assert visible_answers(["a", "b"], 3) == []
    assert visible_answers([], 1) == []


def test_shown_from_threshold_in_an_order_independent_of_arrival():
    answers = ["Great mentor", "Could delegate more", "Clear priorities"]
    shown = visible_answers(answers, 3)
    assert sorted(shown) == sorted(answers)
    assert visible_answers(list(reversed(answers)), 3) == shown


def test_threshold_must_be_positive():
    with pytest.raises(ValueError):
        visible_answers(["a"], 0)
