from odoo import fields, models, tools
from odoo.tools import SQL


class HrPerformanceSkillMatrix(models.Model):
    """Employee × skill: one row per skill the employee has or their job
    requires, with the current and required levels and the gap. HR reads all
    rows, a manager those of the people below them, an employee their own."""

    _name = "hr.performance.skill.matrix"
    _description = "Skills Matrix"
    _auto = False
    # What the view reads: pending ORM writes are flushed before each query.
    _depends = {
        "hr.employee.skill": [
            "employee_id",
            "skill_id",
            "skill_type_id",
            "skill_level_id",
        ],
        "hr.performance.job.skill": [
            "job_id",
            "skill_id",
            "skill_type_id",
            "skill_level_id",
        ],
        "hr.skill.level": ["level_progress"],
        "hr.employee": [
            "user_id",
            "department_id",
            "job_id",
            "parent_id",
            "company_id",
            "active",
        ],
    }
    _order = "employee_id, skill_type_id, skill_id"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    employee_user_id = fields.Many2one("res.users", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    manager_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    skill_id = fields.Many2one("hr.skill", readonly=True)
    skill_type_id = fields.Many2one("hr.skill.type", readonly=True)
    current_level_progress = fields.Integer(
        string="Current Level (%)", readonly=True, aggregator="avg"
    )
    required_level_progress = fields.Integer(
        string="Required Level (%)", readonly=True, aggregator="avg"
    )
    gap = fields.Integer(string="Gap (%)", readonly=True, aggregator="avg")
    required = fields.Boolean(string="Required by the Job", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                WITH current_skill AS (
                    SELECT es.employee_id, es.skill_id, es.skill_type_id,
                           l.level_progress
                      FROM hr_employee_skill es
                      JOIN hr_skill_level l ON l.id = es.skill_level_id
                ), required_skill AS (
                    SELECT e.id AS employee_id, js.skill_id, js.skill_type_id,
                           l.level_progress
                      FROM hr_employee e
                      JOIN hr_performance_job_skill js ON js.job_id = e.job_id
                      JOIN hr_skill_level l ON l.id = js.skill_level_id
                )
                SELECT ROW_NUMBER() OVER (ORDER BY e.id, s.skill_id) AS id,
                       e.id AS employee_id, e.user_id AS employee_user_id,
                       e.department_id, e.job_id, e.parent_id AS manager_id,
                       e.company_id, s.skill_id, s.skill_type_id,
                       s.current_level_progress, s.required_level_progress,
                       GREATEST(s.required_level_progress - s.current_level_progress, 0)
                           AS gap,
                       s.required
                  FROM (
                    SELECT COALESCE(c.employee_id, r.employee_id) AS employee_id,
                           COALESCE(c.skill_id, r.skill_id) AS skill_id,
                           COALESCE(c.skill_type_id, r.skill_type_id) AS skill_type_id,
                           COALESCE(c.level_progress, 0) AS current_level_progress,
                           COALESCE(r.level_progress, 0) AS required_level_progress,
                           r.employee_id IS NOT NULL AS required
                      FROM current_skill c
           FULL OUTER JOIN required_skill r
                        ON r.employee_id = c.employee_id AND r.skill_id = c.skill_id
                  ) s
                  JOIN hr_employee e ON e.id = s.employee_id
                 WHERE e.active
            )
            """,
                SQL.identifier(self._table),
            )
        )
