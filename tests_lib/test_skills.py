import datetime

import pytest

from lib.skills import (
    LATER,
    ONE_TWO_YEARS,
    READY_NOW,
    gap,
    largest_gaps,
    progression,
    rank_candidates,
    readiness,
    skill_match,
)


def test_gap_never_negative():
    assert gap(80, 50) == 30
    assert gap(50, 80) == 0
    assert gap(60, 0) == 60


def test_skill_match_caps_each_skill_and_ignores_extras():
    required = {"python": 80, "sql": 60, "english": 50}
    current = {"python": 40, "sql": 90, "japanese": 100}
    # python 40/80 = 0.5, sql capped at 1, english missing = 0 → 1.5 / 3 = 50 %
    assert skill_match(required, current) == pytest.approx(50.0)
    assert skill_match({}, current) is None
    assert skill_match({"python": 0}, current) is None
    assert skill_match({"python": 80}, {"python": 80}) == 100.0


@pytest.mark.parametrize(
    ("match", "potential", "expected"),
    [
        (95, "medium", READY_NOW),
        (95, "low", ONE_TWO_YEARS),
        (90, None, READY_NOW),
        (75, "low", ONE_TWO_YEARS),
        (55, "high", ONE_TWO_YEARS),
        (55, "medium", LATER),
        (None, "high", LATER),
    ],
)
def test_readiness(match, potential, expected):
    assert readiness(match, potential) == expected


def test_rank_candidates_by_match_then_nine_box():
    ranked = rank_candidates([("a", 80, 5), ("b", 90, 1), ("c", 80, 9), ("d", None, 9)])
    assert [key for key, *_ in ranked] == ["b", "c", "a", "d"]


def test_largest_gaps():
    gaps = [("sql", 20), ("python", 40), ("git", 0), ("english", 40), ("ux", 10)]
    assert largest_gaps(gaps, 3) == [("english", 40), ("python", 40), ("sql", 20)]


def test_progression_from_logs():
    d = datetime.date
    logs = [
        ("eva", "python", d(2026, 6, 1), 60),
        ("eva", "python", d(2026, 1, 1), 20),
        ("eva", "python", d(2026, 3, 1), 40),
        ("eva", "sql", d(2026, 2, 1), 50),
        ("bob", "python", d(2026, 4, 1), 80),
        ("bob", "python", d(2026, 9, 1), 60),
    ]
    assert progression(logs) == {
        ("eva", "python"): (20, 60, 40),
        ("eva", "sql"): (50, 50, 0),
        ("bob", "python"): (80, 60, -20),
    }
