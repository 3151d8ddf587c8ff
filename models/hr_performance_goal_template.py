from odoo import fields, models

from .hr_performance_goal import PROGRESS_MODES


class HrPerformanceGoalTemplate(models.Model):
    _name = "hr.performance.goal.template"
    _description = "Goal Template"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Html(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by all companies."
    )
    job_ids = fields.Many2many(
        "hr.job", string="Job Positions", help="Suggested for these jobs."
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Suggested for these departments."
    )
    progress_mode = fields.Selection(PROGRESS_MODES, required=True, default="metric")
    kpi_id = fields.Many2one(
        "hr.performance.kpi",
        string="KPI",
        ondelete="restrict",
        help="For a data goal: how its value is measured.",
    )
    start_value = fields.Float()
    target_value = fields.Float()
    unit = fields.Char()
    weight = fields.Float(default=1.0)
    duration_days = fields.Integer(
        string="Duration (days)",
        default=90,
        help="Deadline proposed from the start date.",
    )

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK(weight > 0)",
            "The weight of a goal must be positive.",
        ),
        (
            "duration_positive",
            "CHECK(duration_days > 0)",
            "The duration must be at least one day.",
        ),
    ]

    def _goal_values(self):
        """Values a goal takes from this template."""
        self.ensure_one()
        return {
            "template_id": self.id,
            "name": self.name,
            "description": self.description,
            "progress_mode": self.progress_mode,
            "kpi_id": self.kpi_id.id,
            "start_value": self.start_value,
            "target_value": self.target_value,
            "current_value": self.start_value,
            "unit": self.unit,
            "weight": self.weight,
        }
