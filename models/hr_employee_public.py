from odoo import fields, models

from .hr_employee import MOOD_TRENDS, HrEmployee


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Same names as the stored fields of hr.employee: the public view selects them,
    # so managers without HR rights see their team's rhythm.
    last_checkin_date = fields.Date(readonly=True)
    next_checkin_date = fields.Date(readonly=True)
    last_mood = fields.Integer(readonly=True)
    mood_trend = fields.Selection(MOOD_TRENDS, readonly=True)
    checkin_overdue = fields.Boolean(
        compute="_compute_checkin_overdue", search="_search_checkin_overdue"
    )

    _compute_checkin_overdue = HrEmployee._compute_checkin_overdue
    _search_checkin_overdue = HrEmployee._search_checkin_overdue
