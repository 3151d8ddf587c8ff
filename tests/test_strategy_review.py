"""The strategy review (process and outcome metrics per department, against
last year) checked against a hand-built history of two years."""

from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from ..reports.hr_performance_strategy_review import strategy_review_data
from .common import HrPerformanceCase

REPORT = "hr_performance.action_report_strategy_review"


@tagged("post_install", "-at_install")
class TestStrategyReview(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = {int(level.value): level for level in cls.scale.level_ids}
        Checkin = cls.env["hr.performance.checkin"]
        # This year: two check-ins of Eva's held, one of Pablo's planned and
        # missed, and Eva's monthly rhythm missed since June (Process Health's
        # definition: a due date passed with no check-in); last year one held.
        held = Checkin.create(
            [
                {"employee_id": cls.emp_employee.id, "date": day}
                for day in ("2025-05-05", "2026-03-02", "2026-06-01")
            ]
        )
        for checkin in held:
            checkin.action_done()
        Checkin.create({"employee_id": cls.emp_peer.id, "date": "2026-09-01"})
        # One piece of feedback each year, given by Pablo.
        Feedback = cls.env["hr.performance.feedback"].with_user(cls.user_peer)
        old, __ = Feedback.create(
            [
                {"employee_id": cls.emp_employee.id, "body": "<p>Thanks</p>"},
                {"employee_id": cls.emp_employee.id, "body": "<p>Again</p>"},
            ]
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE hr_performance_feedback SET create_date = '2025-04-01'"
            " WHERE id = %s",
            [old.id],
        )
        # A resignation this year, a dismissal last year.
        for name, reason, day in (
            ("Rex Resigned", "hr.departure_resigned", "2026-03-31"),
            ("Fay Fired", "hr.departure_fired", "2025-06-30"),
        ):
            leaver = cls.env["hr.employee"].create(
                {"name": name, "department_id": cls.department.id}
            )
            leaver.write(
                {"departure_reason_id": cls.env.ref(reason).id, "departure_date": day}
            )
            leaver.action_archive()
        # Reviews: last year Eva and Pablo rated 4, this year Eva rated 3.
        cls._review(
            "done",
            employees=cls.emp_employee | cls.emp_peer,
            rating=4,
            name="2025 annual review",
            date_start="2025-01-01",
            date_end="2025-12-31",
        )
        cls._review("done", rating=3)
        cls.env.invalidate_all()

    def _engineering(self, review):
        [row] = [
            row for row in review["departments"] if row["department"] == self.department
        ]
        return row

    def test_figures_per_department_against_last_year(self):
        review = strategy_review_data(self.env(user=self.user_officer), 2026)
        self.assertEqual((review["year"], review["previous_year"]), (2026, 2025))
        row = self._engineering(review)
        self.assertEqual(row["name"], "Product Engineering")
        current, previous, change = row["current"], row["previous"], row["change"]
        self.assertEqual(current["checkins_held"], 2)
        self.assertEqual(current["checkins_missed"], 2)
        self.assertEqual(current["checkins_held_rate"], 50)
        self.assertEqual(previous["checkins_held"], 1)
        self.assertEqual(previous["checkins_held_rate"], 100)
        self.assertEqual(change["checkins_held"], 1)
        self.assertEqual(
            (current["feedback_given"], previous["feedback_given"]), (1, 1)
        )
        self.assertEqual(change["feedback_given"], 0)
        self.assertEqual((current["reviews"], current["reviews_done"]), (1, 1))
        self.assertEqual(current["review_completion"], 100)
        self.assertEqual(previous["reviews"], 2)
        self.assertEqual((current["rating_value"], previous["rating_value"]), (3, 4))
        self.assertEqual(change["rating_value"], -1)
        self.assertEqual(
            (current["departures"], current["voluntary"], current["involuntary"]),
            (1, 1, 0),
        )
        self.assertEqual(
            (previous["departures"], previous["voluntary"], previous["involuntary"]),
            (1, 0, 1),
        )
        self.assertEqual(change["involuntary"], -1)
        ratings = {rating["level"]: rating for rating in row["ratings"]}
        self.assertEqual(set(ratings), {self.levels[3].name, self.levels[4].name})
        three, four = ratings[self.levels[3].name], ratings[self.levels[4].name]
        self.assertEqual((three["current"], three["current_share"]), (1, 100))
        self.assertEqual((three["previous"], three["previous_share"]), (0, 0))
        self.assertEqual((four["previous"], four["previous_share"]), (2, 100))

    def test_bounded_queries(self):
        env = self.env(user=self.user_officer)
        strategy_review_data(env, 2026)  # warm the caches
        env.invalidate_all()
        # One grouped query per view, one for the ratings, one for the team
        # correlations, then the names of the departments and the rating levels.
        with self.assertQueryCount(8):
            strategy_review_data(env, 2026)

    def test_xlsx_holds_the_figures(self):
        self.authenticate("perf_officer", "perf_officer")
        response = self.url_open("/hr_performance/export/strategy?year=2026")
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(BytesIO(response.content))
        sheet = workbook["Strategy Review 2026"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(
            rows[0], ["Department", "Area", "Metric", "2026", "2025", "Change"]
        )
        by_metric = {
            row[2]: row[3:] for row in rows[1:] if row[0] == "Product Engineering"
        }
        self.assertEqual(by_metric["Check-ins Held"], [2, 1, 1])
        self.assertEqual(by_metric["Departures"], [1, 1, 0])
        self.assertEqual(by_metric["Involuntary Departures"], [0, 1, -1])
        self.assertEqual(by_metric["Average Rating"], [3, 4, -1])
        ratings = [
            [cell.value for cell in row] for row in workbook["Ratings"].iter_rows()
        ]
        self.assertIn(
            ["Product Engineering", self.levels[4].name, 0, 0, 2, 100], ratings
        )
        # Process against outcomes: one team (Marco's) is too few for a figure.
        correlations = [
            [cell.value for cell in row]
            for row in workbook["Process against Outcomes"].iter_rows()
        ]
        self.assertEqual(
            correlations[0],
            ["Process", "Outcome", "Pearson r", "Spearman rho", "Teams", "Note"],
        )
        self.assertEqual(len(correlations), 10)
        self.assertEqual(correlations[1][:2], ["Cadence Kept (%)", "Average Rating"])
        self.assertEqual(correlations[1][2:4], [None, None])
        self.assertTrue(correlations[1][5].startswith("not enough teams (n = "))

    def test_pdf_renders_the_departments(self):
        wizard = (
            self.env["hr.performance.strategy.review"]
            .with_user(self.user_officer)
            .create({"year": 2026})
        )
        Report = self.env["ir.actions.report"].with_user(self.user_officer)
        html, __ = Report._render_qweb_html(REPORT, wizard.ids)
        self.assertIn(b"Product Engineering", html)
        self.assertIn(b"Strategy review", html)
        self.assertIn(b"Process against outcomes", html)
        self.assertIn(b"not enough teams", html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            REPORT, wizard.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "hr_performance.report_strategy_review")
        self.assertEqual(
            wizard.action_download_xlsx()["url"],
            "/hr_performance/export/strategy?year=2026",
        )

    def test_hr_only(self):
        for user in (self.user_manager, self.user_employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    strategy_review_data(self.env(user=user), 2026)
                with self.assertRaises(AccessError):
                    self.env["hr.performance.strategy.review"].with_user(user).create(
                        {"year": 2026}
                    )
                self.authenticate(user.login, user.login)
                response = self.url_open("/hr_performance/export/strategy?year=2026")
                self.assertEqual(response.status_code, 404)
        # An administrator of the addon reads it too.
        review = strategy_review_data(self.env(user=self.user_admin), 2026)
        self.assertEqual(self._engineering(review)["current"]["checkins_held"], 2)

    def test_bad_year(self):
        self.authenticate("perf_officer", "perf_officer")
        for year in ("1999", "2101", "abc", "", "2026.5", "-1", "99999999999"):
            with self.subTest(year=year):
                response = self.url_open(f"/hr_performance/export/strategy?year={year}")
                self.assertEqual(response.status_code, 404)
        response = self.url_open("/hr_performance/export/strategy")
        self.assertEqual(response.status_code, 404)
        with self.assertRaises(ValidationError):
            self.env["hr.performance.strategy.review"].with_user(
                self.user_officer
            ).create({"year": 1999})
