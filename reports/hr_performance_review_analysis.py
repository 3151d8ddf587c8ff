from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.hr_performance_review import REVIEW_STATES, score_sql


class HrPerformanceReviewAnalysis(models.Model):
    """One row per review: its rating and scores, and how each step went
    against its deadline. HR reads all rows; a manager those of the people
    below them, never their own."""

    _name = "hr.performance.review.analysis"
    _description = "Review Analysis"
    _auto = False
    # What the view reads: pending ORM writes are flushed before each query.
    _depends = {
        "hr.performance.review": [
            "cycle_id",
            "company_id",
            "department_id",
            "manager_id",
            "manager_user_id",
            "employee_id",
            "state",
            "goal_score",
            "has_goal_score",
            "self_score",
            "has_self_score",
            "self_submitted_date",
            "manager_submitted_date",
        ],
        "hr.performance.cycle": [
            "date_start",
            "self_review_deadline",
            "manager_review_deadline",
        ],
        "hr.employee": ["user_id", "job_id", "gender"],
        "hr.performance.review.assessment": [
            "review_id",
            "rating_level_id",
            "overall_score",
            "has_overall_score",
        ],
        "hr.performance.rating.level": ["value"],
    }
    _order = "cycle_date desc, employee_id"

    review_id = fields.Many2one("hr.performance.review", readonly=True)
    cycle_id = fields.Many2one("hr.performance.cycle", readonly=True)
    cycle_date = fields.Date(string="Cycle Start", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    manager_user_id = fields.Many2one("res.users", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    employee_user_id = fields.Many2one("res.users", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other")],
        readonly=True,
        groups="hr.group_hr_user",
    )
    state = fields.Selection(REVIEW_STATES, readonly=True)
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level", string="Rating", readonly=True
    )
    rating_value = fields.Float(readonly=True, aggregator="avg")
    # Empty (NULL) where the score does not exist yet: averages leave it out.
    overall_score = fields.Float(readonly=True, aggregator="avg")
    goal_score = fields.Float(readonly=True, aggregator="avg")
    self_score = fields.Float(readonly=True, aggregator="avg")
    review_count = fields.Integer(string="Reviews", readonly=True)
    done_count = fields.Integer(string="Completed", readonly=True)
    self_on_time = fields.Float(
        digits=(16, 0),
        string="Self Review On Time (%)",
        readonly=True,
        aggregator="avg",
        help="Submitted by the self review deadline; empty while not yet due.",
    )
    manager_on_time = fields.Float(
        digits=(16, 0),
        string="Manager Review On Time (%)",
        readonly=True,
        aggregator="avg",
        help="Submitted by the manager review deadline; empty while not yet due.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT r.id, r.id AS review_id, r.cycle_id, c.date_start AS cycle_date,
                       r.company_id, r.department_id, r.manager_id, r.manager_user_id,
                       r.employee_id, e.user_id AS employee_user_id, e.job_id, e.gender,
                       r.state, a.rating_level_id, l.value AS rating_value,
                       %s AS overall_score, %s AS goal_score, %s AS self_score,
                       1 AS review_count,
                       CASE WHEN r.state = 'done' THEN 1 ELSE 0 END AS done_count,
                       %s AS self_on_time,
                       %s AS manager_on_time
                  FROM hr_performance_review r
                  JOIN hr_performance_cycle c ON c.id = r.cycle_id
                  JOIN hr_employee e ON e.id = r.employee_id
             LEFT JOIN hr_performance_review_assessment a ON a.review_id = r.id
             LEFT JOIN hr_performance_rating_level l ON l.id = a.rating_level_id
                 WHERE r.state != 'cancelled'
            )
            """,
                SQL.identifier(self._table),
                score_sql("a", "overall_score"),
                score_sql("r", "goal_score"),
                score_sql("r", "self_score"),
                self._on_time("r.self_submitted_date", "c.self_review_deadline"),
                self._on_time("r.manager_submitted_date", "c.manager_review_deadline"),
            )
        )

    def _on_time(self, submitted, deadline):
        """100 when submitted by the deadline (or without one), 0 when late or
        missing after it, NULL while it is still ahead: averages give rates."""
        return SQL(
            """CASE WHEN %(submitted)s IS NOT NULL
                         AND (%(deadline)s IS NULL OR %(submitted)s <= %(deadline)s) THEN 100.0
                    WHEN %(deadline)s < CURRENT_DATE THEN 0.0
               END""",
            submitted=SQL(submitted),
            deadline=SQL(deadline),
        )
