from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalCascade(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_goal = cls._goal(
            name="Cut support backlog to 20 tickets",
            scope="department",
            employee_id=False,
            department_id=cls.department.id,
            progress_mode="metric",
            start_value=120,
            target_value=20,
            current_value=120,
            unit="tickets",
            date_start="2026-01-01",
            date_deadline="2026-06-30",
        )

    def _wizard(self, user, **values):
        form = Form(
            self.env["hr.performance.goal.cascade"]
            .with_user(user)
            .with_context(default_parent_id=self.dept_goal.id)
        )
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def test_manager_cascades_to_two_employees(self):
        wizard = self._wizard(self.user_manager, target_scope="individual")
        wizard.employee_ids = self.emp_employee | self.emp_peer
        self.assertEqual(wizard.target_count, 2)
        action = wizard.action_cascade()
        goals = self.env["hr.performance.goal"].search(action["domain"])
        self.assertEqual(goals.employee_id, self.emp_employee | self.emp_peer)
        self.assertEqual(set(goals.mapped("parent_id")), {self.dept_goal})
        self.assertEqual(set(goals.mapped("state")), {"active"})
        self.assertEqual(set(goals.mapped("date_deadline")), {date(2026, 6, 30)})
        self.assertEqual(set(goals.mapped("unit")), {"tickets"})
        self.assertEqual(self.dept_goal.progress_mode, "children")
        goals[0].current_value = 70  # half way: (120 - 70) / 100
        self._settle_rollups()
        self.assertAlmostEqual(self.dept_goal.progress, 25.0)

    def test_team_and_department_targets(self):
        wizard = self._wizard(self.user_officer, target_scope="team")
        wizard.team_lead_ids = self.emp_manager
        goals = self.env["hr.performance.goal"].search(
            wizard.action_cascade()["domain"]
        )
        self.assertEqual((goals.scope, goals.employee_id), ("team", self.emp_manager))
        company_goal = self._goal(
            name="Company OKR", scope="company", employee_id=False
        )
        wizard = self.env["hr.performance.goal.cascade"].create(
            {"parent_id": company_goal.id, "department_ids": [self.department.id]}
        )
        self.assertEqual(wizard.target_scope, "department")
        goals = self.env["hr.performance.goal"].search(
            wizard.action_cascade()["domain"]
        )
        self.assertEqual(
            (goals.scope, goals.department_id), ("department", self.department)
        )

    def test_from_template(self):
        template = self.env["hr.performance.goal.template"].create(
            {
                "name": "Keep first response under 4 hours",
                "progress_mode": "metric",
                "start_value": 8,
                "target_value": 4,
                "unit": "h",
                "duration_days": 30,
            }
        )
        parent = self._goal(
            name="Support quality",
            scope="team",
            employee_id=self.emp_manager.id,
            date_start="2026-03-01",
        )
        wizard = self.env["hr.performance.goal.cascade"].create(
            {
                "parent_id": parent.id,
                "template_id": template.id,
                "employee_ids": [self.emp_employee.id],
            }
        )
        goal = self.env["hr.performance.goal"].search(wizard.action_cascade()["domain"])
        self.assertEqual(
            (
                goal.name,
                goal.target_value,
                goal.unit,
                goal.template_id,
                goal.date_deadline,
            ),
            ("Keep first response under 4 hours", 4, "h", template, date(2026, 3, 31)),
        )

    def test_refusals(self):
        wizard = self._wizard(self.user_employee, target_scope="individual")
        wizard.employee_ids = self.emp_peer
        with self.assertRaises(AccessError):
            wizard.action_cascade()
        with self.assertRaisesRegex(UserError, "at least one"):
            self._wizard(self.user_manager, target_scope="individual").action_cascade()
        finance = self.env["hr.department"].create({"name": "Finance"})
        foreign = self._goal(
            name="Finance goal",
            scope="department",
            employee_id=False,
            department_id=finance.id,
        )
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal.cascade"].with_user(
                self.user_employee
            ).create({"parent_id": foreign.id, "employee_ids": [self.emp_employee.id]})

    def _queries(self, function):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_cascade_queries_do_not_grow_per_goal(self):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Report {i}", "parent_id": self.emp_manager.id}
                for i in range(13)
            ]
        )

        # With mail on, as in real use: followers, creation messages, tracking.
        mail_on = {
            "tracking_disable": False,
            "mail_create_nolog": False,
            "mail_create_nosubscribe": False,
            "mail_notrack": False,
        }

        def cascade(targets):
            wizard = (
                self.env["hr.performance.goal.cascade"]
                .with_context(**mail_on)
                .create(
                    {
                        "parent_id": self.dept_goal.id,
                        "target_scope": "individual",
                        "employee_ids": targets.ids,
                        "roll_up": False,
                    }
                )
            )
            return lambda: wizard.action_cascade()

        self._queries(cascade(employees[12:]))  # warm the caches
        few = self._queries(cascade(employees[:2]))
        many = self._queries(cascade(employees[2:12]))
        # Ten goals instead of two: batched creates, followers and creation
        # messages; less than one extra query per extra goal.
        self.assertLessEqual(many - few, 8, (few, many))

    def test_leaf_update_cost_does_not_depend_on_siblings(self):
        def tree(siblings):
            goal = self._goal(
                name="Level 1",
                scope="company",
                employee_id=False,
                progress_mode="children",
            )
            for level in range(2, 5):
                goal = self._goal(
                    name=f"Level {level}", parent_id=goal.id, progress_mode="children"
                )
                self.env["hr.performance.goal"].create(
                    [
                        {
                            "name": f"Sibling {i}",
                            "employee_id": self.emp_employee.id,
                            "parent_id": goal.parent_id.id,
                        }
                        for i in range(siblings)
                    ]
                )
            return self._goal(name="Leaf", parent_id=goal.id, progress=0)

        small, large = tree(1), tree(25)
        self.env.invalidate_all()
        # The leaf alone, one queue row and one trigger for the roll-up job:
        # no ancestor is written in the leaf's transaction.
        with self.assertQueryCount(__system__=12):
            small.progress = 40
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=12):
            large.progress = 40
            self.env.flush_all()
        self._settle_rollups()
        self.assertGreater(large.parent_id.parent_id.parent_id.parent_id.progress, 0)


@tagged("post_install", "-at_install")
class TestGoalReminders(HrPerformanceCase):
    def test_reminders_once_and_only_for_stale_goals(self):
        Activity = self.env["mail.activity"]
        activity_type = self.env.ref("hr_performance.mail_activity_type_goal_update")
        with freeze_time("2026-03-01"):
            stale = self._goal(
                name="Stale goal", date_start="2026-01-01", date_deadline="2026-12-31"
            )
            fresh = self._goal(
                name="Fresh goal", date_start="2026-01-01", date_deadline="2026-12-31"
            )
            finished = self._goal(
                name="Finished goal",
                date_start="2026-01-01",
                date_deadline="2026-12-31",
            )
            draft = self._goal(name="Draft goal", date_start="2026-01-01")
            (stale | fresh | finished).action_activate()
            finished.action_done()
            self.env["hr.performance.goal.update"].create(
                {"goal_id": fresh.id, "date": "2026-02-25", "progress": 10}
            )
            self.env["hr.performance.goal"]._cron_update_reminders()
            self.env["hr.performance.goal"]._cron_update_reminders()
            reminders = Activity.search([("activity_type_id", "=", activity_type.id)])
            self.assertEqual(reminders.mapped("res_id"), [stale.id])
            self.assertEqual(reminders.user_id, self.user_employee)
            self.assertNotIn(draft.id, reminders.mapped("res_id"))
        with freeze_time("2026-03-20"):
            self.env["hr.performance.goal"]._cron_update_reminders()
            reminders = Activity.search([("activity_type_id", "=", activity_type.id)])
            self.assertEqual(
                sorted(reminders.mapped("res_id")), sorted([stale.id, fresh.id])
            )
            stale.action_done()
            self.assertFalse(
                Activity.search(
                    [("res_id", "=", stale.id), ("res_model", "=", stale._name)]
                )
            )
