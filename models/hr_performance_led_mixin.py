from odoo import models
from odoo.exceptions import AccessError


class HrPerformanceLedMixin(models.AbstractModel):
    """Who leads a conversation about an employee (check-in, review, plan):
    the manager of record (``manager_user_id``, a snapshot), any manager above
    the employee in the org chart, or HR; never the employee themselves, HR
    officers included (on their own records they are employees).

    Models that use it also inherit ``hr.performance.guard.mixin`` (for
    ``_is_privileged``)."""

    _name = "hr.performance.led.mixin"
    _description = "Led by the employee's managers"

    def _leads(self):
        self.ensure_one()
        if self.env.su:
            return True
        if self.employee_id.user_id == self.env.user:
            return False
        if self._is_privileged() or self.manager_user_id == self.env.user:
            return True
        mine = self.env.user.employee_ids
        # sudo: only a yes/no on the org chart; no employee field is returned
        return bool(
            mine
            and self.env["hr.employee"]
            .sudo()
            .search_count(
                [("id", "=", self.employee_id.id), ("id", "child_of", mine.ids)],
                limit=1,
            )
        )

    def _ensure_leads(self, message):
        """The one "you do not lead this record" check: an ``AccessError``
        saying ``message`` unless the current user leads every record."""
        if not all(record._leads() for record in self):
            raise AccessError(message)
