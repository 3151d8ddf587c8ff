from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .access import is_performance_hr


class HrPerformanceReviewSkill(models.Model):
    """A skill of the employee's job profile assessed in a review (the
    template's skills section). The manager sets the assessed level during
    the manager review; the employee reads it once the review is shared; the
    employee's hr_skills level follows once the review is acknowledged."""

    _name = "hr.performance.review.skill"
    _description = "Review Skill Assessment"
    _order = "review_id, skill_type_id, skill_id"

    review_id = fields.Many2one(
        "hr.performance.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    skill_type_id = fields.Many2one("hr.skill.type", readonly=True, required=True)
    skill_id = fields.Many2one("hr.skill", readonly=True, required=True)
    required_level_id = fields.Many2one("hr.skill.level", readonly=True)
    current_level_id = fields.Many2one(
        "hr.skill.level", readonly=True, help="The employee's level at launch."
    )
    assessed_level_id = fields.Many2one(
        "hr.skill.level", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    required_progress = fields.Integer(
        related="required_level_id.level_progress", string="Required (%)"
    )
    assessed_progress = fields.Integer(
        related="assessed_level_id.level_progress", string="Assessed (%)"
    )

    _sql_constraints = [
        (
            "review_skill_unique",
            "UNIQUE(review_id, skill_id)",
            "A review assesses a skill once.",
        ),
    ]

    def write(self, vals):
        if not is_performance_hr(self.env):
            if set(vals) - {"assessed_level_id"}:
                raise UserError(
                    self.env._("Only the assessed level of a skill can be changed.")
                )
            for review in self.review_id:
                if review.state != "manager_review" or not review._leads():
                    raise AccessError(
                        self.env._(
                            "The manager assesses skills during the manager review."
                        )
                    )
        if vals.get("assessed_level_id"):
            level = self.env["hr.skill.level"].browse(vals["assessed_level_id"])
            if any(level.skill_type_id != line.skill_type_id for line in self):
                raise UserError(self.env._("Choose a level of the skill's own type."))
        return super().write(vals)
