"""The guard layer of every model (SECURITY.md 16-18, 20), swept from the
model registry rather than written per example, so that a model added later
is held to the same rules or fails here:

* system fields forced through the values and through ``default_*`` context
  keys, by the role that creates such records;
* every many2one a user sets, pointed at a record out of the writer's reach,
  at creation (values and context) and by a write (re-parenting);
* NaN and ±infinity on every float field, through create, write, ``load()``
  and plain SQL (the CHECKs);
* malformed values (types, ids beyond PostgreSQL's integers, megabytes of
  text) answered with a clear error;
* history deleted by each role.
"""

import math
from datetime import date, datetime

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase

REFUSED = (AccessError, UserError, ValidationError)
NON_FINITE = (math.nan, math.inf, -math.inf)
# Models no user creates: the application makes them (launch, workflow
# steps, calibration); a creation attempt must fail or keep none of the
# forged system values.
SYSTEM_MADE = (
    "hr.performance.review",
    "hr.performance.review.line",
    "hr.performance.review.assessment",
    "hr.performance.review.skill",
    "hr.performance.feedback.answer",
    "hr.performance.calibration.adjustment",
    "hr.performance.calibration.distribution",
    "hr.performance.calibration.suggestion",
    "hr.performance.calibration.stat",
    "hr.performance.employee.move",
)


@tagged("post_install", "-at_install")
class TestGuards(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Another team, out of Eva's and Marco's reach: Oscar leads Rita.
        cls.user_other_manager = cls._user("perf_oscar", "Oscar Other")
        cls.user_rita = cls._user("perf_rita", "Rita Report")
        cls.emp_other_manager = cls.env["hr.employee"].create(
            {"name": "Oscar Other", "user_id": cls.user_other_manager.id}
        )
        cls.emp_rita = cls.env["hr.employee"].create(
            {
                "name": "Rita Report",
                "user_id": cls.user_rita.id,
                "parent_id": cls.emp_other_manager.id,
            }
        )
        cls.template = cls.env.ref("hr_performance.review_template_default").copy(
            {"name": "360 review", "peer_review": True}
        )
        cls.review, cls.review_rita = cls._review(
            employees=cls.emp_employee | cls.emp_rita,
            template_id=cls.template.id,
            employee_ids=[cls.emp_employee.id, cls.emp_peer.id, cls.emp_rita.id],
        )
        cls.cycle = cls.review.cycle_id
        cls.mine = cls._records_about(cls.emp_employee, "Eva")
        cls.foreign = cls._records_about(cls.emp_rita, "Rita")

    @classmethod
    def _records_about(cls, employee, name):
        """A goal, a planned check-in with its agenda, action and note, a
        development plan with an action, feedback and an anonymous request
        about ``employee``."""
        manager_user = employee.parent_id.user_id
        goal = cls._goal(name=f"{name}'s goal", employee_id=employee.id)
        checkin = cls.env["hr.performance.checkin"].create(
            {
                "employee_id": employee.id,
                "agenda_item_ids": [Command.create({"name": f"{name}'s topic"})],
                "action_item_ids": [
                    Command.create(
                        {"name": f"{name}'s action", "user_id": employee.user_id.id}
                    )
                ],
                "private_note_ids": [
                    Command.create({"body": f"{name}'s manager's private note"})
                ],
            }
        )
        plan = cls.env["hr.performance.development.plan"].create(
            {
                "name": f"{name}'s plan",
                "employee_id": employee.id,
                "item_ids": [Command.create({"name": f"{name}'s course"})],
            }
        )
        request = cls.env["hr.performance.feedback.request"].create(
            {
                "employee_id": employee.id,
                "reviewer_user_id": manager_user.id,
                "anonymous": True,
            }
        )
        feedback = cls.env["hr.performance.feedback"].create(
            {
                "employee_id": employee.id,
                "author_user_id": manager_user.id,
                "visibility": "manager",
                "body": f"<p>About {name}</p>",
            }
        )
        return {
            "hr.performance.goal": goal,
            "hr.performance.checkin": checkin,
            "hr.performance.checkin.item": checkin.agenda_item_ids,
            "hr.performance.checkin.action": checkin.action_item_ids,
            "hr.performance.checkin.note": checkin.private_note_ids,
            "hr.performance.development.plan": plan,
            "hr.performance.development.item": plan.item_ids,
            "hr.performance.feedback.request": request,
            "hr.performance.feedback": feedback,
        }

    # ------------------------------------------------------------------ recipes

    def _recipes(self):
        """For each model a user creates: who creates one, and valid values."""
        checkin = self.mine["hr.performance.checkin"]
        skill_type = self.env["hr.skill.type"].create(
            {
                "name": "Languages",
                "skill_ids": [Command.create({"name": "Dutch"})],
                "skill_level_ids": [
                    Command.create({"name": "Fluent", "level_progress": 100})
                ],
            }
        )
        skill = skill_type.skill_ids
        return {
            "hr.performance.goal": (
                self.user_employee,
                {"name": "Learn Rust", "employee_id": self.emp_employee.id},
            ),
            "hr.performance.goal.update": (
                self.user_employee,
                {"goal_id": self.mine["hr.performance.goal"].id, "progress": 10},
            ),
            "hr.performance.checkin": (
                self.user_employee,
                {"employee_id": self.emp_employee.id},
            ),
            "hr.performance.checkin.item": (
                self.user_employee,
                {"checkin_id": checkin.id, "name": "Career"},
            ),
            "hr.performance.checkin.action": (
                self.user_employee,
                {
                    "checkin_id": checkin.id,
                    "name": "Book a course",
                    "user_id": self.user_employee.id,
                },
            ),
            "hr.performance.checkin.note": (
                self.user_manager,
                {"checkin_id": checkin.id, "body": "Keep an eye on workload"},
            ),
            "hr.performance.feedback": (
                self.user_employee,
                {"employee_id": self.emp_peer.id, "body": "<p>Thanks</p>"},
            ),
            "hr.performance.feedback.request": (
                self.user_employee,
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_peer.id,
                    "anonymous": True,
                },
            ),
            "hr.performance.review.nomination": (
                self.user_employee,
                {"review_id": self.review.id, "reviewer_id": self.emp_peer.id},
            ),
            "hr.performance.development.plan": (
                self.user_manager,
                {"name": "Grow", "employee_id": self.emp_employee.id},
            ),
            "hr.performance.development.item": (
                self.user_manager,
                {
                    "plan_id": self.mine["hr.performance.development.plan"].id,
                    "name": "Mentoring",
                },
            ),
            "hr.performance.cycle": (
                self.user_officer,
                {
                    "name": "Mid-year",
                    "date_start": "2026-01-01",
                    "date_end": "2026-06-30",
                },
            ),
            "hr.performance.calibration": (
                self.user_officer,
                {"name": "Session", "cycle_id": self.cycle.id},
            ),
            "hr.performance.review.template": (self.user_officer, {"name": "T"}),
            "hr.performance.review.template.section": (
                self.user_officer,
                {"template_id": self.template.id, "name": "S", "kind": "questions"},
            ),
            "hr.performance.review.template.question": (
                self.user_officer,
                {"section_id": self.template.section_ids[-1:].id, "name": "Q"},
            ),
            "hr.performance.rating.scale": (self.user_admin, {"name": "Scale"}),
            "hr.performance.rating.level": (
                self.user_admin,
                {"scale_id": self.scale.id, "name": "Extra", "value": 9},
            ),
            "hr.performance.goal.template": (self.user_officer, {"name": "GT"}),
            "hr.performance.kpi": (
                self.user_officer,
                {
                    "name": "Contacts",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                },
            ),
            "hr.performance.job.skill": (
                self.user_officer,
                {
                    "job_id": self.env["hr.job"].create({"name": "Dev"}).id,
                    "skill_type_id": skill.skill_type_id.id,
                    "skill_id": skill.id,
                    "skill_level_id": skill.skill_type_id.skill_level_ids[:1].id,
                },
            ),
            **{model: (self.user_officer, {}) for model in SYSTEM_MADE},
        }

    def _guarded_models(self):
        return [
            name
            for name in self._addon_models(wizards=False)
            if self.env[name]._auto and not self.env[name]._abstract
        ]

    def test_every_model_is_guarded_and_has_a_recipe(self):
        recipes = self._recipes()
        for name in self._guarded_models():
            with self.subTest(model=name):
                self.assertTrue(
                    any(
                        getattr(cls, "_name", None) == "hr.performance.guard.mixin"
                        for cls in type(self.env[name]).__mro__
                    ),
                    "inherit hr.performance.guard.mixin",
                )
                self.assertIn(name, recipes, "add a recipe for the new model")

    # ------------------------------------------------------------------ forging

    def _forged(self, record, name):
        """A value of field ``name`` that differs from ``record``'s."""
        field = record._fields[name]
        current = record[name]
        if field.type == "selection":
            options = [key for key, _label in field._description_selection(self.env)]
            return next((key for key in options if key != current), None)
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1)
            )
            return other.id or None
        if field.type in ("char", "text", "html"):
            return "FORGED"
        if field.type == "boolean":
            return not current
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if field.type == "date":
            return date(2001, 1, 1)
        if field.type == "datetime":
            return datetime(2001, 1, 1, 1, 1)
        return None

    def _same(self, record, name, forged):
        value = record[name]
        if record._fields[name].type == "many2one":
            return value.id == forged
        if isinstance(value, str):
            return "FORGED" in value
        return value == forged

    def _create(self, model, user, vals, context=None):
        Model = self.env[model].with_user(user).with_context(**(context or {}))
        return Model.create(dict(vals))

    def test_system_fields_are_never_forced(self):
        """SECURITY.md 16: whichever way they arrive (values or default_* keys),
        the fields only the application sets keep the application's values."""
        for model, (user, vals) in self._recipes().items():
            Model = self.env[model]
            blocked = sorted(Model._guarded_system_fields() | set(Model._later_fields))
            if not blocked:
                continue
            # What a clean creation gives, to forge values that differ from it.
            clean = Model.sudo().new({})
            if vals:
                with self.env.cr.savepoint():
                    clean = self._create(model, user, vals).sudo()
            forged = {}
            for name in blocked:
                value = self._forged(clean, name)
                if value is not None:
                    forged[name] = value
            if clean.id:
                clean.unlink()  # as superuser, so that the same values work again
            for channel in ("values", "context"):
                with self.subTest(model=model, channel=channel):
                    if channel == "values":
                        args = ({**vals, **forged}, None)
                    else:
                        args = (
                            vals,
                            {f"default_{key}": value for key, value in forged.items()},
                        )
                    try:
                        with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                            record = self._create(model, user, *args).sudo()
                    except (*REFUSED, psycopg2.Error):
                        self.assertFalse(vals, "a valid creation was refused")
                        continue
                    for name, value in forged.items():
                        self.assertFalse(
                            self._same(record, name, value),
                            f"{model}.{name} forced through the {channel}",
                        )
                    record.unlink()  # as superuser: the next channel reuses the values

    # ------------------------------------------------------------------ links

    def _unreadable(self, comodel, user):
        """A record of ``comodel`` that ``user`` may not read, if any."""
        model = "hr.employee.public" if comodel == "hr.employee" else comodel
        readable = self.env[model].with_user(user).search([])
        # sudo: the test looks for what the user cannot see
        others = self.env[comodel].sudo().search([("id", "not in", readable.ids)])
        return others[:1]

    def _recipe_records(self):
        """``(model, user, values, record)`` for each model whose recipe has
        values: the record created from them by the user."""
        for model, (user, vals) in self._recipes().items():
            if not vals:
                continue
            with self.env.cr.savepoint():
                record = self._create(model, user, vals)
            yield model, user, vals, record

    def test_links_point_only_at_readable_records(self):
        """SECURITY.md 16, 17: each many2one a user sets, pointed at a record
        out of the user's reach, is refused at creation (values and context)
        and by a write (re-parenting), and nothing changes."""
        checked = 0
        for model, user, vals, record in self._recipe_records():
            for name in self.env[model]._user_links():
                comodel = self.env[model]._fields[name].comodel_name
                target = self._unreadable(comodel, user)
                if not target:
                    continue
                checked += 1
                with self.subTest(model=model, field=name):
                    without = {key: value for key, value in vals.items() if key != name}
                    for args in (
                        ({**vals, name: target.id}, None),
                        (without, {f"default_{name}": target.id}),
                    ):
                        with self.assertRaises(UserError), self.env.cr.savepoint():
                            self._create(model, user, *args)
                    before = record.sudo()[name]
                    with self.assertRaises(UserError), self.env.cr.savepoint():
                        record.write({name: target.id})
                    self.assertEqual(record.sudo()[name], before)
        self.assertGreater(checked, 8, "the sweep checked too few links")

    def test_computed_fields_that_rules_use_are_not_writable(self):
        """SECURITY.md 17: a manager cannot hand a report's development plan
        to anyone by writing the stored manager it is computed from."""
        plan = self.mine["hr.performance.development.plan"].with_user(self.user_manager)
        with self.assertRaises(UserError):
            plan.write({"manager_user_id": self.user_peer.id})
        self.assertEqual(plan.sudo().manager_user_id, self.user_manager)

    # ------------------------------------------------------------------ numbers

    def _float_fields(self, model):
        Model = self.env[model]
        blocked = Model._guarded_system_fields() | set(Model._later_fields)
        return [
            name
            for name, field in Model._fields.items()
            if field.type in ("float", "monetary") and name not in blocked
        ]

    def test_non_finite_numbers_are_refused_by_create_and_write(self):
        """SECURITY.md 18, through the ORM: every float field of every model."""
        checked = 0
        for model, user, vals, record in self._recipe_records():
            for name in self._float_fields(model):
                for value in NON_FINITE:
                    checked += 1
                    with self.subTest(model=model, field=name, value=value):
                        with (
                            self.assertRaises(ValidationError),
                            self.env.cr.savepoint(),
                        ):
                            self._create(model, user, {**vals, name: value})
                        with (
                            self.assertRaises(UserError),
                            self.env.cr.savepoint(),
                        ):
                            # Refused (goal updates refuse every write already).
                            record.write({name: value})
        self.assertGreater(checked, 10)

    def test_non_finite_numbers_are_refused_by_import(self):
        """SECURITY.md 18, through ``load()``: nothing is imported."""
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        for field in ("weight", "start_value", "target_value", "current_value"):
            for text in ("nan", "inf", "-inf", "1e999"):
                with self.subTest(field=field, text=text):
                    count = Goal.search_count([])
                    result = Goal.load(
                        ["name", "employee_id/.id", field],
                        [["Imported", str(self.emp_employee.id), text]],
                    )
                    self.assertFalse(result["ids"])
                    self.assertTrue(result["messages"])
                    self.assertEqual(Goal.search_count([]), count)

    def test_every_float_column_refuses_non_finite_values_in_sql(self):
        """SECURITY.md 18, in PostgreSQL: ``CHECK (weight > 0)`` alone accepts
        NaN; every stored float column of the addon has a finite CHECK."""
        for model in self._guarded_models():
            Model = self.env[model]
            for name, field in Model._fields.items():
                if field.type not in ("float", "monetary") or not field.store:
                    continue
                with self.subTest(model=model, field=name):
                    self.env.cr.execute(
                        """SELECT 1 FROM pg_constraint
                            WHERE conrelid = %s::regclass AND contype = 'c'
                              AND pg_get_constraintdef(oid) LIKE %s""",
                        (Model._table, f"%{name}%Infinity%"),
                    )
                    self.assertTrue(self.env.cr.fetchone(), "no finite CHECK")
        goal = self.mine["hr.performance.goal"]
        for value in ("NaN", "Infinity", "-Infinity"):
            with self.assertRaises(psycopg2.errors.CheckViolation):
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    self.env.cr.execute(
                        "UPDATE hr_performance_goal SET weight = %s::float8 WHERE id = %s",
                        (value, goal.id),
                    )

    def test_a_nan_update_never_completes_a_goal(self):
        goal = self.mine["hr.performance.goal"]
        goal.write({"progress_mode": "metric", "start_value": 0, "target_value": 10})
        Update = self.env["hr.performance.goal.update"].with_user(self.user_employee)
        for value in NON_FINITE:
            with self.assertRaises(ValidationError):
                Update.create({"goal_id": goal.id, "value": value})
        self.assertEqual(goal.progress, 0)

    # ------------------------------------------------------------------ malformed

    def test_malformed_values_get_a_clear_error(self):
        """SECURITY.md 18 and bad input: types, ids and sizes are refused with
        a ValidationError, never a TypeError or a PostgreSQL traceback."""
        goal = self.mine["hr.performance.goal"]
        Update = self.env["hr.performance.goal.update"].with_user(self.user_employee)
        Goal = self.env["hr.performance.goal"].with_user(self.user_employee)
        own = {"name": "Mine", "employee_id": self.emp_employee.id}
        cases = [
            (Update, {"goal_id": goal.id, "progress": "fifty"}),
            (Update, {"goal_id": goal.id, "progress": [50]}),
            (Update, {"goal_id": goal.id, "note": "x" * 1_000_000}),
            (Update, {"goal_id": 2**31}),
            (Update, {"goal_id": 2**63}),
            (Update, {"goal_id": "1; DROP TABLE"}),
            (Goal, {**own, "date_deadline": "not a date"}),
            (Goal, {**own, "weight": True}),
            (Goal, {**own, "name": "x" * 100_000}),
            (Goal, {**own, "scope": "galaxy"}),
            (Goal, {**own, "sequence": 2**40}),
            (Goal, {**own, "parent_id": -1}),
        ]
        for Model, vals in cases:
            with self.subTest(vals=str(vals)[:80]):
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    Model.create(vals)
        with self.assertRaises(ValidationError):
            goal.with_user(self.user_employee).write({"child_ids": [(4, 2**31)]})

    def test_text_limits_fit_their_use(self):
        checkin = self.mine["hr.performance.checkin"]
        Item = self.env["hr.performance.checkin.item"].with_user(self.user_employee)
        Item.create({"checkin_id": checkin.id, "name": "x" * 200})
        with self.assertRaises(ValidationError):
            Item.create({"checkin_id": checkin.id, "name": "x" * 201})
        Update = self.env["hr.performance.goal.update"].with_user(self.user_employee)
        goal = self.mine["hr.performance.goal"]
        Update.create({"goal_id": goal.id, "progress": 5, "note": "y" * 5000})
        for size in (5001, 1_000_000, 5_000_000):
            with self.assertRaises(ValidationError):
                Update.create({"goal_id": goal.id, "progress": 5, "note": "y" * size})

    # ------------------------------------------------------------------ history

    def _history(self):
        """Records that are history once they exist in this state."""
        goal = self._goal(name="Started", employee_id=self.emp_employee.id)
        update = self.env["hr.performance.goal.update"].create(
            {"goal_id": goal.id, "progress": 30}
        )
        checkin = self.mine["hr.performance.checkin"]
        checkin.action_done()
        review = self._advance(self.review, "manager_review")
        feedback = self.mine["hr.performance.feedback"]
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_employee.id,
                "reviewer_user_id": self.user_peer.id,
                "question": "How did it go?",
            }
        )
        request.with_user(self.user_peer).write({"answer": "<p>Well</p>"})
        request.with_user(self.user_peer).action_submit()
        anonymous = self.mine["hr.performance.feedback.request"]
        return {
            "goal with updates": goal,
            "goal update": update,
            "check-in held": checkin,
            "agenda item of a held check-in": checkin.agenda_item_ids,
            "action item of a held check-in": checkin.action_item_ids,
            "private note of a held check-in": checkin.private_note_ids,
            "review past the self review": review,
            "review answer": review.line_ids[:1],
            "review assessment": review.assessment_ids,
            "given feedback": feedback,
            "answered request": request,
            "anonymous request": anonymous,
        }

    def test_history_is_never_deleted(self):
        """SECURITY.md 20: nobody deletes history, HR and administrators
        included (the superuser, in an Odoo shell, is the only path)."""
        history = self._history()
        roles = {
            "employee": self.user_employee,
            "manager": self.user_manager,
            "peer": self.user_peer,
            "officer": self.user_officer,
            "admin": self.user_admin,
        }
        for kind, record in history.items():
            for role, user in roles.items():
                with self.subTest(record=kind, role=role):
                    with self.assertRaises(UserError), self.env.cr.savepoint():
                        record.with_user(user).unlink()
                    self.assertTrue(record.exists())

    # ------------------------------------------------------------------ cases

    def test_context_defaults_do_not_bypass_create_guards(self):
        """The outside review's examples of SECURITY.md 16, each by its role."""
        employee, manager = self.user_employee, self.user_manager
        checkin = self.mine["hr.performance.checkin"]
        Env = self.env
        goal = (
            Env["hr.performance.goal"]
            .with_user(employee)
            .with_context(default_state="done")
            .create({"name": "Done already?", "employee_id": self.emp_employee.id})
        )
        self.assertEqual(goal.state, "draft")
        planned = (
            Env["hr.performance.checkin"]
            .with_user(employee)
            .with_context(default_state="done", default_manager_id=self.emp_peer.id)
            .create({"employee_id": self.emp_employee.id})
        )
        self.assertEqual(
            (planned.state, planned.manager_id), ("planned", self.emp_manager)
        )
        request = (
            Env["hr.performance.feedback.request"]
            .with_user(employee)
            .with_context(
                default_state="submitted",
                default_answer="<p>I am great</p>",
                default_submitted_date="2026-01-01",
            )
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_peer.id,
                    "anonymous": True,
                }
            )
        )
        self.assertEqual(
            (request.sudo().state, request.sudo().answer), ("requested", False)
        )
        with self.assertRaises(AccessError):
            Env["hr.performance.feedback.request"].with_user(employee).with_context(
                default_review_id=self.review.id
            ).create(
                {
                    "employee_id": self.emp_employee.id,
                    "reviewer_user_id": self.user_peer.id,
                }
            )
        item = (
            Env["hr.performance.checkin.item"]
            .with_user(employee)
            .with_context(
                default_carried_from_id=self.foreign["hr.performance.checkin.item"].id
            )
            .create({"checkin_id": checkin.id, "name": "Mine"})
        )
        self.assertFalse(item.sudo().carried_from_id)
        with self.assertRaises(AccessError):
            Env["hr.performance.goal.update"].with_user(employee).with_context(
                default_checkin_id=self.foreign["hr.performance.checkin"].id
            ).create({"goal_id": self.mine["hr.performance.goal"].id, "progress": 5})
        activity = self.foreign["hr.performance.checkin"].activity_schedule(
            "mail.mail_activity_data_todo", summary="Rita's secret to-do"
        )
        action = (
            Env["hr.performance.checkin.action"]
            .with_user(employee)
            .with_context(default_activity_id=activity.id)
            .create({"checkin_id": checkin.id, "name": "Mine", "user_id": employee.id})
        )
        self.assertFalse(action.sudo().activity_id)
        checkin.with_user(manager).action_done()
        self.assertEqual(action.sudo().activity_id.summary, "Mine")
        # A manager asking colleagues about a report: never already answered.
        level = self.scale.level_ids[-1]
        asked = (
            Env["hr.performance.feedback.request"]
            .with_user(manager)
            .with_context(default_state="submitted", default_rating_level_id=level.id)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "review_id": self.review.id,
                    "reviewer_user_id": self.user_peer.id,
                    "anonymous": True,
                }
            )
        )
        self.assertEqual(
            (asked.state, asked.sudo().rating_level_id),
            ("requested", Env["hr.performance.rating.level"]),
        )

    def test_records_are_not_moved_out_of_reach(self):
        """The outside review's examples of SECURITY.md 17."""
        item = self.mine["hr.performance.checkin.item"].with_user(self.user_employee)
        peer_checkin = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_peer.id}
        )
        with self.assertRaises(UserError):
            item.write({"checkin_id": peer_checkin.id})
        note = self.mine["hr.performance.checkin.note"].with_user(self.user_manager)
        with self.assertRaises(UserError):
            note.write({"checkin_id": self.foreign["hr.performance.checkin"].id})
        action = self.mine["hr.performance.checkin.action"].with_user(
            self.user_employee
        )
        with self.assertRaises(UserError):
            action.write({"checkin_id": peer_checkin.id})
        self.assertEqual(
            (item.sudo().checkin_id, note.sudo().checkin_id, action.sudo().checkin_id),
            (self.mine["hr.performance.checkin"],) * 3,
        )

    def test_wizards_refuse_non_finite_and_malformed_numbers(self):
        """SECURITY.md 18 in the wizards: every float and integer a user types."""
        checked = 0
        for name in self._addon_models():
            Model = self.env[name]
            if not Model._transient or "_guarded_system_fields" not in dir(Model):
                continue
            blocked = Model._guarded_system_fields()
            for fname, field in Model._fields.items():
                if field.type not in ("float", "integer") or fname in blocked:
                    continue
                values = (
                    (*NON_FINITE, "12")
                    if field.type == "float"
                    else (math.nan, 2**40, "12")
                )
                for value in values:
                    checked += 1
                    with self.subTest(model=name, field=fname, value=value):
                        with self.assertRaises(ValidationError):
                            Model.with_user(self.user_officer).create({fname: value})
        self.assertGreater(checked, 3)

    def test_forged_links_reveal_nothing(self):
        peer_checkin = self.env["hr.performance.checkin"].create(
            {
                "employee_id": self.emp_peer.id,
                "agenda_item_ids": [(0, 0, {"name": "Salary"})],
            }
        )
        own = self.env["hr.performance.checkin"].create(
            {"employee_id": self.emp_employee.id}
        )
        item = (
            self.env["hr.performance.checkin.item"]
            .with_user(self.user_employee)
            .create(
                {
                    "checkin_id": own.id,
                    "name": "Mine",
                    "carried_from_id": peer_checkin.agenda_item_ids.id,
                }
            )
        )
        self.assertFalse(item.carried_from_id)
        peer_goal = self._goal(name="Peer secret", employee_id=self.emp_peer.id)
        with self.assertRaises(AccessError):
            self._goal(employee_id=self.emp_employee.id).with_user(
                self.user_employee
            ).write({"parent_id": peer_goal.id})
        with self.assertRaises(AccessError):
            self.env["hr.performance.feedback"].with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_peer.id,
                    "goal_id": peer_goal.id,
                    "body": "<p>x</p>",
                }
            )
        with self.assertRaises(AccessError):
            self.env["hr.performance.goal.update"].with_user(self.user_employee).create(
                {
                    "goal_id": self._goal().id,
                    "progress": 10,
                    "checkin_id": peer_checkin.id,
                }
            )
