import pytest

from lib.scoring import (
    check_section_weights,
    formula_names,
    goal_score,
    level_for_score,
    nine_box_cell,
    overall_score,
    peer_score,
    rating_score,
)

LEVELS = [1.0, 2.0, 3.0, 4.0, 5.0]


def test_goal_score_is_weighted_progress():
    assert goal_score([(80, 2), (20, 1), (50, 1)]) == pytest.approx(57.5)
    assert goal_score([]) is None


def test_rating_score_on_a_five_level_scale():
    # 4 → 75, 3 → 50, 5 → 100: mean 75
    assert rating_score([4, 3, 5], 1, 5) == 75.0
    assert rating_score([], 1, 5) is None


def test_peer_score_needs_k_answers():
    assert peer_score([5, 4], 1, 5, threshold=3) is None
    assert peer_score([5, 4, 3], 1, 5, threshold=3) == 75.0
    with pytest.raises(ValueError):
        peer_score([5], 1, 5, threshold=0)


def test_overall_score_by_hand():
    # goals 57.5 × 40 %, competencies 75 × 40 %, questions 50 × 20 %
    assert overall_score([(57.5, 40), (75.0, 40), (50.0, 20)]) == pytest.approx(63.0)


def test_overall_score_skips_sections_without_input():
    # No peer input: the other two sections share the weight.
    assert overall_score([(80.0, 50), (None, 20), (40.0, 30)]) == pytest.approx(65.0)
    assert overall_score([(None, 100)]) is None


def test_section_weights():
    check_section_weights([40, 40, 20])
    check_section_weights([33.33, 33.33, 33.34])
    for weights, message in (
        ([50, 40], "90"),
        ([], "at least one"),
        ([120, -20], "positive"),
    ):
        with pytest.raises(ValueError, match=message):
            check_section_weights(weights)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, 1.0),
        (10, 1.0),
        (12.5, 2.0),
        (50, 3.0),
        (63.0, 4.0),
        (87.5, 5.0),
        (100, 5.0),
        (140, 5.0),
    ],
)
def test_level_for_score(score, level):
    assert level_for_score(score, LEVELS) == level


def test_level_for_score_needs_a_scale():
    with pytest.raises(ValueError):
        level_for_score(50, [3.0])


@pytest.mark.parametrize(
    ("rating", "potential", "cell"),
    [
        (1, "low", 1),
        (3, "low", 2),
        (5, "low", 3),
        (2, "medium", 4),
        (4, "medium", 6),
        (5, "high", 9),
        (3, "high", 8),
    ],
)
def test_nine_box(rating, potential, cell):
    assert nine_box_cell(rating, LEVELS, potential) == cell


def test_nine_box_unknown_until_both_are_set():
    assert nine_box_cell(None, LEVELS, "high") == 0
    assert nine_box_cell(4, LEVELS, None) == 0
    with pytest.raises(ValueError):
        nine_box_cell(4, LEVELS, "stellar")


@pytest.mark.parametrize(
    ("formula", "names"),
    [
        ("0.5 * goals + 0.5 * manager", {"goals", "manager"}),
        ("max(peer, self) - 10", {"peer", "self"}),
        ("round(sections / 2, 1) + 50", {"sections"}),
        ("-upward + 100", {"upward"}),
        ("75", set()),
    ],
)
def test_formula_names(formula, names):
    assert formula_names(formula) == names


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("goals +", "not a valid expression"),
        ("goals ** 2", "Pow"),
        ("salary", "unknown score 'salary'"),
        ("__import__('os')", "only these functions"),
        ("goals.real", "Attribute"),
        ("'50'", "only numbers"),
        ("True + goals", "only numbers"),
        ("max(goals, key=abs)", "only these functions"),
        ("[goals][0]", "Subscript"),
        ("goals if peer else self", "IfExp"),
    ],
)
def test_formula_rejects_anything_but_arithmetic(formula, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        formula_names(formula)
