from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

FEEDBACK_KINDS = [
    ("praise", "Praise"),
    ("constructive", "Constructive"),
    ("note", "Note"),
]
FEEDBACK_VISIBILITIES = [
    ("private", "Private: the receiver and their managers"),
    ("manager", "Managers only"),
    ("public", "Public: kudos wall"),
]


class HrPerformanceFeedback(models.Model):
    _name = "hr.performance.feedback"
    _description = "Feedback"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Given feedback is signed by whoever gives it (imports run as superuser).
    _system_fields = ("author_user_id", "date")
    _fixed_fields = ("employee_id",)
    _subject_field = "employee_id"
    _text_limits = {"body": 20000}

    employee_id = fields.Many2one(
        "hr.employee",
        string="Receiver",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    receiver_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Receiver User"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    author_user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    kind = fields.Selection(FEEDBACK_KINDS, required=True, default="praise")
    visibility = fields.Selection(
        FEEDBACK_VISIBILITIES, required=True, default="private"
    )
    body = fields.Html(required=True, sanitize=True, sanitize_attributes=True)
    goal_id = fields.Many2one(
        "hr.performance.goal",
        string="About Goal",
        index="btree_not_null",
        check_company=True,
    )
    skill_id = fields.Many2one("hr.skill", string="About Skill", index="btree_not_null")
    date = fields.Date(default=fields.Date.context_today, required=True, readonly=True)
    active = fields.Boolean(
        default=True, help="Given feedback is kept: its author archives it."
    )

    @api.constrains("employee_id", "author_user_id")
    def _check_not_to_self(self):
        for feedback in self:
            if (
                feedback.employee_id.user_id
                and feedback.employee_id.user_id == feedback.author_user_id
            ):
                raise ValidationError(
                    self.env._("You cannot give feedback to yourself.")
                )

    @api.constrains("goal_id", "employee_id")
    def _check_goal(self):
        for feedback in self:
            if (
                feedback.goal_id
                and feedback.goal_id.employee_id != feedback.employee_id
            ):
                raise ValidationError(
                    self.env._("The goal must be one of the receiver's goals.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Given feedback is kept: archive it instead."))

    @api.model
    def _portal_domain(self):
        """The feedback the portal shows the current user: about them, and
        meant for them (public or private, never manager-only); the subject's
        part of the ``feedback_rule_user_read`` record rule."""
        return [
            ("employee_id.user_id", "=", self.env.uid),
            ("visibility", "in", ("public", "private")),
        ]
