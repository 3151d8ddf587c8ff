from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPerformanceFeedbackRequestWizard(models.TransientModel):
    _name = "hr.performance.feedback.request.wizard"
    _description = "Request Feedback"

    employee_id = fields.Many2one(
        "hr.employee",
        string="Feedback About",
        required=True,
        default=lambda self: self.env.user.employee_id,
        help="Yourself, or (as a manager) one of your reports.",
    )
    reviewer_user_ids = fields.Many2many(
        "res.users", string="Reviewers", domain="[('share', '=', False)]"
    )
    question = fields.Text(
        string="Feedback Wanted On",
        default=lambda self: self.env._(
            "What should I keep doing, and what could I do better?"
        ),
    )
    deadline = fields.Date(
        default=lambda self: fields.Date.add(fields.Date.context_today(self), days=14)
    )
    anonymous = fields.Boolean(default=True)
    review_id = fields.Many2one(
        "hr.performance.review",
        readonly=True,
        help="Set when asked from a review (360).",
    )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        self.reviewer_user_ids -= self.employee_id.user_id

    def action_send(self):
        self.ensure_one()
        if not self.reviewer_user_ids:
            raise UserError(self.env._("Choose at least one reviewer."))
        # Created with the user's own rights: the record rules let people ask
        # about themselves or their reports only.
        requests = self.env["hr.performance.feedback.request"].create(
            [
                {
                    "employee_id": self.employee_id.id,
                    "reviewer_user_id": reviewer.id,
                    "question": self.question,
                    "deadline": self.deadline,
                    "anonymous": self.anonymous,
                    "review_id": self.review_id.id,
                    "relation": "peer" if self.review_id else "other",
                }
                for reviewer in self.reviewer_user_ids
            ]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s feedback requests sent.", count=len(requests)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
