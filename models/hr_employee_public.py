from odoo import api, fields, models

from .hr_employee import MOOD_TRENDS

# A person's check-in rhythm and moods: the person, their managers (direct and
# indirect) and HR read them; everyone else reads nothing (False) and finds
# nothing by searching (the overdue flag too: see hr_employee_base.py). Not
# stored here: nobody sorts or groups on them.
CADENCE_FIELDS = ("last_checkin_date", "next_checkin_date", "last_mood", "mood_trend")


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # hr.employee keeps a parent path (fast child_of in the record rules);
    # reading an employee as a non-HR user goes through this view.
    parent_path = fields.Char(readonly=True)
    last_checkin_date = fields.Date(
        compute="_compute_manager_only_fields", search="_search_last_checkin_date"
    )
    next_checkin_date = fields.Date(
        compute="_compute_manager_only_fields", search="_search_next_checkin_date"
    )
    last_mood = fields.Integer(compute="_compute_manager_only_fields")
    mood_trend = fields.Selection(MOOD_TRENDS, compute="_compute_manager_only_fields")

    def _get_manager_only_fields(self):
        return [*super()._get_manager_only_fields(), *CADENCE_FIELDS]

    @api.depends_context("uid")
    def _compute_manager_only_fields(self):
        super()._compute_manager_only_fields()
        if not self.env.user.has_group("hr.group_hr_user"):
            return
        # HR reads these on hr.employee itself: the public record says the same.
        for employee in self.filtered(lambda e: not e.is_manager):
            # sudo: the HR user may read these fields of any employee they see
            employee_sudo = employee.employee_id.sudo()
            for fname in CADENCE_FIELDS:
                employee[fname] = employee_sudo[fname]

    def _search_last_checkin_date(self, operator, value):
        return self._search_cadence([("last_checkin_date", operator, value)])

    def _search_next_checkin_date(self, operator, value):
        return self._search_cadence([("next_checkin_date", operator, value)])

    def _search_cadence(self, domain):
        """``domain`` on hr.employee, among the people whose rhythm the user
        may read (as hr_contract searches its manager-only field)."""
        if not self.env.user.has_group("hr.group_hr_user"):
            # The same people as is_manager: the user and everyone below them.
            mine = self.env.user.employee_id
            domain = [*domain, ("id", "child_of", mine.ids) if mine else (0, "=", 1)]
        # sudo: a subquery on hr.employee, restricted above to what the user may read
        return [("id", "in", self.env["hr.employee"].sudo()._search(domain))]

    # ------------------------------------------------------------------ smart buttons

    def _performance_action(self, xmlid, name):
        """The records of ``xmlid``'s model about this person, for the
        person and their managers (the record rules decide what shows)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        action["name"] = name
        return action

    def action_open_performance_goals(self):
        action = self._performance_action(
            "hr_performance.hr_performance_goal_action",
            self.env._("Goals of %(employee)s", employee=self.name),
        )
        action["context"].update(default_scope="individual", search_default_open=1)
        return action

    def action_open_performance_feedback(self):
        return self._performance_action(
            "hr_performance.hr_performance_feedback_action_given",
            self.env._("Feedback about %(employee)s", employee=self.name),
        )

    def action_open_checkins(self):
        return self._performance_action(
            "hr_performance.hr_performance_checkin_action",
            self.env._("Check-ins of %(employee)s", employee=self.name),
        )

    def _cadence_readable(self):
        """The person, their managers and HR read the rhythm (as
        ``_compute_manager_only_fields``)."""
        if self.env.user.has_group("hr.group_hr_user"):
            return self
        return self.filtered("is_manager")
