from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.hr_performance_employee_move import REASON_FIRED, REASON_RETIRED


class HrPerformanceTurnoverReport(models.Model):
    """One row per departure recorded by the addon (an employee archived),
    with Odoo's departure reason and the rating at the time: voluntary and
    involuntary turnover over time, among high performers too, and regretted
    losses (a high performer who chose to leave, retirement aside). The
    counts are measures, so pivot and graph add them up per month, department
    or reason. HR reads all rows; a manager those of the people below them."""

    _name = "hr.performance.turnover.report"
    _description = "Turnover Analysis"
    _auto = False
    _depends = {
        "hr.performance.employee.move": [
            "employee_id",
            "company_id",
            "date",
            "kind",
            "from_job_id",
            "from_department_id",
            "high_performer",
            "rating_level_id",
            "departure_reason_id",
        ],
        "hr.departure.reason": ["reason_code"],
        "hr.employee": ["user_id", "parent_id"],
    }
    _order = "date desc, id desc"

    move_id = fields.Many2one("hr.performance.employee.move", readonly=True)
    date = fields.Date(string="Departure Date", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    employee_user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    # Why someone left is HR's to know (as on hr.employee): not their manager's.
    departure_reason_id = fields.Many2one(
        "hr.departure.reason", string="Reason", readonly=True, groups="hr.group_hr_user"
    )
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level", string="Rating at the Time", readonly=True
    )
    voluntary = fields.Boolean(readonly=True, groups="hr.group_hr_user")
    high_performer = fields.Boolean(readonly=True)
    departure_count = fields.Integer(string="Departures", readonly=True)
    voluntary_count = fields.Integer(
        string="Voluntary Departures", readonly=True, groups="hr.group_hr_user"
    )
    involuntary_count = fields.Integer(
        string="Involuntary Departures", readonly=True, groups="hr.group_hr_user"
    )
    high_performer_count = fields.Integer(string="High Performers Gone", readonly=True)
    regretted_count = fields.Integer(
        string="Regretted Losses",
        readonly=True,
        groups="hr.group_hr_user",
        help="High performers who left of their own accord (retirement aside).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Without a reason (e.g. archived with its user) a departure is
        # neither voluntary nor involuntary: it counts as a departure only.
        involuntary = SQL("COALESCE(r.reason_code, 0) = %s", REASON_FIRED)
        voluntary = SQL("(r.id IS NOT NULL AND NOT (%s))", involuntary)
        retired = SQL("COALESCE(r.reason_code, 0) = %s", REASON_RETIRED)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(view)s AS (
                SELECT m.id AS id,
                       m.id AS move_id,
                       m.date AS date,
                       m.employee_id AS employee_id,
                       e.user_id AS employee_user_id,
                       m.company_id AS company_id,
                       m.from_department_id AS department_id,
                       m.from_job_id AS job_id,
                       m.departure_reason_id AS departure_reason_id,
                       m.rating_level_id AS rating_level_id,
                       %(voluntary)s AS voluntary,
                       COALESCE(m.high_performer, FALSE) AS high_performer,
                       1 AS departure_count,
                       CASE WHEN %(voluntary)s THEN 1 ELSE 0 END AS voluntary_count,
                       CASE WHEN %(involuntary)s THEN 1 ELSE 0 END AS involuntary_count,
                       CASE WHEN m.high_performer THEN 1 ELSE 0 END
                           AS high_performer_count,
                       CASE WHEN m.high_performer AND %(voluntary)s
                                 AND NOT (%(retired)s) THEN 1 ELSE 0 END
                           AS regretted_count
                  FROM hr_performance_employee_move m
                  JOIN hr_employee e ON e.id = m.employee_id
             LEFT JOIN hr_departure_reason r ON r.id = m.departure_reason_id
                 WHERE m.kind = 'departure'
            )""",
                view=SQL.identifier(self._table),
                involuntary=involuntary,
                voluntary=voluntary,
                retired=retired,
            )
        )
