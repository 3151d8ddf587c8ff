from odoo.tools import SQL


def uninstall_hook(env):
    """Remove the addon's history before Odoo removes its data records.

    Reviews, check-ins, goals and feedback keep employees and cycles with
    ``ondelete='restrict'`` (history is never deleted by accident). Records
    created at run time have no xml id, so Odoo would try to delete the demo
    employees and cycles they point at first, and fail. The tables are dropped
    right after anyway.
    """
    for table in (
        "hr_performance_development_plan",
        "hr_performance_calibration_adjustment",
        "hr_performance_calibration",
        "hr_performance_review",
        "hr_performance_cycle",
        "hr_performance_checkin",
        "hr_performance_feedback_request",
        "hr_performance_feedback",
        "hr_performance_goal_update",
        "hr_performance_goal",
    ):
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    # The roll-up queue is a plain table of the goal model (models/hr_performance_goal.py).
    env.cr.execute("DROP TABLE IF EXISTS hr_performance_goal_rollup_queue")
