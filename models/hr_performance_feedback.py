from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .access import is_performance_hr

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
    _order = "create_date desc, id desc"
    _check_company_auto = True

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

    @api.model_create_multi
    def create(self, vals_list):
        officer = is_performance_hr(self.env)
        for vals in vals_list:
            if not officer or not vals.get("author_user_id"):
                vals["author_user_id"] = self.env.uid
        self._check_goal_access([vals.get("goal_id") for vals in vals_list])
        return super().create(vals_list)

    @api.model
    def _check_goal_access(self, goal_ids):
        # A forged link would show the name of a goal its writer cannot read.
        self.env["hr.performance.goal"].browse(
            [gid for gid in goal_ids if gid]
        ).check_access("read")

    def write(self, vals):
        if {"employee_id", "author_user_id"} & set(vals) and not is_performance_hr(
            self.env
        ):
            raise UserError(
                self.env._(
                    "Feedback cannot be moved to another person; write a new one instead."
                )
            )
        return super().write(vals)
