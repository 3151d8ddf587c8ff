from odoo import models

from .access import is_performance_hr

# The menus that only lead somewhere for someone with reports (or HR).
MANAGER_MENUS = (
    "hr_performance.menu_performance_goals_team",
    "hr_performance.menu_performance_checkins_team",
    "hr_performance.menu_performance_reviews_team",
    "hr_performance.menu_performance_team",
    "hr_performance.menu_performance_skills_team",
    "hr_performance.menu_performance_reporting",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """Employees who manage nobody do not see the team menus and
        Reporting, which would open on nothing (as ``hr`` hides Departments
        from who manages none). Managers come from the org chart, not a
        group, so this is a rule, not ``groups``."""
        blacklist = super()._load_menus_blacklist()
        if is_performance_hr(self.env) or self._manages_someone():
            return blacklist
        for xmlid in MANAGER_MENUS:
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                blacklist.append(menu.id)
        return blacklist

    def _manages_someone(self):
        mine = self.env.user.employee_ids
        # sudo: only whether the user has reports (a yes/no on the org chart)
        return bool(
            mine
            and self.env["hr.employee"]
            .sudo()
            .search_count([("parent_id", "in", mine.ids)], limit=1)
        )
