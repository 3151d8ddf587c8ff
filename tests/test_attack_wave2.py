"""Outside security review, second wave (the surface merged with the portal
pages, the home, the review writer and the calibration room): each test
demonstrates one hole found by attacking the addon through its real paths
(JSON-RPC with forged arguments, portal forms). Every test fails while the
hole is open."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_portal_more import PortalMoreCase

REFUSED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestAttackWave2(PortalMoreCase):
    def _assert_refused(self, call, message):
        try:
            with self.env.cr.savepoint():
                call()
        except REFUSED:
            return
        self.fail(message)

    # ------------------------------------------------------------ development actions

    def test_employee_moves_own_actions_only_as_the_plan_allows(self):
        """Cancelling an action is the manager's call, and a closed action or
        plan is history: the employee cannot cancel their open actions (a
        plan at 100 % without doing them), reopen one the manager cancelled,
        nor change the actions of a plan that is not active, through the
        backend (JSON-RPC) or code run with sudo for them (the portal)."""
        item = self.item_eva
        Item = item.with_user(self.user_employee)
        self._assert_refused(
            lambda: Item.browse(item.id).write({"state": "cancelled"}),
            "the employee cancelled their own development action",
        )
        self._assert_refused(
            lambda: Item.browse(item.id).sudo().write({"state": "cancelled"}),
            "sudo for the employee (the portal) cancelled their action",
        )
        self.assertEqual(item.state, "todo")
        # Over JSON-RPC, as the web client would send it.
        self.authenticate(self.user_employee.login, self.user_employee.login)
        reply = self._rpc(
            "hr.performance.development.item",
            "write",
            [[item.id], {"state": "cancelled"}],
        )
        self.assertIn("error", reply)
        item.invalidate_recordset()
        self.assertEqual(item.state, "todo")
        self.assertEqual(self.plan_eva.progress, 0.0)
        # The manager cancels it: the employee does not bring it back.
        item.with_user(self.user_manager).write({"state": "cancelled"})
        self._assert_refused(
            lambda: Item.browse(item.id).write({"state": "done"}),
            "the employee reopened an action the manager cancelled",
        )
        self._assert_refused(
            lambda: Item.browse(item.id).write({"note": "Did it anyway"}),
            "the employee wrote on a cancelled action",
        )
        # A plan no longer active is history, its actions too.
        item.with_user(self.user_manager).write({"state": "todo"})
        self.plan_eva.with_user(self.user_manager).action_done()
        for vals in ({"state": "done"}, {"note": "Rewritten afterwards"}):
            self._assert_refused(
                lambda vals=vals: Item.browse(item.id).write(vals),
                f"the employee changed an action of a closed plan: {vals}",
            )
        # The employee still moves the status of an open action of an active plan.
        other = self.item_paula
        other.with_user(self.user_portal).sudo().write({"state": "in_progress"})
        self.assertEqual(other.state, "in_progress")

    # ------------------------------------------------------------ portal goals

    def test_portal_goals_are_those_the_owner_reads_and_updates(self):
        """A company or department goal may name an owner (``employee_id``)
        without being theirs to read or update: the backend refuses the
        owner (record rules), and so must the portal, which reads and writes
        with sudo within the model's ``_portal_domain``."""
        Goal = self.env["hr.performance.goal"]
        finance = self.goal_other_department.department_id
        # HR is responsible for both (user_id); Eva is only named as owner.
        hidden = self._goal(
            name="Close the Finance books early",
            scope="department",
            department_id=finance.id,
            user_id=self.user_admin.id,
        )
        company = self._goal(
            name="Open the Lisbon office", scope="company", user_id=self.user_admin.id
        )
        (hidden | company).action_activate()
        self.env.flush_all()
        self.assertEqual((hidden | company).user_id, self.user_admin)
        self.assertEqual(hidden.employee_id, self.emp_employee)
        self.assertEqual(company.employee_id, self.emp_employee)
        as_eva = Goal.with_user(self.user_employee)
        # The backend: Eva does not read the Finance goal, nor updates the
        # company's.
        self.assertNotIn(hidden, as_eva.search([]))
        Update = self.env["hr.performance.goal.update"].with_user(self.user_employee)
        self._assert_refused(
            lambda: Update.create({"goal_id": company.id, "progress": 90}),
            "the backend let Eva update a company goal",
        )
        self.assertNotIn(
            hidden,
            Goal.sudo().search(as_eva._portal_domain()),
            "the portal domain holds a goal the record rules hide",
        )
        # The portal answers the same.
        self._login(self.user_employee)
        self.assertEqual(
            self.url_open(f"/my/performance/goals/{hidden.id}").status_code, 404
        )
        goals_page = self.url_open("/my/performance/goals?filterby=all").text
        self.assertNotIn(hidden.name, goals_page)
        token = self._token("/my/performance/kudos")
        for goal in (hidden, company):
            response = self.url_open(
                f"/my/performance/goals/{goal.id}/update",
                data={"csrf_token": token, "progress": "90"},
            )
            self.assertEqual(response.status_code, 404, goal.name)
        self.assertEqual((hidden.progress, company.progress), (0.0, 0.0))
        self.assertFalse((hidden | company).update_ids)
        # Her own goals are still hers to read and update.
        own = self.url_open(f"/my/performance/goals/{self.goal.id}")
        self.assertEqual(own.status_code, 200)
