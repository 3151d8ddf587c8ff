"""The XLSX export of a calibration session: its reviews, the adjustment log
and the rating distribution, one sheet each."""

from odoo import fields

from ..lib.xlsx import Column, Sheet
from .cycle_xlsx import selection_labels


def _reviews(session):
    env = session.env
    potentials = selection_labels(env, "hr.performance.review", "potential")
    columns = [
        Column(env._("Employee"), width=28),
        Column(env._("Department"), width=22),
        Column(env._("Manager"), width=24),
        Column(env._("Overall Score"), "score"),
        Column(env._("Proposed Rating"), width=20),
        Column(env._("Final Rating"), width=20),
        Column(env._("Potential")),
        Column(env._("9-Box"), "integer", width=8),
    ]
    rows = (
        [
            review.employee_id.name,
            review.department_id.name,
            review.manager_id.name,
            review._score("overall_score"),
            review.proposed_rating_level_id.name,
            review.final_rating_level_id.name,
            potentials.get(review.potential),
            review.nine_box_cell or None,
        ]
        for review in session.review_ids.sorted(lambda r: r.employee_id.name or "")
    )
    return Sheet(env._("Reviews"), columns, rows)


def _adjustments(session):
    env = session.env
    kinds = selection_labels(env, "hr.performance.calibration.adjustment", "kind")
    columns = [
        Column(env._("Date"), width=20),
        Column(env._("By"), width=22),
        Column(env._("Employee"), width=28),
        Column(env._("Kind")),
        Column(env._("From"), width=20),
        Column(env._("To"), width=20),
        Column(env._("Reason"), width=60),
    ]
    adjustments = env["hr.performance.calibration.adjustment"].search(
        [("review_id", "in", session.review_ids.ids)], order="date, id"
    )
    rows = (
        [
            fields.Datetime.to_string(adjustment.date),
            adjustment.user_id.name,
            adjustment.review_id.employee_id.name,
            kinds.get(adjustment.kind),
            adjustment.old_level_id.name,
            adjustment.new_level_id.name,
            adjustment.reason,
        ]
        for adjustment in adjustments
    )
    return Sheet(env._("Adjustment Log"), columns, rows)


def _distribution(session):
    env = session.env
    columns = [
        Column(env._("Rating"), width=24),
        Column(env._("Target (%)"), "percent"),
        Column(env._("Target Count"), "integer"),
        Column(env._("Actual Count"), "integer"),
        Column(env._("Actual (%)"), "percent"),
    ]
    rows = [
        [
            line.level_id.name,
            line.target_percent,
            line.target_count,
            line.actual_count,
            line.actual_percent,
        ]
        for line in session.distribution_ids.sorted("level_value")
    ]
    return Sheet(env._("Distribution"), columns, rows)


def calibration_sheets(session):
    """Reviews with their ratings, the adjustment log and the distribution,
    read with the current user's rights. Returns ``(file name without
    extension, [lib.xlsx.Sheet])``."""
    session.ensure_one()
    return session.name, [
        _reviews(session),
        _adjustments(session),
        _distribution(session),
    ]
