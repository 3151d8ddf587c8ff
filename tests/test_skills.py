from io import BytesIO

from dateutil.relativedelta import relativedelta
from lxml import etree
from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import HrPerformanceCase


class SkillsCase(HrPerformanceCase):
    """A Programming skill type (levels at 25, 50, 75 and 100 %), an
    Engineer profile requiring Python at 75 % and SQL at 50 %; Eva has
    Python at 50 % and Git at 100 %, Pablo Python at 100 % and SQL at 75 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Programming (test)",
                "skill_ids": [(0, 0, {"name": n}) for n in ("Python", "SQL", "Git")],
                "skill_level_ids": [
                    (0, 0, {"name": name, "level_progress": progress})
                    for name, progress in (
                        ("Beginner", 25),
                        ("Intermediate", 50),
                        ("Advanced", 75),
                        ("Expert", 100),
                    )
                ],
            }
        )
        cls.skill = {s.name: s for s in cls.skill_type.skill_ids}
        cls.level = {lv.level_progress: lv for lv in cls.skill_type.skill_level_ids}
        cls.job = cls.env["hr.job"].create(
            {
                "name": "Engineer (test)",
                "performance_skill_ids": [
                    (0, 0, cls._required("Python", 75)),
                    (0, 0, cls._required("SQL", 50)),
                ],
            }
        )
        (cls.emp_employee | cls.emp_peer).job_id = cls.job
        cls._give(cls.emp_employee, {"Python": 50, "Git": 100})
        cls._give(cls.emp_peer, {"Python": 100, "SQL": 75})

    @classmethod
    def _required(cls, skill, progress):
        return {
            "skill_type_id": cls.skill_type.id,
            "skill_id": cls.skill[skill].id,
            "skill_level_id": cls.level[progress].id,
        }

    @classmethod
    def _give(cls, employee, levels):
        cls.env["hr.employee.skill"].create(
            [
                {"employee_id": employee.id, **cls._required(skill, progress)}
                for skill, progress in levels.items()
            ]
        )

    def _matrix(self, user=None):
        Matrix = self.env["hr.performance.skill.matrix"]
        if user:
            Matrix = Matrix.with_user(user)
        return {
            (row.employee_id, row.skill_id.name): (
                row.current_level_progress,
                row.required_level_progress,
                row.gap,
                row.required,
            )
            for row in Matrix.search([("skill_type_id", "=", self.skill_type.id)])
        }


@tagged("post_install", "-at_install")
class TestSkills(SkillsCase):
    def test_matrix_gaps_and_who_sees_them(self):
        eva, pablo = self.emp_employee, self.emp_peer
        self.assertEqual(
            self._matrix(),
            {
                (eva, "Python"): (50, 75, 25, True),
                (eva, "SQL"): (0, 50, 50, True),
                (eva, "Git"): (100, 0, 0, False),
                (pablo, "Python"): (100, 75, 0, True),
                (pablo, "SQL"): (75, 50, 0, True),
            },
        )
        self.assertEqual(
            {key[0] for key in self._matrix(self.user_employee)}, {eva}, "own row only"
        )
        self.assertEqual(
            {key[0] for key in self._matrix(self.user_manager)}, {eva, pablo}
        )
        self.assertEqual(
            {key[0] for key in self._matrix(self.user_officer)}, {eva, pablo}
        )

    def test_matrix_queries_do_not_grow_with_people(self):
        def count(size):
            employees = self.env["hr.employee"].create(
                [
                    {"name": f"Dev {size}-{i}", "job_id": self.job.id}
                    for i in range(size)
                ]
            )
            for employee in employees:
                self._give(employee, {"Python": 25})
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            groups = self.env["hr.performance.skill.matrix"]._read_group(
                [("employee_id", "in", employees.ids)],
                ["employee_id"],
                ["gap:sum"],
            )
            self.assertEqual(len(groups), size)
            self.assertEqual(groups[0][1], 50 + 50)
            return self.env.cr.sql_log_count - before

        count(2)
        self.assertEqual(count(5), count(40))

    def _template(self, with_skills=True):
        """The default template, with a skills section or without."""
        template = self.env.ref("hr_performance.review_template_default").copy(
            {"name": "With skills" if with_skills else "Without skills"}
        )
        if with_skills:
            template.section_ids.filtered(lambda s: s.kind == "goals").weight = 20
            template.section_ids = [
                (0, 0, {"name": "Skills", "kind": "skills", "weight": 20})
            ]
        return template

    def _eva_level(self, skill):
        return (
            self.env["hr.employee.skill"]
            .search(
                [
                    ("employee_id", "=", self.emp_employee.id),
                    ("skill_id", "=", self.skill[skill].id),
                ]
            )
            .skill_level_id.level_progress
        )

    def test_review_skills_apply_only_once_acknowledged(self):
        review = self._review("manager_review", template_id=self._template().id)
        lines = {line.skill_id.name: line for line in review.skill_ids}
        self.assertEqual(set(lines), {"Python", "SQL"})
        self.assertEqual(
            (lines["Python"].required_level_id, lines["Python"].current_level_id),
            (self.level[75], self.level[50]),
        )
        mine = review.with_user(self.user_manager)
        self._fill_answers(mine.manager_line_ids, self.scale.level_ids[2])
        mine.proposed_rating_level_id = self.scale.level_ids[2]
        with self.assertRaises(AccessError):
            lines["Python"].with_user(self.user_employee).write(
                {"assessed_level_id": self.level[100].id}
            )
        lines["Python"].with_user(self.user_manager).assessed_level_id = self.level[100]
        lines["SQL"].with_user(self.user_manager).assessed_level_id = self.level[25]
        review.cycle_id.template_id.score_formula = "skills"
        review.with_user(self.user_manager).action_submit_manager_review()
        # Python 100 / 75 capped at 1, SQL 25 / 50 = 0.5 → 75 %.
        self.assertAlmostEqual(review.overall_score, 75.0)
        self.assertEqual(self._eva_level("Python"), 50, "not before acknowledgement")
        review.cycle_id.action_start_calibration()
        review.cycle_id.action_release()
        self.assertEqual(self._eva_level("Python"), 50, "not before acknowledgement")
        logs_before = self.env["hr.employee.skill.log"].search_count(
            [("employee_id", "=", self.emp_employee.id)]
        )
        review.with_user(self.user_employee).action_acknowledge()
        self.assertEqual((self._eva_level("Python"), self._eva_level("SQL")), (100, 25))
        self.assertGreater(
            self.env["hr.employee.skill.log"].search_count(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            logs_before,
            "hr_skills logs the change",
        )

    def test_cancelled_review_changes_no_skill(self):
        review = self._review("manager_review", template_id=self._template().id)
        review.skill_ids[0].with_user(self.user_manager).assessed_level_id = self.level[
            100
        ]
        review.cycle_id.action_cancel()
        self.assertEqual(review.state, "cancelled")
        self.assertEqual(self._eva_level("Python"), 50)

    def test_plan_proposed_from_the_largest_gaps(self):
        review = self._review(template_id=self._template(with_skills=False).id)
        self.assertFalse(review.skill_ids, "no skills section: gaps from the matrix")
        with self.assertRaises(AccessError):
            review.with_user(self.user_employee).action_create_development_plan()
        action = review.with_user(self.user_manager).action_create_development_plan()
        plan = self.env["hr.performance.development.plan"].browse(action["res_id"])
        self.assertEqual(plan.employee_id, self.emp_employee)
        self.assertEqual(plan.manager_user_id, self.user_manager)
        self.assertEqual(
            [
                (i.skill_id.name, i.target_level_id.level_progress)
                for i in plan.item_ids
            ],
            [("SQL", 50), ("Python", 75)],
        )
        plan.with_user(self.user_manager).action_activate()
        item = plan.item_ids[0].with_user(self.user_employee)
        item.write({"state": "in_progress", "note": "Started the SQL course"})
        with self.assertRaises(UserError):
            item.write({"date_deadline": "2030-01-01"})
        with self.assertRaises(UserError):
            plan.with_user(self.user_employee).action_done()
        # The employee neither adds, removes nor moves actions; the manager
        # cannot move the plan onto someone outside his team.
        with self.assertRaises(UserError):
            plan.with_user(self.user_employee).write(
                {"item_ids": [(0, 0, {"name": "Promote me"})]}
            )
        with self.assertRaises(UserError):
            self.env["hr.performance.development.item"].with_user(
                self.user_employee
            ).create({"plan_id": plan.id, "name": "Promote me"})
        with self.assertRaises(UserError):
            item.unlink()
        outsider = self.env["hr.employee"].create({"name": "Outside the team"})
        with self.assertRaises(AccessError):
            plan.with_user(self.user_manager).write({"employee_id": outsider.id})
        self.assertEqual(plan.employee_id, self.emp_employee)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_peer).read(["name"])
        with self.assertRaises(UserError):
            self.env["hr.performance.development.plan"].with_user(
                self.user_employee
            ).create({"name": "Mine", "employee_id": self.emp_employee.id})
        # Check-ins show the open actions of active plans.
        checkin = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id}
        )
        self.assertEqual(checkin.development_item_ids, plan.item_ids)
        # A reminder activity before the deadline, once.
        plan.item_ids.write({"date_deadline": plan.create_date.date()})
        Plan = self.env["hr.performance.development.plan"]
        Plan._cron_deadline_reminders()
        Plan._cron_deadline_reminders()
        self.assertEqual(len(plan.activity_ids), 1)
        self.assertEqual(plan.activity_ids.user_id, self.user_employee)

    def test_skill_progression_opens_on_my_team_over_twelve_months(self):
        """The menu's default filters: the manager's team (and himself), the last
        12 months; one series per skill type and skill, one point per month."""
        Log = self.env["hr.employee.skill.log"]
        today = fields.Date.context_today(Log)
        outsider = self.env["hr.employee"].create({"name": "Olaf Outsider"})
        for employee, day in (
            (self.emp_employee, today),
            (self.emp_employee, today - relativedelta(months=18)),
            (outsider, today),
        ):
            Log.create(
                {"employee_id": employee.id, "date": day, **self._required("SQL", 50)}
            )
        action = self.env.ref("hr_performance.hr_performance_skill_progression_action")
        context = safe_eval(action.context)
        views = Log.with_user(self.user_manager).get_views(
            [(action.search_view_id.id, "search")]
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        domain = []
        for name in ("my_team", "last_12_months"):
            self.assertTrue(context.get(f"search_default_{name}"), name)
            node = arch.xpath(f"//filter[@name='{name}']")[0]
            domain += safe_eval(
                node.get("domain"),
                {
                    "uid": self.user_manager.id,
                    "context_today": lambda: today,
                    "relativedelta": relativedelta,
                },
            )
        shown = Log.with_user(self.user_manager).search(
            [*domain, ("skill_id", "=", self.skill["SQL"].id)]
        )
        self.assertNotIn(outsider, shown.employee_id, "not in the manager's team")
        self.assertEqual(
            shown.filtered(lambda log: log.employee_id == self.emp_employee).date, today
        )
        graph = etree.fromstring(action.view_id.arch)
        rows = [
            (f.get("name"), f.get("interval"))
            for f in graph.xpath("//field[@type='row']")
        ]
        self.assertEqual(
            rows, [("date", "month"), ("skill_type_id", None), ("skill_id", None)]
        )

    def test_progression_from_the_skill_log(self):
        Log = self.env["hr.employee.skill.log"]
        Log.search([("employee_id", "=", self.emp_employee.id)]).unlink()
        for day, progress in (
            ("2026-01-10", 25),
            ("2026-06-01", 75),
            ("2026-03-01", 50),
        ):
            Log.create(
                {
                    "employee_id": self.emp_employee.id,
                    "date": day,
                    **self._required("Python", progress),
                }
            )
        result = self.emp_employee._performance_skill_progression()
        self.assertEqual(
            result[(self.emp_employee.id, self.skill["Python"].id)], (25, 75, 50)
        )
        result = self.emp_employee._performance_skill_progression(
            date_from="2026-02-01"
        )
        self.assertEqual(
            result[(self.emp_employee.id, self.skill["Python"].id)], (50, 75, 25)
        )

    def test_succession_ranks_candidates_for_hr_only(self):
        senior = self.env["hr.job"].create(
            {
                "name": "Senior Engineer (test)",
                "performance_skill_ids": [
                    (0, 0, self._required("Python", 100)),
                    (0, 0, self._required("SQL", 75)),
                ],
            }
        )
        with self.assertRaises(AccessError):
            senior.with_user(self.user_manager).action_open_succession()
        action = senior.with_user(self.user_officer).action_open_succession()
        wizard = self.env["hr.performance.succession"].browse(action["res_id"])
        candidates = wizard.candidate_ids
        self.assertEqual(candidates[0].employee_id, self.emp_peer)
        self.assertEqual(
            (candidates[0].skill_match, candidates[0].readiness, candidates[0].rank),
            (100.0, "ready_now", 1),
        )
        eva = candidates.filtered(lambda c: c.employee_id == self.emp_employee)
        # Python 50 / 100, SQL missing → 25 %.
        self.assertEqual((eva.skill_match, eva.readiness), (25.0, "later"))
        self.assertEqual(candidates.mapped("rank"), sorted(candidates.mapped("rank")))

    def test_succession_looks_in_the_jobs_department_unless_asked_wider(self):
        """A position of a department ranks people of that department and its
        sub-departments; the whole company on request (and for a position
        without a department)."""
        team = self.env["hr.department"].create(
            {"name": "Platform", "parent_id": self.department.id}
        )
        self.emp_peer.department_id = team
        outsider = self.env["hr.employee"].create(
            {
                "name": "Olaf Outsider",
                "employee_skill_ids": [(0, 0, self._required("Python", 100))],
            }
        )
        senior = self.env["hr.job"].create(
            {
                "name": "Senior Engineer (department)",
                "department_id": self.department.id,
                "performance_skill_ids": [(0, 0, self._required("Python", 100))],
            }
        )
        Succession = self.env["hr.performance.succession"].with_user(self.user_officer)
        wizard = Succession.create({"job_id": senior.id})
        self.assertEqual(wizard.scope, "department")
        self.assertIn(
            self.emp_peer, wizard.candidate_ids.employee_id, "a sub-department counts"
        )
        self.assertNotIn(outsider, wizard.candidate_ids.employee_id)
        wizard.scope = "company"
        wizard.action_refresh()
        self.assertIn(outsider, wizard.candidate_ids.employee_id)

    def test_succession_queries_do_not_grow_with_people(self):
        def count(size):
            self.env["hr.employee"].create(
                [{"name": f"Candidate {size}-{i}"} for i in range(size)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["hr.performance.succession"].create({"job_id": self.job.id})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        count(2)
        self.assertEqual(count(5), count(60))


@tagged("post_install", "-at_install")
class TestSkillsExport(HttpCase, SkillsCase):
    def test_matrix_xlsx_grid_with_gaps(self):
        self.authenticate("perf_manager", "perf_manager")
        response = self.url_open("/hr_performance/export/skills")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(BytesIO(response.content))["Skill Gaps"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows[0]
        self.assertEqual(header[:3], ["Employee", "Department", "Job Position"])
        self.assertEqual(set(header[3:]), {"Python", "SQL"})
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        self.assertEqual(set(by_name), {"Eva Employee", "Pablo Peer"})
        self.assertEqual(
            (by_name["Eva Employee"]["Python"], by_name["Eva Employee"]["SQL"]),
            (25, 50),
        )
        self.assertEqual(by_name["Pablo Peer"]["SQL"], 0)
        self.assertTrue(sheet.conditional_formatting)
        self.authenticate("perf_employee", "perf_employee")
        sheet = load_workbook(
            BytesIO(self.url_open("/hr_performance/export/skills").content)
        )["Skill Gaps"]
        self.assertEqual(
            [row[0].value for row in sheet.iter_rows(min_row=2)], ["Eva Employee"]
        )
