from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.cadence import WORKING_WEEK, mood_trend, next_checkin_date, next_working_day
from ..lib.skills import progression
from .res_company import CHECKIN_FREQUENCIES

MOOD_TRENDS = [("up", "Improving"), ("flat", "Steady"), ("down", "Declining")]
# A change of one of these fields of an employee may take read access to
# performance records away from someone: a reorganisation.
REORGANISING_FIELDS = {"parent_id", "department_id", "user_id", "company_id"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"
    # The record rules show managers their reports with ('employee_id',
    # 'child_of', ...): with a parent path that is one indexed LIKE, not one
    # query per level of the org chart.
    _parent_store = True

    parent_path = fields.Char(index=True)

    checkin_frequency = fields.Selection(
        CHECKIN_FREQUENCIES,
        string="Check-in Frequency",
        default=lambda self: self.env.company.performance_checkin_frequency,
        groups="hr.group_hr_user",
        help="How often this employee's manager should hold a check-in.",
    )
    checkin_ids = fields.One2many(
        "hr.performance.checkin", "employee_id", groups="hr.group_hr_user"
    )
    # A person's rhythm and moods are theirs: HR reads them here, the person
    # and their managers through hr.employee.public (manager-only fields).
    last_checkin_date = fields.Date(
        compute="_compute_checkin_cadence", store=True, groups="hr.group_hr_user"
    )
    next_checkin_date = fields.Date(
        compute="_compute_checkin_cadence", store=True, groups="hr.group_hr_user"
    )
    last_mood = fields.Integer(
        compute="_compute_checkin_cadence", store=True, groups="hr.group_hr_user"
    )
    mood_trend = fields.Selection(
        MOOD_TRENDS,
        compute="_compute_checkin_cadence",
        store=True,
        groups="hr.group_hr_user",
    )
    # Computed and searched in hr.employee.base; here for HR only.
    checkin_overdue = fields.Boolean(groups="hr.group_hr_user")

    performance_goal_ids = fields.One2many(
        "hr.performance.goal",
        "employee_id",
        string="Performance Goals",
        groups="hr.group_hr_user",
    )
    performance_goal_count = fields.Integer(
        compute="_compute_performance_goal_count", groups="hr.group_hr_user"
    )

    @api.depends(
        "checkin_frequency",
        "checkin_ids.state",
        "checkin_ids.date",
        "checkin_ids.mood",
        "resource_calendar_id",
    )
    def _compute_checkin_cadence(self):
        # sudo: stored cadence fields from done check-ins; moods stay HR-only fields
        done = (
            self.env["hr.performance.checkin"]
            .sudo()
            .search(
                [("employee_id", "in", self.ids), ("state", "=", "done")],
                order="date, id",
            )
        )
        history = {}
        weekdays_by_calendar = {}
        for checkin in done:
            history.setdefault(checkin.employee_id.id, []).append(checkin)
        for employee in self:
            past = history.get(employee._origin.id, [])
            last = past[-1] if past else None
            employee.last_checkin_date = last.date if last else False
            employee.last_mood = next((c.mood for c in reversed(past) if c.mood), 0)
            employee.mood_trend = mood_trend([c.mood for c in past[-4:]])
            since = (
                employee.create_date.date()
                if employee.create_date
                else fields.Date.today()
            )
            # sudo: the HR-only frequency is only used to compute the next date
            due = next_checkin_date(
                employee.last_checkin_date,
                employee.sudo().checkin_frequency or "none",
                since,
            )
            # Never on a weekend: the employee's working calendar decides.
            employee.next_checkin_date = (
                next_working_day(due, employee._working_weekdays(weekdays_by_calendar))
                or False
            )

    def _working_weekdays(self, cache):
        """The weekdays (Monday 0) the employee's working calendar works,
        Monday to Friday without one (or a flexible one); ``cache`` holds
        them by calendar across a batch."""
        # sudo: only the weekdays of the employee's working calendar
        calendar = self.sudo().resource_calendar_id
        if calendar.id not in cache:
            days = {
                int(attendance.dayofweek)
                for attendance in calendar.attendance_ids
                if attendance.day_period != "lunch"
            }
            flexible = not calendar or calendar.flexible_hours
            cache[calendar.id] = WORKING_WEEK if flexible or not days else days
        return cache[calendar.id]

    performance_feedback_count = fields.Integer(
        compute="_compute_performance_feedback_count", groups="hr.group_hr_user"
    )

    def _compute_performance_feedback_count(self):
        counts = dict(
            self.env["hr.performance.feedback"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.performance_feedback_count = counts.get(employee, 0)

    def write(self, vals):
        self._ensure_not_own_reporting_line(vals)
        if not REORGANISING_FIELDS & set(vals):
            return super().write(vals)
        losing = self._performance_people_around()
        result = super().write(vals)
        if {"user_id", "parent_id"} & set(vals):
            # Record rules name the user's employees (child_of): drop their
            # cached domains, so that the former user loses access at once;
            # and the cached menus, which show the team menus to managers
            # only (ir.ui.menu._load_menus_blacklist).
            self.env.registry.clear_cache()
        # Whoever can no longer read a record stops following it (SECURITY.md 23).
        self.env["hr.performance.thread"]._unfollow_unreaders_among(losing)
        return result

    def _ensure_not_own_reporting_line(self, vals):
        """Whose records are whose, and who manages whom, decide every access
        to performance records: nobody (HR officers included) unlinks their
        own user or picks their own manager; another HR user or an
        administrator does."""
        if (
            self.env.su
            or not {"user_id", "parent_id"} & set(vals)
            or self.env.user.has_group("base.group_system")
        ):
            return
        # sudo: only whether one of these employees is the current user's
        if self.env.user in self.sudo().user_id:
            raise AccessError(
                self.env._(
                    "You cannot change your own user or manager: ask another HR "
                    "officer or an administrator."
                )
            )

    def _performance_people_around(self):
        """The partners of those who may lose read access to performance
        records when these employees move: their users (team and department
        goals of their former lead and department; everything, for a user who
        is unlinked) and the users of all the managers above them (the records
        of everyone below). The people below keep their managers; their
        records are reached through the managers' followers. Two queries."""
        # sudo: the org chart above these employees, whoever reorganises it
        employees = self.sudo()
        above = {
            int(ancestor)
            for path in employees.mapped("parent_path")
            if path
            for ancestor in path.split("/")[:-2]
        }
        return (employees.user_id | employees.browse(above).user_id).partner_id

    def action_open_performance_feedback(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_feedback_action_given"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        action["name"] = self.env._("Feedback about %(employee)s", employee=self.name)
        return action

    def _compute_performance_goal_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [("employee_id", "in", self.ids), ("state", "in", ("draft", "active"))],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.performance_goal_count = counts.get(employee, 0)

    def action_open_performance_goals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_goal_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {
            "default_employee_id": self.id,
            "default_scope": "individual",
            "search_default_open": 1,
        }
        return action

    def action_open_checkins(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_checkin_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    def _performance_skill_progression(self, date_from=None, date_to=None):
        """Per (employee, skill) of ``self``: the first and last level logged
        by hr_skills in the period and the change, from one read of the log."""
        domain = [("employee_id", "in", self.ids)]
        if date_from:
            domain.append(("date", ">=", date_from))
        if date_to:
            domain.append(("date", "<=", date_to))
        logs = self.env["hr.employee.skill.log"].search_read(
            domain, ["employee_id", "skill_id", "date", "level_progress"]
        )
        return progression(
            (
                log["employee_id"][0],
                log["skill_id"][0],
                log["date"],
                log["level_progress"],
            )
            for log in logs
        )
