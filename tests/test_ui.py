from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase
from .test_skills import SkillsCase


@tagged("post_install", "-at_install")
class TestUi(HttpCase, HrPerformanceCase):
    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)

    def test_manager_opens_performance_app(self):
        # The tour clicks the app on the home menu and finds the manager's report.
        self.start_tour("/odoo", "hr_performance_open_app", login="perf_manager")

    def test_cascade_then_update_tours(self):
        goal = self.env["hr.performance.goal"].create(
            {
                "name": "Reduce onboarding time to 5 days",
                "scope": "department",
                "department_id": self.department.id,
                "progress_mode": "metric",
                "start_value": 10,
                "target_value": 5,
                "current_value": 10,
                "unit": "days",
                "date_start": "2026-01-01",
                "date_deadline": "2026-12-31",
                "state": "active",
            }
        )
        self.start_tour("/odoo", "hr_performance_goal_cascade", login="perf_manager")
        children = goal.child_ids
        self.assertEqual(children.employee_id, self.emp_employee | self.emp_peer)
        self.assertEqual(goal.progress_mode, "children")

        self.start_tour("/odoo", "hr_performance_goal_update", login="perf_employee")
        mine = children.filtered(lambda g: g.employee_id == self.emp_employee)
        self.assertEqual(mine.current_value, 7)
        self.assertAlmostEqual(mine.progress, 60.0)
        self.assertEqual(mine.update_ids.author_user_id, self.user_employee)
        self.assertEqual(mine.update_ids.confidence, "high")
        self.assertTrue(goal.rollup_pending)
        self._settle_rollups()
        self.assertAlmostEqual(goal.progress, 30.0)

    def test_checkin_tours(self):
        checkin = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id}
        )
        self.start_tour("/odoo", "hr_performance_checkin_agenda", login="perf_employee")
        self.assertEqual(checkin.agenda_item_ids.author_user_id, self.user_employee)
        self.start_tour(
            "/odoo", "hr_performance_checkin_complete", login="perf_manager"
        )
        self.assertEqual(checkin.state, "done")
        self.assertEqual(checkin.action_item_ids.name, "Approve the conference budget")
        self.assertEqual(checkin.activity_ids.summary, "Approve the conference budget")
        self.assertEqual(checkin.activity_ids.user_id, self.user_manager)

    def test_review_tours(self):
        template = self.env["hr.performance.review.template"].create(
            {
                "name": "Short review",
                "section_ids": [
                    (0, 0, {"name": "Goals", "kind": "goals", "weight": 50}),
                    (
                        0,
                        0,
                        {
                            "name": "Competencies",
                            "kind": "competencies",
                            "weight": 50,
                            "question_ids": [
                                (0, 0, {"name": "Ownership", "answer_type": "rating"})
                            ],
                        },
                    ),
                ],
            }
        )
        cycle = self.env["hr.performance.cycle"].create(
            {
                "name": "2026 review",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "template_id": template.id,
                "employee_ids": [self.emp_employee.id],
            }
        )
        cycle.action_launch()
        review = cycle.review_ids
        self.start_tour("/odoo", "hr_performance_review_self", login="perf_employee")
        self.assertEqual(review.state, "manager_review")
        self.start_tour("/odoo", "hr_performance_review_manager", login="perf_manager")
        self.assertEqual(review.state, "calibration")
        self.start_tour("/odoo", "hr_performance_review_release", login="perf_officer")
        self.assertEqual((cycle.state, review.state), ("released", "shared"))
        self.start_tour(
            "/odoo", "hr_performance_review_acknowledge", login="perf_employee"
        )
        self.assertEqual(review.state, "done")
        self.assertEqual(review.final_rating_level_id.name, "Outstanding")


@tagged("post_install", "-at_install")
class TestDevelopmentTour(HttpCase, SkillsCase):
    def test_manager_creates_a_development_plan_from_a_review(self):
        review = self._review("calibration")
        self.start_tour(
            "/odoo", "hr_performance_development_plan", login="perf_manager"
        )
        plan = review.development_plan_ids
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.item_ids.skill_id.mapped("name"), ["SQL", "Python"])


@tagged("post_install", "-at_install")
class TestCalibrationTour(HttpCase, HrPerformanceCase):
    def test_hr_moves_a_review_with_a_reason_then_releases(self):
        levels = self.scale.level_ids.sorted("value")
        session = self._calibration_session()
        cycle = session.cycle_id
        self.start_tour(
            "/odoo", "hr_performance_calibration_session", login="perf_officer"
        )
        eva = cycle.review_ids.filtered(lambda r: r.employee_id == self.emp_employee)
        self.assertEqual(session.state, "in_progress")
        self.assertEqual(eva.final_rating_level_id, levels[4])
        adjustment = eva.calibration_adjustment_ids
        self.assertEqual(
            (adjustment.reason, adjustment.user_id, adjustment.calibration_id),
            ("Led the platform migration across two teams", self.user_officer, session),
        )
        self.assertEqual((cycle.state, eva.state), ("released", "shared"))
