import math

import pytest

from lib.strategy import (
    compare,
    delta,
    distribution,
    format_figure,
    percent,
    valid_year,
    with_rates,
)


@pytest.mark.parametrize(
    ("value", "year"),
    [
        (2026, 2026),
        ("2026", 2026),
        (" 2000 ", 2000),
        ("2100", 2100),
        (1999, None),
        (2101, None),
        ("20x6", None),
        ("-2026", None),
        ("2026.0", None),
        ("٢٠٢٦", None),  # digits, but not ASCII ones
        ("", None),
        (None, None),
        (True, None),
        (2026.0, None),
        ("99999999999999999999", None),
    ],
)
def test_valid_year(value, year):
    assert valid_year(value) == year


def test_percent_guards_zero_and_missing():
    assert percent(1, 4) == 25.0
    assert percent(0, 4) == 0.0
    assert percent(1, 0) is None
    assert percent(1, None) is None
    assert percent(None, 4) is None
    assert percent(1, -2) is None
    assert percent(math.nan, 4) is None
    assert percent(1, math.inf) is None


def test_delta_needs_both_figures():
    assert delta(5, 3) == 2.0
    assert delta(3, 5) == -2.0
    assert delta(0, 0) == 0.0
    assert delta(5, None) is None
    assert delta(None, 5) is None
    assert delta(False, 5) is None
    assert delta(math.inf, 1) is None


def test_compare_each_key():
    assert compare({"a": 3, "b": None}, {"a": 1, "b": 2}, ["a", "b", "c"]) == {
        "a": 2.0,
        "b": None,
        "c": None,
    }


def test_with_rates():
    row = with_rates(
        {
            "checkins_held": 3,
            "checkins_missed": 1,
            "reviews": 2,
            "reviews_done": 1,
            "departures": 4,
            "voluntary": 3,
            "regretted": 1,
        }
    )
    assert row["checkins_held_rate"] == 75.0
    assert row["review_completion"] == 50.0
    assert row["voluntary_rate"] == 75.0
    assert row["regretted_rate"] == 25.0
    empty = with_rates({})
    assert empty["checkins_held_rate"] is None
    assert empty["review_completion"] is None
    assert empty["regretted_rate"] is None
    assert with_rates({"checkins_missed": 2})["checkins_held_rate"] == 0.0


def test_distribution():
    assert distribution({"a": 1, "b": 3}) == {"a": 25.0, "b": 75.0}
    assert distribution({"a": 0}) == {}
    assert distribution({}) == {}
    assert distribution({"a": None, "b": 2}) == {"a": 0.0, "b": 100.0}


def test_format_figure():
    assert format_figure(None) == "—"
    assert format_figure(3, "integer") == "3"
    assert format_figure(2.25, "number") == "2.2"
    assert format_figure(75, "score") == "75.0 %"
    assert format_figure(2, "integer", signed=True) == "+2"
    assert format_figure(-2, "integer", signed=True) == "-2"
    assert format_figure(0, "integer", signed=True) == "0"
    assert format_figure(math.nan) == "—"
