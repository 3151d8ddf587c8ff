from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    performance_level = fields.Integer(
        string="Seniority Level",
        help="Higher is more senior: a move to a job of a higher level is "
        "recorded as a promotion (0: not set).",
    )
    performance_skill_ids = fields.One2many(
        "hr.performance.job.skill", "job_id", string="Required Skills"
    )

    def action_open_succession(self):
        """Internal candidates for this position, ranked (HR only)."""
        self.ensure_one()
        wizard = self.env["hr.performance.succession"].create({"job_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Succession: %(job)s", job=self.name),
            "res_model": "hr.performance.succession",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "current",
        }
