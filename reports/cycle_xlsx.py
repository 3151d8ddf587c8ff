"""The XLSX export of a review cycle: one row per review."""

from ..lib.xlsx import Column, Sheet


def selection_labels(env, model, field):
    """``{value: translated label}`` of a selection field."""
    return dict(env[model]._fields[field]._description_selection(env))


def _columns(env):
    return [
        Column(env._("Employee"), width=28),
        Column(env._("Department"), width=22),
        Column(env._("Manager"), width=24),
        Column(env._("Status")),
        Column(env._("Goal Score"), "score"),
        Column(env._("Self Score"), "score"),
        Column(env._("Peer Score"), "score"),
        Column(env._("Upward Score"), "score"),
        Column(env._("Manager Score"), "score"),
        Column(env._("Overall Score"), "score"),
        Column(env._("Proposed Rating"), width=20),
        Column(env._("Final Rating"), width=20),
        Column(env._("Potential")),
        Column(env._("9-Box"), "integer", width=8),
        Column(env._("Acknowledged"), "date"),
        Column(env._("Employee Comment"), width=50),
    ]


def cycle_sheets(cycle):
    """The cycle's results: the reviews the user may read, and of each what
    the user may see (an employee sees no rating before release). Returns
    ``(file name without extension, [lib.xlsx.Sheet])``."""
    cycle.ensure_one()
    env = cycle.env
    reviews = env["hr.performance.review"].search(
        [("cycle_id", "=", cycle.id)], order="department_id, employee_id"
    )
    potentials = selection_labels(env, "hr.performance.review", "potential")
    states = selection_labels(env, "hr.performance.review", "state")
    rows = (
        [
            review.employee_id.name,
            review.department_id.name,
            review.manager_id.name,
            states.get(review.state),
            # An empty cell where a score does not exist (yet), never a 0.
            review._score("current_goal_score"),
            review._score("self_score"),
            review._score("peer_score"),
            review._score("upward_score"),
            review._score("manager_score"),
            review._score("overall_score"),
            review.proposed_rating_level_id.name,
            review.final_rating_level_id.name,
            potentials.get(review.potential),
            review.nine_box_cell or None,
            review.acknowledged_date,
            review.employee_comment,
        ]
        for review in reviews
    )
    return cycle.name, [Sheet(env._("Results"), _columns(env), rows)]
