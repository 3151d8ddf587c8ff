from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from . import test_review_writer_ui
from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestDayTours(HttpCase, HrPerformanceCase):
    """An employee's and a manager's whole day through the UI, each screen
    reached from the one before, starting on the home
    (static/tests/tours/hr_performance_day_tours.js); then what they rely on
    is checked in the database."""

    _short_template = test_review_writer_ui.TestReviewWriterUi._short_template

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["hr.performance.home"])
        cls.template = cls._short_template(cls)

    def _review_of_eva(self, state):
        # Eva's own answers (when she has given them): Exceeds Expectations.
        return self._review(
            state,
            self_rating=4,
            template_id=self.template.id,
            self_review_deadline=self.today + timedelta(days=10),
            manager_review_deadline=self.today + timedelta(days=20),
        )

    def test_employee_day(self):
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_peer.id,
                "reviewer_user_id": self.user_employee.id,
                "question": "How did Pablo run the last release?",
            }
        )
        goal = self._goal(
            name="Cut onboarding to 5 days",
            state="active",
            progress_mode="metric",
            start_value=10,
            target_value=5,
            current_value=10,
            unit="days",
            date_start=self.today - timedelta(days=30),
            date_deadline=self.today + timedelta(days=30),
        )
        review = self._review_of_eva("self_review")

        self.start_tour(
            "/odoo/performance", "hr_performance_employee_day", login="perf_employee"
        )

        self.assertEqual(request.display_name, "Feedback about Pablo Peer")
        self.assertEqual(request.state, "submitted")
        self.assertIn("stayed late for the rollback", str(request.answer))
        update = goal.update_ids
        self.assertEqual(len(update), 1)
        self.assertEqual(
            (update.value, update.note, update.author_user_id),
            (7.0, "Accounts are ready on day one", self.user_employee),
        )
        self.assertEqual(goal.current_value, 7.0)
        self.assertEqual(review.state, "manager_review")
        self.assertEqual(review.self_submitted_date, self.today)
        ownership = review.self_line_ids.filtered(lambda line: line.name == "Ownership")
        self.assertEqual(ownership.rating_level_id.name, "Exceeds Expectations")
        self.assertEqual(str(ownership.comment), "<p>Led the migration</p>")

    def test_manager_day(self):
        # Pablo's monthly check-in is a month overdue, and none is planned.
        self.emp_peer.checkin_frequency = "monthly"
        Checkin = self.env["hr.performance.checkin"]
        Checkin.create(
            {
                "employee_id": self.emp_peer.id,
                "date": self.today - timedelta(days=60),
                "state": "done",
            }
        )
        review = self._review_of_eva("manager_review")

        self.start_tour(
            "/odoo/performance", "hr_performance_manager_day", login="perf_manager"
        )

        planned = Checkin.search(
            [("employee_id", "=", self.emp_peer.id), ("state", "=", "planned")]
        )
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.manager_id, self.emp_manager)
        # Proposed on Pablo's next working day (Monday to Friday, no calendar).
        self.assertLess(planned.date.weekday(), 5)
        self.assertGreaterEqual(planned.date, self.today)
        self.assertLess((planned.date - self.today).days, 3)
        self.assertEqual(review.state, "calibration")
        self.assertEqual(review.manager_submitted_date, self.today)
        self.assertEqual(review.proposed_rating_level_id.name, "Outstanding")
        ownership = review.manager_line_ids.filtered(
            lambda line: line.name == "Ownership"
        )
        self.assertEqual(ownership.rating_level_id.name, "Outstanding")


@tagged("post_install", "-at_install")
class TestDayToursPhone(TestDayTours):
    """The same days at a phone's width, with touch."""

    allow_inherited_tests_method = True
    browser_size = "390x844"
    touch_enabled = True
