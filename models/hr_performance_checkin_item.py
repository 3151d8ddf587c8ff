from odoo import fields, models


class HrPerformanceCheckinItem(models.Model):
    _name = "hr.performance.checkin.item"
    _description = "Check-in Agenda Item"
    _inherit = ["hr.performance.checkin.part.mixin", "hr.performance.guard.mixin"]
    _order = "checkin_id, sequence, id"
    # Only the carry-over (run as superuser) links items: a forged link would
    # show the name of an item its writer cannot read.
    _system_fields = ("author_user_id", "carried_from_id", "carried_over")
    _fixed_fields = ("checkin_id",)
    _subject_field = "checkin_id.employee_id"
    _text_limits = {"name": 200}

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
