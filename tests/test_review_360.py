import time
from unittest.mock import patch

from freezegun import freeze_time

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..models import hr_performance_cycle
from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-01")
class TestReview360(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.performance_anonymity_threshold = 3
        cls.template = cls.env.ref("hr_performance.review_template_default").copy(
            {"name": "360 review", "peer_review": True}
        )
        cls.levels = {int(level.value): level for level in cls.scale.level_ids}
        cls.raters = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Rater {i}",
                    "user_id": mail_new_test_user(
                        cls.env, login=f"perf_360_rater_{i}", name=f"Rater {i}"
                    ).id,
                }
                for i in range(3)
            ]
        )

    def _nominate(self, review, user, employees):
        return (
            self.env["hr.performance.review.nomination"]
            .with_user(user)
            .create([{"review_id": review.id, "reviewer_id": e.id} for e in employees])
        )

    def _answer_all(self, request, rating):
        mine = request.with_user(request.reviewer_user_id)
        for line in mine.answer_line_ids:
            line.write(
                {"rating_level_id": self.levels[rating].id, "comment": "<p>Ok</p>"}
            )
        mine.action_submit()

    def test_employee_proposes_manager_approves_requests_carry_questions(self):
        review = self._review(
            template_id=self.template.id, peer_feedback_deadline="2026-03-20"
        )
        nominations = self._nominate(review, self.user_employee, self.raters)
        self.assertEqual(set(nominations.mapped("state")), {"proposed"})
        self.assertFalse(review.feedback_request_ids, "nothing is sent before approval")
        self.assertTrue(review.nomination_pending)
        approval = review.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("hr_performance.mail_activity_type_peer_approval")
            )
        )
        self.assertEqual(approval.user_id, self.user_manager)
        # Only the manager approves; nobody else sees or adds nominations.
        with self.assertRaises(AccessError):
            nominations.with_user(self.user_employee).action_approve()
        with self.assertRaises(UserError):
            nominations[0].with_user(self.user_employee).write({"state": "approved"})
        self.assertFalse(
            self.env["hr.performance.review.nomination"]
            .with_user(self.user_peer)
            .search([])
        )
        with self.assertRaises(AccessError):
            self._nominate(review, self.user_peer, self.raters[:1])
        with self.assertRaises(ValidationError):
            self._nominate(review, self.user_employee, self.emp_manager)
        with self.assertRaises(ValidationError):
            self._nominate(review, self.user_employee, self.emp_employee)
        # The employee may withdraw a proposal still waiting.
        extra = self._nominate(review, self.user_employee, self.emp_peer)
        extra.with_user(self.user_employee).unlink()

        review.with_user(self.user_manager).action_approve_nominations()
        self.assertEqual(set(nominations.mapped("state")), {"approved"})
        self.assertFalse(review.nomination_pending)
        self.assertFalse(review.activity_ids.filtered(lambda a: a in approval))
        with self.assertRaises(UserError):
            nominations[0].with_user(self.user_employee).unlink()
        requests = review.feedback_request_ids
        self.assertEqual(requests.reviewer_user_id, self.raters.user_id)
        self.assertEqual(set(requests.mapped("relation")), {"peer"})
        self.assertTrue(all(requests.mapped("anonymous")))
        self.assertEqual(str(requests[0].deadline), "2026-03-20")
        questions = self.template.section_ids.filtered(
            lambda s: s.kind in ("competencies", "questions")
        ).question_ids
        self.assertEqual(requests[0].answer_line_ids.question_id, questions)

        # A reviewer answers every required question before submitting.
        first = requests[0].with_user(requests[0].reviewer_user_id)
        with self.assertRaisesRegex(UserError, "Answer every required question"):
            first.action_submit()
        with self.assertRaises(UserError):
            requests[1].answer_line_ids[0].with_user(
                requests[0].reviewer_user_id
            ).write({"comment": "<p>Not mine</p>"})
        self._answer_all(requests[0], 5)
        self._answer_all(requests[1], 3)
        review._update_scores()  # as when the employee or the manager submits
        self.assertEqual(review.peer_score, 0.0, "below k answers, no peer score")
        # The subject never reads the anonymous answers.
        self.assertFalse(
            self.env["hr.performance.feedback.answer"]
            .with_user(self.user_employee)
            .search([])
        )
        self.env.flush_all()
        stamp = review.read(["write_uid", "write_date"])
        self._answer_all(requests[2], 4)
        self.env.flush_all()
        review.invalidate_recordset()
        # An answer never touches the review: no reviewer's name on it, no
        # score moving with one answer.
        self.assertEqual(review.read(["write_uid", "write_date"]), stamp)
        review._update_scores()
        # Requests' means on 1-5: 5, 3 and (text-only questions ignored) 4 → 4 → 75 %.
        self.assertAlmostEqual(review.peer_score, 75.0)
        self.assertAlmostEqual(review.with_user(self.user_manager).peer_score, 75.0)
        self.assertEqual(
            review.with_user(self.user_employee).peer_score,
            0.0,
            "hidden from the employee until release",
        )
        self.assertTrue(
            self.env["hr.performance.feedback.answer"]
            .with_user(self.user_manager)
            .search_count([("request_id", "in", requests.ids)])
        )
        # From k answers the employee reads the comments, under each question.
        summary = (
            self.env["hr.performance.feedback.summary"]
            .with_user(self.user_employee)
            .create({})
        )
        self.assertTrue(summary.enough)
        self.assertIn("<strong>Ownership</strong>", summary.answers)
        self.assertNotIn("Rater", summary.answers)

    def test_nominations_only_where_the_template_asks_for_them(self):
        template = self.env.ref("hr_performance.review_template_default")
        self.assertFalse(template.peer_review)
        review = self._review(template_id=template.id)
        with self.assertRaisesRegex(UserError, "360 reviewers are chosen"):
            self._nominate(review, self.user_employee, self.raters[:1])

    def test_manager_picks_need_no_approval(self):
        review = self._review(
            template_id=self.template.id, peer_feedback_deadline="2026-03-20"
        )
        nomination = self._nominate(review, self.user_manager, self.raters[:1])
        self.assertEqual(nomination.state, "approved")
        self.assertEqual(
            review.feedback_request_ids.reviewer_user_id, self.raters[0].user_id
        )
        # The manager's own picks stay unknown to the employee.
        self.assertFalse(
            self.env["hr.performance.review.nomination"]
            .with_user(self.user_employee)
            .search([("id", "=", nomination.id)])
        )

    def test_upward_review_by_direct_reports(self):
        self.company.performance_anonymity_threshold = 2
        template = self.template.copy({"name": "Upward", "upward_review": True})
        cycle = self._cycle(
            template_id=template.id,
            employee_ids=[self.emp_manager.id, self.emp_employee.id],
        )
        cycle.action_launch()
        manager_review = cycle.review_ids.filtered(
            lambda r: r.employee_id == self.emp_manager
        )
        upward = manager_review.feedback_request_ids
        self.assertEqual(upward.reviewer_user_id, self.user_employee | self.user_peer)
        self.assertEqual(set(upward.mapped("relation")), {"upward"})
        self.assertTrue(all(upward.mapped("anonymous")))
        # The manager is the subject: the answers are hidden from him.
        self.assertFalse(
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_manager)
            .search([("id", "in", upward.ids)])
        )
        self._answer_all(upward[0], 5)
        self._answer_all(upward[1], 4)
        manager_review._update_scores()
        self.assertAlmostEqual(manager_review.upward_score, 87.5)
        self.assertEqual(
            manager_review.with_user(self.user_manager).upward_score,
            0.0,
            "the manager reviewed reads it only once released",
        )
        self.assertEqual(manager_review.peer_score, 0.0)

    def test_side_by_side_answers_follow_visibility(self):
        review = self._review(
            template_id=self.template.id, peer_feedback_deadline="2026-03-20"
        )
        self_line = review.self_line_ids.filtered(
            lambda line: line.answer_type != "text"
        )[0]
        manager_line = review.manager_line_ids.filtered(
            lambda line: line.question_id == self_line.question_id
        )
        self_line.with_user(self.user_employee).rating_level_id = self.levels[4]
        # The manager does not read a self review still being written.
        self.assertFalse(
            manager_line.with_user(self.user_manager).counterpart_rating_level_id
        )
        self.assertNotIn(
            self_line,
            self.env["hr.performance.review.line"]
            .with_user(self.user_manager)
            .search([("review_id", "=", review.id)]),
        )
        review.self_line_ids.filtered(
            lambda line: line.answer_type != "text"
        ).with_user(self.user_employee).write({"rating_level_id": self.levels[4].id})
        review.with_user(self.user_employee).action_submit_self_review()
        manager_line.with_user(self.user_manager).rating_level_id = self.levels[3]
        self.assertEqual(
            manager_line.with_user(self.user_manager).counterpart_rating_level_id,
            self.levels[4],
        )
        # The employee sees the manager's answer only once shared.
        self.assertFalse(
            self_line.with_user(self.user_employee).counterpart_rating_level_id
        )
        review.sudo().write({"state": "shared"})
        self_line.invalidate_recordset()
        self.assertEqual(
            self_line.with_user(self.user_employee).counterpart_rating_level_id,
            self.levels[3],
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-03-01")
class TestReviewFormula(HrPerformanceCase):
    def test_formula_validated_and_used(self):
        template = self.env.ref("hr_performance.review_template_default").copy()
        for bad in (
            "__import__('os').system('true')",
            "goals ** 2",
            "salary + 1",
            "goals +",
            "'50'",
            "goals.real",
        ):
            with self.subTest(bad), self.assertRaises(ValidationError):
                template.score_formula = bad
        template.score_formula = "0.5 * goals + 0.5 * max(manager, self)"
        self._goal(progress=40, date_deadline="2026-06-30")
        review = self._review(
            "calibration", rating=2, self_rating=4, template_id=template.id
        )
        # 0.5 × 40 + 0.5 × max(25, 75) = 57.5
        self.assertAlmostEqual(review.overall_score, 57.5)
        # A formula using a missing score (no 360 here) keeps the weighted sections.
        template.score_formula = "peer"
        review._update_scores()
        # goals 40 × 40 % + competencies 25 × 40 % + questions 25 × 20 % = 31
        self.assertAlmostEqual(review.overall_score, 31.0)
        template.score_formula = "goals / (manager - manager)"
        review._update_scores()
        self.assertAlmostEqual(
            review.overall_score, 31.0, "division by zero falls back"
        )

    def test_formula_cost_is_bounded(self):
        template = self.env.ref("hr_performance.review_template_default").copy()
        # Seconds per review under safe_eval; a larger exponent hangs a worker.
        costly = "round(1, -4000000) + goals"
        for bad, reason in (
            (costly, "round takes a value and, optionally, a number of decimals"),
            ("goals * 10000000", "beyond ±1,000,000"),
            ("goals + " * 100 + "goals", "longer than 500 characters"),
            ("abs(" * 40 + "goals" + ")" * 40, "nested deeper than 30 levels"),
            ("min(goals)", "min takes two values or more"),
        ):
            with self.subTest(bad), self.assertRaisesRegex(ValidationError, reason):
                template.score_formula = bad
        self._goal(progress=40, date_deadline="2026-06-30")
        review = self._review("calibration", rating=2, template_id=template.id)
        self.assertAlmostEqual(review.overall_score, 31.0)
        # Stored before the bounds existed (or by SQL): never evaluated, the
        # review keeps its weighted sections.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE hr_performance_review_template SET score_formula = %s WHERE id = %s",
                costly,
                template.id,
            )
        )
        template.invalidate_recordset(["score_formula"])
        self.assertEqual(template.score_formula, costly)
        started = time.perf_counter()
        review._update_scores()
        self.assertLess(time.perf_counter() - started, 2.0)
        self.assertAlmostEqual(review.overall_score, 31.0)


@tagged("post_install", "-at_install")
class TestBackgroundLaunch(HrPerformanceCase):
    def test_large_launch_runs_in_resumable_chunks(self):
        self.env["ir.config_parameter"].sudo().set_param(
            hr_performance_cycle.LAUNCH_THRESHOLD_PARAM, "2"
        )
        extra = self.env["hr.employee"].create(
            {"name": "Third participant", "parent_id": self.emp_manager.id}
        )
        cycle = self._cycle(
            employee_ids=[self.emp_employee.id, self.emp_peer.id, extra.id]
        )
        cycle.action_launch()
        self.assertEqual((cycle.state, cycle.launch_pending), ("open", True))
        self.assertFalse(cycle.review_ids)
        with self.assertRaisesRegex(UserError, "Wait until"):
            cycle.action_start_calibration()
        cycle_model = self.env["hr.performance.cycle"]
        with patch.object(hr_performance_cycle, "LAUNCH_CHUNK", 2):
            cycle_model._cron_launch()
            self.assertEqual(len(cycle.review_ids), 2)
            self.assertTrue(cycle.launch_pending)
            # An interrupted run resumes from what is in the database.
            cycle_model._cron_launch()
            self.assertEqual(len(cycle.review_ids), 3)
            self.assertFalse(cycle.launch_pending)
            cycle_model._cron_launch()
        self.assertEqual(len(cycle.review_ids), 3, "nobody gets a second review")
        self.assertEqual(cycle.review_ids.employee_id, cycle.employee_ids)

    def test_a_person_whose_review_fails_stops_no_other(self):
        """One participant whose review cannot be created (here an error for
        them alone): the others get theirs, the person leaves the participants
        with a message on the cycle, and the launch ends instead of failing at
        every run."""
        self.env["ir.config_parameter"].sudo().set_param(
            hr_performance_cycle.LAUNCH_THRESHOLD_PARAM, "2"
        )
        extra = self.env["hr.employee"].create(
            {"name": "Third participant", "parent_id": self.emp_manager.id}
        )
        cycle = self._cycle(
            employee_ids=[self.emp_employee.id, self.emp_peer.id, extra.id]
        )
        cycle.action_launch()
        Cycle = type(self.env["hr.performance.cycle"])
        original = Cycle._create_reviews

        def create_reviews(cycle_record, employees):
            if self.emp_peer in employees:
                raise ValueError("an error for this person alone")
            return original(cycle_record, employees)

        with (
            patch.object(Cycle, "_create_reviews", create_reviews),
            mute_logger("odoo.addons.hr_performance.models.batch"),
        ):
            self.env["hr.performance.cycle"]._cron_launch()
        self.assertEqual(cycle.review_ids.employee_id, self.emp_employee | extra)
        self.assertNotIn(self.emp_peer, cycle.employee_ids)
        self.assertFalse(cycle.launch_pending, "the launch is over")
        self.assertTrue(
            cycle.message_ids.filtered(lambda m: "Pablo Peer" in (m.body or "")),
            "the cycle says who",
        )
