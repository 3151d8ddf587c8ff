"""SECURITY.md 22 and 20: side channels. Anonymous answers are never told
apart by what a subject may do or see: deleting a request, the error of a
duplicate proposal, or an aggregate that mixes kinds of answers."""

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestAnonymitySideChannels(HrPerformanceCase):
    def _submitted(self, subject, reviewer, answer, **vals):
        """An anonymous request about ``subject`` answered by ``reviewer``."""
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": subject.id,
                "reviewer_user_id": reviewer.id,
                "anonymous": True,
                **vals,
            }
        )
        request.with_user(reviewer).write({"answer": f"<p>{answer}</p>"})
        request.with_user(reviewer).action_submit()
        return request

    def test_the_subject_cannot_delete_anonymous_requests(self):
        Request = self.env["hr.performance.feedback.request"].with_user(
            self.user_employee
        )
        asked = Request.create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": self.user_peer.id,
                "anonymous": True,
            }
        )
        answered = self._submitted(self.emp_employee, self.user_peer, "Solid work")
        for request in (asked, answered):
            with self.assertRaises(UserError):
                request.with_user(self.user_employee).unlink()
            with self.assertRaises(UserError):
                request.with_user(self.user_manager).unlink()
            with self.assertRaises(UserError):
                request.with_user(self.user_officer).unlink()
        self.assertTrue(asked.exists() and answered.exists())
        # A request that is not anonymous and not answered may be withdrawn.
        named = Request.create(
            {"employee_id": self.emp_employee.id, "reviewer_user_id": self.user_peer.id}
        )
        named.unlink()
        self.assertFalse(named.exists())

    def test_a_proposal_never_reveals_the_managers_hidden_pick(self):
        template = self.env.ref("hr_performance.review_template_default").copy(
            {"name": "360", "peer_review": True}
        )
        review = self._review(
            template_id=template.id,
            employee_ids=[self.emp_employee.id, self.emp_peer.id],
        )
        colleague = self.env["hr.employee"].create(
            {
                "name": "Carla Colleague",
                "user_id": self._user("perf_carla", "Carla Colleague").id,
            }
        )
        Nomination = self.env["hr.performance.review.nomination"]
        pick = Nomination.with_user(self.user_manager).create(
            {"review_id": review.id, "reviewer_id": colleague.id}
        )
        self.assertEqual(pick.state, "approved")
        # Eva cannot see the manager's pick, and proposing Carla too works
        # exactly as proposing anyone else.
        self.assertFalse(
            Nomination.with_user(self.user_employee).search(
                [("review_id", "=", review.id)]
            )
        )
        proposal = Nomination.with_user(self.user_employee).create(
            {"review_id": review.id, "reviewer_id": colleague.id}
        )
        self.assertEqual(proposal.state, "proposed")
        proposal.with_user(self.user_manager).action_approve()
        requests = review.sudo().feedback_request_ids.filtered(
            lambda r: r.reviewer_user_id == colleague.user_id
        )
        self.assertEqual(len(requests), 1, "Carla is asked once")

    def test_the_threshold_holds_per_kind_of_answer(self):
        """A manager with one direct report: that report's upward answer is
        never shown, even when ad-hoc anonymous answers bring the total to k."""
        self.env.company.performance_anonymity_threshold = 3
        lead_user = self._user("perf_lead", "Lena Lead")
        lead = self.env["hr.employee"].create(
            {"name": "Lena Lead", "user_id": lead_user.id}
        )
        report_user = self._user("perf_only", "Oskar Only")
        self.env["hr.employee"].create(
            {"name": "Oskar Only", "user_id": report_user.id, "parent_id": lead.id}
        )
        template = self.env.ref("hr_performance.review_template_default").copy(
            {"name": "Upward", "upward_review": True}
        )
        cycle = self._cycle(template_id=template.id, employee_ids=[lead.id])
        cycle.action_launch()
        upward = cycle.review_ids.sudo().feedback_request_ids
        self.assertEqual(upward.mapped("relation"), ["upward"])
        level = self.scale.level_ids.sorted("value")[1]
        for line in upward.answer_line_ids.with_user(report_user):
            line.write(
                {
                    "rating_level_id": level.id
                    if line.answer_type != "text"
                    else False,
                    "comment": "<p>Micromanages every ticket</p>",
                }
            )
        upward.with_user(report_user).write({"answer": "<p>Micromanages</p>"})
        upward.with_user(report_user).action_submit()
        self._submitted(lead, self.user_employee, "Great partner")
        self._submitted(lead, self.user_peer, "Helpful in reviews")
        summary = (
            self.env["hr.performance.feedback.summary"].with_user(lead_user).create({})
        )
        self.assertFalse(summary.enough)
        self.assertNotIn("Micromanages", summary.answers or "")
        # A third ad-hoc answer shows the ad-hoc kind, still not the upward one.
        self._submitted(lead, self.user_manager, "Clear priorities")
        summary.invalidate_recordset()
        self.assertTrue(summary.enough)
        self.assertIn("Clear priorities", summary.answers)
        self.assertNotIn("Micromanages", summary.answers)
        self.assertEqual(summary.answer_count, 3)

    def test_reviewer_post_does_not_become_follower(self):
        reviewer = mail_new_test_user(
            self.env, login="perf_reviewer", name="Rita Reviewer"
        )
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": reviewer.id,
                "anonymous": True,
            }
        )
        request.with_user(reviewer).message_post(body="Done soon")
        self.assertFalse(request.message_follower_ids)
        forged = (
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_employee)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": reviewer.id,
                    "answer": "<p>Glowing</p>",
                    "submitted_date": "2026-01-01",
                    "state": "submitted",
                }
            )
        )
        self.assertEqual(
            (forged.sudo().state, forged.sudo().answer), ("requested", False)
        )


@tagged("post_install", "-at_install")
class TestNoCommandRevealsAnswers(HrPerformanceCase):
    def test_a_subject_cannot_rewrite_or_unmask_requests(self):
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": self.user_peer.id,
                "anonymous": True,
            }
        )
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.subTest(user=user.name), self.assertRaises(UserError):
                request.with_user(user).write({"anonymous": False})
        self.assertTrue(request.anonymous)
