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
