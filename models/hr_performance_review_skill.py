from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HrPerformanceReviewSkill(models.Model):
    """A skill of the employee's job profile assessed in a review (the
    template's skills section). The manager sets the assessed level during
    the manager review; the employee reads it once the review is shared; the
    employee's hr_skills level follows once the review is acknowledged."""

    _name = "hr.performance.review.skill"
    _description = "Review Skill Assessment"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "review_id, skill_type_id, skill_id"
    # Seeded at launch from the job profile and the employee's skills.
    _system_fields = (
        "skill_type_id",
        "skill_id",
        "required_level_id",
        "current_level_id",
    )
    _fixed_fields = ("review_id",)
    _subject_field = "review_id.employee_id"

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
        if not self._is_privileged():
            if set(vals) - {"assessed_level_id"}:
                raise UserError(
                    self.env._("Only the assessed level of a skill can be changed.")
                )
            message = self.env._(
                "The manager assesses skills during the manager review."
            )
            if self.review_id.filtered(lambda r: r.state != "manager_review"):
                raise AccessError(message)
            self.review_id._ensure_leads(message)
        if vals.get("assessed_level_id"):
            level = self.env["hr.skill.level"].browse(vals["assessed_level_id"])
            if any(level.skill_type_id != line.skill_type_id for line in self):
                raise UserError(self.env._("Choose a level of the skill's own type."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A skill assessment goes with its review; it cannot be deleted."
                )
            )

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_for_reviews(self, reviews):
        """The skills section of ``reviews``: one line per skill of each
        employee's job profile, with the employee's current level. Three
        queries per batch."""
        # sudo: seeds the skills section from job profiles and hr_skills, at launch
        employees = reviews.employee_id.sudo()
        profiles = (
            self.env["hr.performance.job.skill"]
            .sudo()
            .search([("job_id", "in", employees.job_id.ids)])
            .grouped("job_id")
        )
        # sudo: the employees' current levels, copied onto their own reviews
        current = {
            (skill.employee_id.id, skill.skill_id.id): skill.skill_level_id.id
            for skill in self.env["hr.employee.skill"]
            .sudo()
            .search([("employee_id", "in", employees.ids)])
        }
        # sudo: review skill lines are created by the launch only
        return self.sudo().create(
            [
                {
                    "review_id": review.id,
                    "skill_type_id": required.skill_type_id.id,
                    "skill_id": required.skill_id.id,
                    "required_level_id": required.skill_level_id.id,
                    "current_level_id": current.get(
                        (review.employee_id.id, required.skill_id.id)
                    ),
                }
                for review in reviews
                for required in profiles.get(
                    review.employee_id.job_id, self.env["hr.performance.job.skill"]
                )
            ]
        )

    def _apply_to_employee_skills(self):
        """The assessed levels of these lines become their employees' hr_skills
        levels (hr_skills logs the change): one search, batched writes. Called
        once a review is acknowledged."""
        lines = self.filtered("assessed_level_id")
        if not lines:
            return
        # sudo: the reviewed employees' hr_skills lines, updated from those levels
        existing = {
            (skill.employee_id.id, skill.skill_id.id): skill
            for skill in self.env["hr.employee.skill"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", lines.review_id.employee_id.ids),
                    ("skill_id", "in", lines.skill_id.ids),
                ]
            )
        }
        to_create = []
        for line in lines:
            employee = line.review_id.employee_id
            current = existing.get((employee.id, line.skill_id.id))
            if current:
                if current.skill_level_id != line.assessed_level_id:
                    current.skill_level_id = line.assessed_level_id
            else:
                to_create.append(
                    {
                        "employee_id": employee.id,
                        "skill_id": line.skill_id.id,
                        "skill_type_id": line.skill_type_id.id,
                        "skill_level_id": line.assessed_level_id.id,
                    }
                )
        # sudo: new hr_skills lines for the assessed levels the employee acknowledged
        self.env["hr.employee.skill"].sudo().create(to_create)
