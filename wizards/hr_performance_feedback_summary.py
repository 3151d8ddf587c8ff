from markupsafe import Markup

from odoo import api, fields, models

from ..lib.anonymity import visible_answers


class HrPerformanceFeedbackSummary(models.TransientModel):
    """What an employee may see of the anonymous feedback about them: the
    number of answers, and the answers themselves (no names, no dates) once
    the company's anonymity threshold is reached."""

    _name = "hr.performance.feedback.summary"
    _description = "Anonymous Feedback About Me"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    answer_count = fields.Integer(compute="_compute_summary")
    threshold = fields.Integer(compute="_compute_summary")
    answers = fields.Html(compute="_compute_summary", sanitize=False)

    @api.model_create_multi
    def create(self, vals_list):
        # Always about the current user: never someone else's anonymous feedback.
        for vals in vals_list:
            vals["employee_id"] = self.env.user.employee_id.id
        return super().create(vals_list)

    @api.depends("employee_id")
    def _compute_summary(self):
        for summary in self:
            requests = (
                self.env["hr.performance.feedback.request"]
                .sudo()
                .search(
                    [
                        ("employee_id", "=", summary.employee_id.id),
                        ("anonymous", "=", True),
                        ("state", "=", "submitted"),
                    ]
                )
            )
            threshold = (
                summary.employee_id.company_id.performance_anonymity_threshold or 3
            )
            shown = visible_answers([str(r.answer or "") for r in requests], threshold)
            summary.answer_count = len(requests)
            summary.threshold = threshold
            summary.answers = Markup("").join(
                Markup(
                    '<blockquote class="border-start border-3 ps-3 my-3">%s</blockquote>'
                )
                % Markup(answer)
                for answer in shown
            )

    @api.model
    def action_open_mine(self):
        summary = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymous Feedback About Me"),
            "res_model": self._name,
            "res_id": summary.id,
            "view_mode": "form",
            "target": "current",
        }
