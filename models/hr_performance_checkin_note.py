from odoo import api, fields, models


class HrPerformanceCheckinNote(models.Model):
    _name = "hr.performance.checkin.note"
    _description = "Check-in Private Note"
    _order = "create_date desc, id desc"

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals["author_user_id"] = self.env.uid
        return super().create(vals_list)
