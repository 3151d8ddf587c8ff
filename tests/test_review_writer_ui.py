from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase

# The Hoot suite of the writer's components (static/tests/review_writer).
HOOT_SUITE = "@hr_performance/review_writer"


def hoot_hash(name):
    """The id Hoot gives a suite or a test in its URL filters (as
    ``web.tests.test_js.HOOTCommon`` computes it)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestReviewWriterUi(HttpCase, HrPerformanceCase):
    def test_hoot_unit_tests(self):
        # A failed Hoot test logs an error in the browser, which fails this
        # test; the success signal comes only when every test passed.
        digest = hoot_hash(HOOT_SUITE)
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&suite={digest}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] test suite succeeded",
        )

    def _short_template(self):
        return self.env["hr.performance.review.template"].create(
            {
                "name": "Short review",
                "section_ids": [
                    Command.create({"name": "Goals", "kind": "goals", "weight": 50}),
                    Command.create(
                        {
                            "name": "Competencies",
                            "kind": "competencies",
                            "weight": 50,
                            "question_ids": [
                                Command.create(
                                    {
                                        "name": "Ownership",
                                        "description": "Follows through on commitments.",
                                        "answer_type": "rating_text",
                                    }
                                ),
                                Command.create(
                                    {
                                        "name": "Anything else?",
                                        "answer_type": "text",
                                        "required": False,
                                    }
                                ),
                            ],
                        }
                    ),
                ],
            }
        )

    def test_employee_then_manager_write_through_the_writer(self):
        template = self._short_template()
        self._goal(date_start="2026-01-01", date_deadline="2026-12-31")
        today = fields.Date.context_today(self.env["hr.performance.review"])
        review = self._review(
            "self_review",
            template_id=template.id,
            self_review_deadline=today + timedelta(days=10),
        )
        self.start_tour(
            "/odoo", "hr_performance_review_writer_self", login="perf_employee"
        )
        self.assertEqual(review.state, "manager_review")
        ownership = review.self_line_ids.filtered(lambda line: line.name == "Ownership")
        self.assertEqual(ownership.rating_level_id.name, "Exceeds Expectations")
        self.assertEqual(str(ownership.comment), "<p>Led the migration</p>")

        self.start_tour(
            "/odoo", "hr_performance_review_writer_manager", login="perf_manager"
        )
        self.assertEqual(review.state, "calibration")
        self.assertEqual(review.proposed_rating_level_id.name, "Outstanding")
        self.assertEqual(
            review.manager_line_ids.filtered(
                lambda line: line.name == "Ownership"
            ).rating_level_id.name,
            "Outstanding",
        )

    def test_employee_writes_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        review = self._review("self_review", template_id=self._short_template().id)
        self.start_tour(
            f"/odoo/review-writer?active_id={review.id}",
            "hr_performance_review_writer_phone",
            login="perf_employee",
        )
        self.assertEqual(review.state, "manager_review")
        ownership = review.self_line_ids.filtered(lambda line: line.name == "Ownership")
        self.assertEqual(ownership.rating_level_id.name, "Meets Expectations")
