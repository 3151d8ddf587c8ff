from odoo import fields, models, tools
from odoo.tools import SQL


class HrPerformanceOutcomeReport(models.Model):
    """Time to productivity: one row per hire recorded by the addon, with the
    days from arrival to the first goal achieved and to the first released
    review rated at or above "meets expectations" (the middle of the rating
    scale or above). Averages per department, job or month of hire in pivot
    and graph. HR reads all rows; a manager those of the people below them."""

    _name = "hr.performance.outcome.report"
    _description = "Outcome Analysis"
    _auto = False
    _depends = {
        "hr.performance.employee.move": [
            "employee_id",
            "company_id",
            "date",
            "kind",
            "to_job_id",
            "to_department_id",
        ],
        "hr.performance.goal": ["employee_id", "scope", "state", "last_update_date"],
        "hr.performance.review": ["employee_id", "state", "cycle_id"],
        "hr.performance.review.assessment": ["review_id", "final_rating_level_id"],
        "hr.performance.cycle": ["date_end"],
        "hr.performance.rating.level": ["value", "scale_id"],
        "hr.employee": ["user_id"],
    }
    _order = "hire_date desc, id desc"

    move_id = fields.Many2one("hr.performance.employee.move", readonly=True)
    hire_date = fields.Date(readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    employee_user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    first_goal_date = fields.Date(string="First Goal Achieved", readonly=True)
    days_to_first_goal = fields.Integer(
        string="Days to First Goal", readonly=True, aggregator="avg"
    )
    first_meets_date = fields.Date(
        string="First Review Meeting Expectations", readonly=True
    )
    days_to_meets = fields.Integer(
        string="Days to Meeting Expectations", readonly=True, aggregator="avg"
    )
    hire_count = fields.Integer(string="Hires", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A goal is achieved on its last update's date (its write date
        # without updates); a review counts from its cycle's end.
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(view)s AS (
                SELECT m.id AS id,
                       m.id AS move_id,
                       m.date AS hire_date,
                       m.employee_id AS employee_id,
                       e.user_id AS employee_user_id,
                       m.company_id AS company_id,
                       m.to_department_id AS department_id,
                       m.to_job_id AS job_id,
                       g.first_date AS first_goal_date,
                       g.first_date - m.date AS days_to_first_goal,
                       r.first_date AS first_meets_date,
                       r.first_date - m.date AS days_to_meets,
                       1 AS hire_count
                  FROM hr_performance_employee_move m
                  JOIN hr_employee e ON e.id = m.employee_id
             LEFT JOIN LATERAL (
                       SELECT min(COALESCE(goal.last_update_date,
                                           goal.write_date::date)) AS first_date
                         FROM hr_performance_goal goal
                        WHERE goal.employee_id = m.employee_id
                          AND goal.scope = 'individual'
                          AND goal.state = 'done'
                          AND COALESCE(goal.last_update_date,
                                       goal.write_date::date) >= m.date
                   ) g ON TRUE
             LEFT JOIN LATERAL (
                       SELECT min(c.date_end) AS first_date
                         FROM hr_performance_review rv
                         JOIN hr_performance_cycle c ON c.id = rv.cycle_id
                         JOIN hr_performance_review_assessment a
                              ON a.review_id = rv.id
                         JOIN hr_performance_rating_level l
                              ON l.id = a.final_rating_level_id
                        WHERE rv.employee_id = m.employee_id
                          AND rv.state IN ('shared', 'done')
                          AND c.date_end >= m.date
                          AND l.value >= (
                              SELECT (min(s.value) + max(s.value)) / 2
                                FROM hr_performance_rating_level s
                               WHERE s.scale_id = l.scale_id)
                   ) r ON TRUE
                 WHERE m.kind = 'hire'
            )""",
                view=SQL.identifier(self._table),
            )
        )
