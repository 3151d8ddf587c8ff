from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceJobSkill(models.Model):
    """A skill a job position requires, at a level: the role's profile that
    the skills matrix, reviews and succession compare people against."""

    _name = "hr.performance.job.skill"
    _description = "Required Skill of a Job Position"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "job_id, skill_type_id, skill_id"

    job_id = fields.Many2one("hr.job", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Required Level",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress")

    _sql_constraints = [
        (
            "job_skill_unique",
            "UNIQUE(job_id, skill_id)",
            "A job position requires a skill once.",
        ),
    ]

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_type(self):
        for line in self:
            if (
                line.skill_id.skill_type_id != line.skill_type_id
                or line.skill_level_id.skill_type_id != line.skill_type_id
            ):
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s and its level must belong to the skill type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
