from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestHome(HrPerformanceCase):
    """The data behind the app's home: what each audience sees, read with the
    user's own rights, in a number of queries that does not grow with the
    team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["hr.performance.home"])
        cls.goal = cls._goal(
            name="Cut onboarding to 5 days",
            state="active",
            date_start=cls.today - timedelta(days=30),
            date_deadline=cls.today + timedelta(days=30),
        )
        cls.peer_goal = cls._goal(
            name="Pablo's secret goal", employee_id=cls.emp_peer.id, state="active"
        )
        cls.checkin = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.emp_employee.id,
                "date": cls.today + timedelta(days=2),
                "agenda_item_ids": [Command.create({"name": "Conference budget"})],
            }
        )
        cls.plan = cls.env["hr.performance.development.plan"].create(
            {
                "name": "Eva's plan",
                "employee_id": cls.emp_employee.id,
                "item_ids": [
                    Command.create(
                        {
                            "name": "Public speaking course",
                            "date_deadline": cls.today + timedelta(days=10),
                        }
                    )
                ],
            }
        )
        Request = cls.env["hr.performance.feedback.request"]
        # Eva answers about Pablo; Olga anonymously about Eva, which Eva's
        # home never shows; Marco about Eva.
        cls.request_to_eva = Request.create(
            {"employee_id": cls.emp_peer.id, "reviewer_user_id": cls.user_employee.id}
        )
        cls.anonymous_about_eva = Request.create(
            {
                "employee_id": cls.emp_employee.id,
                "reviewer_user_id": cls.user_officer.id,
                "anonymous": True,
            }
        )
        cls.request_to_marco = Request.create(
            {
                "employee_id": cls.emp_employee.id,
                "reviewer_user_id": cls.user_manager.id,
            }
        )
        cls.kudos = cls.env["hr.performance.feedback"].create(
            {
                "employee_id": cls.emp_employee.id,
                "author_user_id": cls.user_peer.id,
                "kind": "praise",
                "visibility": "public",
                "body": "<p>Great <b>demo</b></p>",
            }
        )

    def _home(self, user, **kwargs):
        return self.env["hr.performance.home"].with_user(user).get_home_data(**kwargs)

    def test_the_app_opens_on_the_home(self):
        root = self.env.ref("hr_performance.menu_performance_root")
        home = self.env.ref("hr_performance.action_performance_home")
        self.assertEqual(root.action, home)
        self.assertEqual(home.tag, "hr_performance.home")

    def test_employee_sees_their_day(self):
        data = self._home(self.user_employee)
        self.assertFalse(data["manager"])
        self.assertFalse(data["hr"])
        mine = data["employee"]
        self.assertEqual([g["id"] for g in mine["goals"]], self.goal.ids)
        self.assertEqual(mine["goals"][0]["health"], self.goal.health)
        self.assertEqual(mine["goals"][0]["update_days_left"], 0)
        self.assertEqual(mine["checkin"]["id"], self.checkin.id)
        self.assertEqual(mine["checkin"]["days_left"], 2)
        self.assertEqual(
            [item["name"] for item in mine["checkin"]["agenda"]], ["Conference budget"]
        )
        self.assertEqual([r["id"] for r in mine["requests"]], self.request_to_eva.ids)
        self.assertEqual(mine["development"][0]["name"], "Public speaking course")
        self.assertEqual(mine["development"][0]["days_left"], 10)
        self.assertEqual(mine["kudos"][0]["body_text"], "Great demo")
        self.assertFalse(mine["review"])

    def test_anonymous_requests_stay_anonymous(self):
        # The subject's home lists only what the subject is asked to answer:
        # nothing of the requests about them, nor of who answers them.
        data = self._home(self.user_employee)
        self.assertNotIn(self.user_officer.name, repr(data))
        requests = [r["id"] for r in data["employee"]["requests"]]
        self.assertNotIn(self.anonymous_about_eva.id, requests)

    def test_open_review_step_with_deadline_and_no_rating(self):
        review = self._review(
            "calibration",
            self_review_deadline=self.today - timedelta(days=5),
            calibration_deadline=self.today + timedelta(days=4),
        )
        data = self._home(self.user_employee)["employee"]["review"]
        self.assertEqual(data["id"], review.id)
        self.assertEqual(data["state"], "calibration")
        self.assertEqual(data["days_left"], 4)
        self.assertFalse(data["my_step"])
        # Nothing of the unreleased rating reaches the employee's home.
        self.assertFalse(
            {"final_rating_level_id", "proposed_rating_level_id", "overall_score"}
            & set(data)
        )

    def test_manager_sees_one_row_per_report_and_what_needs_him(self):
        review = self._review(
            "manager_review",
            employees=self.emp_employee | self.emp_peer,
            manager_review_deadline=self.today + timedelta(days=3),
        )
        data = self._home(self.user_manager)["manager"]
        rows = {row["id"]: row for row in data["reports"]}
        self.assertEqual(set(rows), {self.emp_employee.id, self.emp_peer.id})
        eva = rows[self.emp_employee.id]
        self.assertEqual(eva["goal_health"], {self.goal.health: 1})
        self.assertEqual(eva["planned_checkin_id"], self.checkin.id)
        self.assertEqual(eva["review"]["id"], review[0].id)
        self.assertEqual(eva["review"]["days_left"], 3)
        self.assertTrue(eva["review"]["my_step"])
        self.assertEqual(eva["requests_to_answer"], 1)
        self.assertEqual(rows[self.emp_peer.id]["requests_to_answer"], 0)
        kinds = [(need["kind"], need["employee_id"]) for need in data["needs_you"]]
        self.assertIn(("review", self.emp_employee.id), kinds)
        self.assertIn(("request", self.emp_employee.id), kinds)
        # Ordered by urgency: dated items first, the soonest first.
        days = [n["days_left"] for n in data["needs_you"] if n["days_left"] is not None]
        self.assertEqual(days, sorted(days))
        self.assertIsNone(data["needs_you"][-1]["days_left"])

    def test_overdue_report_comes_first(self):
        self.emp_peer.checkin_frequency = "monthly"
        self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.emp_peer.id,
                "date": self.today - timedelta(days=60),
                "state": "done",
            }
        )
        data = self._home(self.user_manager)["manager"]
        peer = next(r for r in data["reports"] if r["id"] == self.emp_peer.id)
        self.assertTrue(peer["checkin_overdue"])
        self.assertGreater(peer["checkin_days_overdue"], 0)
        self.assertEqual(data["needs_you"][0]["kind"], "checkin")
        self.assertEqual(data["needs_you"][0]["employee_id"], self.emp_peer.id)

    def test_a_new_checkin_is_proposed_on_a_working_day(self):
        # Eva works Monday to Friday (no calendar); Pablo on Saturdays only.
        self.emp_employee.resource_calendar_id = False
        self.emp_peer.resource_calendar_id = self.env["resource.calendar"].create(
            {
                "name": "Saturdays",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": "Saturday",
                            "dayofweek": "5",
                            "hour_from": 9,
                            "hour_to": 17,
                        }
                    )
                ],
            }
        )
        proposed = {}
        for day in ("2026-03-06", "2026-03-07"):  # a Friday, a Saturday
            with freeze_time(day):
                reports = self._home(self.user_manager)["manager"]["reports"]
            proposed[day] = {r["id"]: str(r["schedule_date"]) for r in reports}
        eva, pablo = self.emp_employee.id, self.emp_peer.id
        self.assertEqual(
            proposed,
            {
                "2026-03-06": {eva: "2026-03-06", pablo: "2026-03-07"},
                "2026-03-07": {eva: "2026-03-09", pablo: "2026-03-07"},
            },
        )

    def test_everyone_below(self):
        intern = self.env["hr.employee"].create(
            {"name": "Ivy Intern", "parent_id": self.emp_employee.id}
        )
        direct = self._home(self.user_manager)["manager"]["reports"]
        self.assertNotIn(intern.id, [r["id"] for r in direct])
        everyone = self._home(self.user_manager, everyone=True)["manager"]
        self.assertTrue(everyone["everyone"])
        ids = [r["id"] for r in everyone["reports"]]
        self.assertIn(intern.id, ids)
        self.assertNotIn(self.emp_manager.id, ids)
        # Eva manages Ivy: she gets a team section, her peer's rows stay hidden.
        eva = self._home(self.user_employee)["manager"]
        self.assertEqual([r["id"] for r in eva["reports"]], intern.ids)

    def test_hr_sees_cycles_late_managers_sessions_and_health(self):
        reviews = self._review(
            "manager_review",
            employees=self.emp_employee | self.emp_peer,
            manager_review_deadline=self.today - timedelta(days=1),
        )
        cycle = reviews.cycle_id
        session = self.env["hr.performance.calibration"].create(
            {"name": "Engineering calibration", "cycle_id": cycle.id}
        )
        self.assertFalse(self._home(self.user_manager)["hr"])
        data = self._home(self.user_officer)["hr"]
        [row] = [c for c in data["cycles"] if c["id"] == cycle.id]
        self.assertEqual(row["completion"]["total"], 2)
        self.assertEqual(row["completion"]["self_review"], 100)
        self.assertEqual(row["completion"]["manager_review"], 0)
        self.assertEqual(
            [d["name"] for d in row["departments"]], [self.department.name]
        )
        self.assertEqual(
            data["late_managers"],
            [{"id": self.emp_manager.id, "name": self.emp_manager.name, "count": 2}],
        )
        self.assertIn(session.id, [s["id"] for s in data["calibrations"]])
        self.assertIn("checkins_held_percent", data["health"])

    def _add_reports(self, count):
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"Report {index}",
                    "parent_id": self.emp_manager.id,
                    "department_id": self.department.id,
                    "checkin_frequency": "monthly",
                }
                for index in range(count)
            ]
        )
        self.env["hr.performance.goal"].create(
            [
                {
                    "name": f"Goal of {employee.name}",
                    "scope": "individual",
                    "employee_id": employee.id,
                    "state": "active",
                }
                for employee in employees
            ]
        )
        self.env["hr.performance.checkin"].create(
            [
                {"employee_id": employee.id, "date": self.today + timedelta(days=1)}
                for employee in employees
            ]
        )
        self._review("self_review", employees=employees, name=f"Cycle {count}")
        return employees

    def _count_queries(self, user, method, **kwargs):
        Home = self.env["hr.performance.home"].with_user(user)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        getattr(Home, method)(**kwargs)
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow_with_the_team(self):
        self._add_reports(3)  # 5 reports in all
        for user, method, kwargs in (
            (self.user_manager, "get_manager_data", {}),
            (self.user_manager, "get_manager_data", {"everyone": True}),
            (self.user_employee, "get_employee_data", {}),
            (self.user_officer, "get_hr_data", {}),
        ):
            self._count_queries(user, method, **kwargs)  # warm the caches
        counts = {
            (user.login, method, tuple(kwargs)): self._count_queries(
                user, method, **kwargs
            )
            for user, method, kwargs in (
                (self.user_manager, "get_manager_data", {}),
                (self.user_manager, "get_manager_data", {"everyone": True}),
                (self.user_employee, "get_employee_data", {}),
                (self.user_officer, "get_hr_data", {}),
            )
        }
        self._add_reports(45)  # 50 reports
        for (login, method, kwargs), count in counts.items():
            user = self.env["res.users"].search([("login", "=", login)])
            Home = self.env["hr.performance.home"].with_user(user)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.subTest(login=login, method=method), self.assertQueryCount(count):
                getattr(Home, method)(**dict.fromkeys(kwargs, True))
        data = self.env["hr.performance.home"].with_user(self.user_manager)
        self.assertEqual(len(data.get_manager_data()["reports"]), 50)
