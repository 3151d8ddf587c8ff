"""The XLSX export of process health: one row per manager."""

from ..lib.xlsx import Column, Sheet

EVENT_KEYS = (
    "done",
    "missed",
    "adherence",
    "feedback_given",
    "feedback_received",
    "goal",
    "smart",
    "achieved",
)
ROW_KEYS = ("reviews", "self_on_time", "manager_on_time", *EVENT_KEYS)


def _by_manager(env):
    """``{manager: {key: value}}`` from the rows the user may read: one
    grouped query each for the events and the reviews."""
    events = env["hr.performance.activity.analysis"]._read_group(
        [("manager_id", "!=", False)],
        ["manager_id"],
        [
            "checkin_done:sum",
            "checkin_missed:sum",
            "cadence_adherence:avg",
            "feedback_given:sum",
            "feedback_received:sum",
            "goal_count:sum",
            "smart_score:avg",
            "goal_achieved:avg",
        ],
    )
    reviews = env["hr.performance.review.analysis"]._read_group(
        [("manager_id", "!=", False)],
        ["manager_id"],
        ["review_count:sum", "self_on_time:avg", "manager_on_time:avg"],
    )
    by_manager = {
        manager: dict(zip(EVENT_KEYS, values, strict=True))
        for manager, *values in events
    }
    for manager, count, self_on_time, manager_on_time in reviews:
        by_manager.setdefault(manager, {}).update(
            reviews=count,
            self_on_time=self_on_time,
            manager_on_time=manager_on_time,
        )
    return by_manager


def _columns(env):
    return [
        Column(env._("Manager"), width=28),
        Column(env._("Reviews"), "integer"),
        Column(env._("Self Reviews On Time (%)"), "score", width=16),
        Column(env._("Manager Reviews On Time (%)"), "score", width=16),
        Column(env._("Check-ins Held"), "integer"),
        Column(env._("Check-ins Missed"), "integer"),
        Column(env._("Check-ins Held (%)"), "score"),
        Column(env._("Feedback Given"), "integer"),
        Column(env._("Feedback Received"), "integer"),
        Column(env._("Goals"), "integer"),
        Column(env._("SMART Score (0-5)"), "number"),
        Column(env._("Goals Achieved (%)"), "score"),
    ]


def health_sheets(env):
    """Process health per manager, from the rows the user of ``env`` may
    read. Returns ``(file name without extension, [lib.xlsx.Sheet])``."""
    by_manager = _by_manager(env)
    rows = [
        [manager.name] + [row.get(key) for key in ROW_KEYS]
        for manager, row in sorted(
            by_manager.items(), key=lambda item: item[0].name or ""
        )
    ]
    return env._("Process health"), [
        Sheet(env._("Process Health"), _columns(env), rows)
    ]
