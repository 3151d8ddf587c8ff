from odoo import models

from .access import is_performance_hr


class HrPerformanceLedMixin(models.AbstractModel):
    """Who leads a conversation about an employee (check-in, review, plan):
    the manager of record (``manager_user_id``, a snapshot), any manager above
    the employee in the org chart, or HR; never the employee themselves, HR
    officers included (on their own records they are employees)."""

    _name = "hr.performance.led.mixin"
    _description = "Led by the employee's managers"

    def _leads(self):
        self.ensure_one()
        if self.env.su:
            return True
        if self.employee_id.user_id == self.env.user:
            return False
        if is_performance_hr(self.env) or self.manager_user_id == self.env.user:
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
