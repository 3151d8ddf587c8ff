from io import BytesIO

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from .common import HrPerformanceCase

HYPERLINK = '=HYPERLINK("http://evil.example/steal", "Open my file")'


@tagged("post_install", "-at_install")
class TestAnalysisAndExports(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        # Another team: Otto and his report Rita, out of Marco's reach.
        other_user = cls.env["res.users"].create(
            {"name": "Otto Other", "login": "perf_other", "password": "perf_other"}
        )
        cls.emp_other = cls.env["hr.employee"].create(
            {"name": "Otto Other", "user_id": other_user.id}
        )
        cls.emp_rita = cls.env["hr.employee"].create(
            {"name": "Rita Report", "parent_id": cls.emp_other.id}
        )
        cls.cycle = cls._cycle(
            employee_ids=[cls.emp_employee.id, cls.emp_peer.id, cls.emp_rita.id]
        )
        cls.cycle.action_launch()
        cls.reviews = cls.cycle.review_ids
        for review, level in zip(cls.reviews.sorted("id"), (4, 2, 3), strict=True):
            review.write({"state": "calibration"})
            review.assessment_ids.write(
                {
                    "proposed_rating_level_id": cls.levels[level - 1].id,
                    "potential": "high",
                }
            )
        cls.review_eva = cls.reviews.filtered(
            lambda r: r.employee_id == cls.emp_employee
        )
        cls.review_eva.employee_comment = HYPERLINK

    def _xlsx(self, login, url):
        self.authenticate(login, login)
        response = self.url_open(url)
        return response, (
            load_workbook(BytesIO(response.content))
            if response.status_code == 200
            else None
        )

    def _rows(self, sheet):
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    def test_cycle_results_cell_by_cell_and_only_what_each_may_read(self):
        url = f"/hr_performance/export/cycle/{self.cycle.id}"
        response, workbook = self._xlsx("perf_officer", url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        sheet = workbook["Results"]
        rows = self._rows(sheet)
        header = rows[0]
        self.assertEqual(header[:4], ["Employee", "Department", "Manager", "Status"])
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        self.assertEqual(set(by_name), {"Eva Employee", "Pablo Peer", "Rita Report"})
        eva = by_name["Eva Employee"]
        self.assertEqual(
            (eva["Department"], eva["Manager"], eva["Status"], eva["Proposed Rating"]),
            (
                "Product Engineering",
                "Marco Manager",
                "Calibration",
                self.levels[3].name,
            ),
        )
        self.assertEqual(eva["Potential"], "High")
        # The comment is exported as the text it is, never a formula or a link.
        comment = sheet.cell(row=2 + list(by_name).index("Eva Employee"), column=16)
        self.assertEqual((comment.value, comment.data_type), (HYPERLINK, "s"))
        self.assertIsNone(comment.hyperlink)

        # The manager gets his team only; the employee her own row, no rating yet.
        _response, workbook = self._xlsx("perf_manager", url)
        names = [row[0] for row in self._rows(workbook["Results"])[1:]]
        self.assertEqual(sorted(names), ["Eva Employee", "Pablo Peer"])
        _response, workbook = self._xlsx("perf_employee", url)
        rows = self._rows(workbook["Results"])
        self.assertEqual([row[0] for row in rows[1:]], ["Eva Employee"])
        eva = dict(zip(rows[0], rows[1], strict=True))
        self.assertIsNone(eva["Proposed Rating"])
        self.assertIsNone(eva["Potential"])

    def test_missing_or_forbidden_exports(self):
        self.authenticate("perf_officer", "perf_officer")
        for url in (
            "/hr_performance/export/cycle/999999",
            "/hr_performance/export/nothing/1",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        session = self.env["hr.performance.calibration"].create(
            {"name": "Session", "cycle_id": self.cycle.id}
        )
        self.authenticate("perf_manager", "perf_manager")
        response = self.url_open(f"/hr_performance/export/calibration/{session.id}")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"Rita", response.content)
        # Downloads are GETs that change nothing; no other method is routed.
        response = self.url_open(
            f"/hr_performance/export/cycle/{self.cycle.id}", data={"x": "1"}
        )
        self.assertEqual(response.status_code, 405)

    def test_calibration_export_carries_the_adjustment_log(self):
        self.cycle.action_start_calibration()
        session = self.env["hr.performance.calibration"].create(
            {"name": "Engineering", "cycle_id": self.cycle.id}
        )
        session.action_start()
        self.review_eva.with_user(self.user_officer).with_context(
            calibration_id=session.id
        ).action_calibrate(self.levels[4].id, HYPERLINK)
        _response, workbook = self._xlsx(
            "perf_officer", f"/hr_performance/export/calibration/{session.id}"
        )
        self.assertEqual(
            workbook.sheetnames, ["Reviews", "Adjustment Log", "Distribution"]
        )
        log = self._rows(workbook["Adjustment Log"])
        self.assertEqual(len(log), 2)
        entry = dict(zip(log[0], log[1], strict=True))
        self.assertEqual(
            (
                entry["By"],
                entry["Employee"],
                entry["From"],
                entry["To"],
                entry["Reason"],
            ),
            (
                "Olga Officer",
                "Eva Employee",
                self.levels[3].name,
                self.levels[4].name,
                HYPERLINK,
            ),
        )
        self.assertEqual(workbook["Adjustment Log"]["G2"].data_type, "s")
        distribution = self._rows(workbook["Distribution"])
        self.assertEqual(
            [row[0] for row in distribution[1:]], self.levels.mapped("name")
        )
        self.assertEqual(sum(row[3] for row in distribution[1:]), 3)

    def test_analysis_rows_follow_the_org_chart(self):
        Analysis = self.env["hr.performance.review.analysis"]
        self.assertEqual(len(Analysis.search([("cycle_id", "=", self.cycle.id)])), 3)
        mine = Analysis.with_user(self.user_manager).search([])
        self.assertEqual(mine.employee_id, self.emp_employee | self.emp_peer)
        self.assertFalse(Analysis.with_user(self.user_employee).search([]))
        groups = Analysis.with_user(self.user_officer)._read_group(
            [("cycle_id", "=", self.cycle.id)], ["rating_level_id"], ["__count"]
        )
        self.assertEqual(
            {level.value: count for level, count in groups}, {4.0: 1, 2.0: 1, 3.0: 1}
        )
        self.env["hr.performance.feedback"].with_user(self.user_peer).create(
            {"employee_id": self.emp_employee.id, "body": "<p>Thanks</p>"}
        )
        Health = self.env["hr.performance.activity.analysis"]
        given = Health.with_user(self.user_manager).search(
            [("kind", "=", "feedback_given")]
        )
        self.assertEqual(given.employee_id, self.emp_peer)
        self.assertFalse(Health.with_user(self.user_employee).search([]))
        # The process-health workbook: one row per manager the user may see.
        _response, workbook = self._xlsx(
            "perf_manager", "/hr_performance/export/health"
        )
        rows = self._rows(workbook["Process Health"])
        self.assertEqual([row[0] for row in rows[1:]], ["Marco Manager"])
        marco = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual((marco["Reviews"], marco["Feedback Given"]), (2, 1))
