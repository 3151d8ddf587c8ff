from odoo import api, fields, models


class HrPerformanceCheckinNote(models.Model):
    _name = "hr.performance.checkin.note"
    _description = "Check-in Private Note"
    _inherit = ["hr.performance.guard.mixin"]
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

    def write(self, vals):
        # Part of a held conversation, kept as it was.
        self.checkin_id._ensure_not_held()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        self.checkin_id._ensure_not_held()
