from freezegun import freeze_time

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-01")
class TestActivityTrail(HrPerformanceCase):
    """A step that is completed marks its activity done: the chatter keeps
    who did it and when (hr_leave's activity_update). Cancelled, refused,
    lapsed or re-assigned steps remove their activity and leave no trail."""

    def _done(self, record, xmlid):
        """The "activity done" messages of type ``xmlid`` on ``record``."""
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("mail_activity_type_id", "=", self.env.ref(xmlid).id),
                ]
            )
        )

    def _open(self, record, xmlid):
        return record.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(xmlid)
        )

    def _assert_done_by(self, record, xmlid, user):
        self.assertFalse(self._open(record, xmlid))
        message = self._done(record, xmlid)
        self.assertEqual(len(message), 1, xmlid)
        self.assertEqual(message.author_id, user.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_activities"))
        self.assertEqual(message.date.date().isoformat(), "2026-03-01")

    def _assert_removed(self, record, xmlid):
        self.assertFalse(self._open(record, xmlid))
        self.assertFalse(self._done(record, xmlid), f"{xmlid}: no trail")

    # ------------------------------------------------------------------ reviews

    def _launch(self, **vals):
        cycle = self._cycle(**vals)
        cycle.action_launch()
        review = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_employee)
        return cycle, review

    def _answer(self, lines, user):
        level = self.scale.level_ids.sorted("value")[3]
        for line in lines.with_user(user):
            line.write({"rating_level_id": level.id, "comment": "<p>Because.</p>"})

    def test_review_steps_leave_a_trail(self):
        self_type = "hr_performance.mail_activity_type_self_review"
        manager_type = "hr_performance.mail_activity_type_manager_review"
        acknowledge_type = "hr_performance.mail_activity_type_review_acknowledge"
        cycle, review = self._launch()
        self.assertTrue(self._open(review, self_type))
        self._answer(review.self_line_ids, self.user_employee)
        review.with_user(self.user_employee).action_submit_self_review()
        self._assert_done_by(review, self_type, self.user_employee)
        self.assertEqual(self._open(review, manager_type).user_id, self.user_manager)

        self._answer(review.manager_line_ids, self.user_manager)
        review.with_user(self.user_manager).write(
            {"proposed_rating_level_id": self.scale.level_ids[2].id}
        )
        review.with_user(self.user_manager).action_submit_manager_review()
        self._assert_done_by(review, manager_type, self.user_manager)

        cycle.action_start_calibration()
        cycle.action_release()
        self.assertTrue(self._open(review, acknowledge_type))
        # Re-opened before the employee acknowledged: that step was not done.
        review.with_user(self.user_officer).action_reopen("A late peer review")
        self._assert_removed(review, acknowledge_type)
        review.with_user(self.user_officer).action_share()
        review.with_user(self.user_employee).action_acknowledge()
        self._assert_done_by(review, acknowledge_type, self.user_employee)
        # The trail stays where the employee reads: their own review.
        self.assertEqual(
            len(
                self.env["mail.message"]
                .with_user(self.user_employee)
                .search(
                    [
                        ("model", "=", review._name),
                        ("res_id", "=", review.id),
                        ("subtype_id", "=", self.env.ref("mail.mt_activities").id),
                    ]
                )
            ),
            3,
        )

    def test_cancelled_reviews_leave_no_trail(self):
        cycle, review = self._launch()
        cycle.action_cancel()
        self.assertEqual(review.state, "cancelled")
        self.assertFalse(review.activity_ids)
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", review._name),
                    ("res_id", "in", cycle.review_ids.ids),
                    ("subtype_id", "=", self.env.ref("mail.mt_activities").id),
                ]
            )
        )

    def test_approved_reviewers_leave_a_trail_lapsed_ones_none(self):
        approval = "hr_performance.mail_activity_type_peer_approval"
        template = self.env.ref("hr_performance.review_template_default").copy(
            {"name": "360 review", "peer_review": True}
        )
        colleagues = self.env["hr.employee"].create(
            [
                {
                    "name": f"Colleague {i}",
                    "user_id": mail_new_test_user(
                        self.env, login=f"perf_trail_{i}", name=f"Colleague {i}"
                    ).id,
                }
                for i in range(2)
            ]
        )
        Nomination = self.env["hr.performance.review.nomination"]
        _cycle, review = self._launch(template_id=template.id)
        Nomination.with_user(self.user_employee).create(
            {"review_id": review.id, "reviewer_id": colleagues[0].id}
        )
        self.assertEqual(self._open(review, approval).user_id, self.user_manager)
        review.with_user(self.user_manager).action_approve_nominations()
        self._assert_done_by(review, approval, self.user_manager)

        _cycle, review = self._launch(template_id=template.id, name="H2")
        Nomination.with_user(self.user_employee).create(
            {"review_id": review.id, "reviewer_id": colleagues[1].id}
        )
        review.sudo().write({"state": "manager_review"})
        self._answer(review.manager_line_ids, self.user_manager)
        review.with_user(self.user_manager).write(
            {"proposed_rating_level_id": self.scale.level_ids[2].id}
        )
        # The manager review goes without a decision: the proposal lapses.
        review.with_user(self.user_manager).action_submit_manager_review()
        self.assertEqual(review.nomination_ids.state, "rejected")
        self._assert_removed(review, approval)

    # ------------------------------------------------------------------ goals, check-ins

    def test_goal_done_leaves_a_trail_cancel_none(self):
        xmlid = "hr_performance.mail_activity_type_goal_update"
        done, cancelled = self._goal(), self._goal(name="Cut build time by half")
        (done | cancelled).action_activate()
        (done | cancelled)._schedule_activity_once(
            xmlid, "2026-03-01", lambda g: g.user_id, lambda g: "Record an update"
        )
        done.with_user(self.user_manager).action_done()
        self._assert_done_by(done, xmlid, self.user_manager)
        cancelled.with_user(self.user_manager).action_cancel()
        self._assert_removed(cancelled, xmlid)

    def test_checkin_done_leaves_a_trail_cancel_none(self):
        xmlid = "hr_performance.mail_activity_type_checkin_due"
        Checkin = self.env["hr.performance.checkin"]
        held, cancelled = Checkin.create(
            [{"employee_id": self.emp_employee.id}, {"employee_id": self.emp_peer.id}]
        )
        (held | cancelled)._schedule_activity_once(
            xmlid, "2026-03-01", lambda c: c.manager_user_id, lambda c: "Check-in due"
        )
        held.with_user(self.user_manager).action_done()
        self._assert_done_by(held, xmlid, self.user_manager)
        cancelled.with_user(self.user_manager).action_cancel()
        self._assert_removed(cancelled, xmlid)

    # ------------------------------------------------------------------ requests

    def _ask(self, anonymous):
        return (
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_manager)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_peer.id,
                    "question": "How did the launch go?",
                    "anonymous": anonymous,
                }
            )
        )

    def test_named_answer_leaves_a_trail_on_the_request_only(self):
        xmlid = "hr_performance.mail_activity_type_feedback_request"
        request = self._ask(anonymous=False)
        self.assertEqual(self._open(request, xmlid).user_id, self.user_peer)
        mine = request.with_user(self.user_peer)
        mine.answer = "<p>Calm and clear.</p>"
        mine.action_submit()
        self._assert_done_by(request, xmlid, self.user_peer)
        self.assertFalse(request.message_follower_ids, "still no follower")

    def test_anonymous_declined_and_reassigned_requests_leave_no_trail(self):
        xmlid = "hr_performance.mail_activity_type_feedback_request"
        anonymous = self._ask(anonymous=True)
        mine = anonymous.with_user(self.user_peer)
        mine.answer = "<p>Calm and clear.</p>"
        mine.action_submit()
        self._assert_removed(anonymous, xmlid)
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", anonymous._name),
                    ("res_id", "=", anonymous.id),
                    ("message_type", "!=", "user_notification"),
                ]
            ),
            "an anonymous request's chatter stays empty",
        )

        declined = self._ask(anonymous=False)
        declined.with_user(self.user_peer).action_decline()
        self._assert_removed(declined, xmlid)

        reassigned = self._ask(anonymous=False)
        reassigned.with_user(self.user_officer).write(
            {"reviewer_user_id": self.user_admin.id}
        )
        self.assertEqual(self._open(reassigned, xmlid).user_id, self.user_admin)
        self.assertFalse(self._done(reassigned, xmlid))
