"""SECURITY.md 21: HR officers are reviewed too. On their own review, their
own requests and their own plan they are employees: HR rights never unmask
their anonymous reviewers, show their unreleased rating or let them rate
themselves. And SECURITY.md 7 (audit that cannot be bypassed)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestOfficerAsEmployee(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Olga, HR officer, reports to Marco like Eva and Pablo.
        cls.emp_officer = cls.env["hr.employee"].create(
            {
                "name": "Olga Officer",
                "user_id": cls.user_officer.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.levels = cls.scale.level_ids.sorted("value")
        cls.review = cls._review(
            employees=cls.emp_officer,
            employee_ids=[cls.emp_officer.id, cls.emp_employee.id],
        )
        cls.request = cls.env["hr.performance.feedback.request"].create(
            {
                "employee_id": cls.emp_officer.id,
                "reviewer_user_id": cls.user_peer.id,
                "question": "How does Olga run the payroll project?",
                "anonymous": True,
            }
        )
        cls.request.with_user(cls.user_peer).write({"answer": "<p>Late, always</p>"})
        cls.request.with_user(cls.user_peer).action_submit()

    def test_anonymous_reviewers_stay_hidden_from_an_officer(self):
        Request = self.env["hr.performance.feedback.request"].with_user(
            self.user_officer
        )
        self.assertNotIn(self.request, Request.search([]))
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_officer).read(["reviewer_user_id"])
        with self.assertRaises(AccessError):
            self.request.with_user(self.user_officer).read(["answer"])
        # Nor through the answers' own model, nor by deleting to watch a total.
        Answer = self.env["hr.performance.feedback.answer"].with_user(self.user_officer)
        self.assertFalse(
            Answer.search([("request_id.employee_id", "=", self.emp_officer.id)])
        )
        with self.assertRaises(UserError):
            self.request.with_user(self.user_officer).unlink()

    def test_an_officer_reads_their_own_rating_only_once_released(self):
        review = self._review(
            "calibration", employees=self.emp_officer, rating=3, self_rating=4
        )
        # Another officer (the administrator) calibrates Olga's review.
        review.with_user(self.user_admin).action_calibrate(
            self.levels[1], "Below the team's bar this year"
        )
        mine = review.with_user(self.user_officer)
        self.assertFalse(mine.final_rating_level_id)
        self.assertFalse(mine.overall_score)
        with self.assertRaises(AccessError):
            review.assessment_ids.with_user(self.user_officer).read(
                ["final_rating_level_id"]
            )
        Adjustment = self.env["hr.performance.calibration.adjustment"]
        self.assertTrue(Adjustment.search([("review_id", "=", review.id)]))
        self.assertFalse(
            Adjustment.with_user(self.user_officer).search(
                [("review_id", "=", review.id)]
            )
        )
        Review = self.env["hr.performance.review"].with_user(self.user_officer)
        self.assertFalse(
            Review.search(
                [
                    ("id", "=", review.id),
                    ("final_rating_level_id", "=", self.levels[1].id),
                ]
            )
        )
        review.cycle_id.action_release()
        self.assertEqual(mine.final_rating_level_id, self.levels[1])

    def test_an_officer_never_rates_themselves(self):
        manager_lines = self.env["hr.performance.review.line"].search(
            [("review_id", "=", self.review.id), ("role", "=", "manager")]
        )
        self.assertTrue(manager_lines)
        review = self.review.with_user(self.user_officer)
        for line in review.self_line_ids:
            line.rating_level_id = (
                self.levels[4] if line.answer_type != "text" else False
            )
            line.comment = "<p>Outstanding</p>"
        review.action_submit_self_review()
        with self.assertRaises(UserError):
            review.proposed_rating_level_id = self.levels[4]
        self.assertFalse(review.manager_line_ids, "she reads no manager answer")
        with self.assertRaises(UserError):
            manager_lines[:1].with_user(self.user_officer).write(
                {"rating_level_id": self.levels[4].id}
            )
        with self.assertRaises(UserError):
            self.review.assessment_ids.with_user(self.user_officer).write(
                {"proposed_rating_level_id": self.levels[4].id}
            )
        with self.assertRaises(AccessError):
            review.action_submit_manager_review()
        self.assertEqual(self.review.state, "manager_review")
        self.assertFalse(self.review.assessment_ids.proposed_rating_level_id)

    def test_an_officer_follows_their_own_plan_as_an_employee(self):
        plan = self.env["hr.performance.development.plan"].create(
            {"name": "Olga's plan", "employee_id": self.emp_officer.id}
        )
        with self.assertRaises(UserError):
            plan.with_user(self.user_officer).write({"name": "Olga's easier plan"})
        with self.assertRaises(UserError):
            plan.with_user(self.user_officer).action_done()
        with self.assertRaises(UserError):
            self.env["hr.performance.development.item"].with_user(
                self.user_officer
            ).create({"plan_id": plan.id, "name": "A sabbatical"})


@tagged("post_install", "-at_install")
class TestAuditCannotBeBypassed(HrPerformanceCase):
    """SECURITY.md 7 and 20: every rating change goes through
    ``action_calibrate``; audit rows outlive what they audit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        cls.review = cls._review("calibration", rating=3)

    def test_ratings_move_only_through_calibration(self):
        assessment = self.review.assessment_ids.with_user(self.user_officer)
        for vals in (
            {"rating_level_id": self.levels[4].id},
            {"nine_box_cell": 9},
            {"final_rating_level_id": self.levels[4].id},
            {"overall_score": 99.0},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                assessment.write(vals)
        self.assertEqual(assessment.rating_level_id, self.levels[2])
        self.review.with_user(self.user_officer).action_calibrate(
            self.levels[3], "Led the platform migration"
        )
        self.assertEqual(assessment.rating_level_id, self.levels[3])

    def test_calibrated_reviews_and_their_audit_stay(self):
        self.review.with_user(self.user_officer).action_calibrate(
            self.levels[3], "Led the platform migration"
        )
        adjustments = self.review.sudo().calibration_adjustment_ids
        self.assertTrue(adjustments)
        for user in (self.user_officer, self.user_admin):
            with self.assertRaises(UserError):
                self.review.with_user(user).unlink()
            with self.assertRaises(UserError):
                adjustments.with_user(user).unlink()
        self.assertTrue(self.review.exists() and adjustments.exists())
        field = self.env["hr.performance.calibration.adjustment"]._fields["review_id"]
        self.assertEqual(field.ondelete, "restrict")

    def test_a_360_rating_is_on_the_cycle_scale(self):
        other_scale = self.env["hr.performance.rating.scale"].create(
            {
                "name": "Two levels",
                "level_ids": [
                    Command.create({"name": "No", "value": 1}),
                    Command.create({"name": "Yes", "value": 2}),
                ],
            }
        )
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "review_id": self.review.id,
                "reviewer_user_id": self.user_peer.id,
                "anonymous": True,
            }
        )
        with self.assertRaises(ValidationError):
            request.with_user(self.user_peer).write(
                {"rating_level_id": other_scale.level_ids[0].id}
            )
        request.with_user(self.user_peer).write({"rating_level_id": self.levels[3].id})
