import re
from io import BytesIO

from openpyxl import load_workbook

from odoo.tests import tagged
from odoo.tools import SQL

from ..lib.xlsx import write_workbook
from ..reports.calibration_xlsx import calibration_sheets
from ..reports.cycle_xlsx import cycle_sheets
from .common import HrPerformanceCase

SCORE_COLUMNS = (
    "Goal Score",
    "Self Score",
    "Peer Score",
    "Upward Score",
    "Manager Score",
    "Overall Score",
)


@tagged("post_install", "-at_install")
class TestReviewScores(HrPerformanceCase):
    """A score that does not exist (yet) is shown and exported as empty,
    never as 0, and the overall score exists once the manager review is
    submitted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = {int(level.value): level for level in cls.scale.level_ids}

    def _rate(self, lines, user, rating):
        lines.filtered(lambda line: line.answer_type != "text").with_user(user).write(
            {"rating_level_id": self.levels[rating].id}
        )

    def _submit_self(self, review, rating=4):
        self._rate(review.self_line_ids, self.user_employee, rating)
        review.with_user(self.user_employee).action_submit_self_review()

    def _submit_manager(self, review, rating=3):
        self._rate(review.manager_line_ids, self.user_manager, rating)
        review.with_user(self.user_manager).write(
            {"proposed_rating_level_id": self.levels[rating].id}
        )
        review.with_user(self.user_manager).action_submit_manager_review()

    def _report_text(self, review, user):
        """The review's report (the HTML wkhtmltopdf prints) as plain text."""
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html("hr_performance.report_performance_review", review.ids)
        )
        return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())

    def _xlsx_rows(self, export):
        """An export builder's result written as the download is, read back
        with openpyxl: ``{first cell: {column title: value}}`` per sheet."""
        _name, sheets = export
        stream = BytesIO()
        write_workbook(stream, sheets)
        workbook = load_workbook(BytesIO(stream.getvalue()))
        result = {}
        for sheet in workbook.worksheets:
            rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
            result[sheet.title] = {
                row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]
            }
        return result

    def test_goal_score_follows_the_goals_while_the_review_is_open(self):
        self._goal(name="Onboarding", progress=35, date_deadline="2026-06-30")
        late = self._goal(name="Docs", progress=50, date_deadline="2026-09-30")
        review = self._review(employee_ids=[self.emp_employee.id, self.emp_peer.id])
        eva = review.with_user(self.user_employee)
        # The goals stand at 35 % and 50 %: their weighted average, not 0.
        self.assertEqual(
            (eva.current_goal_score, eva.has_current_goal_score), (42.5, True)
        )
        self.assertFalse(eva.has_self_score, "the self review is being written")
        late.progress = 90
        eva.invalidate_recordset()
        self.assertEqual(eva.current_goal_score, 62.5, "live while open")
        pablo = (review.cycle_id.review_ids - review).with_user(self.user_peer)
        self.assertFalse(pablo.has_current_goal_score, "no goals: none, not 0")
        self._submit_self(eva)
        self._submit_manager(eva)
        self.assertEqual((eva.goal_score, eva.has_goal_score), (62.5, True))
        late.progress = 100
        eva.invalidate_recordset()
        self.assertEqual(
            eva.current_goal_score, 62.5, "frozen once the manager review is in"
        )

    def test_manager_step_has_no_manager_or_overall_score_yet(self):
        self._goal(progress=80, date_deadline="2026-06-30")
        review = self._review(
            "manager_review",
            self_rating=4,
            employee_ids=[self.emp_employee.id, self.emp_peer.id],
        )
        self.assertEqual(review.state, "manager_review")
        mine = review.with_user(self.user_manager)
        self.assertEqual((mine.self_score, mine.has_self_score), (75.0, True))
        self.assertFalse(mine.has_manager_score)
        # The goals alone are no overall score: the manager has not rated.
        self.assertFalse(mine.has_overall_score)
        text = self._report_text(review, self.user_manager)
        self.assertIn("Overall score — (once the manager review is submitted)", text)
        self.assertNotIn("Overall score 80 %", text)
        self._submit_manager(review)
        mine.invalidate_recordset()
        self.assertEqual((mine.has_manager_score, mine.manager_score), (True, 50.0))
        # goals 80 × 40 % + competencies 50 × 40 % + questions 50 × 20 % = 62
        self.assertEqual((mine.has_overall_score, mine.overall_score), (True, 62.0))
        self.assertIn(
            "Overall score 62 %", self._report_text(review, self.user_manager)
        )
        hidden = review.with_user(self.user_employee)
        hidden.invalidate_recordset()
        self.assertFalse(
            hidden.has_overall_score or hidden.has_manager_score,
            "their flags are hidden from the employee like the scores",
        )

    def test_cycle_xlsx_leaves_scores_not_available_empty(self):
        self._goal(progress=35, date_deadline="2026-06-30")
        self._goal(progress=50, date_deadline="2026-06-30")
        review = self._review(
            "manager_review",
            self_rating=4,
            employee_ids=[self.emp_employee.id, self.emp_peer.id],
        )
        cycle = review.cycle_id
        rows = self._xlsx_rows(cycle_sheets(cycle.with_user(self.user_officer)))
        eva, pablo = rows["Results"]["Eva Employee"], rows["Results"]["Pablo Peer"]
        self.assertEqual(
            [eva[column] for column in SCORE_COLUMNS],
            [42.5, 75.0, None, None, None, None],
        )
        self.assertEqual([pablo[column] for column in SCORE_COLUMNS], [None] * 6)
        self._submit_manager(review)
        rows = self._xlsx_rows(cycle_sheets(cycle.with_user(self.user_officer)))
        eva = rows["Results"]["Eva Employee"]
        self.assertEqual(
            [eva[column] for column in SCORE_COLUMNS],
            # goals 42.5 × 40 % + competencies 50 × 40 % + questions 50 × 20 %
            [42.5, 75.0, None, None, 50.0, 47.0],
        )

    def test_past_cycle_without_goals_prints_no_goal_score(self):
        review = self._review(
            "done",
            self_rating=4,
            name="2025 annual review",
            date_start="2025-01-01",
            date_end="2025-12-31",
        )
        review.cycle_id.action_close()
        text = self._report_text(review, self.user_employee)
        self.assertIn("Goal score: — (no goals in the cycle period)", text)
        self.assertNotIn("Goal score: 0 %", text)
        # No goals: the other sections share their weight (competencies and
        # questions at 50 %), and the overall score is theirs.
        self.assertIn("Overall score 50 %", text)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT goal_score, overall_score FROM hr_performance_review_analysis"
                " WHERE review_id = %s",
                review.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone(), (None, 50.0))


@tagged("post_install", "-at_install")
class TestReviewScoresInAggregates(HrPerformanceCase):
    """Averages and statistics leave out a score that does not exist, and
    count a real 0."""

    def _reviews(self, scores):
        """Reviews in calibration under Marco, one per ``scores`` dict of
        review and assessment scores (a score left out does not exist)."""
        cycle = self._cycle(employee_ids=[])
        cycle.state = "open"
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Report {i}", "parent_id": self.emp_manager.id}
                for i in range(len(scores))
            ]
        )
        reviews = self.env["hr.performance.review"].create(
            [
                {
                    "cycle_id": cycle.id,
                    "employee_id": employee.id,
                    "manager_id": self.emp_manager.id,
                    "manager_user_id": self.user_manager.id,
                    "company_id": self.company.id,
                    "state": "calibration",
                }
                for employee in employees
            ]
        )
        level = self.scale.level_ids.sorted("value")[2]
        for review, values in zip(reviews, scores, strict=True):
            review.sudo().write({k: v for k, v in values.items() if k == "self_score"})
            self.env["hr.performance.review.assessment"].create(
                {
                    "review_id": review.id,
                    "proposed_rating_level_id": level.id,
                    **{k: v for k, v in values.items() if k != "self_score"},
                }
            )
        return cycle, reviews

    def test_statistics_and_exports_leave_out_missing_scores(self):
        cycle, reviews = self._reviews(
            [
                {"self_score": 0.0, "manager_score": 50.0, "overall_score": 70.0},
                {"manager_score": 40.0},
                {"self_score": 80.0, "manager_score": 60.0, "overall_score": 50.0},
            ]
        )
        self.assertEqual(
            reviews.mapped("has_self_score"), [True, False, True], "a real 0 exists"
        )
        cycle.action_start_calibration()
        session = (
            self.env["hr.performance.calibration"]
            .with_user(self.user_officer)
            .create({"name": "Scores", "cycle_id": cycle.id})
        )
        session.action_start()
        marco = session.stat_ids.filtered(
            lambda s: s.kind == "manager" and s.manager_id == self.emp_manager
        )
        # (0 − 50 + 80 − 60) / 2: the review without a self score is left out.
        self.assertAlmostEqual(marco.self_gap, -15.0)
        _name, sheets = calibration_sheets(session)
        stream = BytesIO()
        write_workbook(stream, sheets)
        sheet = load_workbook(BytesIO(stream.getvalue()))["Reviews"]
        overall = {row[0].value: row[3].value for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(
            overall, {"Report 0": 70.0, "Report 1": None, "Report 2": 50.0}
        )
        # The overview averages the overall scores that exist.
        Analysis = self.env["hr.performance.review.analysis"]
        self.env.flush_all()
        [(average,)] = Analysis._read_group(
            [("cycle_id", "=", cycle.id)], [], ["overall_score:avg"]
        )
        self.assertEqual(average, 60.0)
        # A score written as None does not exist anymore.
        reviews[0].assessment_ids.sudo().write({"overall_score": None})
        self.assertFalse(reviews[0].assessment_ids.has_overall_score)
        self.env.flush_all()
        [(average,)] = Analysis._read_group(
            [("cycle_id", "=", cycle.id)], [], ["overall_score:avg"]
        )
        self.assertEqual(average, 50.0)

    def test_suggestions_do_not_take_a_missing_overall_score_for_0(self):
        cycle, reviews = self._reviews([{"overall_score": 10.0}, {}])
        cycle.action_start_calibration()
        session = (
            self.env["hr.performance.calibration"]
            .with_user(self.user_officer)
            .create({"name": "Suggestions", "cycle_id": cycle.id, "min_group_size": 1})
        )
        lines = session.distribution_ids.sorted("level_value")
        for line, target in zip(lines, (0, 50, 50, 0, 0), strict=True):
            line.target_percent = target
        session.action_start()
        session.action_suggest_adjustments()
        # One of the two (both at the middle level) moves down: the one
        # scored 10, not the one without a score, which sits at its level.
        self.assertEqual(session.suggestion_ids.review_id, reviews[0])
