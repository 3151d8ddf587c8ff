import math

import pytest

from lib.calibration import (
    adverse_impact,
    group_stats,
    mean_band,
    mean_gap,
    stdev,
    suggest_adjustments,
    target_counts,
)


def test_stdev_is_the_sample_one():
    assert stdev([2, 4, 4, 4, 5, 5, 7, 9]) == pytest.approx(2.13809, abs=1e-5)
    assert stdev([3]) == 0.0


def test_group_stats_flag_lenient_and_severe_raters():
    # Pool: four 5s, four 1s, four 3s → mean 3, sd = √(32 / 11) = 1.70561.
    stats = group_stats({"A": [5] * 4, "B": [1] * 4, "C": [3] * 4}, min_size=3)
    by_key = {s.key: s for s in stats}
    z = 2 / (math.sqrt(32 / 11) / 2)  # 2.34521
    assert by_key["A"].z_score == pytest.approx(z)
    assert by_key["B"].z_score == pytest.approx(-z)
    assert by_key["C"].z_score == pytest.approx(0.0)
    assert [s.flag for s in stats] == ["lenient", "severe", ""]
    assert (by_key["A"].count, by_key["A"].mean, by_key["A"].spread) == (4, 5.0, 0.0)


def test_group_stats_no_z_below_the_minimum_size():
    stats = group_stats({"A": [5] * 4, "B": [1] * 4}, min_size=5)
    assert [(s.z_score, s.flag) for s in stats] == [(None, ""), (None, "")]
    assert group_stats({}, min_size=3) == []


def test_group_stats_unflagged_when_moderate():
    # Pool mean 3, sd √(10 / 8); A: z = 1 / (√1.25 / √3) = 1.549 < 2.
    stats = group_stats({"A": [3, 4, 5], "B": [1, 2, 3], "C": [3, 3, 3]}, 3)
    assert stats[0].z_score == pytest.approx(1 / (math.sqrt(1.25) / math.sqrt(3)))
    assert stats[0].flag == ""


def test_mean_gap_skips_missing_values():
    assert mean_gap([(80, 60), (70, 70), (None, 50), (90, None)]) == 10.0
    assert mean_gap([(None, 1)]) is None


def test_adverse_impact_four_fifths_and_two_proportion_test():
    rows = {
        r.key: r
        for r in adverse_impact(
            {
                "F": [True] * 3 + [False] * 7,
                "M": [True] * 6 + [False] * 4,
                "X": [True, False],
            },
            min_size=5,
        )
    }
    assert rows["F"].rate == 0.3 and rows["M"].rate == 0.6
    assert rows["F"].impact_ratio == pytest.approx(0.5)
    assert rows["F"].adverse and not rows["M"].adverse
    # pooled 0.45, se = √(0.45·0.55·0.2) = 0.22249, z = −1.34840, p = 0.17752
    assert rows["F"].p_value == pytest.approx(0.17752, abs=1e-5)
    assert rows["M"].p_value is None and rows["M"].impact_ratio == 1.0
    # Too small a group: listed, never compared.
    assert (rows["X"].impact_ratio, rows["X"].p_value, rows["X"].adverse) == (
        None,
        None,
        False,
    )


def test_adverse_impact_needs_two_groups_to_compare():
    (row,) = adverse_impact({"F": [True] * 6}, min_size=5)
    assert row.impact_ratio is None and not row.adverse


def test_target_counts_largest_remainder():
    assert target_counts([10, 20, 40, 20, 10], 10) == [1, 2, 4, 2, 1]
    assert target_counts([10, 20, 40, 20, 10], 7) == [1, 1, 3, 1, 1]
    assert sum(target_counts([33.3, 33.3, 33.4], 100)) == 100
    with pytest.raises(ValueError, match="sum to 90"):
        target_counts([50, 40], 10)


def test_suggestions_keep_the_order_of_scores():
    reviews = [
        ("r1", 3, 60.0),
        ("r2", 3, 70.0),
        ("r3", 3, 75.0),
        ("r4", 3, 80.0),
        ("r5", 3, 90.0),
        ("a", 2, 50.0),
        ("b", 2, 52.0),
        ("c", 2, 55.0),
        ("d", 1, 30.0),
        ("e", 1, 35.0),
    ]
    changes = suggest_adjustments(reviews, [10, 20, 40, 20, 10])
    # Counts [0, 2, 3, 5, 0] against [1, 2, 4, 2, 1]. Three changes would do
    # (r1 60 → level 0, r2 → 2, r5 → 4), but 60 would end below 30, 35 and
    # 50: one step across each boundary instead, best scores first.
    assert changes == [
        ("r5", 3, 4),
        ("r2", 3, 2),
        ("r1", 3, 2),
        ("a", 2, 1),
        ("d", 1, 0),
    ]


def test_suggestions_never_demote_the_best_of_a_small_pool():
    # Found on a 4-review cycle: target rounding gave Needs Improvement (1) a
    # slot and none to Outstanding (4); 78.7 was sent from 4 down to 1
    # while 50.0 and 52.4 stayed at 2.
    reviews = [("best", 4, 78.7), ("b", 3, 65.0), ("c", 2, 50.0), ("d", 2, 52.4)]
    assert target_counts([5, 15, 50, 20, 10], 4) == [0, 1, 2, 1, 0]
    assert suggest_adjustments(reviews, [5, 15, 50, 20, 10]) == [
        ("best", 4, 3),
        ("b", 3, 2),
        ("c", 2, 1),
    ]


def test_suggestions_move_up_the_best_and_down_the_weakest():
    reviews = [("low", 1, 40.0), ("mid", 1, 50.0), ("high", 1, 60.0)]
    assert suggest_adjustments(reviews, [100 / 3, 100 / 3, 100 / 3]) == [
        ("high", 1, 2),
        ("low", 1, 0),
    ]


def test_no_suggestion_when_on_target():
    reviews = [("a", 0, 10.0), ("b", 1, 50.0)]
    assert suggest_adjustments(reviews, [50, 50]) == []
    with pytest.raises(ValueError, match="outside the scale"):
        suggest_adjustments([("a", 3, 1.0)], [50, 50])


def test_mean_band_is_the_unflagged_range_of_a_group_mean():
    pool = [1, 2, 3, 3, 3, 3, 4, 5, 5, 1]
    centre, low, high = mean_band(pool, 4)
    assert centre == pytest.approx(3.0)
    half = 2.0 * stdev(pool) / math.sqrt(4)
    assert (low, high) == pytest.approx((3.0 - half, 3.0 + half))
    assert mean_band([], 3) is None
    assert mean_band(pool, 0) is None
    assert mean_band([3, 3], 2) == (3.0, 3.0, 3.0)
    with pytest.raises(ValueError):
        mean_band([1, math.nan], 2)
