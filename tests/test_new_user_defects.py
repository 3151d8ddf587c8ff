"""Defects found when the app was tried as a new user would (issue 17, item 5):
each test failed before its fix."""

from datetime import date

from lxml import etree

from odoo import Command, fields
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestNewUserDefects(HrPerformanceCase):
    def _arch(self, model, view_type, user, action=None):
        views = (
            self.env[model]
            .with_user(user)
            .get_views([(False, view_type)], {"action_id": action})
        )
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_wizard_pages_have_titles_not_technical_names(self):
        summary = (
            self.env["hr.performance.feedback.summary"]
            .with_user(self.user_employee)
            .create({})
        )
        self.assertEqual(summary.display_name, "Anonymous Feedback About Me")
        job = self.env["hr.job"].create({"name": "Staff Engineer (test)"})
        action = job.with_user(self.user_officer).action_open_succession()
        wizard = self.env["hr.performance.succession"].browse(action["res_id"])
        self.assertEqual(
            wizard.display_name, "Succession Candidates: Staff Engineer (test)"
        )

    def test_a_planned_checkin_shows_no_mood_zero(self):
        Checkin = self.env["hr.performance.checkin"].with_user(self.user_manager)
        checkin = Checkin.create({"employee_id": self.emp_employee.id})
        self.assertEqual((checkin.mood, checkin.mood_face), (0, False))
        form = self._arch("hr.performance.checkin", "form", self.user_manager)
        self.assertFalse(form.xpath("//field[@name='mood']"), "no bare 0")
        self.assertEqual(
            form.xpath("//field[@name='mood_face']/@widget"), ["selection_badge"]
        )
        not_set = form.xpath("//span[hasclass('o_perf_mood_not_set')]")
        self.assertEqual(not_set[0].text, "not set")
        list_ = self._arch("hr.performance.checkin", "list", self.user_manager)
        self.assertTrue(list_.xpath("//field[@name='mood_face']"))
        self.assertFalse(list_.xpath("//field[@name='mood']"))
        # The face scale writes the mood (1-5).
        checkin.mood_face = "4"
        self.assertEqual(checkin.mood, 4)
        labels = dict(checkin._fields["mood_face"]._description_selection(self.env))
        self.assertEqual(len(labels), 5)
        self.assertIn("Good", labels["4"])

    def test_next_checkin_never_falls_on_a_weekend(self):
        employee = self.emp_employee
        employee.checkin_frequency = "monthly"
        Checkin = self.env["hr.performance.checkin"]
        # Saturday 7 February + one month = Saturday 7 March: Monday 9 March.
        Checkin.create({"employee_id": employee.id, "date": "2026-02-07"}).action_done()
        self.assertEqual(employee.next_checkin_date, date(2026, 3, 9))
        # A calendar working Sunday to Thursday: Sunday 8 March.
        employee.resource_calendar_id = self.env["resource.calendar"].create(
            {
                "name": "Sunday to Thursday",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                        }
                    )
                    for day in (6, 0, 1, 2, 3)
                ],
            }
        )
        self.assertEqual(employee.next_checkin_date, date(2026, 3, 8))

    def test_kudos_wall_newest_first_with_the_receiver(self):
        action = self.env.ref("hr_performance.hr_performance_feedback_action_wall")
        kanban = self._arch(
            "hr.performance.feedback", "kanban", self.user_peer, action.id
        )
        order = kanban.get("default_order")
        self.assertEqual(order, "date desc, id desc")
        self.assertTrue(
            kanban.xpath("//span[@t-out='record.employee_id.value']"),
            "the receiver's name, not only an avatar",
        )
        Feedback = self.env["hr.performance.feedback"]
        older, newer = Feedback.with_user(self.user_manager).create(
            [
                {
                    "employee_id": employee.id,
                    "kind": "praise",
                    "visibility": "public",
                    "body": "<p>Thanks</p>",
                }
                for employee in (self.emp_peer, self.emp_employee)
            ]
        )
        # The older was given first but recorded later (an import, say).
        older.sudo().date = "2026-01-05"
        newer.sudo().date = "2026-03-05"
        (older | newer).flush_recordset()
        wall = Feedback.with_user(self.user_peer).search(
            [("id", "in", (older | newer).ids)], order=order
        )
        self.assertEqual(wall.ids, [newer.id, older.id])

    def test_team_menus_hidden_from_employees_who_manage_nobody(self):
        Menu = self.env["ir.ui.menu"]
        hidden = {
            self.env.ref(f"hr_performance.menu_performance_{name}").id
            for name in ("team", "reporting", "goals_team", "reviews_team")
        }
        for user, visible in (
            (self.user_employee, False),
            (self.user_manager, True),
            (self.user_officer, True),
        ):
            with self.subTest(user=user.name):
                self.env.registry.clear_cache()
                menus = set(Menu.with_user(user).load_menus(debug=False))
                self.assertEqual(hidden <= menus, visible)
                if not visible:
                    self.assertFalse(hidden & menus)
                self.assertIn(
                    self.env.ref("hr_performance.menu_performance_goals_my").id,
                    menus,
                )
        # Eva gets a first report: the team menus show at once (the menus
        # cached for her are dropped with the reorganisation).
        self.env.registry.clear_cache()
        Menu.with_user(self.user_employee).load_menus(debug=False)
        self.emp_peer.parent_id = self.emp_employee
        menus = set(Menu.with_user(self.user_employee).load_menus(debug=False))
        self.assertLessEqual(hidden, menus)

    def test_request_feedback_dialog(self):
        Wizard = self.env["hr.performance.feedback.request.wizard"]
        self.assertEqual(
            Wizard.fields_get(["question"])["question"]["string"], "Question"
        )
        form = self._arch(Wizard._name, "form", self.user_manager)
        reviewers = form.xpath("//field[@name='reviewer_user_ids']")[0]
        self.assertEqual(reviewers.get("widget"), "many2many_tags_avatar")
        self.assertTrue(reviewers.get("placeholder"), "a visible input")
        # "About": oneself for an employee; the manager picks the report,
        # or gets the one the dialog was opened from.
        self.assertEqual(
            Wizard.with_user(self.user_employee).create({}).employee_id,
            self.emp_employee,
        )
        self.assertFalse(
            Wizard.with_user(self.user_manager)
            .default_get(["employee_id"])
            .get("employee_id")
        )
        for active_model in ("hr.employee", "hr.employee.public"):
            from_report = (
                Wizard.with_user(self.user_manager)
                .with_context(active_model=active_model, active_id=self.emp_employee.id)
                .default_get(["employee_id"])
            )
            self.assertEqual(from_report["employee_id"], self.emp_employee.id)
        # Opened from someone who is not a report: no default.
        stranger = (
            Wizard.with_user(self.user_peer)
            .with_context(active_model="hr.employee", active_id=self.emp_employee.id)
            .default_get(["employee_id"])
        )
        self.assertEqual(stranger["employee_id"], self.emp_peer.id)

    def test_public_employee_form_has_the_performance_buttons(self):
        goal = self._goal(name="Eva's visible goal")
        form = self._arch("hr.employee.public", "form", self.user_manager)
        for method in (
            "action_open_performance_goals",
            "action_open_performance_feedback",
            "action_open_checkins",
        ):
            button = form.xpath(f"//button[@name='{method}']")
            self.assertEqual(button[0].get("invisible"), "not is_manager", method)
        public = self.env["hr.employee.public"].with_user(self.user_manager)
        eva = public.browse(self.emp_employee.id)
        self.assertTrue(eva.is_manager)
        self.assertFalse(
            self.env["hr.employee.public"]
            .with_user(self.user_peer)
            .browse(self.emp_employee.id)
            .is_manager
        )
        action = eva.action_open_performance_goals()
        goals = (
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .search(action["domain"])
        )
        self.assertEqual(goals, goal)
        self.assertIn("Eva Employee", action["name"])
        for method in ("action_open_performance_feedback", "action_open_checkins"):
            action = getattr(eva, method)()
            self.assertEqual(
                action["domain"], [("employee_id", "=", self.emp_employee.id)]
            )

    def test_my_goals_never_open_on_an_empty_column(self):
        self._goal(name="Eva's draft goal")
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        groups = Goal.web_read_group(
            [("employee_id.user_id", "=", self.user_employee.id)],
            ["health"],
            ["health"],
        )["groups"]
        self.assertEqual([g["health"] for g in groups], ["not_started"])
        self.assertTrue(all(g["health_count"] for g in groups), "no empty column")

    def test_graphs_count_without_decimals(self):
        for model, main in (
            ("hr.performance.activity.analysis", "event_count"),
            ("hr.performance.review.analysis", "review_count"),
        ):
            with self.subTest(model=model):
                graph = self._arch(model, "graph", self.user_officer)
                measures = graph.xpath("//field[@type='measure']")
                self.assertEqual(measures[-1].get("name"), main, "shown first")
                self.assertEqual({m.get("widget") for m in measures}, {"integer"})
        for model, fname in (
            ("hr.performance.activity.analysis", "cadence_adherence"),
            ("hr.performance.activity.analysis", "goal_achieved"),
            ("hr.performance.review.analysis", "self_on_time"),
            ("hr.performance.review.analysis", "manager_on_time"),
        ):
            digits = self.env[model].fields_get([fname])[fname]["digits"]
            self.assertEqual(tuple(digits), (16, 0), f"{fname}: 100, not 100.00")

    def test_team_overview_and_process_health_agree_on_missed(self):
        """Olivia's case: overdue in Team Overview, yet "Check-ins Missed 0,
        Held 100 %" in Process Health. One definition now: a due date of the
        rhythm that passed without a check-in, or a planned one past its
        date, is a missed check-in in both."""
        today = fields.Date.context_today(self.env["res.users"])
        Checkin = self.env["hr.performance.checkin"]
        eva, pablo = self.emp_employee, self.emp_peer
        eva.checkin_frequency = "weekly"
        Checkin.create(
            {"employee_id": eva.id, "date": fields.Date.add(today, days=-30)}
        ).action_done()
        pablo.checkin_frequency = "none"
        Checkin.create(
            {"employee_id": pablo.id, "date": fields.Date.add(today, days=-3)}
        )
        Public = self.env["hr.employee.public"].with_user(self.user_manager)
        team = [("parent_id", "=", self.emp_manager.id)]
        overdue = Public.search([*team, ("checkin_overdue", "=", True)])
        self.assertEqual(overdue.ids, sorted((eva | pablo).ids))
        self.assertEqual(
            Public.browse(overdue.ids).mapped("checkin_overdue"), [True] * 2
        )
        self.assertFalse(
            self.env["hr.employee.public"]
            .with_user(self.user_peer)
            .browse(eva.id)
            .checkin_overdue,
            "the rhythm is for the person, their managers and HR",
        )

        def health():
            rows = (
                self.env["hr.performance.activity.analysis"]
                .with_user(self.user_manager)
                ._read_group(
                    [("kind", "=", "checkin")],
                    ["employee_id"],
                    ["checkin_done:sum", "checkin_missed:sum", "cadence_adherence:avg"],
                )
            )
            return {employee: tuple(values) for employee, *values in rows}

        self.assertEqual(health(), {eva: (1, 1, 50.0), pablo: (0, 1, 0.0)})
        # Held today: Eva is no longer overdue, nor missing one.
        Checkin.create({"employee_id": eva.id, "date": today}).action_done()
        self.env.invalidate_all()  # as the next request would
        self.assertFalse(Public.browse(eva.id).checkin_overdue)
        self.assertEqual(
            Public.search([*team, ("checkin_overdue", "=", True)]).ids, pablo.ids
        )
        self.assertEqual(health()[eva], (2, 0, 100.0))

    def test_five_column_kanbans_fit_a_desktop_screen(self):
        """Reviews by step, goals by health and the calibration board by rating
        have five or six columns: their kanbans take the narrower columns of
        static/src/views/kanban_fit.scss, which the backend loads."""
        for xmlid in (
            "hr_performance.hr_performance_review_action",
            "hr_performance.hr_performance_goal_action_my",
            "hr_performance.hr_performance_calibration_board_action",
        ):
            with self.subTest(action=xmlid):
                action = self.env.ref(xmlid)
                model = self.env[action.res_model].with_user(self.user_officer)
                arch = model.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
                self.assertIn(
                    "o_hr_performance_kanban_fit",
                    etree.fromstring(arch).get("class", ""),
                )
        files = [
            path
            for _, path, *_ in self.env["ir.asset"]._get_asset_paths(
                "web.assets_backend", {}
            )
        ]
        self.assertTrue(
            any(
                path.endswith("hr_performance/static/src/views/kanban_fit.scss")
                for path in files
            )
        )
