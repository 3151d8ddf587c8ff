from odoo import fields, models


class HrPerformanceCheckinNote(models.Model):
    _name = "hr.performance.checkin.note"
    _description = "Check-in Private Note"
    _inherit = ["hr.performance.checkin.part.mixin", "hr.performance.guard.mixin"]
    _order = "create_date desc, id desc"
    _system_fields = ("author_user_id",)
    _fixed_fields = ("checkin_id",)
    _subject_field = "checkin_id.employee_id"

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, index=True, ondelete="cascade"
    )
    body = fields.Text(required=True)
    author_user_id = fields.Many2one(
        "res.users",
        string="Author",
        default=lambda self: self.env.user,
        readonly=True,
        required=True,
    )
