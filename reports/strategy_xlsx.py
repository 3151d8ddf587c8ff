"""The XLSX export of the strategy review: one row per department and
metric, the year against the year before; the ratings on a second sheet."""

from ..lib.xlsx import Column, Sheet
from .hr_performance_strategy_review import (
    correlation_note,
    strategy_metrics,
    strategy_review_data,
)


def _metric_sheet(env, review):
    year, previous = review["year"], review["previous_year"]
    columns = [
        Column(env._("Department"), width=28),
        Column(env._("Area"), width=10),
        Column(env._("Metric"), width=30),
        Column(str(year), "number"),
        Column(str(previous), "number"),
        Column(env._("Change"), "number"),
    ]
    rows = [
        [
            department["name"],
            area,
            label,
            department["current"].get(key),
            department["previous"].get(key),
            department["change"].get(key),
        ]
        for department in review["departments"]
        for key, label, __, area in strategy_metrics(env)
    ]
    return Sheet(env._("Strategy Review %(year)s", year=year), columns, rows)


def _rating_sheet(env, review):
    year, previous = review["year"], review["previous_year"]
    columns = [
        Column(env._("Department"), width=28),
        Column(env._("Rating"), width=24),
        Column(env._("Reviews %(year)s", year=year), "integer"),
        Column(env._("Share %(year)s (%%)", year=year), "percent"),
        Column(env._("Reviews %(year)s", year=previous), "integer"),
        Column(env._("Share %(year)s (%%)", year=previous), "percent"),
    ]
    rows = [
        [
            department["name"],
            rating["level"],
            rating["current"],
            rating["current_share"],
            rating["previous"],
            rating["previous_share"],
        ]
        for department in review["departments"]
        for rating in department["ratings"]
    ]
    return Sheet(env._("Ratings"), columns, rows)


def _correlation_sheet(env, review):
    columns = [
        Column(env._("Process"), width=30),
        Column(env._("Outcome"), width=24),
        Column(env._("Pearson r"), "number"),
        Column(env._("Spearman rho"), "number"),
        Column(env._("Teams"), "integer"),
        Column(env._("Note"), width=36),
    ]
    rows = [
        [
            row["process"],
            row["outcome"],
            row["pearson"].r,
            row["spearman"].r,
            row["pearson"].n,
            correlation_note(env, row["pearson"]),
        ]
        for row in review["correlations"]["rows"]
    ]
    return Sheet(env._("Process against Outcomes"), columns, rows)


def strategy_sheets(env, year):
    """The strategy review of ``year`` from the rows the user of ``env`` may
    read (``AccessError`` unless HR). Returns ``(file name without
    extension, [lib.xlsx.Sheet])``."""
    review = strategy_review_data(env, year)
    return env._("Strategy review %(year)s", year=year), [
        _metric_sheet(env, review),
        _rating_sheet(env, review),
        _correlation_sheet(env, review),
    ]
