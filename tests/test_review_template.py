from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestReviewTemplate(HrPerformanceCase):
    def test_default_template(self):
        template = self.env.ref("hr_performance.review_template_default")
        self.assertTrue(template.self_review)
        self.assertEqual(
            template.section_ids.mapped("kind"), ["goals", "competencies", "questions"]
        )
        self.assertEqual(template.total_weight, 100)
        template._ensure_usable()

    def test_weights_checked_when_used_not_on_each_write(self):
        template = self.env.ref("hr_performance.review_template_default").copy()
        self.assertEqual(
            len(template.section_ids.question_ids),
            6,
            "sections and questions are copied",
        )
        self.assertIn("(copy)", template.name)
        goals = template.section_ids.filtered(lambda s: s.kind == "goals")
        goals.weight = 50  # 110 % for now: allowed while editing
        with self.assertRaisesRegex(UserError, "110"):
            template._ensure_usable()
        goals.weight = 30
        with self.assertRaisesRegex(UserError, "90"):
            template._ensure_usable()
        goals.weight = -10
        with self.assertRaisesRegex(UserError, "positive"):
            template._ensure_usable()
        goals.weight = 40
        template._ensure_usable()
        template.section_ids.filtered(
            lambda s: s.kind == "questions"
        ).question_ids.unlink()
        with self.assertRaisesRegex(UserError, "no question"):
            template._ensure_usable()

    def test_employees_read_officers_write(self):
        template = self.env.ref("hr_performance.review_template_default")
        self.assertEqual(
            template.with_user(self.user_employee).name, "Annual performance review"
        )
        with self.assertRaises(AccessError):
            template.with_user(self.user_manager).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            template.section_ids[0].with_user(self.user_employee).write({"weight": 90})
        template.with_user(self.user_officer).copy({"name": "Mid-year check"})
