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
        """Overdue: a check-in was missed, as Process Health counts them (see
        hr.performance.activity.analysis): the rhythm's due date has passed,
        or a planned check-in is past its date."""
        today = fields.Date.context_today(self)
        readable = self._cadence_readable()
        # sudo: only whether a planned check-in of these people is past its
        # date, for the people whose rhythm the user may read
        late = {
            employee.id
            for [employee] in self.env["hr.performance.checkin"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", readable._origin.ids),
                    ("state", "=", "planned"),
                    ("date", "<", today),
                ],
                ["employee_id"],
            )
        }
        for employee in self:
            employee.checkin_overdue = employee in readable and bool(
                (employee.next_checkin_date and employee.next_checkin_date < today)
                or employee._origin.id in late
            )

    def _cadence_readable(self):
        """The records whose check-in rhythm the user may read (hr.employee:
        its field groups already say who)."""
        return self

    def _search_checkin_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Unsupported search on checkin_overdue.")
            )
        today = fields.Date.context_today(self)
        overdue = self._search_cadence(
            [
                "|",
                ("next_checkin_date", "<", today),
                (
                    "checkin_ids",
                    "any",
                    [("state", "=", "planned"), ("date", "<", today)],
                ),
            ]
        )
        return overdue if (operator == "=") == value else ["!", *overdue]

    def _search_cadence(self, domain):
        """``domain`` on the check-in dates, among the people whose rhythm the
        user may read: on hr.employee the field groups already say who."""
        return domain
