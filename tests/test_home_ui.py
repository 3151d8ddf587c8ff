from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestHomeTours(HttpCase, HrPerformanceCase):
    """An employee's and a manager's day from the home (static/tests/tours/
    hr_performance_home_tours.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls._goal(
            name="Cut onboarding to 5 days",
            state="active",
            date_start=today - timedelta(days=30),
            date_deadline=today + timedelta(days=30),
        )
        cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.emp_employee.id,
                "date": today + timedelta(days=2),
                "agenda_item_ids": [Command.create({"name": "Conference budget"})],
            }
        )
        cls.env["hr.performance.feedback.request"].create(
            {"employee_id": cls.emp_peer.id, "reviewer_user_id": cls.user_employee.id}
        )
        # Pablo's monthly check-in is a month overdue, and none is planned.
        cls.emp_peer.checkin_frequency = "monthly"
        cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.emp_peer.id,
                "date": today - timedelta(days=60),
                "state": "done",
            }
        )

    def _planned_with_peer(self):
        return self.env["hr.performance.checkin"].search(
            [("employee_id", "=", self.emp_peer.id), ("state", "=", "planned")]
        )

    def test_employee_day(self):
        self.start_tour(
            "/odoo/performance", "hr_performance_home_employee", login="perf_employee"
        )

    def test_manager_day(self):
        self.assertFalse(self._planned_with_peer())
        self.start_tour(
            "/odoo/performance", "hr_performance_home_manager", login="perf_manager"
        )
        planned = self._planned_with_peer()
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.manager_id, self.emp_manager)


@tagged("post_install", "-at_install")
class TestHomeToursPhone(TestHomeTours):
    """The same days at a phone's width."""

    allow_inherited_tests_method = True
    browser_size = "390x844"
    touch_enabled = True
