import math
import re
import time

import pytest

from lib.scoring import (
    FORMULA_MAX_NODES,
    FORMULA_SCORES,
    FormulaError,
    check_section_weights,
    evaluate_formula,
    formula_names,
    goal_score,
    level_for_score,
    nine_box_cell,
    overall_score,
    peer_score,
    rating_score,
    review_scores,
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


# The default template: goals 40 %, competencies 40 %, questions 20 %.
SECTIONS = [(1, "goals", 40.0), (2, "competencies", 40.0), (3, "questions", 20.0)]


def _inputs(**inputs):
    return {"scale": (1.0, 5.0), "threshold": 3, **inputs}


def test_review_scores_by_hand():
    scores = review_scores(
        SECTIONS,
        _inputs(
            goals=[(80.0, 1.0), (20.0, 1.0)],
            self=[4.0, 4.0],
            manager={2: [5.0, 5.0], 3: [3.0], None: [2.0]},
            peer=[5.0, 3.0, 4.0, None],
            upward=[5.0, 4.0],
            skills={"python": (75.0, 100.0), "sql": (50.0, 25.0)},
        ),
    )
    assert scores == {
        "goals": 50.0,
        "self": 75.0,
        # every rating of the manager review, a section's or not
        "manager": pytest.approx(68.75),
        "peer": 75.0,
        "upward": None,  # two answers, below k = 3
        "competencies": 100.0,
        "questions": 50.0,
        "skills": 75.0,
        # 50 × 40 % + 100 × 40 % + 50 × 20 %
        "sections": pytest.approx(70.0),
        "overall": pytest.approx(70.0),
    }


def test_review_scores_before_the_reviews_are_submitted():
    """The self review being written and the manager review not yet
    submitted: their scores and the overall score do not exist, and the goal
    score is the goals' weighted progress, not 0."""
    scores = review_scores(
        SECTIONS, _inputs(goals=[(35.0, 1.0), (50.0, 1.0)], self=None, manager=None)
    )
    assert scores["goals"] == 42.5
    assert scores["self"] is None
    assert scores["manager"] is None
    assert scores["competencies"] is None
    assert scores["overall"] is None
    # The sections alone (a formula's "sections") count the goals only.
    assert scores["sections"] == 42.5


def test_review_scores_leave_out_sections_without_input():
    """No goals in the period: the goal score is none, not 0, and the other
    sections share its weight."""
    scores = review_scores(SECTIONS, _inputs(goals=[], manager={2: [4.0], 3: [2.0]}))
    assert scores["goals"] is None
    # competencies 75 × 40 / 60 + questions 25 × 20 / 60
    assert scores["overall"] == pytest.approx(175 / 3)
    nothing = review_scores(SECTIONS, _inputs(manager={}))
    assert (nothing["manager"], nothing["overall"]) == (None, None)


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
    ("formula", "code", "message"),
    [
        ("goals +", "syntax", "not a valid expression"),
        ("goals ** 2", "forbidden", "goals ** 2 is not allowed"),
        ("salary", "unknown_name", "unknown score 'salary'"),
        ("__import__('os')", "function", "only these functions"),
        ("goals.real", "forbidden", "goals.real is not allowed"),
        ("'50'", "not_a_number", "only numbers"),
        ("True + goals", "not_a_number", "only numbers"),
        ("max(goals, key=abs)", "function", "only these functions"),
        ("[goals][0]", "forbidden", "[goals][0] is not allowed"),
        ("goals if peer else self", "forbidden", "goals if peer else self is not"),
        ("goals // 2", "forbidden", "goals // 2 is not allowed"),
        ("abs(*[goals])", "forbidden", "*[goals] is not allowed"),
        ("min(goals)", "min_max_arguments", "min takes two values or more"),
        ("abs(goals, 1)", "abs_arguments", "abs takes one value"),
    ],
)
def test_formula_rejects_anything_but_arithmetic(formula, code, message):
    with pytest.raises(FormulaError, match=re.escape(message)) as error:
        formula_names(formula)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("formula", "code"),
    [
        # Seconds per review with safe_eval; a larger exponent hung a worker.
        ("round(1, -4000000) + goals", "round_arguments"),
        ("round(goals, 5)", "round_arguments"),
        ("round(goals, 2.0)", "round_arguments"),
        ("round(goals, -(1))", "round_arguments"),
        ("round(goals, manager)", "round_arguments"),
        ("9 ** 9 ** 9", "forbidden"),
        ("goals * 1000001", "number_too_large"),
        ("goals * 1e7", "number_too_large"),
        ("goals * 0.123456789012345678", "too_many_digits"),
        ("1" + "0" * 4400, "too_long"),
        ("goals + " * 100 + "goals", "too_long"),
        ("min(" + ",".join(["1"] * FORMULA_MAX_NODES) + ")", "too_big"),
        ("-" * 40 + "goals", "too_deep"),
        ("abs(" * 35 + "goals" + ")" * 35, "too_deep"),
    ],
    ids=lambda value: value[:30],
)
def test_formula_bounds(formula, code):
    started = time.perf_counter()
    with pytest.raises(FormulaError) as error:
        formula_names(formula)
    assert error.value.code == code, error.value
    with pytest.raises(FormulaError):
        evaluate_formula(formula, dict.fromkeys(FORMULA_SCORES, 50.0))
    assert time.perf_counter() - started < 0.5


def test_formula_at_the_bounds_is_accepted():
    assert formula_names("round(goals, 4) * 1000000 + 0.1234567890123456") == {"goals"}
    widest = "min(" + ",".join(["self"] * (FORMULA_MAX_NODES - 1)) + ")"
    assert evaluate_formula(widest, {"self": 12.5}) == 12.5
    # A sum of 25 terms nests 25 deep: still accepted.
    assert evaluate_formula(" + ".join(["goals"] * 25), {"goals": 2.0}) == 50.0


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("0.5 * goals + 0.5 * manager", 60.0),
        ("max(goals, manager) - min(goals, manager, 10)", 70.0),
        ("round(goals / 3, 2)", 13.33),
        ("round(goals / 3)", 13.0),
        ("abs(-goals) + +manager", 120.0),
        ("goals / (manager - manager)", None),  # division by zero
        ("goals * 1000000 * 1000000 * 1000000 * 1000000 * 1000000 * 1000000", 4e37),
        ("goals / 1e-300 / 1e-300", None),  # beyond floats on the way
        ("goals / 1e-300 / 1e-300 * 0", None),  # inf × 0 would be NaN
        ("peer + goals", None),  # no peer score
    ],
)
def test_evaluate_formula(formula, value):
    scores = {"goals": 40.0, "manager": 80.0, "peer": None}
    assert evaluate_formula(formula, scores) == pytest.approx(value)


def test_evaluate_formula_refuses_non_finite_scores():
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="finite"):
            evaluate_formula("goals + 1", {"goals": bad})
