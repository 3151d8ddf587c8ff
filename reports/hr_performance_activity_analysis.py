from odoo import fields, models, tools
from odoo.tools import SQL


class HrPerformanceActivityAnalysis(models.Model):
    """How the performance process is lived, one row per event: a check-in,
    a piece of feedback given or received, a goal. HR reads all rows; a
    manager those of the people below them, never their own."""

    _name = "hr.performance.activity.analysis"
    _description = "Performance Process Health"
    _auto = False
    # What the view reads: pending ORM writes are flushed before each query.
    _depends = {
        "hr.performance.checkin": ["date", "employee_id", "manager_id", "state"],
        "hr.performance.feedback": ["create_date", "employee_id", "author_user_id"],
        "hr.performance.goal": [
            "date_deadline",
            "employee_id",
            "state",
            "scope",
            "progress",
            "smart_score",
        ],
        "hr.employee": [
            "company_id",
            "parent_id",
            "department_id",
            "user_id",
            "active",
            "next_checkin_date",
        ],
    }
    _order = "date desc"

    kind = fields.Selection(
        [
            ("checkin", "Check-in"),
            ("feedback_given", "Feedback Given"),
            ("feedback_received", "Feedback Received"),
            ("goal", "Goal"),
        ],
        readonly=True,
    )
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    event_count = fields.Integer(string="Count", readonly=True)
    feedback_given = fields.Integer(readonly=True)
    feedback_received = fields.Integer(readonly=True)
    goal_count = fields.Integer(string="Goals", readonly=True)
    checkin_done = fields.Integer(string="Check-ins Held", readonly=True)
    checkin_missed = fields.Integer(string="Check-ins Missed", readonly=True)
    cadence_adherence = fields.Float(
        digits=(16, 0),
        string="Check-ins Held (%)",
        readonly=True,
        aggregator="avg",
        help="Of the check-ins due before today, the share held: a planned "
        "check-in past its date, or a due date of the check-in rhythm passed "
        "without one, is missed.",
    )
    smart_score = fields.Float(string="SMART Score", readonly=True, aggregator="avg")
    goal_achieved = fields.Float(
        digits=(16, 0),
        string="Goals Achieved (%)",
        readonly=True,
        aggregator="avg",
        help="Of the goals done or past their deadline (cancelled ones aside), the "
        "share done or at 100 %.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    def _query(self):
        """The view's query, also read by the team outcomes view
        (hr.performance.team.outcome.report), so that held, missed and
        achieved have one definition."""
        # Ids: the source id times five plus the kind, stable across refreshes.
        #
        # One definition of a missed check-in, the Team Overview's too
        # (hr.employee.base.checkin_overdue): one was due and none was held,
        # i.e. a planned check-in whose date has passed, or, for someone with
        # a check-in rhythm, a due date (last held + frequency) that passed
        # with no such planned check-in standing for it. Held: done.
        return SQL(
            """
                SELECT c.id * 5 AS id, 'checkin' AS kind, c.date::date AS date,
                       e.company_id, c.employee_id, c.manager_id, e.department_id,
                       1 AS event_count, 0 AS feedback_given, 0 AS feedback_received,
                       0 AS goal_count,
                       CASE WHEN c.state = 'done' THEN 1 ELSE 0 END AS checkin_done,
                       CASE WHEN c.state = 'planned' AND c.date::date < CURRENT_DATE
                            THEN 1 ELSE 0 END AS checkin_missed,
                       CASE WHEN c.state = 'done' THEN 100.0
                            WHEN c.state = 'planned' AND c.date::date < CURRENT_DATE THEN 0.0
                       END AS cadence_adherence,
                       NULL::float AS smart_score, NULL::float AS goal_achieved
                  FROM hr_performance_checkin c
                  JOIN hr_employee e ON e.id = c.employee_id
                 WHERE c.state != 'cancelled'
             UNION ALL
                SELECT f.id * 5 + 1, 'feedback_given', f.create_date::date,
                       author.company_id, author.id, author.parent_id, author.department_id,
                       1, 1, 0, 0, 0, 0, NULL, NULL, NULL
                  FROM hr_performance_feedback f
                  JOIN hr_employee receiver ON receiver.id = f.employee_id
                  JOIN hr_employee author ON author.user_id = f.author_user_id
                                         AND author.company_id = receiver.company_id
             UNION ALL
                SELECT f.id * 5 + 2, 'feedback_received', f.create_date::date,
                       e.company_id, e.id, e.parent_id, e.department_id,
                       1, 0, 1, 0, 0, 0, NULL, NULL, NULL
                  FROM hr_performance_feedback f
                  JOIN hr_employee e ON e.id = f.employee_id
             UNION ALL
                SELECT g.id * 5 + 3, 'goal', COALESCE(g.date_deadline, g.create_date::date),
                       e.company_id, e.id, e.parent_id, e.department_id,
                       1, 0, 0, 1, 0, 0, NULL, g.smart_score,
                       CASE WHEN g.state = 'done' OR g.progress >= 100 THEN 100.0
                            WHEN g.date_deadline < CURRENT_DATE THEN 0.0
                       END
                  FROM hr_performance_goal g
                  JOIN hr_employee e ON e.id = g.employee_id
                 WHERE g.state != 'cancelled' AND g.scope = 'individual'
             UNION ALL
                SELECT e.id * 5 + 4, 'checkin', e.next_checkin_date,
                       e.company_id, e.id, e.parent_id, e.department_id,
                       1, 0, 0, 0, 0, 1, 0.0, NULL, NULL
                  FROM hr_employee e
                 WHERE e.active AND e.next_checkin_date < CURRENT_DATE
                   AND NOT EXISTS (
                        SELECT 1 FROM hr_performance_checkin late
                         WHERE late.employee_id = e.id AND late.state = 'planned'
                           AND late.date::date < CURRENT_DATE)
            """
        )
