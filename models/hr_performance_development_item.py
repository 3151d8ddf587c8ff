from odoo import api, fields, models
from odoo.exceptions import UserError

ACTION_TYPES = [
    ("training", "Training"),
    ("mentoring", "Mentoring"),
    ("stretch", "Stretch Assignment"),
    ("shadowing", "Job Shadowing"),
    ("course", "Course"),
    ("other", "Other"),
]
# The statuses an employee moves their own actions through.
EMPLOYEE_STATES = ("todo", "in_progress", "done")


class HrPerformanceDevelopmentItem(models.Model):
    """One action of a development plan. The employee moves its status and
    notes progress; the managers and HR change everything."""

    _name = "hr.performance.development.item"
    _description = "Development Action"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "plan_id, date_deadline, id"
    _check_company_auto = True
    _subject_field = "plan_id.employee_id"
    _text_limits = {"name": 256, "note": 5000}

    plan_id = fields.Many2one(
        "hr.performance.development.plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    name = fields.Char(required=True)
    action_type = fields.Selection(ACTION_TYPES, required=True, default="training")
    skill_type_id = fields.Many2one("hr.skill.type")
    skill_id = fields.Many2one(
        "hr.skill", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    target_level_id = fields.Many2one(
        "hr.skill.level", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    mentor_id = fields.Many2one("hr.employee", check_company=True)
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
    )
    note = fields.Text(string="Progress Notes")

    @api.model
    def _portal_domain(self):
        """The actions the portal shows the current user: those of their own
        plans."""
        return [("plan_id.employee_id.user_id", "=", self.env.uid)]

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._ensure_plan_leads()
        return items

    def write(self, vals):
        if set(vals) - {"state", "note"}:
            self.plan_id._ensure_leads(
                self.env._(
                    "You update the status and notes of your actions; your manager changes the rest."
                )
            )
        self._ensure_employee_move(vals)
        result = super().write(vals)
        if "plan_id" in vals:
            self._ensure_plan_leads()
        return result

    def _ensure_employee_move(self, vals):
        """The employee moves their open actions of an active plan among
        ``EMPLOYEE_STATES``: cancelling one is the manager's call, a
        cancelled action or a plan no longer active is history. Judged on
        whose action it is, so also under sudo run for the employee (the
        portal): there ``_leads()`` is True for anyone."""
        # sudo: only whose actions these are and their plans' status
        own = self.sudo().filtered(lambda i: i.employee_id.user_id == self.env.user)
        if not own:
            return
        if "state" in vals and vals["state"] not in EMPLOYEE_STATES:
            raise UserError(
                self.env._("Cancelling an action of your plan is your manager's call.")
            )
        if own.filtered(
            lambda i: i.state == "cancelled" or i.plan_id.state != "active"
        ):
            raise UserError(self.env._("This action is closed: nothing was changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_by_leaders(self):
        self._ensure_plan_leads()

    def _ensure_plan_leads(self):
        """Actions are added, moved and removed by the employee's managers or HR."""
        self.plan_id._ensure_leads(
            self.env._(
                "Your manager adds and removes the actions of your development plan."
            )
        )
