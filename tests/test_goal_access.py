from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalAccess(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_director = mail_new_test_user(
            cls.env, login="perf_director", name="Dora Director"
        )
        cls.user_outsider = mail_new_test_user(
            cls.env, login="perf_outsider", name="Oscar Outsider"
        )
        cls.emp_director = cls.env["hr.employee"].create(
            {"name": "Dora Director", "user_id": cls.user_director.id}
        )
        cls.emp_manager.parent_id = cls.emp_director
        cls.other_department = cls.env["hr.department"].create({"name": "Finance"})
        cls.emp_outsider = cls.env["hr.employee"].create(
            {
                "name": "Oscar Outsider",
                "user_id": cls.user_outsider.id,
                "department_id": cls.other_department.id,
            }
        )
        cls.goal_employee = cls._goal(name="Eva's goal")
        cls.goal_manager = cls._goal(
            name="Marco's own goal", employee_id=cls.emp_manager.id
        )
        cls.goal_team = cls._goal(
            name="Team goal", scope="team", employee_id=cls.emp_manager.id
        )
        cls.goal_department = cls._goal(
            name="Department goal",
            scope="department",
            employee_id=False,
            department_id=cls.department.id,
        )
        cls.goal_company = cls._goal(
            name="Company goal", scope="company", employee_id=False
        )
        cls.goal_finance = cls._goal(
            name="Finance goal",
            scope="department",
            employee_id=False,
            department_id=cls.other_department.id,
        )

    def _visible(self, user):
        return self.env["hr.performance.goal"].with_user(user).search([])

    def test_who_reads_what(self):
        mine = self.goal_employee
        expectations = {
            self.user_employee: mine
            | self.goal_team
            | self.goal_department
            | self.goal_company,
            self.user_peer: self.goal_team | self.goal_department | self.goal_company,
            self.user_manager: mine
            | self.goal_manager
            | self.goal_team
            | self.goal_department
            | self.goal_company,
            self.user_director: mine
            | self.goal_manager
            | self.goal_team
            | self.goal_department
            | self.goal_company,
            self.user_outsider: self.goal_company | self.goal_finance,
        }
        for user, expected in expectations.items():
            with self.subTest(user=user.login):
                visible = self._visible(user)
                self.assertEqual(visible, expected)
                visible.read(["name", "progress", "parent_id"])  # does not raise
        self.assertLessEqual(
            mine | self.goal_finance | self.goal_manager,
            self._visible(self.user_officer),
        )

    def test_peer_cannot_read_or_touch(self):
        goal = self.goal_employee.with_user(self.user_peer)
        with self.assertRaises(AccessError):
            goal.read(["name"])
        with self.assertRaises(AccessError):
            goal.write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal.update"].with_user(self.user_peer).create(
                {"goal_id": self.goal_employee.id, "progress": 90}
            )
        with self.assertRaises(AccessError):
            self.goal_manager.with_user(self.user_employee).read(["name"])

    def test_writers(self):
        self.goal_employee.with_user(self.user_employee).write(
            {"name": "Mine, renamed"}
        )
        self.goal_employee.with_user(self.user_manager).write({"weight": 2})
        self.goal_employee.with_user(self.user_director).write({"weight": 3})
        self.goal_department.with_user(self.user_manager).write({"weight": 2})
        for user, goal in (
            (self.user_employee, self.goal_team),
            (self.user_employee, self.goal_department),
            (self.user_employee, self.goal_company),
            (self.user_manager, self.goal_company),
            (self.user_outsider, self.goal_finance),
        ):
            with (
                self.subTest(user=user.login, goal=goal.name),
                self.assertRaises(AccessError),
            ):
                goal.with_user(user).write({"name": "Changed"})

    def test_creators(self):
        goals = self.env["hr.performance.goal"]
        goals.with_user(self.user_employee).create(
            {"name": "Self set", "employee_id": self.emp_employee.id}
        )
        goals.with_user(self.user_manager).create(
            {"name": "For my report", "employee_id": self.emp_peer.id}
        )
        for user, vals in (
            (self.user_employee, {"employee_id": self.emp_peer.id}),
            (self.user_employee, {"scope": "company", "employee_id": False}),
            (
                self.user_employee,
                {
                    "scope": "department",
                    "employee_id": False,
                    "department_id": self.department.id,
                },
            ),
            (self.user_manager, {"employee_id": self.emp_outsider.id}),
        ):
            with (
                self.subTest(user=user.login, vals=vals),
                self.assertRaises(AccessError),
            ):
                goals.with_user(user).create({"name": "Not allowed", **vals})
        goals.with_user(self.user_officer).create(
            {"name": "Company OKR", "scope": "company"}
        )

    def test_nobody_reassigns_someone_elses_goal(self):
        with self.assertRaises(AccessError):
            self.goal_employee.with_user(self.user_employee).write(
                {"employee_id": self.emp_peer.id}
            )
        with self.assertRaises(AccessError):
            self.goal_employee.with_user(self.user_manager).write(
                {"employee_id": self.emp_outsider.id}
            )
        with self.assertRaises(AccessError):
            self.goal_employee.with_user(self.user_employee).write(
                {"scope": "department", "department_id": self.other_department.id}
            )
        self.goal_employee.invalidate_recordset()
        self.assertEqual(self.goal_employee.employee_id, self.emp_employee)
        # Between two of their own reports, a manager may move a goal.
        self.goal_employee.with_user(self.user_manager).write(
            {"employee_id": self.emp_peer.id}
        )
        self.assertEqual(self.goal_employee.employee_id, self.emp_peer)

    def test_reorganisation_takes_effect_at_once(self):
        self.assertIn(self.goal_employee, self._visible(self.user_manager))
        self.emp_employee.parent_id = self.emp_outsider
        self.assertNotIn(self.goal_employee, self._visible(self.user_manager))
        self.assertNotIn(self.goal_employee, self._visible(self.user_director))
        self.assertIn(self.goal_employee, self._visible(self.user_outsider))

    def test_delete_only_untouched_drafts(self):
        draft = self._goal(name="Second thoughts")
        draft.with_user(self.user_employee).unlink()
        self.assertFalse(draft.exists())
        self.env["hr.performance.goal.update"].with_user(self.user_employee).create(
            {"goal_id": self.goal_employee.id, "progress": 10}
        )
        with self.assertRaisesRegex(UserError, "cancel or archive"):
            self.goal_employee.with_user(self.user_employee).unlink()

    def test_rollup_parent_needs_write_access(self):
        team = self._goal(
            name="Team goal",
            scope="team",
            employee_id=self.emp_manager.id,
            progress_mode="children",
        )
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal"].with_user(self.user_employee).create(
                {
                    "name": "Skews the team",
                    "employee_id": self.emp_employee.id,
                    "parent_id": team.id,
                    "weight": 1000,
                }
            )
        self.env["hr.performance.goal"].with_user(self.user_manager).create(
            {
                "name": "Aligned by the manager",
                "employee_id": self.emp_employee.id,
                "parent_id": team.id,
            }
        )

    def test_goal_workflow_and_responsible_cannot_be_forced(self):
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        goal = Goal.create(
            {
                "name": "Self set",
                "employee_id": self.emp_employee.id,
                "state": "done",
                "user_id": self.user_peer.id,
            }
        )
        self.assertEqual((goal.state, goal.user_id), ("draft", self.user_employee))
        with self.assertRaises(UserError):
            goal.write({"state": "active"})
        goal.with_user(self.user_manager).write({"user_id": self.user_peer.id})
        self.assertEqual(
            goal.user_id, self.user_employee, "the responsible follows the owner"
        )
        self.assertNotIn(
            goal, self.env["hr.performance.goal"].with_user(self.user_peer).search([])
        )
        goal.action_activate()
        goal.action_cancel()
        with self.assertRaises(UserError):
            goal.with_user(self.user_employee).write({"state": "active"})
