"""The strategy review: process and outcome metrics per department, for a
year and the year before, from the analysis views (read with the user's
rights, HR only). One grouped query per view, whatever the headcount."""

from datetime import date

from odoo import api, models
from odoo.exceptions import AccessError

from ..lib.correlation import MIN_SAMPLE, pearson, spearman
from ..lib.strategy import compare, distribution, format_figure, with_rates

OFFICER = "hr_performance.group_performance_officer"
# (view, its date field, {key: aggregate}): the figures of one department and
# year are the aggregates over the view's rows of that year.
SOURCES = (
    (
        "hr.performance.activity.analysis",
        "date",
        {
            "checkins_held": "checkin_done:sum",
            "checkins_missed": "checkin_missed:sum",
            "feedback_given": "feedback_given:sum",
            "goals": "goal_count:sum",
            "goals_achieved": "goal_achieved:avg",
            "smart_score": "smart_score:avg",
        },
    ),
    (
        "hr.performance.review.analysis",
        "cycle_date",
        {
            "reviews": "review_count:sum",
            "reviews_done": "done_count:sum",
            "rating_value": "rating_value:avg",
        },
    ),
    (
        "hr.performance.turnover.report",
        "date",
        {
            "departures": "departure_count:sum",
            "voluntary": "voluntary_count:sum",
            "involuntary": "involuntary_count:sum",
            "high_performers_gone": "high_performer_count:sum",
            "regretted": "regretted_count:sum",
        },
    ),
    (
        "hr.performance.outcome.report",
        "hire_date",
        {
            "hires": "hire_count:sum",
            "days_to_first_goal": "days_to_first_goal:avg",
            "days_to_meets": "days_to_meets:avg",
        },
    ),
)


def strategy_metrics(env):
    """``[(key, label, kind, area)]`` in the order printed; ``kind`` is a
    ``lib.xlsx`` column kind (``score``: a percentage)."""
    process, outcome = env._("Process"), env._("Outcome")
    return [
        ("checkins_held", env._("Check-ins Held"), "integer", process),
        ("checkins_missed", env._("Check-ins Missed"), "integer", process),
        ("checkins_held_rate", env._("Check-ins Held (%)"), "score", process),
        ("feedback_given", env._("Feedback Given"), "integer", process),
        ("goals", env._("Goals"), "integer", process),
        ("smart_score", env._("SMART Score (0-5)"), "number", process),
        ("goals_achieved", env._("Goals Achieved (%)"), "score", process),
        ("reviews", env._("Reviews"), "integer", process),
        ("review_completion", env._("Reviews Completed (%)"), "score", process),
        ("rating_value", env._("Average Rating"), "number", outcome),
        ("departures", env._("Departures"), "integer", outcome),
        ("voluntary", env._("Voluntary Departures"), "integer", outcome),
        ("involuntary", env._("Involuntary Departures"), "integer", outcome),
        ("high_performers_gone", env._("High Performers Gone"), "integer", outcome),
        ("regretted", env._("Regretted Losses"), "integer", outcome),
        ("regretted_rate", env._("Regretted Losses (%)"), "score", outcome),
        ("hires", env._("Hires"), "integer", outcome),
        ("days_to_first_goal", env._("Days to First Goal"), "number", outcome),
        ("days_to_meets", env._("Days to Meeting Expectations"), "number", outcome),
    ]


def team_metrics(env):
    """``(process, outcomes)``: ``[(field of the team outcomes view,
    label)]``, each process metric correlated with each outcome."""
    return (
        [
            ("cadence_kept", env._("Cadence Kept (%)")),
            ("feedback_rate", env._("Feedback per Person per Month")),
            ("smart_rate", env._("SMART Goals (%)")),
        ],
        [
            ("rating_value", env._("Average Rating")),
            ("turnover_rate", env._("Turnover (%)")),
            ("goal_attainment", env._("Goals Achieved (%)")),
        ],
    )


def team_correlations(env, year):
    """Process against outcomes across the teams of ``year`` the user may
    read (``hr.performance.team.outcome.report``): for each process metric
    and outcome, Pearson's r and Spearman's rho over the teams where both
    figures exist, none below ``MIN_SAMPLE`` teams. One grouped query: an
    empty figure stays empty there (a record would read it as 0).
    ``{"teams", "minimum", "rows": [{"process", "outcome", "pearson",
    "spearman"}]}``; ``AccessError`` unless HR."""
    _check_hr(env)
    process, outcomes = team_metrics(env)
    fields = [field for field, __ in process + outcomes]
    groups = env["hr.performance.team.outcome.report"]._read_group(
        [("date", "=", date(year, 1, 1))],
        ["manager_id"],
        [f"{field}:max" for field in fields],
    )
    # _read_group gives an empty figure (NULL) as False, a real 0 as 0.
    series = {
        field: [
            None if values[1 + index] is False else values[1 + index]
            for values in groups
        ]
        for index, field in enumerate(fields)
    }
    rows = []
    for process_field, process_label in process:
        for outcome_field, outcome_label in outcomes:
            xs, ys = series[process_field], series[outcome_field]
            rows.append(
                {
                    "process": process_label,
                    "outcome": outcome_label,
                    "pearson": pearson(xs, ys),
                    "spearman": spearman(xs, ys),
                }
            )
    return {"teams": len(groups), "minimum": MIN_SAMPLE, "rows": rows}


def correlation_note(env, correlation):
    """Why a correlation has no figure, as printed; empty when it has one."""
    if correlation.r is not None:
        return ""
    if not correlation.enough:
        return env._(
            "not enough teams (n = %(n)s, need %(minimum)s)",
            n=correlation.n,
            minimum=correlation.minimum,
        )
    return env._("no variation (n = %(n)s)", n=correlation.n)


def correlation_intro(env, review):
    """The sentence above the correlations table, as printed."""
    return env._(
        "Across the teams of %(year)s (a team: a manager and their direct "
        "reports), how each process metric goes with each outcome: Pearson's r "
        "and Spearman's rank correlation, from -1 to 1, over the teams where both "
        "figures exist. No figure below %(minimum)s teams. A correlation is not "
        "a cause.",
        year=review["year"],
        minimum=review["correlations"]["minimum"],
    )


def _check_hr(env):
    if not env.user.has_group(OFFICER):
        raise AccessError(env._("The strategy review is for HR only."))


def _years_domain(field, year):
    return [(field, ">=", date(year - 1, 1, 1)), (field, "<=", date(year, 12, 31))]


def _figures(env, year):
    """``{department: {year: {key: value}}}``: one grouped query per view."""
    figures = {}
    for model, field, aggregates in SOURCES:
        groups = env[model]._read_group(
            _years_domain(field, year),
            ["department_id", f"{field}:year"],
            list(aggregates.values()),
        )
        for department, period, *values in groups:
            figures.setdefault(department, {}).setdefault(period.year, {}).update(
                zip(aggregates, values, strict=True)
            )
    return figures


def _ratings(env, year):
    """``{department: {level: {year: count}}}`` of the reviews rated."""
    groups = env["hr.performance.review.analysis"]._read_group(
        [*_years_domain("cycle_date", year), ("rating_level_id", "!=", False)],
        ["department_id", "cycle_date:year", "rating_level_id"],
        ["review_count:sum"],
    )
    ratings = {}
    for department, period, level, count in groups:
        by_level = ratings.setdefault(department, {}).setdefault(level, {})
        by_level[period.year] = count
    return ratings


def _rating_rows(levels, year):
    """The rows of one department's ratings table, lowest level first."""
    shares = {
        period: distribution(
            {lvl: counts.get(period, 0) for lvl, counts in levels.items()}
        )
        for period in (year, year - 1)
    }
    return [
        {
            "level": level.display_name,
            "current": counts.get(year, 0),
            "previous": counts.get(year - 1, 0),
            "current_share": shares[year].get(level),
            "previous_share": shares[year - 1].get(level),
        }
        for level, counts in sorted(
            levels.items(), key=lambda item: (item[0].scale_id.id, item[0].value)
        )
    ]


def strategy_review_data(env, year):
    """The strategy review of ``year`` against ``year - 1``, per department,
    from the rows the user of ``env`` may read; ``AccessError`` unless HR.
    ``{"year", "previous_year", "departments": [{"department", "name",
    "current", "previous", "change", "ratings"}], "correlations"}``
    (departments sorted by name; correlations: ``team_correlations``)."""
    _check_hr(env)
    keys = [key for key, *__ in strategy_metrics(env)]
    figures, ratings = _figures(env, year), _ratings(env, year)
    departments = []
    for department in set(figures) | set(ratings):
        by_year = figures.get(department, {})
        current = with_rates(by_year.get(year, {}))
        previous = with_rates(by_year.get(year - 1, {}))
        departments.append(
            {
                "department": department,
                "name": department.display_name or env._("No Department"),
                "current": current,
                "previous": previous,
                "change": compare(current, previous, keys),
                "ratings": _rating_rows(ratings.get(department, {}), year),
            }
        )
    departments.sort(key=lambda row: (not row["department"], row["name"]))
    return {
        "year": year,
        "previous_year": year - 1,
        "departments": departments,
        "correlations": team_correlations(env, year),
    }


class ReportStrategyReview(models.AbstractModel):
    _name = "report.hr_performance.report_strategy_review"
    _description = "Strategy Review Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["hr.performance.strategy.review"].browse(docids)
        wizards.check_access("read")
        return {
            "doc_ids": wizards.ids,
            "doc_model": "hr.performance.strategy.review",
            "docs": wizards,
            "reviews": {
                wizard.id: strategy_review_data(self.env, wizard.year)
                for wizard in wizards
            },
            "metrics": strategy_metrics(self.env),
            "figure": format_figure,
            "correlation_note": lambda correlation: correlation_note(
                self.env, correlation
            ),
            "correlation_intro": lambda review: correlation_intro(self.env, review),
        }
