from odoo import api, fields, models


class HrEmployeeBase(models.AbstractModel):
    """What hr.employee and hr.employee.public share: the overdue flag, from
    the next check-in date each of them shows (HR only on hr.employee; the
    person, their managers and HR on the public record, see
    ``_search_cadence``)."""

    _inherit = "hr.employee.base"

    checkin_overdue = fields.Boolean(
        compute="_compute_checkin_overdue", search="_search_checkin_overdue"
    )

    @api.depends_context("uid")
    def _compute_checkin_overdue(self):
        today = fields.Date.context_today(self)
        for employee in self:
            employee.checkin_overdue = bool(
                employee.next_checkin_date and employee.next_checkin_date < today
            )

    def _search_checkin_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Unsupported search on checkin_overdue.")
            )
        overdue = self._search_cadence(
            [("next_checkin_date", "<", fields.Date.context_today(self))]
        )
        return overdue if (operator == "=") == value else ["!", *overdue]

    def _search_cadence(self, domain):
        """``domain`` on the check-in dates, among the people whose rhythm the
        user may read: on hr.employee the field groups already say who."""
        return domain
