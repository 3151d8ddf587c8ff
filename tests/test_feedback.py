from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestFeedbackVisibility(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_director = mail_new_test_user(
            cls.env, login="perf_director", name="Dora Director"
        )
        cls.emp_director = cls.env["hr.employee"].create(
            {"name": "Dora Director", "user_id": cls.user_director.id}
        )
        cls.emp_manager.parent_id = cls.emp_director
        cls.user_colleague = mail_new_test_user(
            cls.env, login="perf_colleague", name="Cleo Colleague"
        )
        cls.user_other_manager = mail_new_test_user(
            cls.env, login="perf_other_manager", name="Otto Other"
        )
        cls.emp_other_manager = cls.env["hr.employee"].create(
            {"name": "Otto Other", "user_id": cls.user_other_manager.id}
        )
        Feedback = cls.env["hr.performance.feedback"]
        cls.feedback = {
            visibility: Feedback.with_user(cls.user_peer).create(
                {
                    "employee_id": cls.emp_employee.id,
                    "visibility": visibility,
                    "kind": "praise",
                    "body": f"<p>{visibility} note</p>",
                }
            )
            for visibility in ("private", "manager", "public")
        }

    def _visible(self, user):
        return {
            visibility
            for visibility, feedback in self.feedback.items()
            if feedback
            in self.env["hr.performance.feedback"].with_user(user).search([])
        }

    def test_visibility_matrix(self):
        expected = {
            self.user_peer: {"private", "manager", "public"},  # the author
            self.user_employee: {"private", "public"},  # the receiver
            self.user_manager: {"private", "manager", "public"},
            self.user_director: {"private", "manager", "public"},  # indirect manager
            self.user_other_manager: {"public"},
            self.user_colleague: {"public"},  # a peer who is not the author
            self.user_officer: {"private", "manager", "public"},
        }
        for user, visibilities in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), visibilities)
        with self.assertRaises(AccessError):
            self.feedback["manager"].with_user(self.user_employee).read(["body"])

    def test_manager_feedback_about_a_manager_stays_hidden_from_them(self):
        # child_of also matches the manager's own employee: make sure the rule excludes them.
        about_manager = (
            self.env["hr.performance.feedback"]
            .with_user(self.user_director)
            .create(
                {
                    "employee_id": self.emp_manager.id,
                    "visibility": "manager",
                    "body": "<p>Needs to delegate</p>",
                }
            )
        )
        self.assertNotIn(
            about_manager,
            self.env["hr.performance.feedback"].with_user(self.user_manager).search([]),
        )

    def test_authorship_and_bad_input(self):
        Feedback = self.env["hr.performance.feedback"]
        forged = Feedback.with_user(self.user_employee).create(
            {
                "employee_id": self.emp_peer.id,
                "author_user_id": self.user_manager.id,
                "body": "<p>Thanks!</p>",
            }
        )
        self.assertEqual(forged.author_user_id, self.user_employee)
        with self.assertRaisesRegex(ValidationError, "yourself"):
            Feedback.with_user(self.user_employee).create(
                {"employee_id": self.emp_employee.id, "body": "<p>Me</p>"}
            )
        with self.assertRaises(AccessError):
            self.feedback["private"].with_user(self.user_employee).write(
                {"body": "<p>Edited</p>"}
            )
        with self.assertRaises(UserError):
            self.feedback["private"].with_user(self.user_peer).write(
                {"employee_id": self.emp_manager.id}
            )
        goal = self._goal(employee_id=self.emp_peer.id)
        with self.assertRaisesRegex(ValidationError, "receiver's goals"):
            Feedback.with_user(self.user_manager).create(
                {
                    "employee_id": self.emp_employee.id,
                    "goal_id": goal.id,
                    "body": "<p>x</p>",
                }
            )

    def test_employee_feedback_button(self):
        employee = self.emp_employee.with_user(self.user_officer)
        self.assertEqual(employee.performance_feedback_count, 3)
        action = employee.action_open_performance_feedback()
        self.assertEqual(
            len(self.env["hr.performance.feedback"].search(action["domain"])), 3
        )

    def test_html_is_sanitized(self):
        feedback = (
            self.env["hr.performance.feedback"]
            .with_user(self.user_peer)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "body": '<p>Nice<img src="x" onerror="alert(1)"></p>',
                }
            )
        )
        self.assertNotIn("onerror", feedback.body)


@tagged("post_install", "-at_install")
class TestFeedbackRequest(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reviewers = [
            mail_new_test_user(
                cls.env, login=f"perf_reviewer_{i}", name=f"Rita Reviewer {i}"
            )
            for i in range(3)
        ]
        cls.company.performance_anonymity_threshold = 3

    def _ask(self, user, reviewers, anonymous=True, employee=None):
        wizard = (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(user)
            .create(
                {
                    "employee_id": (employee or self.emp_employee).id,
                    "reviewer_user_ids": [r.id for r in reviewers],
                    "anonymous": anonymous,
                }
            )
        )
        wizard.action_send()
        return self.env["hr.performance.feedback.request"].search(
            [
                ("employee_id", "=", (employee or self.emp_employee).id),
                ("reviewer_user_id", "in", [r.id for r in reviewers]),
            ]
        )

    def _answer(self, request, text):
        request = request.with_user(request.reviewer_user_id)
        request.answer = f"<p>{text}</p>"
        request.action_submit()

    def test_anonymous_reviewer_never_revealed_to_the_subject(self):
        requests = self._ask(self.user_manager, self.reviewers)
        for request, text in zip(
            requests,
            ("Great mentor", "Could delegate more", "Clear priorities"),
            strict=True,
        ):
            self._answer(request, text)
        subject = self.user_employee
        Request = self.env["hr.performance.feedback.request"].with_user(subject)
        # Fields and create_uid/write_uid: the records are out of reach.
        self.assertFalse(Request.search([]))
        with self.assertRaises(AccessError):
            requests.with_user(subject).read(["reviewer_user_id", "write_uid"])
        self.assertFalse(
            Request.search([("reviewer_user_id", "in", [r.id for r in self.reviewers])])
        )
        # Chatter, followers and tracking: no message, no follower, nothing tracked.
        self.assertFalse(
            self.env["mail.followers"]
            .with_user(subject)
            .search([("res_model", "=", Request._name)])
        )
        self.assertFalse(
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", Request._name),
                    ("message_type", "!=", "user_notification"),
                ]
            )
        )
        self.assertFalse(
            self.env["mail.tracking.value"]
            .sudo()
            .search([("mail_message_id.model", "=", Request._name)])
        )
        self.assertFalse(
            self.env["mail.message"]
            .with_user(subject)
            .search([("model", "=", Request._name)])
        )
        # Activities: the reviewers' activities are closed and were never the subject's to read.
        self.assertFalse(
            self.env["mail.activity"]
            .with_user(subject)
            .search([("res_model", "=", Request._name)])
        )
        # Mails and notifications: nothing reached the subject that names a reviewer.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("partner_ids", "in", subject.partner_id.ids)])
        )
        for reviewer in self.reviewers:
            self.assertFalse(
                messages.filtered(lambda m, r=reviewer: r.name in (m.body or ""))
            )
        # The aggregate shows the answers, never who gave them.
        summary = (
            self.env["hr.performance.feedback.summary"].with_user(subject).create({})
        )
        self.assertEqual(summary.answer_count, 3)
        for text in ("Great mentor", "Could delegate more", "Clear priorities"):
            self.assertIn(text, summary.answers)
        for reviewer in self.reviewers:
            self.assertNotIn(reviewer.name, summary.answers)
        # The manager who asked sees who answered.
        self.assertEqual(
            len(
                self.env["hr.performance.feedback.request"]
                .with_user(self.user_manager)
                .search([])
            ),
            3,
        )

    def test_aggregate_hidden_below_k(self):
        requests = self._ask(self.user_employee, self.reviewers)
        self.assertFalse(
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_employee)
            .search([]),
            "the subject cannot read even the anonymous requests they sent",
        )
        self._answer(requests[0], "Sharp reviews")
        self._answer(requests[1], "Late on deadlines")
        summary = (
            self.env["hr.performance.feedback.summary"]
            .with_user(self.user_employee)
            .create({})
        )
        self.assertEqual(
            (summary.answer_count, summary.threshold, summary.enough), (0, 3, False)
        )
        self.assertFalse(summary.answers)
        # Someone else's summary cannot be asked for, at creation or after.
        forged = (
            self.env["hr.performance.feedback.summary"]
            .with_user(self.user_peer)
            .create({"employee_id": self.emp_employee.id})
        )
        self.assertEqual(forged.employee_id, self.emp_peer)
        self._answer(requests[2], "Generous with time")
        forged.write({"employee_id": self.emp_employee.id})
        forged.invalidate_recordset()
        self.assertEqual((forged.employee_id, forged.answer_count), (self.emp_peer, 0))
        self.assertEqual(summary.with_user(self.user_employee).answer_count, 3)

    def test_named_request_visible_to_subject(self):
        request = self._ask(self.user_employee, self.reviewers[:1], anonymous=False)
        self._answer(request, "Keep pairing with juniors")
        mine = (
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_employee)
            .search([])
        )
        self.assertEqual(mine, request)
        self.assertEqual(mine.reviewer_user_id, self.reviewers[0])
        self.assertIn("juniors", mine.answer)

    def test_bad_input_and_wrong_people(self):
        Request = self.env["hr.performance.feedback.request"]
        with self.assertRaisesRegex(ValidationError, "own subject"):
            Request.with_user(self.user_manager).create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_employee.id,
                }
            )
        with self.assertRaises(AccessError):
            Request.with_user(self.user_peer).create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.reviewers[0].id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "past"):
            Request.with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_peer.id,
                    "deadline": "2000-01-01",
                }
            )
        request = self._ask(self.user_employee, [self.user_peer], anonymous=False)
        with self.assertRaisesRegex(UserError, "someone else"):
            request.with_user(self.user_manager).action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.reviewers[0]).write({"answer": "<p>Not mine</p>"})
        with self.assertRaisesRegex(UserError, "before submitting"):
            request.with_user(self.user_peer).action_submit()
        with self.assertRaisesRegex(UserError, "answer"):
            request.with_user(self.user_peer).write(
                {"reviewer_user_id": self.reviewers[0].id}
            )
        request.with_user(self.user_peer).action_decline()
        self.assertEqual(request.state, "declined")
        with self.assertRaises(UserError):
            request.with_user(self.user_peer).action_submit()

    def test_reviewer_activity_and_expiry(self):
        request = self._ask(self.user_employee, [self.user_peer], anonymous=False)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(activity.user_id, self.user_peer)
        request.sudo().deadline = "2020-01-01"
        self.env["hr.performance.feedback.request"]._cron_expire()
        self.assertEqual(request.state, "expired")
        self.assertFalse(activity.exists())
