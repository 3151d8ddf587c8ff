from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPerformanceFeedbackAnswer(models.Model):
    """A colleague's answer to one of the cycle's questions in a 360 request.
    Read like its request (never by the subject of an anonymous one); written
    by the request's reviewer while the request is open, by nobody else (HR
    included: an answer is the reviewer's word)."""

    _name = "hr.performance.feedback.answer"
    _description = "360 Answer"
    _inherit = ["hr.performance.answer.mixin", "hr.performance.guard.mixin"]
    _order = "request_id, sequence, id"
    _system_fields = ("question_id", "sequence")
    _fixed_fields = ("request_id",)
    _subject_field = "request_id.employee_id"

    request_id = fields.Many2one(
        "hr.performance.feedback.request",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    section_name = fields.Char(related="question_id.section_id.name", string="Section")
    sequence = fields.Integer(readonly=True)
    rating_scale_id = fields.Many2one(related="request_id.rating_scale_id")

    def write(self, vals):
        if not self.env.su:
            self._ensure_answer_fields(vals)
            request = self.request_id
            request._ensure_reviewer()
            if request.filtered(lambda r: r.state != "requested"):
                raise UserError(self.env._("This feedback request is closed."))
        self._ensure_rating_level(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("Answers go with their request; they cannot be deleted.")
            )
