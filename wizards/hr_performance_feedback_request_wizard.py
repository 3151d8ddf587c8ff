from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..models.access import is_performance_hr

MAX_REVIEWERS = 20


class HrPerformanceFeedbackRequestWizard(models.TransientModel):
    _name = "hr.performance.feedback.request.wizard"
    _description = "Request Feedback"
    _inherit = ["hr.performance.guard.mixin"]

    employee_id = fields.Many2one(
        "hr.employee",
        string="Feedback About",
        required=True,
        default=lambda self: self._default_employee_id(),
        domain=lambda self: self._employee_domain(),
        help="Yourself, or (as a manager) one of your reports.",
    )
    reviewer_user_ids = fields.Many2many(
        "res.users", string="Reviewers", domain="[('share', '=', False)]"
    )
    question = fields.Text(
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

    @api.model
    def _employee_domain(self):
        """Whom one may ask about: oneself and one's reports (HR: anyone)."""
        if is_performance_hr(self.env):
            return []
        return [("id", "child_of", self.env.user.employee_ids.ids)]

    @api.model
    def _default_employee_id(self):
        """The employee the dialog was opened from (oneself or a report);
        else oneself, unless one manages people: a manager picks the report
        (asking about oneself is the exception for them)."""
        mine = self.env.user.employee_ids
        context = self.env.context
        if context.get("active_model") in ("hr.employee", "hr.employee.public"):
            active_id = context.get("active_id")
            # sudo: only whether the record opened is oneself or a report
            Employee = self.env["hr.employee"].sudo()
            if (
                isinstance(active_id, int)
                and mine
                and Employee.search_count(
                    [("id", "=", active_id), ("id", "child_of", mine.ids)], limit=1
                )
            ):
                return active_id
        # sudo: only whether the user manages anyone
        if mine and self.env["hr.employee"].sudo().search_count(
            [("parent_id", "in", mine.ids)], limit=1
        ):
            return False
        return self.env.user.employee_id

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        self.reviewer_user_ids -= self.employee_id.user_id

    def action_send(self):
        self.ensure_one()
        self._ensure_request()
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

    def _ensure_request(self):
        """Refuse what the requests would refuse, before any is created."""
        if not self.reviewer_user_ids:
            raise UserError(self.env._("Choose at least one reviewer."))
        if len(self.reviewer_user_ids) > MAX_REVIEWERS:
            # Each reviewer gets a request and a mail: a request is a question
            # to a few colleagues, not a mailing.
            raise UserError(
                self.env._(
                    "Ask at most %(count)s colleagues at once.", count=MAX_REVIEWERS
                )
            )
        if self.deadline and self.deadline < fields.Date.context_today(self):
            # Judged here too: the portal sends the requests with sudo, which
            # the requests' own deadline check does not judge.
            raise ValidationError(
                self.env._("The deadline of a feedback request cannot be in the past.")
            )
        # sudo: only the subject's company, user and place in the org chart
        subject = self.employee_id.sudo()
        if subject.company_id not in self.env.companies:
            raise UserError(
                self.env._(
                    "You cannot ask for feedback about someone of another company."
                )
            )
        mine = self.env.user.employee_ids
        if not is_performance_hr(self.env) and not (
            mine
            and subject.search_count(
                [("id", "=", subject.id), ("id", "child_of", mine.ids)], limit=1
            )
        ):
            raise AccessError(
                self.env._(
                    "You can ask for feedback about yourself or the people who report to you only."
                )
            )
        if subject.user_id & self.reviewer_user_ids:
            raise ValidationError(
                self.env._(
                    "Ask someone else: a feedback request cannot go to its own subject."
                )
            )
        review = self.review_id
        if review:
            if review.employee_id != self.employee_id:
                raise UserError(
                    self.env._(
                        "360 feedback asked from a review is about the review's employee."
                    )
                )
            if review.state not in ("self_review", "manager_review"):
                raise UserError(
                    self.env._("360 feedback is asked while the review is open.")
                )
