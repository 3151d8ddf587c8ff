"""Property-based tests: invariants of lib/ checked on generated inputs.

Scores and ratings are drawn on grids (quarter points, whole levels), where
sums are exact enough to compare results across orderings with a tight
tolerance; arbitrary floats would test rounding noise rather than the code.
Bounds (0–100, between the values averaged) are checked on any floats.
"""

import ast
import calendar
import dataclasses
import io
import keyword
import math
import os
import re
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lib.anonymity import visible_answers
from lib.cadence import (
    FREQUENCY_DAYS,
    FREQUENCY_MONTHS,
    add_months,
    mood_trend,
    next_checkin_date,
)
from lib.calibration import (
    FOUR_FIFTHS,
    Z_FLAG,
    adverse_impact,
    group_stats,
    mean_gap,
    normal_two_sided_p,
    stdev,
    suggest_adjustments,
    target_counts,
    two_proportion_p,
)
from lib.goals import expected_progress, forecast_completion, goal_health, smart_check
from lib.progress import clamp, mean, metric_progress, normalize, weighted_average
from lib.scoring import (
    FORMULA_FUNCTIONS,
    FORMULA_MAX_LENGTH,
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
    performance_band,
    rating_score,
    review_scores,
)
from lib.skills import (
    gap,
    largest_gaps,
    progression,
    rank_candidates,
    readiness,
    skill_match,
)
from lib.xlsx import Column, Sheet, write_workbook

# Hypothesis keeps caches (and patches for failing cases) in ./.hypothesis;
# keep them out of the repository. No example database either.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    str(Path(tempfile.gettempdir()) / "hr_performance-hypothesis"),
)
FAST = settings(max_examples=100, deadline=None, database=None)
SLOW = settings(max_examples=50, deadline=None, database=None)


def close(a, b):
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def shuffled(data, values):
    return data.draw(st.permutations(values))


# Scores and progress: 0–100 in quarter points; weights as Odoo stores them.
SCORES = st.integers(0, 400).map(lambda q: q / 4)
WEIGHTS = st.one_of(
    st.integers(0, 10).map(float),
    st.integers(0, 1000).map(lambda w: w / 10),
    st.floats(0, 100, allow_nan=False),
)
POSITIVE_WEIGHTS = WEIGHTS.filter(lambda w: w > 0)
LEVEL_VALUES = st.lists(
    st.integers(-10, 10).map(float), min_size=2, max_size=7, unique=True
)


# ---------------------------------------------------------------- scoring


@FAST
@given(st.lists(st.tuples(st.one_of(st.none(), SCORES), WEIGHTS), max_size=8))
@example([(30.25, 0.1)])  # was 30.250000000000004
def test_overall_score_stays_between_the_section_scores(sections):
    result = overall_score(sections)
    scored = [score for score, weight in sections if score is not None and weight]
    if not scored:
        assert result is None
    else:
        assert min(scored) <= result <= max(scored)
        assert 0 <= result <= 100


@FAST
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=10),
    st.integers(-5, 5),
    st.integers(1, 10),
)
def test_rating_score_is_on_zero_to_hundred(values, low, width):
    result = rating_score(values, low, low + width)
    if not values:
        assert result is None
    else:
        assert 0 <= result <= 100


# A review's inputs on a 1–5 scale: sections with unique keys, goals,
# ratings (some outside the scale), 360 values and skills; the self and
# manager reviews submitted or not.
RATINGS = st.lists(st.integers(0, 6).map(float), max_size=4)
KINDS = st.sampled_from(["goals", "competencies", "questions", "skills", "other"])


@st.composite
def reviews(draw):
    sections = [
        (key, draw(KINDS), draw(POSITIVE_WEIGHTS))
        for key in range(draw(st.integers(0, 6)))
    ]
    manager = draw(
        st.one_of(st.none(), st.dictionaries(st.integers(0, 7), RATINGS, max_size=7))
    )
    inputs = {
        "scale": (1.0, 5.0),
        "goals": draw(st.lists(st.tuples(SCORES, POSITIVE_WEIGHTS), max_size=4)),
        "self": draw(st.one_of(st.none(), RATINGS)),
        "manager": manager,
        "peer": draw(st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=5)),
        "upward": draw(st.lists(st.integers(1, 5).map(float), max_size=5)),
        "threshold": draw(st.integers(1, 4)),
        "skills": draw(
            st.dictionaries(
                st.sampled_from(["python", "sql", "ux"]),
                st.tuples(st.integers(0, 100), st.integers(0, 100)),
            )
        ),
    }
    return sections, inputs


def section_has_input(section, scores, inputs):
    key, kind, _weight = section
    if kind == "other":
        return False  # a kind that does not score
    if kind in ("goals", "skills"):
        return scores[kind] is not None
    manager = inputs["manager"]
    return manager is not None and bool(manager.get(key))


@FAST
@given(reviews())
def test_review_scores_are_on_zero_to_hundred(review):
    sections, inputs = review
    scores = review_scores(sections, inputs)
    assert set(FORMULA_SCORES) | {"overall"} == set(scores)
    for name, score in scores.items():
        assert score is None or 0 <= score <= 100, name
    if inputs["manager"] is None:
        assert scores["overall"] is None, "not before the manager review"
    else:
        assert close(scores["overall"], scores["sections"])
    scored = any(section_has_input(s, scores, inputs) for s in sections)
    assert (scores["sections"] is not None) == scored


@FAST
@given(reviews(), st.data())
def test_review_scores_renormalise_the_weights_of_sections_without_input(review, data):
    sections, inputs = review
    scores = review_scores(sections, inputs)
    empty = [s for s in sections if not section_has_input(s, scores, inputs)]
    assume(empty)
    dropped = data.draw(st.sampled_from(empty))
    without = review_scores([s for s in sections if s != dropped], inputs)
    # A section without input weighs nothing: as if the template lacked it.
    assert close(scores["sections"], without["sections"])
    assert close(scores["overall"], without["overall"])


@FAST
@given(reviews(), st.data())
def test_unavailable_input_never_lowers_the_score_like_a_zero(review, data):
    sections, inputs = review
    assume(inputs["manager"] is not None)
    key = data.draw(st.integers(0, 7))
    manager = {k: v for k, v in inputs["manager"].items() if k != key}
    missing = review_scores(sections, {**inputs, "goals": [], "manager": manager})
    zero = review_scores(
        sections,
        {**inputs, "goals": [(0.0, 1.0)], "manager": {**manager, key: [1.0]}},
    )
    if missing["overall"] is not None:
        assert zero["overall"] <= missing["overall"] + 1e-9
    elif zero["overall"] is not None:
        assert zero["overall"] == 0, "the zero is the only input"


@FAST
@given(reviews(), st.data())
def test_review_scores_do_not_depend_on_order(review, data):
    sections, inputs = review
    manager = inputs["manager"]
    shuffled_inputs = {
        **inputs,
        "goals": shuffled(data, inputs["goals"]),
        "peer": shuffled(data, inputs["peer"]),
        "manager": (
            None
            if manager is None
            else {
                key: shuffled(data, manager[key])
                for key in shuffled(data, sorted(manager))
            }
        ),
    }
    scores = review_scores(sections, inputs)
    other = review_scores(shuffled(data, sections), shuffled_inputs)
    assert all(close(scores[name], other[name]) for name in scores)


@FAST
@given(LEVEL_VALUES, st.floats(-50, 150, allow_nan=False), st.floats(-50, 150))
def test_level_for_score_is_the_nearest_and_monotonic(levels, score, other):
    low, high = min(levels), max(levels)
    level = level_for_score(score, levels)
    assert level in levels
    target = min(100.0, max(0.0, score))
    distance = abs(normalize(level, low, high) - target)
    assert all(distance <= abs(normalize(v, low, high) - target) for v in levels)
    if other >= score:
        assert level_for_score(other, levels) >= level


@FAST
@given(LEVEL_VALUES, st.data(), st.sampled_from(["low", "medium", "high"]))
def test_nine_box_cell_is_one_to_nine(levels, data, potential):
    rating = data.draw(st.sampled_from(levels))
    cell = nine_box_cell(rating, levels, potential)
    assert 1 <= cell <= 9
    better = data.draw(st.sampled_from([v for v in levels if v >= rating]))
    assert nine_box_cell(better, levels, potential) >= cell


# Formulas: expressions built from allowed and forbidden pieces, each piece
# telling whether it is allowed and which scores it uses; formula_names must
# agree with that oracle.
IDENTIFIERS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)
ANY_NAME = st.one_of(
    st.sampled_from(sorted(FORMULA_SCORES)),
    st.sampled_from(FORMULA_FUNCTIONS),
    IDENTIFIERS,
)
NUMBERS = st.one_of(
    st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
).map(repr)
BAD_CONSTANTS = st.sampled_from(
    ["'50'", '"goals"', "True", "False", "None", "...", "b'1'", "1j", "f'{1}'"]
)
LEAVES = st.one_of(
    ANY_NAME.map(lambda name: (name, name in FORMULA_SCORES, {name})),
    NUMBERS.map(lambda text: (text, True, set())),
    BAD_CONSTANTS.map(lambda text: (text, False, set())),
)
GOOD_BINARY = ["+", "-", "*", "/"]
BAD_BINARY = ["**", "//", "%", "@", "<<", ">>", "&", "|", "^", "<", "==", "and", "or"]


def _arity_allowed(function, args):
    """min and max take two values or more, abs one, round one and maybe a
    number of decimals written as a whole number from 0 to 4."""
    if function in ("min", "max"):
        return len(args) >= 2
    if function == "abs":
        return len(args) == 1
    return len(args) == 1 or (
        len(args) == 2 and args[1].isdigit() and int(args[1]) <= 4
    )


def _extend(children):
    unary = st.tuples(st.sampled_from(["-", "+", "~", "not "]), children).map(
        lambda t: (f"{t[0]}({t[1][0]})", t[0] in "-+" and t[1][1], t[1][2])
    )
    binary = st.tuples(
        children, st.sampled_from(GOOD_BINARY + BAD_BINARY), children
    ).map(
        lambda t: (
            f"({t[0][0]}) {t[1]} ({t[2][0]})",
            t[1] in GOOD_BINARY and t[0][1] and t[2][1],
            t[0][2] | t[2][2],
        )
    )
    call = st.tuples(ANY_NAME, st.lists(children, max_size=3), st.booleans()).map(
        lambda t: (
            f"{t[0]}({', '.join([a[0] for a in t[1]] + (['key=abs'] if t[2] else []))})",
            t[0] in FORMULA_FUNCTIONS
            and not t[2]
            and _arity_allowed(t[0], [a[0] for a in t[1]])
            and all(a[1] for a in t[1]),
            set().union(*(a[2] for a in t[1])),
        )
    )
    forbidden = st.tuples(
        st.sampled_from(
            [
                "({}).real",
                "({}).__class__",
                "({}).conjugate()",
                "({})[0]",
                "[{}][0]",
                "(lambda: {})()",
                "(x := {})",
                "{} if goals else 0",
                "__import__('os').getpid() + {}",
                "abs(*[{}])",
            ]
        ),
        children,
    ).map(lambda t: (t[0].format(t[1][0]), False, t[1][2]))
    return st.one_of(unary, binary, call, forbidden)


FORMULAS = st.recursive(LEAVES, _extend, max_leaves=8)


@FAST
@given(FORMULAS)
@example(("min", False, set()))  # was accepted: a function, not a score
@example(("goals + abs", False, {"goals"}))
def test_formula_accepts_exactly_the_whitelist(formula):
    text, allowed, names = formula
    if allowed:
        assert formula_names(text) == names
    else:
        with pytest.raises(ValueError):
            formula_names(text)


# Python's own arithmetic on floats, the oracle of evaluate_formula (round
# returning a float, as the evaluator's does).
ORACLE_BUILTINS = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": lambda x, n=None: float(round(x, n)),
}


@FAST
@given(FORMULAS, st.dictionaries(st.sampled_from(sorted(FORMULA_SCORES)), SCORES))
@example(("max", False, set()), {})  # evaluated to the builtin max
def test_accepted_formula_evaluates_to_a_number(formula, scores):
    try:
        names = formula_names(formula[0])
    except ValueError:
        return
    values = {name: scores.get(name, 50.0) for name in names}
    value = evaluate_formula(formula[0], values)
    assert value is None or (type(value) is float and math.isfinite(value))


# Formulas from the grammar alone (numbers as written by people: integers and
# float reprs up to the bound), nested and wide enough to cross the bounds.
GRAMMAR_NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(repr),
    st.sampled_from(["1e-300", "0.5", "1e6"]),
)
GRAMMAR_LEAVES = st.one_of(st.sampled_from(sorted(FORMULA_SCORES)), GRAMMAR_NUMBERS)


def _grammar(children):
    return st.one_of(
        st.tuples(children, st.sampled_from("+-*/"), children).map(
            lambda t: f"({t[0]}) {t[1]} ({t[2]})"
        ),
        st.tuples(st.sampled_from(["-", "+"]), children).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
        st.tuples(
            st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=4)
        ).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        children.map(lambda c: f"abs({c})"),
        st.tuples(children, st.sampled_from(["", ", 0", ", 2", ", 4"])).map(
            lambda t: f"round({t[0]}{t[1]})"
        ),
    )


GRAMMAR_FORMULAS = st.recursive(GRAMMAR_LEAVES, _grammar, max_leaves=60)
ANY_SCORES = st.dictionaries(
    st.sampled_from(sorted(FORMULA_SCORES)),
    st.one_of(SCORES, st.floats(allow_nan=False, allow_infinity=False)),
)


@settings(FAST, max_examples=300)
@given(GRAMMAR_FORMULAS, ANY_SCORES)
@example("round(goals, 4) / 1e-300 / 1e-300", {"goals": 1.0})
def test_formula_from_the_grammar_is_bounded_and_agrees_with_python(text, scores):
    started = time.perf_counter()
    try:
        names = formula_names(text)
    except FormulaError as error:
        # Only the bounds refuse a formula of the grammar.
        assert error.code in ("too_long", "too_big", "too_deep"), error
        if error.code == "too_long":
            assert len(text) > FORMULA_MAX_LENGTH
        return
    values = {name: scores.get(name, 50.0) for name in names}
    value = evaluate_formula(text, values)
    assert time.perf_counter() - started < 0.5
    assert len(text) <= FORMULA_MAX_LENGTH
    if value is None:
        return
    assert math.isfinite(value)
    assert 0 <= clamp(value) <= 100
    # Same float operations in the same order as Python: the same number.
    assert value == python_on_floats(text, values)


def python_on_floats(text, values):
    """Python's value of a formula with every number a float (as the
    evaluator computes) but round's number of decimals."""
    tree = ast.parse(text, mode="eval")
    decimals = {
        id(node.args[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and node.func.id == "round"
        and len(node.args) == 2
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in decimals:
            node.value = float(node.value)
    code = compile(tree, "<formula>", "eval")
    return eval(code, {"__builtins__": ORACLE_BUILTINS}, values)


@FAST
@given(st.text(max_size=60))
def test_formula_on_any_text_names_scores_or_raises_value_error(text):
    try:
        names = formula_names(text)
    except ValueError:
        return
    assert names <= set(FORMULA_SCORES)


@SLOW
@given(
    st.sampled_from(["-{}", "abs({})", "({})", "{} + goals", "goals * ({})"]),
    st.integers(1, 12_000),
)
@example("-{}", 10_000)  # was MemoryError
@example("{} + goals", 3_000)  # was RecursionError
def test_formula_nested_deeply_is_refused_with_value_error(wrapper, depth):
    prefix, suffix = wrapper.split("{}")
    text = prefix * depth + "goals" + suffix * depth
    try:
        assert formula_names(text) == {"goals"}
    except ValueError:
        pass


# ------------------------------------------------------------ goal roll-up


@FAST
@given(st.lists(st.tuples(SCORES, WEIGHTS), min_size=1, max_size=8), st.data())
def test_parent_progress_bounded_monotonic_and_order_free(children, data):
    parent = weighted_average(children)
    weighted = [progress for progress, weight in children if weight]
    if not weighted:
        assert parent is None
        return
    # The model stores this under CHECK(progress BETWEEN 0 AND 100).
    assert 0 <= parent <= 100
    assert min(weighted) <= parent <= max(weighted)
    assert close(weighted_average(shuffled(data, children)), parent)
    index = data.draw(st.integers(0, len(children) - 1))
    progress, weight = children[index]
    better = data.draw(SCORES.filter(lambda p: p >= progress))
    improved = [*children[:index], (better, weight), *children[index + 1 :]]
    assert weighted_average(improved) >= parent


@FAST
@given(st.lists(POSITIVE_WEIGHTS, min_size=1, max_size=8), SCORES)
@example([0.1, 0.7], 100.0)  # was 100.00000000000001, above the CHECK constraint
def test_parent_of_equal_children_has_their_progress(weights, progress):
    assert weighted_average([(progress, w) for w in weights]) == progress


@FAST
@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
)
def test_metric_progress_bounded_and_monotonic_towards_target(start, target, a, b):
    assume(target != start)
    pa, pb = metric_progress(start, target, a), metric_progress(start, target, b)
    assert 0 <= pa <= 100
    # Closer to the target (in its direction) is never less progress.
    if b == a or (b > a) == (target > start):
        assert pb >= pa


DATES = st.dates(date(2000, 1, 1), date(2100, 12, 31))


@FAST
@given(DATES, st.integers(1, 3650), DATES, DATES)
def test_expected_progress_bounded_and_monotonic_in_time(start, length, d1, d2):
    deadline = date.fromordinal(start.toordinal() + length)
    e1, e2 = (
        expected_progress(start, deadline, d1),
        expected_progress(start, deadline, d2),
    )
    assert 0 <= e1 <= 100
    if d2 >= d1:
        assert e2 >= e1


HEALTH_RANK = {"off_track": 0, "at_risk": 1, "on_track": 2}


@FAST
@given(DATES, st.integers(1, 3650), st.integers(0, 3650), SCORES, SCORES)
def test_more_progress_never_worsens_health(start, length, elapsed, p1, p2):
    deadline = date.fromordinal(start.toordinal() + length)
    today = date.fromordinal(start.toordinal() + elapsed)
    low, high = sorted((p1, p2))
    h_low = goal_health("active", low, start, deadline, today)
    h_high = goal_health("active", high, start, deadline, today)
    assert HEALTH_RANK[h_high] >= HEALTH_RANK[h_low]


# ------------------------------------------------------------- calibration

KEYS = st.one_of(st.integers(0, 20), st.text("abcdef", min_size=1, max_size=3))


@FAST
@given(
    st.dictionaries(KEYS, st.lists(SCORES, max_size=12), max_size=6),
    st.integers(1, 5),
    st.data(),
)
def test_group_stats_do_not_depend_on_order(groups, min_size, data):
    stats = group_stats(groups, min_size)
    assert [s.key for s in stats] == [k for k, values in groups.items() if values]
    keys = shuffled(data, list(groups))
    permuted = {key: shuffled(data, groups[key]) for key in keys}
    again = {s.key: s for s in group_stats(permuted, min_size)}
    assert len(again) == len(stats)
    for s in stats:
        other = again[s.key]
        assert s.count == other.count == len(groups[s.key])
        assert close(s.mean, other.mean) and close(s.spread, other.spread)
        assert close(s.z_score, other.z_score)
        if s.flag != other.flag:  # only a hair's breadth from the threshold
            assert math.isclose(abs(s.z_score), Z_FLAG, rel_tol=1e-9)
        # Below the minimum size nothing is said about a group.
        if s.count < min_size:
            assert (s.z_score, s.flag) == (None, "")
        assert min(groups[s.key]) <= s.mean <= max(groups[s.key])


@FAST
@given(
    st.lists(st.tuples(st.one_of(st.none(), SCORES), st.one_of(st.none(), SCORES))),
    st.data(),
)
def test_mean_gap_order_free_and_antisymmetric(pairs, data):
    result = mean_gap(pairs)
    assert close(mean_gap(shuffled(data, pairs)), result)
    swapped = mean_gap([(b, a) for a, b in pairs])
    assert close(swapped, None if result is None else -result)
    if all(a is None or b is None for a, b in pairs):
        assert result is None


@FAST
@given(
    st.dictionaries(KEYS, st.lists(st.booleans(), max_size=15), max_size=5),
    st.integers(1, 6),
    st.data(),
)
def test_adverse_impact_does_not_depend_on_order(groups, min_size, data):
    rows = adverse_impact(groups, min_size)
    keys = shuffled(data, list(groups))
    permuted = {key: shuffled(data, groups[key]) for key in keys}
    again = {row.key: row for row in adverse_impact(permuted, min_size)}
    assert len(again) == len(rows) == sum(1 for v in groups.values() if v)
    for row in rows:
        other = again[row.key]
        assert (row.count, row.selected, row.rate) == (
            other.count,
            other.selected,
            other.rate,
        )
        assert close(row.impact_ratio, other.impact_ratio), row
        assert close(row.p_value, other.p_value), (row, other)
        assert row.adverse == other.adverse
        if row.count < min_size:  # suppressed: never compared
            assert (row.impact_ratio, row.p_value, row.adverse) == (None, None, False)
        if row.impact_ratio is not None:
            assert 0 <= row.impact_ratio <= 1
            assert row.adverse == (row.impact_ratio < FOUR_FIFTHS)
        if row.p_value is not None:
            assert 0 <= row.p_value <= 1


@FAST
@given(
    st.dictionaries(KEYS, st.lists(st.booleans(), max_size=15), max_size=5),
    st.integers(1, 6),
)
@example({"F": [True, False], "M": [False, True]}, 1)  # p: None / 1.0 swapped
@example({"F": [True] * 2, "M": [True] * 4, "X": [False] * 4}, 1)
def test_adverse_impact_same_in_reverse_order(groups, min_size):
    rows = adverse_impact(groups, min_size)
    again = adverse_impact(dict(reversed(groups.items())), min_size)
    assert sorted(rows, key=lambda row: str(row.key)) == sorted(
        again, key=lambda row: str(row.key)
    )


@st.composite
def percents(draw, max_levels=7):
    """Target percentages as a form accepts them: summing to 100 within 0.01."""
    raw = draw(st.lists(st.integers(0, 100), min_size=1, max_size=max_levels))
    assume(sum(raw))
    values = [100.0 * r / sum(raw) for r in raw]
    if draw(st.booleans()):
        values = [round(v, 2) for v in values]
    largest = values.index(max(values))
    values[largest] += draw(st.floats(-0.009, 0.009))
    assume(abs(sum(values) - 100.0) <= 0.01)
    return values


@FAST
@given(percents(), st.integers(0, 200_000))
@example([100.0078125], 12_800)  # was 12,801
@example([33.335, 33.33, 33.33], 100_000)  # was 99,998
def test_target_counts_sum_to_the_population(targets, total):
    counts = target_counts(targets, total)
    assert len(counts) == len(targets)
    assert sum(counts) == total
    share = sum(targets)
    for count, percent in zip(counts, targets, strict=True):
        assert count >= 0
        assert abs(count - percent * total / share) < 1 + 1e-9 * total


@st.composite
def calibrations(draw):
    targets = draw(percents())
    levels = draw(st.lists(st.integers(0, len(targets) - 1), max_size=40))
    reviews = [(f"r{i}", level, draw(SCORES)) for i, level in enumerate(levels)]
    return reviews, targets


def apply(reviews, changes):
    """Each review's level after the changes, checking each starts where the
    review is and that no review moves twice."""
    level_of = {key: level for key, level, _score in reviews}
    assert len({key for key, _, _ in changes}) == len(changes), "moved twice"
    for key, source, destination in changes:
        assert level_of[key] == source != destination
        level_of[key] = destination
    return level_of


@FAST
@given(calibrations())
@example(  # a 4-review cycle: 78.7 was sent from the top to level 1
    (
        [("a", 4, 78.75), ("b", 3, 65.0), ("c", 2, 50.0), ("d", 2, 52.5)],
        [5, 15, 50, 20, 10],
    )
)
def test_adjustments_meet_the_targets_in_score_order(calibration):
    reviews, targets = calibration
    changes = suggest_adjustments(reviews, targets)
    wanted = target_counts(targets, len(reviews))
    level_of = apply(reviews, changes)
    after = [
        sum(1 for v in level_of.values() if v == level) for level in range(len(targets))
    ]
    assert after == wanted
    # Nobody ends below a lower score that was at or below them.
    for key, level, score in reviews:
        for other, other_level, other_score in reviews:
            if score > other_score and level >= other_level:
                assert level_of[key] >= level_of[other], (key, other)
    # The fewest level steps: each boundary is crossed as often as it must be
    # (its net excess below), and only one way.
    steps = sum(abs(level_of[key] - level) for key, level, _score in reviews)
    counts = [sum(1 for r in reviews if r[1] == level) for level in range(len(targets))]
    assert steps == sum(
        abs(sum(counts[: j + 1]) - sum(wanted[: j + 1])) for j in range(len(targets))
    )
    # The best of a level move up, the weakest down.
    score_of = {key: score for key, _level, score in reviews}
    moved = {key for key, _, _ in changes}
    for key, source, destination in changes:
        staying = [
            score_of[k] for k, level, _ in reviews if level == source and k not in moved
        ]
        if destination > source:
            assert all(score_of[key] >= s for s in staying)
        else:
            assert all(score_of[key] <= s for s in staying)


@FAST
@given(calibrations(), st.data())
def test_adjustments_do_not_depend_on_the_order_of_reviews(calibration, data):
    reviews, targets = calibration
    changes = suggest_adjustments(reviews, targets)
    assert suggest_adjustments(shuffled(data, reviews), targets) == changes


@FAST
@given(calibrations())
def test_adjustments_on_target_change_nothing(calibration):
    reviews, targets = calibration
    level_of = apply(reviews, suggest_adjustments(reviews, targets))
    settled = [(key, level_of[key], score) for key, _level, score in reviews]
    assert suggest_adjustments(settled, targets) == []


# --------------------------------------------------------------- anonymity


@FAST
@given(st.lists(st.text(max_size=20), max_size=15), st.integers(1, 20), st.data())
def test_answers_hidden_below_k_and_shown_in_an_order_free_way(answers, k, data):
    shown = visible_answers(answers, k)
    if len(answers) < k:
        assert shown == []
    else:
        assert sorted(shown) == sorted(answers)
        assert visible_answers(shuffled(data, answers), k) == shown


@FAST
@given(st.lists(st.integers(1, 5).map(float), max_size=15), st.integers(1, 20))
def test_peer_score_hidden_below_k(values, k):
    result = peer_score(values, 1, 5, k)
    if len(values) < k:
        assert result is None
    else:
        assert result is not None and 0 <= result <= 100


# -------------------------------------------------------------------- xlsx

FORMULA_LIKE = st.tuples(
    st.sampled_from("=+-@"),
    st.lists(
        st.one_of(
            st.characters(blacklist_categories=("Cs",)),
            st.sampled_from(["_x0041_", "_x", "_", " ", '"', "(", ")", "!", "A1"]),
        ),
        max_size=30,
    ).map("".join),
).map("".join)


def ooxml_text(value):
    """A cell's text as Excel shows it: openpyxl leaves the ``_xHHHH_``
    escapes of control characters (and of a literal ``_x``) undecoded."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


@settings(SLOW, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(FORMULA_LIKE, min_size=1, max_size=10))
def test_text_starting_like_a_formula_stays_text(tmp_path, texts):
    path = tmp_path / "export.xlsx"
    write_workbook(
        str(path),
        [
            Sheet(
                "Texts",
                [Column("Text"), Column("Score", "score")],
                [[t, 50] for t in texts],
            )
        ],
    )
    sheet = load_workbook(path, data_only=False)["Texts"]
    for row, text in enumerate(texts, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s", (text, cell.data_type)
        assert ooxml_text(cell.value) == text
        assert cell.hyperlink is None


# ---------------------------------------------------------- cadence, skills

CHECKIN_DATES = st.dates(date(1900, 1, 1), date(9000, 12, 31))


@FAST
@given(CHECKIN_DATES, st.sampled_from(sorted(FREQUENCY_DAYS | FREQUENCY_MONTHS)))
def test_next_checkin_is_after_the_last_one(last, frequency):
    following = next_checkin_date(last, frequency)
    assert following > last
    assert (following - last).days <= 92


@FAST
@given(CHECKIN_DATES, st.integers(-1200, 1200))
def test_add_months_lands_in_the_right_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last_day)
    if months > 0:
        assert result > day


@FAST
@given(st.lists(st.integers(0, 5), max_size=12), st.integers(1, 3))
def test_mood_trend_mirrors(moods, window):
    trend = mood_trend(moods, window)
    mirrored = mood_trend([6 - m if m else 0 for m in moods], window)
    assert mirrored == {"up": "down", "down": "up"}.get(trend, trend)
    if len([m for m in moods if m]) < 2:
        assert trend is None


SKILL_LEVELS = st.dictionaries(
    st.sampled_from(["python", "sql", "english", "ux", "git"]), st.integers(0, 100)
)


@FAST
@given(SKILL_LEVELS, SKILL_LEVELS, st.data())
def test_skill_gap_and_match(required, current, data):
    assert all(gap(level, level) == 0 for level in required.values())
    if any(required.values()):
        assert skill_match(required, required) == 100
        match = skill_match(required, current)
        assert 0 <= match <= 100
        skill = data.draw(st.sampled_from(sorted(required)))
        better = {**current, skill: max(current.get(skill, 0), required[skill])}
        assert skill_match(required, better) >= match
    else:
        assert skill_match(required, current) is None
    for skill, level in required.items():
        assert gap(level, current.get(skill, 0)) == max(
            0, level - current.get(skill, 0)
        )


# ------------------------------------------------------- non-finite numbers
#
# Every numeric function of lib/ as ``arguments`` (a strategy of flat lists of
# finite floats), ``call`` (spreads them over the function's parameters) and
# ``valid`` (the finite lists in its domain; None: a pure check, whose job is
# to raise). NaN, +inf or -inf in any argument must raise ValueError saying
# "finite"; in the domain, the result holds no NaN or infinity. A few results
# can be beyond the float range although the inputs are not (the spread of
# ±1.7e308); those raise ValueError saying "range", never return infinity.

FINITE = st.floats(allow_nan=False, allow_infinity=False)
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])
DAY = date(2026, 1, 1)


def floats(low, high=None, elements=FINITE):
    return st.lists(elements, min_size=low, max_size=low if high is None else high)


def paired(high, elements=FINITE):
    """Flat lists of an even length: ``pairs`` reads them two by two."""
    return st.lists(st.tuples(elements, elements), max_size=high).map(
        lambda items: [value for item in items for value in item]
    )


def pairs(args):
    return list(zip(args[::2], args[1::2], strict=True))


def distinct_levels(args):
    return len(set(args[1:])) >= 2


def days(args, step=1):
    return [date.fromordinal(DAY.toordinal() + step * i) for i in range(len(args))]


def workbook(args):
    sheet = Sheet("S", [Column("n", "number")], [[value] for value in args])
    return write_workbook(io.BytesIO(), [sheet])


def always(_args):
    return True


NUMERIC = {
    "clamp": (floats(3), lambda a: clamp(*a), lambda a: a[1] <= a[2]),
    "metric_progress": (
        floats(3),
        lambda a: metric_progress(*a),
        lambda a: a[0] != a[1],
    ),
    "normalize": (floats(3), lambda a: normalize(*a), lambda a: a[1] < a[2]),
    "weighted_average": (
        paired(4),
        lambda a: weighted_average([(v, abs(w)) for v, w in pairs(a)]),
        always,
    ),
    "mean": (floats(1, 6), mean, always),
    "goal_score": (
        paired(3),
        lambda a: goal_score([(v, abs(w)) for v, w in pairs(a)]),
        always,
    ),
    "overall_score": (
        paired(3),
        lambda a: overall_score([(v, abs(w)) for v, w in pairs(a)]),
        always,
    ),
    "rating_score": (
        floats(2, 7),
        lambda a: rating_score(a[2:], a[0], a[1]),
        lambda a: a[0] < a[1],
    ),
    "peer_score": (
        floats(3, 8),
        lambda a: peer_score(a[3:], a[0], a[1], a[2]),
        lambda a: a[0] < a[1] and a[2] >= 1,
    ),
    "check_section_weights": (floats(1, 5), check_section_weights, None),
    "level_for_score": (
        floats(3, 7),
        lambda a: level_for_score(a[0], a[1:]),
        distinct_levels,
    ),
    "performance_band": (
        floats(3, 7),
        lambda a: performance_band(a[0], a[1:]),
        distinct_levels,
    ),
    "nine_box_cell": (
        floats(3, 7),
        lambda a: nine_box_cell(a[0], a[1:], "medium"),
        distinct_levels,
    ),
    "evaluate_formula": (
        floats(2),
        lambda a: evaluate_formula(
            "0.5 * goals - max(manager, 10) / 3 * goals + round(manager, 2)",
            {"goals": a[0], "manager": a[1]},
        ),
        always,
    ),
    "stdev": (floats(0, 6), stdev, always),
    "group_stats": (
        floats(0, 8),
        lambda a: group_stats({"A": a[::2], "B": a[1::2]}, 1),
        always,
    ),
    "mean_gap": (paired(4), lambda a: mean_gap(pairs(a)), always),
    "normal_two_sided_p": (floats(1), lambda a: normal_two_sided_p(a[0]), always),
    "two_proportion_p": (
        floats(4, elements=st.integers(0, 2**1000).map(float)),
        lambda a: two_proportion_p(*a),
        lambda a: 0 <= a[1] <= a[0] and 0 <= a[3] <= a[2] and a[0] and a[2],
    ),
    "adverse_impact": (
        floats(1),
        lambda a: adverse_impact({"A": [True, False], "B": [True]}, a[0]),
        lambda a: a[0] >= 1,
    ),
    "target_counts": (percents(), lambda a: target_counts(a, 10), always),
    "suggest_adjustments": (
        floats(0, 6),
        lambda a: suggest_adjustments(
            [(i, i % 2, v) for i, v in enumerate(a)], [50, 50]
        ),
        always,
    ),
    "gap": (floats(2), lambda a: gap(*a), always),
    "skill_match": (
        floats(0, 6),
        lambda a: skill_match(dict(enumerate(a[::2])), dict(enumerate(a[1::2]))),
        always,
    ),
    "readiness": (floats(1), lambda a: readiness(a[0], "high"), always),
    "rank_candidates": (
        floats(0, 4),
        lambda a: rank_candidates([(i, v, 5) for i, v in enumerate(a)]),
        always,
    ),
    "largest_gaps": (
        floats(0, 4),
        lambda a: largest_gaps(list(enumerate(a)), 2),
        always,
    ),
    "progression": (
        floats(0, 4),
        lambda a: progression(
            [(1, 2, day, v) for day, v in zip(days(a), a, strict=True)]
        ),
        always,
    ),
    "mood_trend": (floats(0, 8), lambda a: mood_trend(a, 2), always),
    "add_months": (floats(1), lambda a: add_months(DAY, a[0]), None),  # whole months
    "goal_health": (
        floats(2),
        lambda a: goal_health(
            "active", a[0], DAY, date(2026, 12, 31), date(2026, 6, 1), a[1]
        ),
        always,
    ),
    "forecast_completion": (
        floats(0, 5),
        lambda a: forecast_completion(list(zip(days(a, 7), a, strict=True))),
        always,
    ),
    "smart_check": (
        floats(2),
        lambda a: smart_check(
            name="Cut churn to 5 %",
            description="",
            progress_mode="metric",
            start_value=a[0],
            target_value=a[1],
            has_children=False,
            has_parent=False,
            scope="individual",
            date_deadline=None,
            state="draft",
            today=DAY,
        ),
        always,
    ),
    "visible_answers": (
        floats(1),
        lambda a: visible_answers(["a", "b", "c"], a[0]),
        lambda a: a[0] >= 1,
    ),
    "write_workbook": (floats(0, 3), workbook, always),  # 50 ms a workbook
    "Column": (floats(1), lambda a: Column("n", "number", a[0]), always),
}
# Results that can be beyond the float range for finite input near ±1.8e308.
MAY_OVERFLOW = {"stdev", "group_stats", "mean_gap", "gap", "progression"}


def assert_finite(result):
    """No NaN or infinity anywhere in a result (numbers, containers, rows)."""
    if isinstance(result, float):
        assert math.isfinite(result), result
    elif isinstance(result, list | tuple | set):
        for item in result:
            assert_finite(item)
    elif isinstance(result, dict):
        assert_finite(list(result.items()))
    elif dataclasses.is_dataclass(result):
        assert_finite([getattr(result, f.name) for f in dataclasses.fields(result)])


# 50 examples for each function, in each of the two tests below.
EACH = settings(
    FAST, max_examples=50, suppress_health_check=[HealthCheck.filter_too_much]
)


@pytest.mark.parametrize("name", sorted(NUMERIC))
@EACH
@given(data=st.data())
def test_finite_input_gives_finite_output(name, data):
    arguments, call, valid = NUMERIC[name]
    if valid is None:
        return
    args = data.draw(arguments)
    assume(valid(args))
    try:
        result = call(args)
    except ValueError as error:
        assert name in MAY_OVERFLOW and "range" in str(error), error
        assert max(abs(value) for value in args) > 1e300
        return
    assert_finite(result)


@pytest.mark.parametrize("name", sorted(NUMERIC))
@EACH
@given(data=st.data())
def test_non_finite_input_is_refused(name, data):
    arguments, call, _valid = NUMERIC[name]
    args = data.draw(arguments.filter(bool))
    position = data.draw(st.integers(0, len(args) - 1))
    args[position] = data.draw(NON_FINITE)
    with pytest.raises(ValueError, match="finite"):
        call(args)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: clamp(math.nan), "was 100"),
        (lambda: weighted_average([(math.nan, 1.0)]), "was NaN"),
        (
            lambda: goal_health("active", math.nan, DAY, date(2026, 12, 31), DAY),
            "off track",
        ),
        (lambda: visible_answers(["a"], math.nan), "showed every answer"),
        (lambda: peer_score([5.0], 1, 5, math.nan), "a score from one answer"),
        (lambda: check_section_weights([math.nan]), "passed"),
        (lambda: target_counts([math.nan, 100.0], 3), "floor(nan)"),
        (lambda: skill_match({"python": math.nan}, {}), "None, NaN skipped"),
    ],
)
def test_nan_examples_of_the_review(call, expected):
    # ``expected``: what the call did before non-finite numbers were refused.
    with pytest.raises(ValueError, match="finite"):
        call()


@FAST
@given(paired(4, elements=st.floats(-1e300, 1e300)))
def test_results_stay_in_range_below_1e300(values):
    """Away from the edge of the float range nothing overflows: the
    out-of-range refusals above are only for values near ±1.8e308."""
    assert_finite(stdev(values))
    assert_finite(group_stats({"A": values[::2], "B": values[1::2]}, 1))
    assert_finite(mean_gap(pairs(values)))
    assert_finite(
        progression(
            [(1, 2, day, v) for day, v in zip(days(values), values, strict=True)]
        )
    )
    if values:
        assert_finite(gap(values[0], values[1]))
