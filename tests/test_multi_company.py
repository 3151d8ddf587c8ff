"""Multi-company (SECURITY.md, line 13): a user of company A reads nothing of
company B unless B is among the companies switched on, no record of A links to
one of B, and exports hold only the companies switched on.

Every name of company B's data contains ``Borealis``, so that an export or an
error leaking one of them is caught by a plain substring test."""

from io import BytesIO

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.models import MAGIC_COLUMNS
from odoo.tests import HttpCase, tagged

from ..reports.calibration_xlsx import calibration_sheets
from ..reports.cycle_xlsx import cycle_sheets
from ..reports.health_xlsx import health_sheets
from ..reports.skill_matrix_xlsx import skill_matrix_sheets
from .common import HrPerformanceCase

B_MARK = "Borealis"


@tagged("post_install", "-at_install")
class TestMultiCompany(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Borealis Ltd"})
        cls.levels = cls.scale.level_ids.sorted("value")
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Languages (multi-company test)",
                "skill_ids": [Command.create({"name": "Finnish"})],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 20}),
                    Command.create(
                        {"name": "Fluent", "level_progress": 100, "default_level": True}
                    ),
                ],
            }
        )
        cls.skill = cls.skill_type.skill_ids
        cls.beginner, cls.fluent = cls.skill_type.skill_level_ids.sorted(
            "level_progress"
        )
        cls._setup_company_a()
        last_ids = cls._last_ids()
        cls._setup_company_b()
        # What the fixture of company B created, model by model.
        cls.b_ids = {
            name: cls.env[name]
            .with_context(active_test=False)
            .search([("id", ">", last_id)])
            .ids
            for name, last_id in last_ids.items()
        }

    # ------------------------------------------------------------------ fixture

    @classmethod
    def _last_ids(cls):
        return {
            name: cls.env[name]
            .with_context(active_test=False)
            .search([], order="id desc", limit=1)
            .id
            or 0
            for name in cls._addon_models(wizards=False)
            if cls.env[name]._auto
        }

    @classmethod
    def _setup_company_a(cls):
        cls.goal_a = cls._goal()
        cls.review_eva = cls._review(
            "calibration",
            employees=cls.emp_employee | cls.emp_peer,
            rating=int(cls.levels[2].value),
            potential="medium",
        )[0]
        cls.cycle_a = cls.review_eva.cycle_id
        cls.session_a = cls.env["hr.performance.calibration"].create(
            {"name": "Product calibration", "cycle_id": cls.cycle_a.id}
        )
        cls.session_a.action_start()
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.emp_employee.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "skill_level_id": cls.beginner.id,
            }
        )
        cls.user_ab_officer = cls._user(
            "perf_ab_officer",
            "Alma Ambos",
            "base.group_user,hr_performance.group_performance_officer",
            companies=cls.company | cls.company_b,
        )

    @classmethod
    def _setup_company_b(cls):
        company = cls.company_b

        def user(login, name, groups="base.group_user"):
            return cls._user(login, name, groups, company=company)

        cls.user_b_officer = user(
            "perf_b_officer",
            "Bianca Borealis",
            "base.group_user,hr_performance.group_performance_officer",
        )
        cls.user_b_manager = user("perf_b_manager", "Bruno Borealis")
        cls.user_b_employee = user("perf_b_employee", "Bea Borealis")
        cls.user_b_peer = user("perf_b_peer", "Boris Borealis")

        cls.department_b = cls.env["hr.department"].create(
            {"name": "Borealis Research", "company_id": company.id}
        )
        cls.job_b = cls.env["hr.job"].create(
            {"name": "Borealis Researcher", "company_id": company.id}
        )
        cls.env["hr.performance.job.skill"].create(
            {
                "job_id": cls.job_b.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "skill_level_id": cls.fluent.id,
            }
        )
        cls.emp_b_manager = cls.env["hr.employee"].create(
            {
                "name": "Bruno Borealis",
                "user_id": cls.user_b_manager.id,
                "company_id": company.id,
                "department_id": cls.department_b.id,
            }
        )
        cls.department_b.manager_id = cls.emp_b_manager
        cls.emp_b_employee, cls.emp_b_peer = cls.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "user_id": login.id,
                    "company_id": company.id,
                    "department_id": cls.department_b.id,
                    "job_id": cls.job_b.id,
                    "parent_id": cls.emp_b_manager.id,
                }
                for name, login in (
                    ("Bea Borealis", cls.user_b_employee),
                    ("Boris Borealis", cls.user_b_peer),
                )
            ]
        )
        cls.env["hr.employee.skill"].create(
            {
                "employee_id": cls.emp_b_employee.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "skill_level_id": cls.beginner.id,
            }
        )

        # Company B's own scale and templates.
        cls.scale_b = cls.env["hr.performance.rating.scale"].create(
            {
                "name": "Borealis scale",
                "company_id": company.id,
                "level_ids": [
                    Command.create({"name": f"Borealis {name}", "value": value})
                    for value, name in enumerate(("Low", "Middle", "High"), start=1)
                ],
            }
        )
        cls.levels_b = cls.scale_b.level_ids.sorted("value")
        cls.template_b = cls.env.ref("hr_performance.review_template_default").copy(
            {
                "name": "Borealis review template",
                "company_id": company.id,
                "peer_review": True,
            }
        )
        cls.goal_template_b = cls.env["hr.performance.goal.template"].create(
            {"name": "Borealis goal template", "company_id": company.id}
        )
        cls.env["hr.performance.kpi"].create(
            {
                "name": "Borealis contacts",
                "company_id": company.id,
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
            }
        )
        # A departure: the history row and the turnover analysis of company B.
        cls.env["hr.employee"].create(
            {"name": "Borealis leaver", "company_id": company.id}
        ).action_archive()

        # Goals: company, team and individual scopes, aligned.
        Goal = cls.env["hr.performance.goal"]
        cls.goal_b_company = Goal.create(
            {
                "name": "Borealis company goal",
                "scope": "company",
                "company_id": company.id,
            }
        )
        cls.goal_b_team = Goal.create(
            {
                "name": "Borealis team goal",
                "scope": "team",
                "company_id": company.id,
                "employee_id": cls.emp_b_manager.id,
                "parent_id": cls.goal_b_company.id,
            }
        )
        cls.goal_b = Goal.create(
            {
                "name": "Borealis individual goal",
                "company_id": company.id,
                "employee_id": cls.emp_b_employee.id,
                "parent_id": cls.goal_b_team.id,
                "template_id": cls.goal_template_b.id,
            }
        )
        cls.env["hr.performance.goal.update"].create(
            {"goal_id": cls.goal_b.id, "progress": 40, "note": "Borealis progress"}
        )

        # A check-in with its agenda, action items and private notes.
        cls.checkin_b = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": cls.emp_b_employee.id,
                "notes": "<p>Borealis notes</p>",
                "agenda_item_ids": [Command.create({"name": "Borealis roadmap"})],
                "action_item_ids": [
                    Command.create(
                        {
                            "name": "Borealis follow-up",
                            "user_id": cls.user_b_employee.id,
                        }
                    )
                ],
                "private_note_ids": [Command.create({"body": "Borealis private"})],
            }
        )
        cls.env["hr.performance.feedback"].create(
            {
                "employee_id": cls.emp_b_employee.id,
                "author_user_id": cls.user_b_peer.id,
                "visibility": "public",
                "body": "<p>Borealis kudos</p>",
            }
        )
        cls.env["hr.performance.feedback.request"].create(
            {
                "employee_id": cls.emp_b_employee.id,
                "reviewer_user_id": cls.user_b_peer.id,
                "requester_user_id": cls.user_b_manager.id,
                "question": "Borealis question",
            }
        )

        # A launched review cycle: reviews, answers, assessments, a 360
        # nomination (a request with answers), a skill line, then calibration.
        cls.cycle_b = cls.env["hr.performance.cycle"].create(
            {
                "name": "Borealis 2026 review",
                "company_id": company.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "template_id": cls.template_b.id,
                "rating_scale_id": cls.scale_b.id,
                "employee_ids": [cls.emp_b_employee.id, cls.emp_b_peer.id],
            }
        )
        cls.cycle_b.action_launch()
        cls.review_bea, cls.review_boris = (
            cls.cycle_b.review_ids.filtered(lambda r, e=employee: r.employee_id == e)
            for employee in (cls.emp_b_employee, cls.emp_b_peer)
        )
        cls.env["hr.performance.review.nomination"].create(
            {"review_id": cls.review_bea.id, "reviewer_id": cls.emp_b_peer.id}
        )
        cls.env["hr.performance.review.skill"].create(
            {
                "review_id": cls.review_bea.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": cls.skill.id,
                "required_level_id": cls.fluent.id,
                "current_level_id": cls.beginner.id,
            }
        )
        cls._advance(
            cls.review_bea | cls.review_boris,
            "calibration",
            rating=int(cls.levels_b[1].value),
            potential="medium",
            comment="<p>Borealis answer</p>",
        )
        cls.session_b = cls.env["hr.performance.calibration"].create(
            {"name": "Borealis calibration", "cycle_id": cls.cycle_b.id}
        )
        cls.session_b.action_start()
        cls.review_bea.with_context(calibration_id=cls.session_b.id).action_calibrate(
            cls.levels_b[2], "Borealis harmonisation"
        )
        cls.env["hr.performance.calibration.suggestion"].create(
            {
                "calibration_id": cls.session_b.id,
                "review_id": cls.review_boris.id,
                "from_level_id": cls.levels_b[1].id,
                "to_level_id": cls.levels_b[0].id,
            }
        )
        cls.env["hr.performance.development.plan"].create(
            {
                "name": "Borealis growth plan",
                "employee_id": cls.emp_b_employee.id,
                "review_id": cls.review_bea.id,
                "item_ids": [
                    Command.create(
                        {"name": "Borealis course", "mentor_id": cls.emp_b_peer.id}
                    )
                ],
            }
        )

    # ------------------------------------------------------------------ helpers

    def _records(self, name, company):
        """Every record of ``name`` in ``company`` (whatever their access),
        and for company B also those its fixture created."""
        Model = self.env[name].with_context(active_test=False)
        records = Model.browse()
        if company == self.company_b:
            records = Model.browse(self.b_ids.get(name, []))
        field = Model._fields.get("company_id")
        if field is not None and field.store:
            records |= Model.search([("company_id", "=", company.id)])
        return records

    def _some_field(self, name):
        return next(
            fname
            for fname, field in self.env[name]._fields.items()
            if field.store and fname not in MAGIC_COLUMNS
        )

    def _env(self, user, *companies):
        """``user`` with ``companies`` switched on."""
        return self.env(
            user=user,
            context=dict(
                self.env.context, allowed_company_ids=[c.id for c in companies]
            ),
        )

    def _both(self):
        """The officer of both companies with both switched on: the record
        rules let everything through, only the company checks are left."""
        return self._env(self.user_ab_officer, self.company, self.company_b)

    def _users_of_a(self):
        return (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_admin,
        )

    def _assert_no_b(self, texts):
        self.assertFalse([text for text in texts if B_MARK in text])

    @staticmethod
    def _cells(export):
        """Every title and value of an export builder's result (reports/*_xlsx.py), as text."""
        filename, sheets = export
        cells = {filename}
        for sheet in sheets:
            cells.add(sheet.name)
            cells.update(column.title for column in sheet.columns)
            cells.update(
                str(value) for row in sheet.rows for value in row if value is not None
            )
        return cells

    def _download(self, login, url, companies=None):
        """GET ``url`` as ``login``, with the web client's company switcher
        cookie set to ``companies`` (none: no cookie)."""
        self.authenticate(login, login)
        if companies is not None:
            self.opener.cookies.set("cids", "-".join(str(c.id) for c in companies))
        return self.url_open(url)

    @staticmethod
    def _workbook_cells(response):
        workbook = load_workbook(BytesIO(response.content))
        return {
            str(cell.value)
            for sheet in workbook
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }

    # ------------------------------------------------------------------ reading

    def test_company_a_users_find_nothing_of_company_b(self):
        for name in self._addon_models(wizards=False):
            theirs = self._records(name, self.company_b)
            # The fixture gives company B records of every model of the addon.
            self.assertTrue(theirs, f"no {name} of company B in the fixture")
            for user in self._users_of_a():
                Model = self.env[name].with_user(user).with_context(active_test=False)
                with self.subTest(model=name, user=user.login):
                    if not Model.has_access("read"):
                        continue  # refused by the access rights already
                    self.assertFalse(set(Model.search([]).ids) & set(theirs.ids))
                    self.assertEqual(Model.search_count([("id", "in", theirs.ids)]), 0)

    def test_company_a_users_cannot_read_a_record_of_company_b(self):
        for name in self._addon_models(wizards=False):
            record = self._records(name, self.company_b)[:1]
            fname = self._some_field(name)
            for user in self._users_of_a():
                with (
                    self.subTest(model=name, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    record.with_user(user).read([fname])

    def test_aggregates_count_no_row_of_company_b(self):
        for name in (
            "hr.performance.review.analysis",
            "hr.performance.activity.analysis",
            "hr.performance.team.outcome.report",
            "hr.performance.skill.matrix",
            "hr.performance.review",
            "hr.performance.goal",
            "hr.performance.feedback",
        ):
            in_a = self._records(name, self.company)
            self.assertTrue(self._records(name, self.company_b))
            for user in self._users_of_a():
                Model = self.env[name].with_user(user)
                with self.subTest(model=name, user=user.login):
                    companies = {
                        company
                        for company, _count in Model._read_group(
                            [], ["company_id"], ["__count"]
                        )
                    }
                    self.assertLessEqual(companies, {self.company})
                    [[count]] = Model._read_group([], [], ["__count"])
                    if user in (self.user_officer, self.user_admin):
                        self.assertEqual(count, len(in_a))
                    else:
                        self.assertLessEqual(count, len(in_a))
        # Grouped by a rating level, no level of company B's scale shows up.
        Analysis = self.env["hr.performance.review.analysis"]
        for user in self._users_of_a():
            levels = {
                level
                for level, _count in Analysis.with_user(user)._read_group(
                    [], ["rating_level_id"], ["__count"]
                )
            }
            self.assertFalse(levels & set(self.levels_b))
        [totals] = Analysis.with_user(self.user_officer).read_group(
            [], ["review_count:sum"], []
        )
        self.assertEqual(totals["review_count"], len(self.cycle_a.review_ids))

    def test_officer_of_both_companies_sees_b_only_when_switched_on(self):
        a, b = self.company, self.company_b
        for name in self._addon_models(wizards=False):
            mine, theirs = self._records(name, a), self._records(name, b)
            for user, companies in (
                (self.user_ab_officer, (a,)),
                (self.user_ab_officer, (b,)),
                (self.user_ab_officer, (a, b)),
                (self.user_ab_officer, ()),  # no context: all the user's companies
                (self.user_b_officer, ()),
            ):
                env = (
                    self._env(user, *companies)
                    if companies
                    else self.env(user=user, context=self.env.context)
                )
                found = set(env[name].with_context(active_test=False).search([]).ids)
                shown = {c.id for c in companies or env.companies}
                with self.subTest(model=name, user=user.login, companies=shown):
                    if a.id in shown:
                        self.assertLessEqual(set(mine.ids), found)
                    else:
                        self.assertFalse(set(mine.ids) & found)
                    if b.id in shown:
                        self.assertLessEqual(set(theirs.ids), found)
                    else:
                        self.assertFalse(set(theirs.ids) & found)

    def test_switching_on_a_company_one_does_not_belong_to_is_refused(self):
        for user in (self.user_officer, self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._env(user, self.company, self.company_b)[
                    "hr.performance.goal"
                ].search([])

    # ------------------------------------------------------------------ writing

    def test_goal_aligns_to_nothing_of_another_company(self):
        env = self._both()
        goal = self.goal_a.with_env(env)
        with self.assertRaises(UserError):
            goal.write({"parent_id": self.goal_b_team.id})
        with self.assertRaises(UserError):
            goal.write({"company_id": self.company_b.id})
        with self.assertRaises(UserError):
            env["hr.performance.goal"].create(
                {
                    "name": "Aligned abroad",
                    "employee_id": self.emp_employee.id,
                    "parent_id": self.goal_b_company.id,
                }
            )
        with self.assertRaises(UserError):
            env["hr.performance.goal"].create(
                {
                    "name": "From a template abroad",
                    "employee_id": self.emp_employee.id,
                    "template_id": self.goal_template_b.id,
                }
            )
        # The manager of A does not even reach the goal of B.
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.user_manager).write(
                {"parent_id": self.goal_b_team.id}
            )
        self.goal_a.invalidate_recordset()
        self.assertFalse(self.goal_a.parent_id)
        self.assertEqual(self.goal_a.company_id, self.company)
        self.assertEqual(self.goal_b_team.child_ids, self.goal_b)
        self.assertEqual(
            self.env["hr.performance.goal"].search_count(
                [("name", "in", ("Aligned abroad", "From a template abroad"))]
            ),
            0,
        )

    def test_cycle_takes_no_participant_scale_or_template_of_another_company(self):
        cycle = self._cycle(employee_ids=[])
        env = self._both()
        for vals in (
            {"employee_ids": [Command.link(self.emp_b_employee.id)]},
            {"rating_scale_id": self.scale_b.id},
            {"template_id": self.template_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                cycle.with_env(env).write(vals)
        # Through the participants wizard, chosen by name, then launched.
        wizard = env["hr.performance.cycle.launch"].create(
            {
                "cycle_id": cycle.id,
                "employee_ids": [Command.set(self.emp_b_employee.ids)],
                "launch": True,
            }
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        # Chosen by department, the wizard keeps to the cycle's company.
        wizard = env["hr.performance.cycle.launch"].create(
            {
                "cycle_id": cycle.id,
                "department_ids": [
                    Command.set((self.department | self.department_b).ids)
                ],
            }
        )
        self.assertTrue(wizard.participant_ids)
        self.assertEqual(wizard.participant_ids.company_id, self.company)
        # The officer of A alone gets no further.
        with self.assertRaises(UserError):
            cycle.with_user(self.user_officer).write(
                {"employee_ids": [Command.link(self.emp_b_employee.id)]}
            )
        cycle.invalidate_recordset()
        self.assertFalse(cycle.employee_ids)
        self.assertEqual(cycle.rating_scale_id, self.scale)
        self.assertEqual((cycle.state, cycle.review_ids.ids), ("draft", []))
        # Nor is a review of an employee of B added to a cycle of A by hand.
        with self.assertRaises(UserError):
            env["hr.performance.review"].create(
                {
                    "cycle_id": self.cycle_a.id,
                    "employee_id": self.emp_b_peer.id,
                    "company_id": self.company_b.id,
                }
            )
        self.assertEqual(
            self.cycle_a.review_ids.employee_id, self.emp_employee | self.emp_peer
        )

    def test_a_session_does_not_calibrate_a_review_of_another_company(self):
        env = self._both()
        Adjustment = self.env["hr.performance.calibration.adjustment"]
        adjustments = Adjustment.search_count([])
        rating = self.review_boris.assessment_ids.rating_level_id
        with self.assertRaises(UserError):
            self.review_boris.with_env(env).with_context(
                calibration_id=self.session_a.id
            ).action_calibrate(self.levels_b[0], "Harmonised with Product")
        # A forged suggestion of session A about the review of B: suggestions
        # are the solver's, nobody writes one.
        with self.assertRaises(UserError):
            env["hr.performance.calibration.suggestion"].create(
                {
                    "calibration_id": self.session_a.id,
                    "review_id": self.review_boris.id,
                    "from_level_id": self.levels_b[1].id,
                    "to_level_id": self.levels_b[0].id,
                }
            )
        with self.assertRaises(UserError):
            self.session_a.with_env(env).write(
                {"review_ids": [Command.link(self.review_boris.id)]}
            )
        # The officer of A alone cannot even read it.
        with self.assertRaises(AccessError):
            self.review_boris.with_user(self.user_officer).with_context(
                calibration_id=self.session_a.id
            ).action_calibrate(self.levels_b[0], "Harmonised with Product")
        self.review_boris.invalidate_recordset()
        self.assertEqual(self.review_boris.assessment_ids.rating_level_id, rating)
        self.assertEqual(Adjustment.search_count([]), adjustments)
        self.assertNotIn(self.review_boris, self.session_a.review_ids)
        # Within its own company, the same officer calibrates as usual.
        self.review_eva.with_env(env).with_context(
            calibration_id=self.session_a.id
        ).action_calibrate(self.levels[3], "Compared with the team")
        self.assertEqual(
            self.review_eva.calibration_adjustment_ids.calibration_id, self.session_a
        )

    def test_feedback_requests_stay_in_their_company(self):
        env = self._both()
        Request = self.env["hr.performance.feedback.request"]
        count = Request.search_count([])
        # About an employee of B, for a review of A.
        with self.assertRaises(UserError):
            env["hr.performance.feedback.request"].create(
                {
                    "employee_id": self.emp_b_employee.id,
                    "review_id": self.review_eva.id,
                    "reviewer_user_id": self.user_b_peer.id,
                }
            )
        # Asked of a user of B only, about an employee of A: they could never open it.
        with self.assertRaises(UserError):
            env["hr.performance.feedback.request"].create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_b_peer.id,
                }
            )
        # The manager of A asks about an employee of B, or asks a user of B.
        Wizard = self.env["hr.performance.feedback.request.wizard"].with_user(
            self.user_manager
        )
        for employee, reviewer in (
            (self.emp_b_employee, self.user_peer),
            (self.emp_employee, self.user_b_peer),
        ):
            wizard = Wizard.create(
                {
                    "employee_id": employee.id,
                    "reviewer_user_ids": [Command.set(reviewer.ids)],
                }
            )
            with self.subTest(about=employee.name), self.assertRaises(UserError):
                wizard.action_send()
        self.assertEqual(Request.search_count([]), count)

    def test_checkin_of_a_manager_of_a_for_an_employee_of_b_is_refused(self):
        Checkin = self.env["hr.performance.checkin"]
        count = Checkin.search_count([])
        with self.assertRaises(UserError):
            Checkin.with_user(self.user_manager).create(
                {"employee_id": self.emp_b_employee.id}
            )
        with self.assertRaises(UserError):
            Checkin.with_env(self._both()).create(
                {
                    "employee_id": self.emp_b_employee.id,
                    "manager_id": self.emp_manager.id,
                }
            )
        with self.assertRaises(UserError):
            self.checkin_b.with_env(self._both()).write(
                {"manager_id": self.emp_manager.id}
            )
        with self.assertRaises(AccessError):
            self.checkin_b.with_user(self.user_manager).write(
                {"notes": "<p>Taken over</p>"}
            )
        self.assertEqual(Checkin.search_count([]), count)
        self.checkin_b.invalidate_recordset()
        self.assertEqual(self.checkin_b.manager_id, self.emp_b_manager)

    def test_plans_updates_and_feedback_link_nothing_of_another_company(self):
        env = self._both()
        with self.assertRaises(UserError):
            env["hr.performance.development.plan"].create(
                {
                    "name": "Growth",
                    "employee_id": self.emp_employee.id,
                    "review_id": self.review_bea.id,
                }
            )
        plan = env["hr.performance.development.plan"].create(
            {"name": "Growth", "employee_id": self.emp_employee.id}
        )
        with self.assertRaises(UserError):
            env["hr.performance.development.item"].create(
                {
                    "plan_id": plan.id,
                    "name": "Shadow a colleague",
                    "action_type": "shadowing",
                    "mentor_id": self.emp_b_peer.id,
                }
            )
        with self.assertRaises(UserError):
            env["hr.performance.goal.update"].create(
                {
                    "goal_id": self.goal_a.id,
                    "progress": 10,
                    "checkin_id": self.checkin_b.id,
                }
            )
        with self.assertRaises(UserError):
            env["hr.performance.feedback"].create(
                {
                    "employee_id": self.emp_b_employee.id,
                    "goal_id": self.goal_a.id,
                    "body": "<p>Well done</p>",
                }
            )
        self.assertFalse(plan.item_ids)
        self.assertFalse(self.goal_a.update_ids)

    # ------------------------------------------------------------------ exports

    def test_exports_of_company_a_hold_no_name_of_company_b(self):
        for env in (
            self.env(user=self.user_officer, context=self.env.context),
            self._env(self.user_ab_officer, self.company),
        ):
            with self.subTest(user=env.user.login):
                cells = self._cells(cycle_sheets(self.cycle_a.with_env(env)))
                self.assertIn("Eva Employee", cells)
                self._assert_no_b(cells)
                cells = self._cells(calibration_sheets(self.session_a.with_env(env)))
                self.assertIn("Pablo Peer", cells)
                self._assert_no_b(cells)
                cells = self._cells(health_sheets(env))
                self.assertIn("Marco Manager", cells)
                self._assert_no_b(cells)
                self._assert_no_b(self._cells(skill_matrix_sheets(env)))
        # With B switched on, the same exports hold B's rows.
        env = self._both()
        cells = self._cells(health_sheets(env))
        self.assertLessEqual({"Marco Manager", "Bruno Borealis"}, cells)
        cells = self._cells(skill_matrix_sheets(env))
        self.assertIn("Bea Borealis", cells)

    def test_export_routes_follow_the_companies_switched_on(self):
        a, b = self.company, self.company_b
        health = "/hr_performance/export/health"
        # The officer of A: records of B are refused, rows of B absent, even
        # with a forged company cookie.
        for url in (
            f"/hr_performance/export/cycle/{self.cycle_b.id}",
            f"/hr_performance/export/calibration/{self.session_b.id}",
        ):
            for companies in (None, (a, b)):
                response = self._download("perf_officer", url, companies)
                with self.subTest(url=url, companies=companies):
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(B_MARK, response.text)
        for url in (health, "/hr_performance/export/skills"):
            for companies in (None, (a, b)):
                response = self._download("perf_officer", url, companies)
                with self.subTest(url=url, companies=companies):
                    self.assertEqual(response.status_code, 200)
                    self._assert_no_b(self._workbook_cells(response))
        # The officer of both companies: what the company switcher has on;
        # without its cookie, the main company only.
        for companies, sees_a, sees_b in (
            (None, True, False),
            ((a,), True, False),
            ((b,), False, True),
            ((a, b), True, True),
        ):
            response = self._download("perf_ab_officer", health, companies)
            self.assertEqual(response.status_code, 200)
            cells = self._workbook_cells(response)
            with self.subTest(companies=companies):
                self.assertEqual("Marco Manager" in cells, sees_a)
                self.assertEqual("Bruno Borealis" in cells, sees_b)
        url = f"/hr_performance/export/cycle/{self.cycle_b.id}"
        response = self._download("perf_ab_officer", url, (a,))
        self.assertIn(response.status_code, (403, 404))
        # Odoo suggests switching to company B, which she may; nothing of its data.
        self.assertNotIn("Borealis 2026 review", response.text)
        response = self._download("perf_ab_officer", url, (b, a))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bea Borealis", self._workbook_cells(response))

    # ------------------------------------------------------------------ shared data

    def test_shared_scales_and_templates_serve_both_companies(self):
        template = self.env.ref("hr_performance.review_template_default")
        shared = (
            self.scale,
            self.scale.level_ids,
            template,
            template.section_ids,
            template.section_ids.question_ids,
        )
        own_b = (
            self.scale_b,
            self.scale_b.level_ids,
            self.template_b,
            self.template_b.section_ids,
            self.template_b.section_ids.question_ids,
            self.goal_template_b,
            self.job_b.performance_skill_ids,
        )
        self.assertTrue(all(own_b))
        for user in (
            *self._users_of_a(),
            self.user_b_employee,
            self.user_b_officer,
        ):
            for records in shared:
                with self.subTest(user=user.login, model=records._name):
                    found = records.with_user(user).search([("id", "in", records.ids)])
                    self.assertEqual(found, records)
        for records in own_b:
            fname = self._some_field(records._name)
            for user in (self.user_b_employee, self.user_b_officer):
                with self.subTest(user=user.login, model=records._name):
                    found = records.with_user(user).search([("id", "in", records.ids)])
                    self.assertEqual(found, records)
            for user in self._users_of_a():
                with self.subTest(user=user.login, model=records._name):
                    Model = records.with_user(user)
                    self.assertFalse(Model.search([("id", "in", records.ids)]))
                    with self.assertRaises(AccessError):
                        records[:1].with_user(user).read([fname])
        # A scale of company A stays in A in turn.
        scale_a = self.scale.copy(
            {"name": "Product scale", "company_id": self.company.id}
        )
        Scale = self.env["hr.performance.rating.scale"]
        self.assertFalse(
            Scale.with_user(self.user_b_officer).search([("id", "=", scale_a.id)])
        )
        self.assertEqual(
            Scale.with_user(self.user_officer).search([("id", "=", scale_a.id)]),
            scale_a,
        )
