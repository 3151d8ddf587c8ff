from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrPerformanceCheckinAction(models.Model):
    _name = "hr.performance.checkin.action"
    _description = "Check-in Action Item"
    _inherit = ["hr.performance.checkin.part.mixin", "hr.performance.guard.mixin"]
    _order = "date_deadline, id"
    # The owner's To-Do, scheduled when the check-in is completed.
    _system_fields = ("activity_id",)
    _fixed_fields = ("checkin_id",)
    _subject_field = "checkin_id.employee_id"
    _text_limits = {"name": 256}

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Action", required=True)
    user_id = fields.Many2one(
        "res.users", string="Owner", required=True, default=lambda self: self.env.user
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        default=lambda self: fields.Date.add(fields.Date.today(), days=7),
    )
    activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null"
    )

    @api.constrains("user_id", "checkin_id")
    def _check_owner_takes_part(self):
        # sudo: only reads who the check-in is between; the owner gets a To-Do naming it
        for action in self:
            checkin = action.checkin_id.sudo()
            if action.user_id not in (
                checkin.employee_id.user_id | checkin.manager_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "An action item belongs to the employee or the manager of its check-in."
                    )
                )

    def _schedule_activities(self):
        """One To-Do activity per action item on its check-in, for its owner;
        batched. Mail subscribes each owner to the check-in once per batch,
        so an owner's second item on the same check-in goes in the next one."""
        todo = self.filtered(lambda a: not a.activity_id)
        rounds = defaultdict(lambda: self.browse())
        seen = Counter()
        for action in todo:
            key = (action.checkin_id.id, action.user_id.id)
            rounds[seen[key]] |= action
            seen[key] += 1
        for batch in rounds.values():
            batch._create_activities()

    def _create_activities(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("hr.performance.checkin")
        # sudo: To-Dos for the owners, scheduled once the leader completed the check-in
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": action.checkin_id.id,
                        "activity_type_id": activity_type.id,
                        "summary": action.name,
                        "user_id": action.user_id.id,
                        "date_deadline": action.date_deadline,
                    }
                    for action in self
                ]
            )
        )
        for action, activity in zip(self, activities, strict=True):
            # sudo: activity_id is system-only; links the activity just created
            action.sudo().activity_id = activity
