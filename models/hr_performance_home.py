from datetime import timedelta
from textwrap import shorten

from odoo import api, fields, models
from odoo.tools.mail import html_to_inner_content

from ..lib.cadence import next_working_day
from .access import is_performance_hr
from .hr_performance_review import REVIEW_STATES

# The deadline of each review step, on the cycle.
STEP_DEADLINES = {
    "self_review": "self_review_deadline",
    "manager_review": "manager_review_deadline",
    "calibration": "calibration_deadline",
}
# Steps of an open review, in order; a review "past" a step has done it.
STEPS = ("self_review", "manager_review", "calibration", "shared", "done")
OPEN_REVIEW_STATES = ("self_review", "manager_review", "calibration", "shared")
OPEN_CYCLE_STATES = ("open", "calibration", "released")
LIST_LIMIT = 8


class HrPerformanceHome(models.AbstractModel):
    """The data behind the app's home (client action
    ``hr_performance.action_performance_home``): one method per audience,
    each a fixed number of batched reads (search_read, _read_group) made with
    the user's own rights, whatever the size of the team. Nothing here runs
    with sudo: the home shows only what the user may read elsewhere."""

    _name = "hr.performance.home"
    _description = "Performance Home"

    @api.model
    def get_home_data(self, everyone=False):
        """The sections the current user has: ``employee`` (when linked to an
        employee), ``manager`` (with reports), ``hr`` (performance officers)."""
        me = self.env.user.employee_id
        return {
            "employee": self.get_employee_data() if me else False,
            "manager": self.get_manager_data(everyone=everyone) if me else False,
            "hr": self.get_hr_data() if is_performance_hr(self.env) else False,
            "today": fields.Date.to_string(fields.Date.context_today(self)),
        }

    # ------------------------------------------------------------------ employee

    @api.model
    def get_employee_data(self):
        me = self.env.user.employee_id
        if not me:
            return False
        today = fields.Date.context_today(self)
        return {
            "employee": {"id": me.id, "name": me.name},
            "goals": self._my_goals(me, today),
            "checkin": self._my_next_checkin(me, today),
            "review": self._my_open_review(me, today),
            "requests": self._requests_to_answer(today),
            "development": self._my_development_items(me, today),
            "kudos": self._latest_kudos(me),
        }

    def _my_goals(self, me, today):
        goals = self.env["hr.performance.goal"].search_read(
            [("employee_id", "=", me.id), ("state", "in", ("draft", "active"))],
            ["name", "health", "progress", "date_deadline", "last_update_date"],
            limit=LIST_LIMIT,
        )
        interval = self.env.company.performance_goal_update_interval
        for goal in goals:
            last = goal["last_update_date"]
            due = last + timedelta(days=interval) if last else today
            goal["update_due"] = due
            goal["update_days_left"] = (due - today).days
        return goals

    def _my_next_checkin(self, me, today):
        Checkin = self.env["hr.performance.checkin"]
        planned = Checkin.search_read(
            [("employee_id", "=", me.id), ("state", "=", "planned")],
            ["date", "kind", "manager_id"],
            order="date, id",
            limit=1,
        )
        if not planned:
            return False
        checkin = planned[0]
        checkin["agenda"] = self.env["hr.performance.checkin.item"].search_read(
            [("checkin_id", "=", checkin["id"])], ["name", "done"], limit=LIST_LIMIT
        )
        checkin["days_left"] = (checkin["date"] - today).days if checkin["date"] else 0
        return checkin

    def _my_open_review(self, me, today):
        reviews = self.env["hr.performance.review"].search_read(
            [("employee_id", "=", me.id), ("state", "in", OPEN_REVIEW_STATES)],
            ["state", "cycle_id"],
            limit=1,
        )
        if not reviews:
            return False
        review = reviews[0]
        self._add_deadlines(reviews, today)
        review["my_step"] = review["state"] in ("self_review", "shared")
        return review

    def _add_deadlines(self, reviews, today):
        """Each review's step deadline and days left, from one read of their
        cycles."""
        cycle_ids = {review["cycle_id"][0] for review in reviews}
        cycles = {
            cycle["id"]: cycle
            for cycle in self.env["hr.performance.cycle"].search_read(
                [("id", "in", list(cycle_ids))], list(STEP_DEADLINES.values())
            )
        }
        labels = dict(REVIEW_STATES)
        for review in reviews:
            field = STEP_DEADLINES.get(review["state"])
            cycle = cycles.get(review["cycle_id"][0], {})
            deadline = cycle.get(field) if field else False
            review["state_label"] = labels.get(review["state"], review["state"])
            review["deadline"] = deadline or False
            review["days_left"] = (deadline - today).days if deadline else False

    def _requests_to_answer(self, today):
        requests = self.env["hr.performance.feedback.request"].search_read(
            [
                ("reviewer_user_id", "=", self.env.uid),
                ("state", "=", "requested"),
            ],
            ["employee_id", "deadline", "question", "review_id"],
            limit=LIST_LIMIT,
        )
        for request in requests:
            deadline = request["deadline"]
            request["days_left"] = (deadline - today).days if deadline else False
        return requests

    def _my_development_items(self, me, today):
        items = self.env["hr.performance.development.item"].search_read(
            [
                ("employee_id", "=", me.id),
                ("state", "in", ("todo", "in_progress")),
            ],
            ["name", "plan_id", "date_deadline", "state", "action_type"],
            order="date_deadline, id",
            limit=LIST_LIMIT,
        )
        for item in items:
            deadline = item["date_deadline"]
            item["days_left"] = (deadline - today).days if deadline else False
        return items

    def _latest_kudos(self, me):
        """Praise the user received (what they may read of it) and the public
        kudos wall, newest first."""
        kudos = self.env["hr.performance.feedback"].search_read(
            [
                ("kind", "=", "praise"),
                "|",
                ("employee_id", "=", me.id),
                ("visibility", "=", "public"),
            ],
            ["employee_id", "author_user_id", "body", "date"],
            order="date desc, id desc",
            limit=5,
        )
        for kudo in kudos:
            kudo["body_text"] = shorten(
                html_to_inner_content(kudo.pop("body") or ""), 160
            )
        return kudos

    # ------------------------------------------------------------------ manager

    @api.model
    def get_manager_data(self, everyone=False):
        """One row per direct report (or everyone below the user), read from
        hr.employee.public (the manager-only fields show the rhythm of the
        user's reports only) and the rows of each model the user may read."""
        me = self.env.user.employee_id
        if not me:
            return False
        Public = self.env["hr.employee.public"]
        if not Public.search_count([("parent_id", "=", me.id)], limit=1):
            return False
        domain = (
            [("id", "child_of", me.id), ("id", "!=", me.id)]
            if everyone
            else [("parent_id", "=", me.id)]
        )
        reports = Public.search_read(
            domain,
            [
                "name",
                "job_title",
                "parent_id",
                "last_checkin_date",
                "next_checkin_date",
                "checkin_overdue",
                "last_mood",
                "mood_trend",
            ],
            order="name, id",
        )
        today = fields.Date.context_today(self)
        ids = [report["id"] for report in reports]
        self._add_goal_health(reports, ids)
        self._add_planned_checkins(reports, ids, today)
        self._add_reviews(reports, ids, today)
        self._add_requests_about(reports, ids)
        return {
            "everyone": bool(everyone),
            "reports": reports,
            "needs_you": self._needs_you(reports, today),
        }

    def _add_goal_health(self, reports, ids):
        counts = {}
        for employee, health, count in self.env["hr.performance.goal"]._read_group(
            [("employee_id", "in", ids), ("state", "in", ("draft", "active"))],
            ["employee_id", "health"],
            ["__count"],
        ):
            counts.setdefault(employee.id, {})[health or "not_started"] = count
        for report in reports:
            report["goal_health"] = counts.get(report["id"], {})

    def _add_planned_checkins(self, reports, ids, today):
        planned = {
            employee.id: (date, checkin_id)
            for employee, date, checkin_id in self.env[
                "hr.performance.checkin"
            ]._read_group(
                [("employee_id", "in", ids), ("state", "=", "planned")],
                ["employee_id"],
                ["date:min", "id:min"],
            )
        }
        weekdays = {}
        employees = self.env["hr.employee"].browse(ids)
        # sudo: the team's working calendars, fetched in one batch here rather
        # than one by one in _working_weekdays (only their weekdays are used)
        employees.sudo().resource_calendar_id.attendance_ids.mapped("dayofweek")
        for report, employee in zip(reports, employees, strict=True):
            date, checkin_id = planned.get(report["id"], (False, False))
            report["planned_checkin_date"] = date
            report["planned_checkin_id"] = checkin_id
            # A new check-in is proposed on the report's next working day,
            # never on their weekend.
            report["schedule_date"] = next_working_day(
                today, employee._working_weekdays(weekdays)
            )
            due = report["next_checkin_date"]
            report["checkin_days_overdue"] = (
                (today - due).days if report["checkin_overdue"] and due else 0
            )

    def _add_reviews(self, reports, ids, today):
        reviews = self.env["hr.performance.review"].search_read(
            [("employee_id", "in", ids), ("state", "in", OPEN_REVIEW_STATES)],
            ["employee_id", "state", "cycle_id", "manager_user_id"],
            order="id desc",
        )
        if reviews:
            self._add_deadlines(reviews, today)
        nominations = {
            review.id: count
            for review, count in self.env[
                "hr.performance.review.nomination"
            ]._read_group(
                [
                    ("review_id", "in", [review["id"] for review in reviews]),
                    ("state", "=", "proposed"),
                ],
                ["review_id"],
                ["__count"],
            )
        }
        by_employee = {}
        for review in reviews:
            review["nominations_waiting"] = nominations.get(review["id"], 0)
            review["my_step"] = review["state"] == "manager_review" and (
                review["manager_user_id"]
                and review["manager_user_id"][0] == self.env.uid
            )
            by_employee.setdefault(review["employee_id"][0], review)
        for report in reports:
            report["review"] = by_employee.get(report["id"], False)

    def _add_requests_about(self, reports, ids):
        counts = {
            employee.id: count
            for employee, count in self.env[
                "hr.performance.feedback.request"
            ]._read_group(
                [
                    ("employee_id", "in", ids),
                    ("reviewer_user_id", "=", self.env.uid),
                    ("state", "=", "requested"),
                ],
                ["employee_id"],
                ["__count"],
            )
        }
        for report in reports:
            report["requests_to_answer"] = counts.get(report["id"], 0)

    def _needs_you(self, reports, today):
        """What waits on the manager, most urgent first: overdue check-ins,
        reviews at the manager's step, nominations to approve, requests about
        a report to answer. Urgency is the days left (negative when late)."""
        items = []
        for report in reports:
            name = report["name"]
            if report["checkin_overdue"]:
                items.append(
                    self._need(
                        "checkin",
                        report,
                        -report["checkin_days_overdue"],
                        self.env._("Check-in with %(name)s is overdue", name=name),
                    )
                )
            review = report["review"]
            if review and review["my_step"]:
                items.append(
                    self._need(
                        "review",
                        report,
                        review["days_left"],
                        self.env._("Write the review of %(name)s", name=name),
                    )
                )
            if review and review["nominations_waiting"]:
                items.append(
                    self._need(
                        "nominations",
                        report,
                        review["days_left"],
                        self.env._(
                            "Approve the 360 reviewers %(name)s proposed", name=name
                        ),
                    )
                )
            if report["requests_to_answer"]:
                items.append(
                    self._need(
                        "request",
                        report,
                        None,
                        self.env._("Give feedback about %(name)s", name=name),
                    )
                )
        items.sort(key=lambda item: (item["days_left"] is None, item["days_left"] or 0))
        return items[:LIST_LIMIT]

    def _need(self, kind, report, days_left, label):
        if days_left is False:
            days_left = None
        return {
            "kind": kind,
            "employee_id": report["id"],
            "review_id": report["review"]["id"] if report["review"] else False,
            "label": label,
            "days_left": days_left,
        }

    # ------------------------------------------------------------------ HR

    @api.model
    def get_hr_data(self):
        if not is_performance_hr(self.env):
            return False
        today = fields.Date.context_today(self)
        cycles = self.env["hr.performance.cycle"].search_read(
            [("state", "in", OPEN_CYCLE_STATES)],
            ["name", "state", "date_start", "date_end", "manager_review_deadline"],
            order="date_start desc, id desc",
            limit=LIST_LIMIT,
        )
        self._add_cycle_completion(cycles)
        return {
            "cycles": cycles,
            "late_managers": self._late_managers(cycles, today),
            "calibrations": self.env["hr.performance.calibration"].search_read(
                [("state", "in", ("draft", "in_progress"))],
                ["name", "cycle_id", "date", "state"],
                order="date, id",
                limit=LIST_LIMIT,
            ),
            "health": self._process_health(today),
        }

    def _add_cycle_completion(self, cycles):
        """Per cycle, and per department within it, the share of reviews past
        each step (cancelled reviews aside): one grouped read."""
        counts = {}
        for cycle, department, state, count in self.env[
            "hr.performance.review"
        ]._read_group(
            [
                ("cycle_id", "in", [cycle["id"] for cycle in cycles]),
                ("state", "!=", "cancelled"),
            ],
            ["cycle_id", "department_id", "state"],
            ["__count"],
        ):
            per_department = counts.setdefault(cycle.id, {})
            key = (department.id, department.name or self.env._("No Department"))
            per_department.setdefault(key, {})[state] = count
        for cycle in cycles:
            departments = counts.get(cycle["id"], {})
            total = {}
            for by_state in departments.values():
                for state, count in by_state.items():
                    total[state] = total.get(state, 0) + count
            cycle["completion"] = self._step_completion(total)
            cycle["departments"] = [
                {"id": dep_id, "name": name, **self._step_completion(by_state)}
                for (dep_id, name), by_state in sorted(
                    departments.items(), key=lambda item: item[0][1]
                )
            ]

    def _step_completion(self, by_state):
        total = sum(by_state.values())
        rank = {state: index for index, state in enumerate(STEPS)}
        result = {"total": total}
        for index, step in enumerate(STEPS[:-1]):
            past = sum(
                count
                for state, count in by_state.items()
                if rank.get(state, -1) > index
            )
            result[step] = round(100.0 * past / total) if total else 0
        return result

    def _late_managers(self, cycles, today):
        """Managers with reviews still at their step after the cycle's
        manager review deadline, most late reviews first."""
        late_cycles = [
            cycle["id"]
            for cycle in cycles
            if cycle["manager_review_deadline"]
            and cycle["manager_review_deadline"] < today
        ]
        groups = self.env["hr.performance.review"]._read_group(
            [("cycle_id", "in", late_cycles), ("state", "=", "manager_review")],
            ["manager_id"],
            ["__count"],
            order="__count desc",
            limit=LIST_LIMIT,
        )
        return [
            {"id": manager.id, "name": manager.name, "count": count}
            for manager, count in groups
            if manager
        ]

    def _process_health(self, today):
        """The headline figures of Reporting → Process Health and Review
        Completion over the last 90 days, from their own SQL views."""
        since = today - timedelta(days=90)
        [[held, missed, adherence, given, achieved]] = self.env[
            "hr.performance.activity.analysis"
        ]._read_group(
            [("date", ">=", since), ("date", "<=", today)],
            [],
            [
                "checkin_done:sum",
                "checkin_missed:sum",
                "cadence_adherence:avg",
                "feedback_given:sum",
                "goal_achieved:avg",
            ],
        )
        [[self_on_time, manager_on_time]] = self.env[
            "hr.performance.review.analysis"
        ]._read_group(
            [("cycle_date", ">=", today - timedelta(days=365))],
            [],
            ["self_on_time:avg", "manager_on_time:avg"],
        )
        return {
            "checkins_held": held or 0,
            "checkins_missed": missed or 0,
            "checkins_held_percent": adherence,
            "feedback_given": given or 0,
            "goals_achieved_percent": achieved,
            "self_on_time_percent": self_on_time,
            "manager_on_time_percent": manager_on_time,
        }
