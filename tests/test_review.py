from io import BytesIO
from unittest.mock import patch

from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo.addons.mail.models.mail_template import MailTemplate
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models import hr_performance_review
from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestReviewCycle(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("hr_performance.review_template_default")
        cls.levels = {int(level.value): level for level in cls.scale.level_ids}

    def _answer(self, lines, user, rating):
        for line in lines.with_user(user):
            line.write(
                {
                    "rating_level_id": self.levels[rating].id,
                    "comment": "<p>Because.</p>",
                }
            )

    def test_launch_creates_one_review_each_with_activities(self):
        review = self._review(employee_ids=[self.emp_employee.id, self.emp_peer.id])
        cycle = review.cycle_id
        self.assertEqual(len(cycle.review_ids), 2)
        self.assertEqual(
            (cycle.self_review_count, cycle.self_review_late_count), (2, 0)
        )
        cycle.self_review_deadline = "2020-01-31"
        self.assertEqual(cycle.self_review_late_count, 2)
        self.assertEqual(
            (review.state, review.manager_id, review.manager_user_id),
            ("self_review", self.emp_manager, self.user_manager),
        )
        self.assertEqual(len(review.self_line_ids), 6)
        self.assertEqual(len(review.manager_line_ids), 6)
        self.assertEqual(review.activity_ids.user_id, self.user_employee)
        with self.assertRaises(UserError):
            cycle.action_launch()
        self.assertEqual(
            len(cycle.review_ids), 2, "launching twice creates nothing new"
        )

    def test_unusable_template_refused_at_launch(self):
        template = self.template.copy()
        template.section_ids[0].weight = 10
        cycle = self._cycle(template_id=template.id)
        with self.assertRaisesRegex(UserError, "70"):
            cycle.action_launch()
        self.assertEqual(
            (cycle.state, cycle.review_ids),
            ("draft", self.env["hr.performance.review"]),
        )

    def test_full_workflow_with_the_right_users(self):
        self._goal(progress=80, weight=1, date_deadline="2026-06-30")
        self._goal(progress=20, weight=1, date_deadline="2026-12-31")
        self._goal(progress=99, date_deadline="2025-12-31")  # outside the cycle
        review = self._review()
        # Self review: only the employee, only answered.
        with self.assertRaisesRegex(UserError, "Answer every required question"):
            review.with_user(self.user_employee).action_submit_self_review()
        self._answer(
            review.self_line_ids.filtered(lambda line: line.answer_type != "text"),
            self.user_employee,
            4,
        )
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).action_submit_self_review()
        with self.assertRaises(AccessError):
            review.self_line_ids[0].with_user(self.user_manager).write(
                {"rating_level_id": self.levels[1].id}
            )
        review.with_user(self.user_employee).action_submit_self_review()
        self.assertEqual(review.state, "manager_review")
        self.assertEqual(review.goal_score, 50.0)
        self.assertEqual(review.self_score, 75.0)
        self.assertEqual(review.activity_ids.user_id, self.user_manager)
        # Manager review: only the manager.
        with self.assertRaises(AccessError):
            review.manager_line_ids[0].with_user(self.user_employee).write(
                {"rating_level_id": self.levels[5].id}
            )
        competencies = review.manager_line_ids.filtered(
            lambda line: line.section_id.kind == "competencies"
        )
        self._answer(competencies, self.user_manager, 5)
        self._answer(review.manager_line_ids - competencies, self.user_manager, 3)
        with self.assertRaisesRegex(UserError, "Propose a rating"):
            review.with_user(self.user_manager).action_submit_manager_review()
        review.with_user(self.user_manager).write(
            {"proposed_rating_level_id": self.levels[4].id, "potential": "high"}
        )
        with self.assertRaises(AccessError):
            review.with_user(self.user_peer).action_submit_manager_review()
        review.with_user(self.user_manager).action_submit_manager_review()
        self.assertEqual(review.state, "calibration")
        # goals 50 × 40 % + competencies 100 × 40 % + questions 50 × 20 % = 70
        self.assertAlmostEqual(review.overall_score, 70.0)
        # competencies 4 × 100 and one rated question at 50 (a text question's rating is ignored)
        self.assertAlmostEqual(review.manager_score, 90.0)
        # Release and acknowledge.
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).action_share()
        review.cycle_id.action_start_calibration()
        review.cycle_id.action_release()
        self.assertEqual(review.state, "shared")
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).action_acknowledge()
        review.with_user(self.user_employee).write(
            {"employee_comment": "I expected a 5."}
        )
        review.with_user(self.user_employee).action_acknowledge()
        self.assertEqual(review.state, "done")
        self.assertTrue(review.acknowledged_date)
        self.assertFalse(review.activity_ids)

    def test_hidden_until_release(self):
        review = self._review("manager_review")
        self._answer(
            review.manager_line_ids.filtered(lambda line: line.answer_type != "text"),
            self.user_manager,
            2,
        )
        review.with_user(self.user_manager).write(
            {
                "proposed_rating_level_id": self.levels[2].id,
                "potential": "low",
                "manager_comment": "<p>Needs focus</p>",
            }
        )
        review.with_user(self.user_manager).action_submit_manager_review()
        review.cycle_id.action_start_calibration()
        review.action_calibrate(self.levels[3].id, "Peer group comparison")
        mine = review.with_user(self.user_employee)
        mine.invalidate_recordset()
        for field in (
            "final_rating_level_id",
            "proposed_rating_level_id",
            "potential",
            "overall_score",
            "manager_comment",
            "nine_box_cell",
        ):
            self.assertFalse(mine[field], field)
        self.assertFalse(mine.manager_line_ids, "manager answers stay hidden")
        with self.assertRaises(AccessError):
            review.manager_line_ids.with_user(self.user_employee).read(
                ["rating_level_id"]
            )
        with self.assertRaises(AccessError):
            review.assessment_ids.with_user(self.user_employee).read(
                ["final_rating_level_id"]
            )
        Review = self.env["hr.performance.review"].with_user(self.user_employee)
        self.assertFalse(
            Review.search([("final_rating_level_id", "=", self.levels[3].id)])
        )
        with self.assertRaises(ValueError):
            Review.search([], order="final_rating_level_id")
        self.assertEqual(
            review.with_user(self.user_manager).final_rating_level_id, self.levels[3]
        )
        review.action_share()
        mine.invalidate_recordset()
        self.assertEqual(mine.final_rating_level_id, self.levels[3])
        self.assertEqual(mine.nine_box_cell, 2)
        self.assertEqual(len(mine.manager_line_ids), 6)
        self.assertEqual(
            Review.search([("final_rating_level_id", "=", self.levels[3].id)]), review
        )

    def test_calibration_is_hr_only_with_reason_and_audit(self):
        review = self._review()
        review.sudo().write({"state": "calibration"})
        review.assessment_ids.sudo().proposed_rating_level_id = self.levels[4]
        with self.assertRaisesRegex(UserError, "in calibration"):
            review.action_calibrate(self.levels[3].id, "Too early")
        review.cycle_id.action_start_calibration()
        with self.assertRaises(AccessError):
            review.with_user(self.user_manager).action_calibrate(
                self.levels[5].id, "I say so"
            )
        with self.assertRaisesRegex(UserError, "reason"):
            review.action_calibrate(self.levels[3].id, "  ")
        other_scale = self.env["hr.performance.rating.scale"].create(
            {
                "name": "Other",
                "level_ids": [
                    (0, 0, {"name": "A", "value": 1}),
                    (0, 0, {"name": "B", "value": 2}),
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "scale"):
            review.action_calibrate(other_scale.level_ids[0].id, "Wrong scale")
        review.with_user(self.user_officer).action_calibrate(
            self.levels[3], "Calibrated against the team"
        )
        adjustment = self.env["hr.performance.calibration.adjustment"].search(
            [("review_id", "=", review.id)]
        )
        self.assertEqual(
            (
                adjustment.old_level_id,
                adjustment.new_level_id,
                adjustment.user_id,
                adjustment.reason,
            ),
            (
                self.levels[4],
                self.levels[3],
                self.user_officer,
                "Calibrated against the team",
            ),
        )
        with self.assertRaises(UserError):
            adjustment.with_user(self.user_officer).write({"reason": "Rewritten"})
        with self.assertRaises(UserError):
            adjustment.with_user(self.user_officer).unlink()
        with self.assertRaises(UserError):
            adjustment.unlink()

    def test_workflow_cannot_be_bypassed(self):
        review = self._review()
        for user in (self.user_employee, self.user_manager):
            for vals in ({"state": "done"}, {"goal_score": 100}, {"self_score": 100}):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(UserError),
                ):
                    review.with_user(user).write(vals)
        with self.assertRaises(UserError):
            review.assessment_ids.with_user(self.user_manager).write(
                {"final_rating_level_id": self.levels[5].id}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.user_employee).action_share()
        with self.assertRaises(UserError):
            review.with_user(self.user_employee).write(
                {"proposed_rating_level_id": self.levels[5].id}
            )
        self.assertEqual(review.state, "self_review")

    def test_who_reads_reviews(self):
        review = self._review(employee_ids=[self.emp_employee.id, self.emp_peer.id])
        outsider = mail_new_test_user(
            self.env, login="perf_outsider", name="Oscar Outsider"
        )
        self.assertEqual(
            self.env["hr.performance.review"].with_user(self.user_employee).search([]),
            review,
        )
        self.assertEqual(
            len(
                self.env["hr.performance.review"]
                .with_user(self.user_manager)
                .search([])
            ),
            2,
        )
        self.assertFalse(
            self.env["hr.performance.review"].with_user(outsider).search([])
        )
        with self.assertRaises(AccessError):
            review.with_user(self.user_peer).read(["state"])
        # Reorganisation: the snapshot keeps the manager of record.
        self.emp_employee.parent_id = False
        self.assertIn(
            review,
            self.env["hr.performance.review"].with_user(self.user_manager).search([]),
        )

    def test_launch_query_count_is_batched(self):
        def launch(count):
            employees = self.env["hr.employee"].create(
                [
                    {
                        "name": f"Participant {count}-{i}",
                        "parent_id": self.emp_manager.id,
                    }
                    for i in range(count)
                ]
            )
            cycle = self._cycle(name=f"Cycle {count}", employee_ids=employees.ids)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            cycle.action_launch()
            self.env.flush_all()
            self.assertEqual(len(cycle.review_ids), count)
            return self.env.cr.sql_log_count - before

        launch(3)  # warm the caches
        few = launch(10)
        many = launch(110)
        # A hundred more participants: 1,400 more rows (reviews, 12 answer
        # lines each, assessments, activities), which Odoo inserts 100 rows
        # per statement; nothing per participant.
        self.assertLessEqual(many - few, 20, (few, many))

    def test_team_list_queries_do_not_grow_with_the_org_chart(self):
        """The manager's "My team's reviews" list: the record rules find the
        reports below a manager in one query (hr.employee's parent path), so
        a deep org chart costs no more than a flat one."""
        spec = {
            "employee_id": {"fields": {"display_name": {}}},
            "cycle_id": {"fields": {"display_name": {}}},
            "manager_id": {"fields": {"display_name": {}}},
            "department_id": {"fields": {"display_name": {}}},
            "goal_score": {},
            "state": {},
        }

        def list_queries(depth):
            user = mail_new_test_user(
                self.env, login=f"perf_top_{depth}", name=f"Top {depth}"
            )
            top = self.env["hr.employee"].create(
                {"name": f"Top {depth}", "user_id": user.id}
            )
            parent, employees = top, self.env["hr.employee"]
            for level in range(depth):
                parent = self.env["hr.employee"].create(
                    {"name": f"Level {depth}-{level}", "parent_id": parent.id}
                )
                employees |= self.env["hr.employee"].create(
                    [
                        {"name": f"Report {depth}-{level}-{i}", "parent_id": parent.id}
                        for i in range(3)
                    ]
                )
            cycle = self._cycle(name=f"Depth {depth}", employee_ids=employees.ids)
            cycle.action_launch()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = (
                self.env["hr.performance.review"]
                .with_user(top.user_id)
                .web_search_read([("cycle_id", "=", cycle.id)], spec, limit=80)
            )
            self.assertEqual(result["length"], 3 * depth, "every report below")
            return self.env.cr.sql_log_count - before

        list_queries(1)  # warm the caches
        flat, deep = list_queries(2), list_queries(8)
        self.assertEqual(flat, deep)
        self.assertLess(deep, 25)

    @freeze_time("2026-03-01")
    def test_template_without_self_review_starts_with_the_manager(self):
        template = self.template.copy({"self_review": False})
        cycle = self._cycle(template_id=template.id)
        cycle.action_launch()
        review = cycle.review_ids[:1]
        self.assertEqual(review.state, "manager_review")
        self.assertFalse(review.self_line_ids)
        self.assertEqual(review.activity_ids.user_id, self.user_manager)


@tagged("post_install", "-at_install")
class TestReviewReport(HttpCase, HrPerformanceCase):
    # HttpCase: wkhtmltopdf loads the report's assets from this test server.
    def _render(self, review, user):
        """The PDF, rendered for real by wkhtmltopdf, and the HTML it was made
        from. This wkhtmltopdf build draws text as outlines (no text layer to
        extract), so the content is checked on that HTML."""
        reports = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
        )
        name = "hr_performance.report_performance_review"
        pdf, kind = reports._render_qweb_pdf(name, res_ids=review.ids)
        self.assertEqual(kind, "pdf")
        reader = PdfReader(BytesIO(pdf))
        self.assertIn("wkhtmltopdf", reader.metadata.get("/Creator", ""))
        self.assertEqual(len(reader.pages), len(review))
        html, _kind = reports._render_qweb_html(name, review.ids)
        return html.decode()

    def test_pdf_rendered_without_unreleased_rating(self):
        template = self.env.ref("hr_performance.review_template_default")
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Annual 2026",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "template_id": template.id,
                "employee_ids": [self.emp_employee.id],
            }
        )
        cycle.action_launch()
        review = cycle.review_ids
        outstanding = self.scale.level_ids.filtered(lambda level: level.value == 5)
        review.sudo().write({"state": "calibration"})
        review.assessment_ids.sudo().with_context(
            hr_performance_calibrating=True
        ).write(
            {
                "proposed_rating_level_id": outstanding.id,
                "final_rating_level_id": outstanding.id,
            }
        )
        html = self._render(review, self.user_employee)
        self.assertIn("Eva Employee", html)
        self.assertIn("Annual 2026", html)
        self.assertNotIn("Outstanding", html)
        self.assertIn("Outstanding", self._render(review, self.user_officer))
        review.action_share()
        self.assertIn("Outstanding", self._render(review, self.user_employee))
        with self.assertRaises(AccessError):
            self._render(review, self.user_peer)


@tagged("post_install", "-at_install")
class TestReviewManagerSide(HrPerformanceCase):
    def test_manager_cannot_rewrite_the_rating_after_submitting(self):
        review = self._review("manager_review")
        levels = self.scale.level_ids.sorted("value")
        assessment = review.assessment_ids.with_user(self.user_manager)
        assessment.write({"proposed_rating_level_id": levels[2].id})
        other = self.env["hr.performance.rating.scale"].create(
            {
                "name": "Other",
                "level_ids": [
                    (0, 0, {"name": "A", "value": 1}),
                    (0, 0, {"name": "B", "value": 2}),
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "scale"):
            assessment.write({"proposed_rating_level_id": other.level_ids[0].id})
        review.sudo().write({"state": "calibration"})
        with self.assertRaises(AccessError):
            assessment.write({"proposed_rating_level_id": levels[4].id})
        with self.assertRaises(AccessError):
            review.assessment_ids.with_user(self.user_employee).write(
                {"potential": "high"}
            )
        review.action_share()
        self.assertEqual(review.final_rating_level_id, levels[2])


@tagged("post_install", "-at_install")
class TestCycleParticipants(HrPerformanceCase):
    def test_select_by_department_job_manager_and_name(self):
        sales = self.env["hr.department"].create({"name": "Sales"})
        emea = self.env["hr.department"].create(
            {"name": "Sales EMEA", "parent_id": sales.id}
        )
        job = self.env["hr.job"].create({"name": "Account Executive"})
        seller = self.env["hr.employee"].create(
            {"name": "Sam Seller", "department_id": emea.id}
        )
        executive = self.env["hr.employee"].create(
            {"name": "Ella Exec", "job_id": job.id}
        )
        loner = self.env["hr.employee"].create({"name": "Lou Loner"})
        cycle = self.env["hr.performance.cycle"].create(
            {"name": "H1", "date_start": "2026-01-01", "date_end": "2026-06-30"}
        )
        Launch = self.env["hr.performance.cycle.launch"].with_user(self.user_officer)
        wizard = Launch.create({"cycle_id": cycle.id, "department_ids": [sales.id]})
        self.assertEqual(wizard.participant_ids, seller, "sub-departments are included")
        wizard.write(
            {
                "job_ids": [job.id],
                "manager_ids": [self.emp_manager.id],
                "employee_ids": [loner.id],
            }
        )
        self.assertEqual(
            wizard.participant_ids,
            seller | executive | loner | self.emp_employee | self.emp_peer,
            "the manager's reports, not the manager",
        )
        self.assertEqual(wizard.participant_count, 5)
        wizard.launch = True
        wizard.action_apply()
        self.assertEqual((cycle.state, len(cycle.review_ids)), ("open", 5))
        with self.assertRaises(UserError):
            Launch.create(
                {"cycle_id": cycle.id, "employee_ids": [loner.id]}
            ).action_apply()

    def test_employees_cannot_select(self):
        cycle = self.env["hr.performance.cycle"].create(
            {"name": "H1", "date_start": "2026-01-01", "date_end": "2026-06-30"}
        )
        with self.assertRaises(AccessError):
            self.env["hr.performance.cycle.launch"].with_user(self.user_manager).create(
                {"cycle_id": cycle.id}
            )


@tagged("post_install", "-at_install")
class TestReviewReminders(HrPerformanceCase):
    def _mails(self, subject_part):
        return self.env["mail.mail"].sudo().search([("subject", "ilike", subject_part)])

    def test_launch_release_and_reminders_once(self):
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "Mid-year",
                "date_start": "2026-01-01",
                "date_end": "2026-06-30",
                "self_review_deadline": "2026-07-10",
                "manager_review_deadline": "2026-07-20",
                "employee_ids": [self.emp_employee.id, self.emp_peer.id],
            }
        )
        self.emp_employee.work_email = "eva@example.com"
        self.emp_peer.work_email = "pablo@example.com"
        cycle.action_launch()
        self.assertFalse(self._mails("your review has started"), "sent in background")
        send = self.env["hr.performance.review"]._cron_send_launch_mails
        # One review per run: each run commits its batch, the next goes on.
        with patch.object(hr_performance_review, "LAUNCH_MAIL_BATCH", 1):
            with self.assertQueryCount(__system__=40):
                send()
            self.assertEqual(len(self._mails("your review has started")), 1)
            send()
        self.assertEqual(len(self._mails("your review has started")), 2)
        send()
        self.assertEqual(len(self._mails("your review has started")), 2, "once")
        cron = self.env["hr.performance.review"]._cron_send_reminders
        with freeze_time("2026-07-01"):
            cron()
            self.assertFalse(self._mails("is due"), "too early")
        with freeze_time("2026-07-08"):
            cron()
            cron()
            self.assertEqual(len(self._mails("is due")), 2, "due soon: once per review")
        with freeze_time("2026-07-11"):
            cron()
            cron()
            self.assertEqual(len(self._mails("is due")), 4, "overdue: once more")
        review = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_employee)
        review.sudo().write({"state": "calibration"})
        review.assessment_ids.sudo().proposed_rating_level_id = self.scale.level_ids[2]
        review.action_share()
        self.assertEqual(len(self._mails("your review is ready")), 1)

    def test_a_mail_that_fails_stops_no_other_and_is_not_retried(self):
        """One review whose launch mail cannot be made (here a template error
        for it alone): the others are mailed, the cron does not fail, and the
        broken one is not tried again at every run."""
        cycle = self._cycle(
            name="Mid-year", date_start="2026-01-01", date_end="2026-06-30"
        )
        self.emp_employee.work_email = "eva@example.com"
        self.emp_peer.work_email = "pablo@example.com"
        cycle.action_launch()
        poisoned = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_peer)
        original = MailTemplate.send_mail_batch

        def send_mail_batch(template, res_ids, *args, **kwargs):
            if poisoned.id in res_ids:
                raise ValueError("a template error for this review alone")
            return original(template, res_ids, *args, **kwargs)

        send = self.env["hr.performance.review"]._cron_send_launch_mails
        with (
            patch.object(MailTemplate, "send_mail_batch", send_mail_batch),
            mute_logger("odoo.addons.hr_performance.models.batch"),
        ):
            send()
            send()
        mails = self._mails("your review has started")
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.res_id, (cycle.review_ids - poisoned).id)
        self.assertFalse(
            cycle.review_ids.filtered("launch_mail_pending"), "none waits to be retried"
        )


@tagged("post_install", "-at_install")
class TestReviewPeerFeedback(HrPerformanceCase):
    def test_peer_score_only_from_k_anonymous_answers(self):
        self.company.performance_anonymity_threshold = 3
        review = self._review()
        peers = [
            mail_new_test_user(self.env, login=f"perf_rater_{i}", name=f"Rater {i}")
            for i in range(3)
        ]
        with self.assertRaises(AccessError):
            review.with_user(self.user_peer).action_request_peer_feedback()
        action = review.with_user(self.user_manager).action_request_peer_feedback()
        wizard = (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
            .create({"reviewer_user_ids": [p.id for p in peers]})
        )
        wizard.action_send()
        requests = review.feedback_request_ids
        self.assertEqual(len(requests), 3)
        self.assertTrue(all(requests.mapped("anonymous")))
        self.assertFalse(
            self.env["hr.performance.feedback.request"]
            .with_user(self.user_employee)
            .search([])
        )
        four = self.scale.level_ids.filtered(lambda level: level.value == 4)
        for request in requests[:2]:
            mine = request.with_user(request.reviewer_user_id)
            mine.write({"answer": "<p>Reliable</p>", "rating_level_id": four.id})
            mine.action_submit()
        review.sudo().write({"state": "manager_review"})
        review._update_scores()
        self.assertEqual(review.peer_score, 0.0, "two answers: below k, no peer score")
        last = requests[2].with_user(requests[2].reviewer_user_id)
        last.write({"answer": "<p>Great help</p>", "rating_level_id": four.id})
        last.action_submit()
        review._update_scores()
        self.assertEqual(review.peer_score, 75.0)
        # Nobody attaches a request to a review they cannot change.
        with self.assertRaises(AccessError):
            self.env["hr.performance.feedback.request"].with_user(
                self.user_employee
            ).create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": peers[0].id,
                    "review_id": review.id,
                }
            )
