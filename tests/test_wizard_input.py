"""Bad input to every wizard and to the goal import (SECURITY.md, lines 14
and 15): each refusal is a clear UserError, ValidationError or AccessError,
raised before anything is written.

Odoo's ``assertRaises`` rolls back to a savepoint, which would hide a wizard
that writes first and validates after: ``assertRefused`` takes no savepoint.
It flushes, empties the cache and reads the database before and after the
call, and compares: the counts of the records wizards create and the values
of the records they change."""

from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HrPerformanceCase

# What a wizard creates: none of these counts may move when it refuses.
COUNTED = (
    "hr.performance.goal",
    "hr.performance.review",
    "hr.performance.review.assessment",
    "hr.performance.calibration.adjustment",
    "hr.performance.feedback.request",
    "hr.performance.feedback.answer",
    "hr.performance.succession.candidate",
    "mail.activity",
)
REVIEW_FIELDS = ["state", "acknowledged_date"]
ASSESSMENT_FIELDS = [
    "proposed_rating_level_id",
    "final_rating_level_id",
    "rating_level_id",
]


class WizardInputCase(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        cls.other_company = cls.env["res.company"].create({"name": "Faraway Ltd"})
        cls.foreign_employee = cls.env["hr.employee"].create(
            {"name": "Fiona Faraway", "company_id": cls.other_company.id}
        )
        cls.foreign_department = cls.env["hr.department"].create(
            {"name": "Faraway Sales", "company_id": cls.other_company.id}
        )

        # Another team: Theo leads Tina, and nobody of Marco's team.
        cls.user_other_manager = cls._user("perf_other_manager", "Theo Other")
        cls.emp_other_manager = cls.env["hr.employee"].create(
            {"name": "Theo Other", "user_id": cls.user_other_manager.id}
        )
        cls.emp_other_report = cls.env["hr.employee"].create(
            {"name": "Tina Team", "parent_id": cls.emp_other_manager.id}
        )
        # An HR officer of both companies, who may read both.
        cls.user_multi_officer = cls._user(
            "perf_multi_officer",
            "Mia Multi",
            "base.group_user,hr_performance.group_performance_officer",
            companies=cls.company | cls.other_company,
        )

    # ------------------------------------------------------------------ helpers

    def _snapshot(self, watched):
        self.env.flush_all()
        self.env.invalidate_all()
        state = {
            model: self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_count([])
            for model in COUNTED
        }
        for records, fnames in watched:
            key = (records._name, tuple(records.ids))
            state[key] = records.sudo().with_context(active_test=False).read(fnames)
        return state

    @contextmanager
    def assertRefused(self, exception, message, *watched):
        """The block raises exactly ``exception``, with ``message`` in its
        text, and leaves the database as it was: the counts of ``COUNTED``
        and the ``(records, field names)`` of ``watched``."""
        before = self._snapshot(watched)
        try:
            yield
        except Exception as error:
            self.assertIs(type(error), exception, f"{type(error).__name__}: {error}")
            self.assertIn(message, str(error))
        else:
            self.fail(f"{exception.__name__} not raised")
        self.assertEqual(
            self._snapshot(watched), before, "the refused call wrote something"
        )

    def _review_watch(self, reviews):
        return (reviews, REVIEW_FIELDS), (reviews.assessment_ids, ASSESSMENT_FIELDS)


@tagged("post_install", "-at_install")
class TestWizardInput(WizardInputCase):
    # ------------------------------------------------------------------ calibrate

    def _calibrate(self, reviews, user=None, mode="calibrate", **vals):
        """The wizard as the review's "Calibrate" / "Re-open" buttons open it."""
        action = reviews.with_user(user or self.user_officer).action_open_calibrate(
            mode
        )
        return (
            self.env["hr.performance.calibrate"]
            .with_user(user or self.user_officer)
            .with_context(
                active_model="hr.performance.review",
                active_ids=reviews.ids,
                **action["context"],
            )
            .create(vals)
        )

    def test_calibrate_needs_a_reason_and_a_level_of_the_scale(self):
        reviews = self._review(
            "calibration", employees=self.emp_employee | self.emp_peer, rating=2
        )
        watched = self._review_watch(reviews)
        for reason in ("", "   \n "):
            wizard = self._calibrate(reviews, level_id=self.levels[4].id, reason=reason)
            with (
                self.subTest(reason=reason),
                self.assertRefused(UserError, "needs a reason", *watched),
            ):
                wizard.action_apply()
        wizard = self._calibrate(reviews, level_id=False, reason="Peer comparison")
        with self.assertRefused(UserError, "Choose the new rating", *watched):
            wizard.action_apply()
        other_scale = self.scale.copy({"name": "Other scale"})
        wizard = self._calibrate(
            reviews, level_id=other_scale.level_ids[0].id, reason="Peer comparison"
        )
        with self.assertRefused(UserError, "cycle's rating scale", *watched):
            wizard.action_apply()
        # The form does not let the reason out either.
        form = Form(
            self.env["hr.performance.calibrate"]
            .with_user(self.user_officer)
            .with_context(default_review_ids=reviews.ids)
        )
        form.level_id = self.levels[4]
        with self.assertRaisesRegex(AssertionError, "reason"):
            form.save()
        # The same wizard, with a reason: it works.
        wizard = self._calibrate(reviews, level_id=self.levels[4].id, reason="Led X")
        wizard.action_apply()
        self.assertEqual(reviews.final_rating_level_id, self.levels[4])
        self.assertEqual(len(reviews.calibration_adjustment_ids), 2)

    def test_calibrate_refuses_an_empty_selection(self):
        for mode in ("calibrate", "reopen"):
            wizard = (
                self.env["hr.performance.calibrate"]
                .with_user(self.user_officer)
                .with_context(active_model="hr.performance.review", active_ids=[])
                .create(
                    {"mode": mode, "level_id": self.levels[3].id, "reason": "Why not"}
                )
            )
            with (
                self.subTest(mode=mode),
                self.assertRefused(UserError, "at least one review"),
            ):
                wizard.action_apply()

    def test_calibrate_refuses_reviews_at_the_wrong_step(self):
        open_reviews = self._review(
            "manager_review", employees=self.emp_employee | self.emp_peer
        )
        wizard = self._calibrate(open_reviews, level_id=self.levels[4].id, reason="x")
        with self.assertRefused(
            UserError, "calibrated while", *self._review_watch(open_reviews)
        ):
            wizard.action_apply()
        # Re-opening is for released reviews only.
        in_calibration = self._review("calibration", rating=2, name="Calibrating")
        wizard = self._calibrate(in_calibration, mode="reopen", reason="Appeal")
        with self.assertRefused(
            UserError, "Only released reviews", *self._review_watch(in_calibration)
        ):
            wizard.action_apply()

    def test_calibrate_validates_the_whole_batch_before_writing(self):
        """One bad review in the batch: the good ones are not calibrated."""
        good = self._review(
            "calibration",
            employees=self.emp_employee | self.emp_peer,
            rating=2,
            name="Good cycle",
        )
        late = self._review(
            "shared", employees=self.emp_other_report, rating=2, name="Late"
        )
        reviews = good | late
        wizard = self._calibrate(reviews, level_id=self.levels[4].id, reason="Batch")
        with self.assertRefused(
            UserError, "calibrated while", *self._review_watch(reviews)
        ):
            wizard.action_apply()
        # Two cycles with two scales: the level cannot fit both.
        small = self.scale.copy({"name": "Three levels"})
        other = self._review(
            "calibration",
            employees=self.emp_other_report,
            rating=2,
            name="Other scale",
            rating_scale_id=small.id,
        )
        reviews = good | other
        wizard = self._calibrate(reviews, level_id=self.levels[4].id, reason="Batch")
        with self.assertRefused(
            UserError, "cycle's rating scale", *self._review_watch(reviews)
        ):
            wizard.action_apply()
        # Re-open: a released review with one still in calibration.
        released = self._review("shared", rating=2, name="Done")
        reviews = released | good[:1]
        wizard = self._calibrate(reviews, mode="reopen", reason="Appeal")
        with self.assertRefused(
            UserError, "Only released reviews", *self._review_watch(reviews)
        ):
            wizard.action_apply()

    def test_calibrate_refuses_reviews_of_another_company(self):
        foreign = self._review(
            "calibration",
            employees=self.foreign_employee,
            rating=2,
            name="Faraway cycle",
            company_id=self.other_company.id,
        )
        watched = self._review_watch(foreign)
        with self.assertRefused(AccessError, "Performance Review", *watched):
            self.env["hr.performance.calibrate"].with_user(
                self.user_officer
            ).with_context(
                active_model="hr.performance.review",
                active_ids=foreign.ids,
                default_review_ids=foreign.ids,
            ).create({"level_id": self.levels[4].id, "reason": "Not mine"})

    # ------------------------------------------------------------------ cycle launch

    def _launch(self, cycle, user=None, **vals):
        action = cycle.with_user(user or self.user_officer).action_select_participants()
        return (
            self.env["hr.performance.cycle.launch"]
            .with_user(user or self.user_officer)
            .with_context(
                active_model="hr.performance.cycle",
                active_ids=cycle.ids,
                **action["context"],
            )
            .create(vals)
        )

    def test_launch_refuses_no_participant_and_a_started_cycle(self):
        cycle = self._cycle(employee_ids=[])
        watched = (cycle, ["state", "employee_ids"])
        with self.assertRefused(UserError, "No employee matches", watched):
            self._launch(cycle).action_apply()
        # Criteria of another company match nobody in the cycle's company.
        wizard = self._launch(
            cycle,
            department_ids=self.foreign_department.ids,
            manager_ids=self.foreign_employee.ids,
        )
        with self.assertRefused(UserError, "No employee matches", watched):
            wizard.action_apply()
        for state in ("open", "calibration", "cancelled"):
            cycle.state = state
            wizard = self._launch(cycle, employee_ids=self.emp_employee.ids)
            with (
                self.subTest(state=state),
                self.assertRefused(UserError, "before the cycle is launched", watched),
            ):
                wizard.action_apply()

    def test_launch_refuses_employees_of_another_company(self):
        cycle = self._cycle(employee_ids=[])
        wizard = self._launch(
            cycle,
            user=self.user_multi_officer,
            employee_ids=(self.emp_employee | self.foreign_employee).ids,
        )
        with self.assertRefused(
            UserError, "Fiona Faraway", (cycle, ["state", "employee_ids"])
        ):
            wizard.action_apply()

    def test_launch_checks_the_cycle_before_adding_participants(self):
        """ "Launch now" with a scale that cannot rate: nothing is added."""
        lonely = self.env["hr.performance.rating.scale"].create(
            {"name": "One level", "level_ids": [(0, 0, {"name": "OK", "value": 1})]}
        )
        cycle = self._cycle(employee_ids=[], rating_scale_id=lonely.id)
        wizard = self._launch(cycle, employee_ids=self.emp_employee.ids, launch=True)
        with self.assertRefused(
            UserError, "at least two levels", (cycle, ["state", "employee_ids"])
        ):
            wizard.action_apply()

    def test_launch_refuses_a_cycle_of_another_company(self):
        cycle = self._cycle(
            name="Faraway cycle",
            company_id=self.other_company.id,
            employee_ids=self.foreign_employee.ids,
        )
        with self.assertRefused(
            AccessError, "Review Cycle", (cycle, ["state", "employee_ids"])
        ):
            self.env["hr.performance.cycle.launch"].with_user(
                self.user_officer
            ).with_context(
                active_model="hr.performance.cycle",
                active_ids=cycle.ids,
                default_cycle_id=cycle.id,
            ).create({"employee_ids": self.emp_employee.ids})

    # ------------------------------------------------------------------ feedback request

    def _ask(self, user, **vals):
        return (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(user)
            .create(vals)
        )

    def test_feedback_request_refuses_bad_reviewers_and_dates(self):
        wizard = self._ask(self.user_employee, reviewer_user_ids=[])
        with self.assertRefused(UserError, "at least one reviewer"):
            wizard.action_send()
        # The onchange drops the subject from the reviewers; RPC does not.
        wizard = self._ask(
            self.user_employee,
            reviewer_user_ids=(self.user_peer | self.user_employee).ids,
        )
        with self.assertRefused(ValidationError, "cannot go to its own subject"):
            wizard.action_send()
        wizard = self._ask(
            self.user_employee,
            reviewer_user_ids=self.user_peer.ids,
            deadline="2020-01-01",
        )
        with self.assertRefused(ValidationError, "cannot be in the past"):
            wizard.action_send()
        # Fixed: sent.
        wizard.deadline = False
        wizard.action_send()
        self.assertEqual(
            self.env["hr.performance.feedback.request"].search_count(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            1,
        )

    def test_feedback_request_about_someone_else_is_refused(self):
        cases = [
            (self.user_employee, self.emp_peer),
            (self.user_employee, self.emp_manager),
            (self.user_other_manager, self.emp_employee),
            (self.user_manager, self.emp_other_report),
        ]
        for user, employee in cases:
            wizard = self._ask(
                user, employee_id=employee.id, reviewer_user_ids=self.user_admin.ids
            )
            with (
                self.subTest(user=user.login, employee=employee.name),
                self.assertRefused(AccessError, "yourself or the people"),
            ):
                wizard.action_send()
        # A manager asks about a report, an employee about themselves.
        self._ask(
            self.user_manager,
            employee_id=self.emp_peer.id,
            reviewer_user_ids=self.user_employee.ids,
        ).action_send()

    def test_feedback_request_about_another_company_is_refused(self):
        wizard = self._ask(
            self.user_officer,
            employee_id=self.foreign_employee.id,
            reviewer_user_ids=self.user_peer.ids,
        )
        with self.assertRefused(UserError, "another company"):
            wizard.action_send()

    def _360(self, review, user=None, **vals):
        action = review.with_user(
            user or self.user_manager
        ).action_request_peer_feedback()
        return (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(user or self.user_manager)
            .with_context(**action["context"])
            .create({"reviewer_user_ids": self.user_peer.ids, **vals})
        )

    def test_feedback_request_360_checks_its_review(self):
        review = self._review()
        watched = (review, REVIEW_FIELDS)
        # About someone else than the review's employee: it would feed their score.
        wizard = self._360(
            review, employee_id=self.emp_peer.id, reviewer_user_ids=self.user_admin.ids
        )
        with self.assertRefused(UserError, "the review's employee", watched):
            wizard.action_send()
        # A review past the manager review takes no 360 feedback any more.
        wizard = self._360(review)
        review.state = "calibration"
        with self.assertRefused(UserError, "while the review is open", watched):
            wizard.action_send()
        review.state = "self_review"
        wizard.action_send()
        self.assertEqual(len(review.feedback_request_ids), 1)

    def test_feedback_request_360_on_a_forged_review(self):
        review = self._review()
        watched = (review, REVIEW_FIELDS)
        # The employee forges the 360 context of their own review.
        wizard = (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(self.user_employee)
            .with_context(
                active_model="hr.performance.review",
                active_ids=review.ids,
                default_review_id=review.id,
            )
            .create({"reviewer_user_ids": self.user_peer.ids})
        )
        with self.assertRefused(AccessError, "manager asks for 360", watched):
            wizard.action_send()
        # Another team's manager, about his own report, on Eva's review.
        wizard = (
            self.env["hr.performance.feedback.request.wizard"]
            .with_user(self.user_other_manager)
            .with_context(default_review_id=review.id)
            .create(
                {
                    "employee_id": self.emp_other_report.id,
                    "reviewer_user_ids": self.user_peer.ids,
                }
            )
        )
        with self.assertRefused(AccessError, "Performance Review", watched):
            wizard.action_send()

    # ------------------------------------------------------------------ feedback summary

    def test_feedback_summary_ignores_a_forged_subject(self):
        self.company.performance_anonymity_threshold = 1
        request = self.env["hr.performance.feedback.request"].create(
            {
                "employee_id": self.emp_peer.id,
                "reviewer_user_id": self.user_manager.id,
                "anonymous": True,
            }
        )
        request.with_user(self.user_manager).write({"answer": "<p>Secret praise</p>"})
        request.with_user(self.user_manager).action_submit()
        watched = (request, ["state", "answer", "employee_id"])
        before = self._snapshot([watched])
        for context in (
            {"active_model": "hr.employee", "active_ids": self.emp_peer.ids},
            {"default_employee_id": self.emp_peer.id},
        ):
            with self.subTest(context=context):
                summary = (
                    self.env["hr.performance.feedback.summary"]
                    .with_user(self.user_employee)
                    .with_context(**context)
                    .create({"employee_id": self.emp_peer.id})
                )
                self.assertEqual(summary.employee_id, self.emp_employee)
                self.assertFalse(summary.enough)
                self.assertNotIn("Secret praise", summary.answers or "")
        # Someone without an employee gets an empty summary, not an error.
        nobody = self.env["hr.performance.feedback.summary"].with_user(self.user_admin)
        action = nobody.action_open_mine()
        summary = nobody.browse(action["res_id"])
        self.assertEqual((summary.answer_count, summary.enough), (0, False))
        self.assertEqual(self._snapshot([watched]), before)
        # Portal users have no backend summary at all.
        with self.assertRefused(AccessError, "Anonymous Feedback About Me", watched):
            self.env["hr.performance.feedback.summary"].with_user(
                self.user_portal
            ).create({})

    # ------------------------------------------------------------------ goal cascade

    def _dept_goal(self, **vals):
        return self._goal(
            **{
                "name": "Cut support backlog to 20 tickets",
                "scope": "department",
                "employee_id": False,
                "department_id": self.department.id,
                **vals,
            }
        )

    def _cascade(self, parent, user=None, **vals):
        """The wizard as the goal's "Cascade" button opens it; to employees
        unless ``vals`` say otherwise."""
        vals.setdefault("target_scope", "individual")
        action = parent.with_user(user or self.user_officer).action_cascade()
        return (
            self.env["hr.performance.goal.cascade"]
            .with_user(user or self.user_officer)
            .with_context(
                active_model="hr.performance.goal",
                active_ids=parent.ids,
                **action["context"],
            )
            .create(vals)
        )

    def _goal_watch(self, parent):
        return (parent, ["state", "progress_mode", "child_ids"])

    def test_cascade_refuses_empty_and_closed(self):
        parent = self._dept_goal()
        wizard = self._cascade(parent, user=self.user_manager)
        for scope in ("department", "team", "individual"):
            wizard.target_scope = scope
            with (
                self.subTest(scope=scope),
                self.assertRefused(
                    UserError, "at least one department", self._goal_watch(parent)
                ),
            ):
                wizard.action_cascade()
        # Employees chosen, then the scope switched to teams with no lead.
        wizard.write({"employee_ids": self.emp_employee.ids, "target_scope": "team"})
        with self.assertRefused(
            UserError, "at least one department", self._goal_watch(parent)
        ):
            wizard.action_cascade()
        for close in ("action_done", "action_cancel"):
            closed = self._dept_goal(name=f"Closed by {close}")
            getattr(closed, close)()
            wizard = self._cascade(
                closed, user=self.user_manager, employee_ids=self.emp_employee.ids
            )
            with (
                self.subTest(close=close),
                self.assertRefused(UserError, "closed goal", self._goal_watch(closed)),
            ):
                wizard.action_cascade()

    def test_cascade_refuses_bad_values(self):
        parent = self._dept_goal()
        for vals, error, message in (
            ({"weight": 0}, ValidationError, "weight of a goal must be positive"),
            ({"weight": -1}, ValidationError, "weight of a goal must be positive"),
            (
                {"date_start": "2026-06-30", "date_deadline": "2026-01-01"},
                ValidationError,
                "deadline cannot be before the start date",
            ),
            (
                {"progress_mode": "metric", "start_value": 5, "target_value": 5},
                ValidationError,
                "must differ from its start value",
            ),
        ):
            wizard = self._cascade(
                parent,
                user=self.user_manager,
                employee_ids=(self.emp_employee | self.emp_peer).ids,
                **vals,
            )
            with (
                self.subTest(vals=vals),
                self.assertRefused(error, message, self._goal_watch(parent)),
            ):
                wizard.action_cascade()

    def test_cascade_refuses_targets_of_another_company(self):
        parent = self._dept_goal()
        template = self.env["hr.performance.goal.template"].create(
            {
                "name": "Faraway template",
                "company_id": self.other_company.id,
                "target_value": 10,
            }
        )
        for vals in (
            {"target_scope": "individual", "employee_ids": self.foreign_employee.ids},
            {"target_scope": "team", "team_lead_ids": self.foreign_employee.ids},
            {
                "target_scope": "department",
                "department_ids": self.foreign_department.ids,
            },
            {
                "target_scope": "individual",
                "employee_ids": self.emp_employee.ids,
                "template_id": template.id,
            },
        ):
            wizard = self._cascade(parent, user=self.user_multi_officer, **vals)
            with (
                self.subTest(vals=vals),
                self.assertRefused(
                    UserError, "another company", self._goal_watch(parent)
                ),
            ):
                wizard.action_cascade()

    def test_cascade_refuses_people_out_of_reach(self):
        parent = self._dept_goal()
        # Eva reads her department's goal, but cascades it to nobody else.
        wizard = self._cascade(
            parent,
            user=self.user_employee,
            employee_ids=self.emp_peer.ids,
            roll_up=False,
        )
        with self.assertRefused(AccessError, "Pablo Peer", self._goal_watch(parent)):
            wizard.action_cascade()
        # Marco leads no team of Theo's, nor Theo's department.
        theo_department = self.env["hr.department"].create(
            {"name": "Theo's", "manager_id": self.emp_other_manager.id}
        )
        for vals in (
            {"target_scope": "individual", "employee_ids": self.emp_other_report.ids},
            {"target_scope": "team", "team_lead_ids": self.emp_other_manager.ids},
            {"target_scope": "department", "department_ids": theo_department.ids},
        ):
            wizard = self._cascade(
                parent, user=self.user_manager, roll_up=False, **vals
            )
            with (
                self.subTest(vals=vals),
                self.assertRefused(
                    AccessError, "report to you", self._goal_watch(parent)
                ),
            ):
                wizard.action_cascade()

    def test_cascade_roll_up_needs_the_right_to_change_the_parent(self):
        """Eva may align her own goal to her department's, not make its
        progress roll up from hers: refused before her goal is created."""
        parent = self._dept_goal()
        wizard = self._cascade(
            parent, user=self.user_employee, employee_ids=self.emp_employee.ids
        )
        with self.assertRefused(AccessError, "roll up", self._goal_watch(parent)):
            wizard.action_cascade()
        wizard.roll_up = False
        goals = self.env["hr.performance.goal"].search(
            wizard.action_cascade()["domain"]
        )
        self.assertEqual(
            (goals.employee_id, goals.parent_id), (self.emp_employee, parent)
        )
        self.assertEqual(parent.progress_mode, "manual")

    # ------------------------------------------------------------------ succession

    def test_succession_refuses_out_of_range_limits(self):
        job = self.env["hr.job"].create({"name": "Staff Engineer"})
        Succession = self.env["hr.performance.succession"].with_user(self.user_officer)
        for limit in (0, -5):
            with (
                self.subTest(limit=limit),
                self.assertRefused(ValidationError, "at least one candidate"),
            ):
                Succession.with_context(default_job_id=job.id).create({"limit": limit})
        wizard = Succession.create({"job_id": job.id, "limit": 2})
        watched = (wizard.candidate_ids, ["rank", "employee_id"])
        with self.assertRefused(ValidationError, "at least one candidate", watched):
            wizard.write({"limit": 0})
            wizard.action_refresh()

    def test_succession_refuses_a_job_of_another_company(self):
        job = self.env["hr.job"].create(
            {"name": "Faraway job", "company_id": self.other_company.id}
        )
        with self.assertRefused(AccessError, "Job Position"):
            self.env["hr.performance.succession"].with_user(
                self.user_officer
            ).with_context(
                active_model="hr.job", active_ids=job.ids, default_job_id=job.id
            ).create({})

    # ------------------------------------------------------------------ active_ids (line 15)

    def test_wizards_recheck_access_on_records_from_the_context(self):
        """As the employee and as another team's manager, each wizard opened
        on records of someone else (``active_ids`` and the ``default_*`` key the
        wizard really reads) is refused and changes nothing."""
        reviews = self._review(
            "calibration", employees=self.emp_employee | self.emp_peer, rating=2
        )
        cycle = self._cycle(name="Draft cycle", employee_ids=[])
        peer_goal = self._goal(name="Pablo's goal", employee_id=self.emp_peer.id)
        job = self.env["hr.job"].create({"name": "Team Lead"})
        watched = [
            *self._review_watch(reviews),
            (cycle, ["state", "employee_ids"]),
            (peer_goal, ["state", "progress_mode", "child_ids"]),
        ]
        openings = [
            (
                "hr.performance.calibrate",
                "hr.performance.review",
                reviews.ids,
                {"default_review_ids": reviews.ids},
                {"level_id": self.levels[4].id, "reason": "Mine now"},
                "action_apply",
                "Only HR calibrates",
            ),
            (
                "hr.performance.cycle.launch",
                "hr.performance.cycle",
                cycle.ids,
                {"default_cycle_id": cycle.id},
                {"employee_ids": self.emp_employee.ids, "launch": True},
                "action_apply",
                "hr.performance.cycle",
            ),
            (
                "hr.performance.goal.cascade",
                "hr.performance.goal",
                peer_goal.ids,
                {"default_parent_id": peer_goal.id},
                {"employee_ids": self.emp_employee.ids},
                "action_cascade",
                "Performance Goal",
            ),
            (
                "hr.performance.succession",
                "hr.job",
                job.ids,
                {"default_job_id": job.id},
                {},
                "action_refresh",
                "for HR only",
            ),
            (
                "hr.performance.feedback.request.wizard",
                "hr.performance.review",
                reviews[1:].ids,
                {
                    "default_review_id": reviews[1].id,
                    "default_employee_id": self.emp_peer.id,
                },
                {"reviewer_user_ids": self.user_admin.ids},
                "action_send",
                "yourself or the people",
            ),
        ]
        for user in (self.user_employee, self.user_other_manager):
            for (
                model,
                active_model,
                active_ids,
                defaults,
                vals,
                method,
                message,
            ) in openings:
                with (
                    self.subTest(user=user.login, wizard=model),
                    self.assertRefused(AccessError, message, *watched),
                ):
                    wizard = (
                        self.env[model]
                        .with_user(user)
                        .with_context(
                            active_model=active_model,
                            active_ids=active_ids,
                            active_id=active_ids[0],
                            **defaults,
                        )
                        .create(vals)
                    )
                    getattr(wizard, method)()


@tagged("post_install", "-at_install")
class TestGoalImportInput(WizardInputCase):
    """``load()`` of goals: one bad row, and nothing is imported; the row is
    named in the messages (test_goal.py covers a bad weight)."""

    def _load(self, user, fields, rows):
        goals = self.env["hr.performance.goal"]
        before = goals.with_context(active_test=False).search_count([])
        result = goals.with_user(user).load(fields, rows)
        self.assertFalse(result["ids"], result["messages"])
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(goals.with_context(active_test=False).search_count([]), before)
        return result["messages"]

    def assertReported(self, messages, row, fragment):
        """An error message names row ``row`` (0-based) and says ``fragment``."""
        self.assertTrue(
            any(
                m["type"] == "error"
                and m.get("rows", {}).get("from") == row
                and fragment in m["message"]
                for m in messages
            ),
            messages,
        )

    def test_bad_values(self):
        eva = str(self.emp_employee.id)
        for fields, bad, fragment in (
            (["manual_progress"], ["150"], "between 0 and 100"),
            (["progress"], ["-1"], "between 0 and 100"),
            (
                ["date_start", "date_deadline"],
                ["2026-06-30", "2026-01-01"],
                "deadline cannot be before",
            ),
            (
                ["progress_mode", "start_value", "target_value"],
                ["metric", "3", "3"],
                "must differ from its start value",
            ),
            (["scope"], ["galaxy"], "galaxy"),
        ):
            good = {
                "manual_progress": ["10"],
                "progress": ["10"],
                "date_start": ["2026-01-01", "2026-06-30"],
                "progress_mode": ["metric", "0", "10"],
                "scope": ["individual"],
            }[fields[0]]
            with self.subTest(fields=fields):
                messages = self._load(
                    self.user_officer,
                    ["name", "employee_id/.id", *fields],
                    [
                        ["Good one", eva, *good],
                        ["Bad one", eva, *bad],
                        ["Good two", eva, *good],
                    ],
                )
                self.assertReported(messages, 1, fragment)

    def test_unknown_and_foreign_ids(self):
        eva = str(self.emp_employee.id)
        self.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": "eva",
                "model": "hr.employee",
                "res_id": self.emp_employee.id,
            }
        )
        foreign_goal = self._goal(
            name="Faraway OKR",
            scope="company",
            employee_id=False,
            company_id=self.other_company.id,
        )
        for fields, good, bad, fragment in (
            (
                ["employee_id/id"],
                ["__import__.eva"],
                ["__import__.nobody"],
                "__import__.nobody",
            ),
            (
                ["employee_id/.id"],
                [eva],
                [str(self.foreign_employee.id)],
                "Fiona Faraway",
            ),
            (
                ["employee_id/.id", "parent_id/id"],
                [eva, ""],
                [eva, "__import__.no_goal"],
                "__import__.no_goal",
            ),
            (
                ["employee_id/.id", "parent_id/.id"],
                [eva, ""],
                [eva, str(foreign_goal.id)],
                "Faraway OKR",
            ),
            (
                ["employee_id/.id", "department_id/.id", "scope"],
                [eva, "", "individual"],
                ["", str(self.foreign_department.id), "department"],
                "Faraway Sales",
            ),
        ):
            with self.subTest(fields=fields):
                messages = self._load(
                    self.user_officer,
                    ["name", *fields],
                    [["Good one", *good], ["Bad one", *bad], ["Good two", *good]],
                )
                self.assertReported(messages, 1, fragment)

    def test_rows_out_of_the_importers_reach(self):
        """An employee imports goals for a peer, or aligned to a goal they
        cannot read: refused, nothing imported, the row reported."""
        eva, pablo = str(self.emp_employee.id), str(self.emp_peer.id)
        peer_goal = self._goal(name="Pablo's goal", employee_id=self.emp_peer.id)
        messages = self._load(
            self.user_employee,
            ["name", "employee_id/.id"],
            [["Mine", eva], ["For Pablo", pablo]],
        )
        self.assertReported(messages, 1, "Performance Goal")
        messages = self._load(
            self.user_employee,
            ["name", "employee_id/.id", "parent_id/.id"],
            [["Mine", eva, ""], ["Aligned to Pablo's", eva, str(peer_goal.id)]],
        )
        self.assertReported(messages, 1, "Performance Goal")
        # Another team's manager imports for Eva.
        messages = self._load(
            self.user_other_manager,
            ["name", "employee_id/.id"],
            [["For Eva", eva]],
        )
        self.assertReported(messages, 0, "Performance Goal")
