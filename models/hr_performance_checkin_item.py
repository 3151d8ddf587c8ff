from odoo import api, fields, models


class HrPerformanceCheckinItem(models.Model):
    _name = "hr.performance.checkin.item"
    _description = "Check-in Agenda Item"
    _order = "checkin_id, sequence, id"

    checkin_id = fields.Many2one(
        "hr.performance.checkin", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Topic", required=True)
    done = fields.Boolean(string="Discussed")
    author_user_id = fields.Many2one(
        "res.users",
        string="Added By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    carried_from_id = fields.Many2one(
        "hr.performance.checkin.item",
        string="Carried Over From",
        readonly=True,
        index="btree_not_null",
    )
    carried_over = fields.Boolean(
        readonly=True, copy=False, help="Moved to a later check-in."
    )

    # Only the carry-over (run as superuser) links items: a forged link would
    # show the name of an item its writer cannot read.
    _SYSTEM_FIELDS = ("carried_from_id", "carried_over")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                for field in self._SYSTEM_FIELDS:
                    vals.pop(field, None)
                vals["author_user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            for field in (*self._SYSTEM_FIELDS, "author_user_id"):
                vals.pop(field, None)
        return super().write(vals)
