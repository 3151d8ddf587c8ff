from odoo import fields, models

from .hr_employee import MOOD_TRENDS, HrEmployee


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Same names as the stored fields of hr.employee: the public view selects them,
    # so managers without HR rights see their team's rhythm.
    last_checkin_date = fields.Date(readonly=True)
    # hr.employee keeps a parent path (fast child_of in the record rules);
    # reading an employee as a non-HR user goes through this view.
    parent_path = fields.Char(readonly=True)
    next_checkin_date = fields.Date(readonly=True)
    # Moods are personal: only the employee's managers (and the employee) see them.
    last_mood = fields.Integer(compute="_compute_manager_only_fields")
    mood_trend = fields.Selection(MOOD_TRENDS, compute="_compute_manager_only_fields")
    checkin_overdue = fields.Boolean(
        compute="_compute_checkin_overdue", search="_search_checkin_overdue"
    )

    def _get_manager_only_fields(self):
        return [*super()._get_manager_only_fields(), "last_mood", "mood_trend"]

    _compute_checkin_overdue = HrEmployee._compute_checkin_overdue
    _search_checkin_overdue = HrEmployee._search_checkin_overdue
