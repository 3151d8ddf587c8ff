from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..lib.cadence import step_reminder, step_reminder_key
from ..lib.scoring import goal_score, review_scores
from .access import is_performance_hr
from .batch import each_or_alone

REVIEW_STATES = [
    ("self_review", "Self Review"),
    ("manager_review", "Manager Review"),
    ("calibration", "Calibration"),
    ("shared", "Shared"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
POTENTIALS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
LAUNCH_MAIL_BATCH = 1000
# Open reviews: their goal score follows the goals (see current_goal_score).
OPEN_STATES = ("self_review", "manager_review")
# The activity of each step a person takes, in the order of the steps.
STEP_ACTIVITIES = {
    "self_review": "hr_performance.mail_activity_type_self_review",
    "manager_review": "hr_performance.mail_activity_type_manager_review",
    "shared": "hr_performance.mail_activity_type_review_acknowledge",
}
# Kept on hr.performance.review.assessment, which the employee reads only once
# the review is shared; here they are proxies that show False until then.
# A Float reads 0 where nothing was stored: each score has a has_<score> flag,
# hidden exactly like the score it describes.
ASSESSMENT_FIELDS = (
    "manager_score",
    "has_manager_score",
    "peer_score",
    "has_peer_score",
    "upward_score",
    "has_upward_score",
    "overall_score",
    "has_overall_score",
    "proposed_rating_level_id",
    "final_rating_level_id",
    "potential",
    "nine_box_cell",
    "manager_comment",
)


def score_flags(vals, names):
    """``vals`` with the availability flag of each score of ``names`` it
    writes: a score written exists, one written as None or False does not
    (unless ``vals`` sets the flag itself)."""
    flags = {
        f"has_{name}": vals[name] is not None and vals[name] is not False
        for name in names
        if name in vals and f"has_{name}" not in vals
    }
    return {**vals, **flags} if flags else vals


def score_sql(alias, name):
    """The score ``name`` of the table row ``alias`` in SQL: NULL where it
    does not exist, so that averages leave it out. An existing score stored
    as NULL is a 0, as the ORM reads it (writing 0.0 over a NULL leaves it)."""
    return SQL(
        "CASE WHEN %s THEN COALESCE(%s, 0) END",
        SQL.identifier(alias, f"has_{name}"),
        SQL.identifier(alias, name),
    )


class HrPerformanceReview(models.Model):
    _name = "hr.performance.review"
    _description = "Performance Review"
    _inherit = [
        "hr.performance.thread",
        "mail.activity.mixin",
        "hr.performance.activity.mixin",
        "hr.performance.led.mixin",
        "hr.performance.guard.mixin",
    ]
    _order = "cycle_id desc, employee_id"
    _check_company_auto = True
    # Set by the launch and the workflow steps (run as superuser) only.
    _system_fields = (
        "cycle_id",
        "employee_id",
        "manager_id",
        "manager_user_id",
        "department_id",
        "company_id",
        "state",
        "goal_score",
        "self_score",
        "has_goal_score",
        "has_self_score",
        "acknowledged_date",
        "self_submitted_date",
        "manager_submitted_date",
        "launch_mail_pending",
        "reminder_key",
    )
    _subject_field = "employee_id"
    _text_limits = {"employee_comment": 5000}
    _follower_access_fields = (
        "employee_id",
        "manager_id",
        "manager_user_id",
        "company_id",
    )
    _follower_owner_field = "employee_id.user_id"

    cycle_id = fields.Many2one(
        "hr.performance.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )
    manager_id = fields.Many2one(
        "hr.employee", index=True, ondelete="restrict", readonly=True
    )
    manager_user_id = fields.Many2one(
        "res.users",
        index=True,
        readonly=True,
        help="The manager's user when the cycle was launched: a snapshot.",
    )
    department_id = fields.Many2one("hr.department", index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    rating_scale_id = fields.Many2one(related="cycle_id.rating_scale_id")
    state = fields.Selection(
        REVIEW_STATES,
        required=True,
        default="self_review",
        tracking=True,
        readonly=True,
        index=True,
        group_expand=True,
    )
    line_ids = fields.One2many(
        "hr.performance.review.line", "review_id", string="Answers"
    )
    self_line_ids = fields.One2many(
        "hr.performance.review.line",
        "review_id",
        domain=[("role", "=", "self")],
        string="Self Review",
    )
    manager_line_ids = fields.One2many(
        "hr.performance.review.line",
        "review_id",
        domain=[("role", "=", "manager")],
        string="Manager Review",
    )
    feedback_request_ids = fields.One2many(
        "hr.performance.feedback.request", "review_id", string="360 Requests"
    )
    skill_ids = fields.One2many(
        "hr.performance.review.skill", "review_id", string="Skills"
    )
    development_plan_ids = fields.One2many(
        "hr.performance.development.plan", "review_id", string="Development Plans"
    )
    nomination_ids = fields.One2many(
        "hr.performance.review.nomination", "review_id", string="360 Reviewers"
    )
    peer_review = fields.Boolean(related="cycle_id.template_id.peer_review")
    nomination_pending = fields.Boolean(
        string="Reviewers to Approve", compute="_compute_nomination_pending"
    )
    assessment_ids = fields.One2many("hr.performance.review.assessment", "review_id")
    calibration_adjustment_ids = fields.One2many(
        "hr.performance.calibration.adjustment",
        "review_id",
        string="Calibration Log",
        groups="hr_performance.group_performance_officer",
    )
    goal_score = fields.Float(
        readonly=True,
        help="Weighted progress of the employee's goals in the cycle period, as "
        "of the last submitted step (see Current Goal Score).",
    )
    has_goal_score = fields.Boolean(
        readonly=True, help="The employee has goals in the cycle period."
    )
    current_goal_score = fields.Float(
        compute="_compute_current_goal_score",
        help="Weighted progress of the employee's goals in the cycle period: "
        "live while the review is open, frozen when the manager review is submitted.",
    )
    has_current_goal_score = fields.Boolean(compute="_compute_current_goal_score")
    self_score = fields.Float(readonly=True)
    has_self_score = fields.Boolean(
        readonly=True, help="The self review is submitted, with ratings."
    )
    peer_score = fields.Float(
        compute="_compute_assessment",
        help="Colleagues' 360 ratings, 0-100; only from the anonymity threshold on.",
    )
    has_peer_score = fields.Boolean(compute="_compute_assessment")
    upward_score = fields.Float(
        compute="_compute_assessment",
        help="The direct reports' ratings of this manager, 0-100; only from the "
        "anonymity threshold on.",
    )
    has_upward_score = fields.Boolean(compute="_compute_assessment")
    manager_score = fields.Float(
        compute="_compute_assessment", inverse="_inverse_assessment"
    )
    has_manager_score = fields.Boolean(compute="_compute_assessment")
    overall_score = fields.Float(
        compute="_compute_assessment",
        inverse="_inverse_assessment",
        help="The weighted sections (or the template's formula), once the "
        "manager review is submitted.",
    )
    has_overall_score = fields.Boolean(compute="_compute_assessment")
    proposed_rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        compute="_compute_assessment",
        inverse="_inverse_assessment",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    final_rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        compute="_compute_assessment",
        search="_search_final_rating_level_id",
    )
    potential = fields.Selection(
        POTENTIALS, compute="_compute_assessment", inverse="_inverse_assessment"
    )
    nine_box_cell = fields.Integer(compute="_compute_assessment")
    manager_comment = fields.Html(
        compute="_compute_assessment", inverse="_inverse_assessment"
    )
    employee_comment = fields.Text(
        help="The employee's comment when acknowledging, dissent included."
    )
    acknowledged_date = fields.Date(readonly=True, copy=False)
    self_submitted_date = fields.Date(readonly=True, copy=False)
    manager_submitted_date = fields.Date(readonly=True, copy=False)
    launch_mail_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="The review is created; its 'your review has started' mail is still to go.",
    )
    reminder_key = fields.Char(
        readonly=True,
        copy=False,
        help="The last reminder sent (step and kind), so none is sent twice.",
    )
    is_employee = fields.Boolean(compute="_compute_roles")
    is_manager = fields.Boolean(compute="_compute_roles")

    _sql_constraints = [
        (
            "cycle_employee_unique",
            "UNIQUE(cycle_id, employee_id)",
            "An employee has one review per cycle.",
        ),
    ]

    @api.depends("employee_id", "cycle_id")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "%(employee)s, %(cycle)s",
                employee=review.employee_id.name or "",
                cycle=review.cycle_id.name or "",
            )

    @api.depends("nomination_ids.state")
    def _compute_nomination_pending(self):
        for review in self:
            review.nomination_pending = "proposed" in review.nomination_ids.mapped(
                "state"
            )

    @api.depends(
        "state",
        "goal_score",
        "has_goal_score",
        "employee_id",
        "cycle_id.date_start",
        "cycle_id.date_end",
    )
    def _compute_current_goal_score(self):
        # Open reviews: the goals as they stand, one search for the batch.
        live = self.filtered(lambda r: r.state in OPEN_STATES)
        goals_by_review = live._goals_by_review()
        for review in self:
            if review in live:
                score = goal_score(
                    (goal.progress, goal.weight) for goal in goals_by_review[review.id]
                )
            else:
                score = review.goal_score if review.has_goal_score else None
            review.current_goal_score = score or 0.0
            review.has_current_goal_score = score is not None

    # ------------------------------------------------------------------ roles

    @api.depends_context("uid")
    def _compute_roles(self):
        for review in self:
            review.is_employee = review.employee_id.user_id == self.env.user
            review.is_manager = review._leads()

    def _can_see_assessment(self):
        self.ensure_one()
        return self.state in ("shared", "done") or self._leads()

    # ------------------------------------------------------------------ assessment proxies

    @api.depends_context("uid")
    @api.depends("state", *(f"assessment_ids.{field}" for field in ASSESSMENT_FIELDS))
    def _compute_assessment(self):
        # All the assessments at once, so that their fields are read in batch.
        # sudo: read for all, shown only where _can_see_assessment() (just below)
        by_review = {
            assessment.review_id.id: assessment
            for assessment in self.sudo().assessment_ids
        }
        empty = self.env["hr.performance.review.assessment"]
        for review in self:
            assessment = by_review.get(review._origin.id, empty)
            visible = bool(assessment) and review._can_see_assessment()
            for field in ASSESSMENT_FIELDS:
                review[field] = assessment[field] if visible else False

    def _inverse_assessment(self):
        message = self.env._(
            "Only the manager fills in the manager review, while it is open."
        )
        if self.filtered(lambda r: r.state != "manager_review"):
            raise UserError(message)
        self._ensure_leads(message)
        for review in self:
            review.assessment_ids[:1].write(
                {
                    "proposed_rating_level_id": review.proposed_rating_level_id.id,
                    "potential": review.potential,
                    "manager_comment": review.manager_comment,
                }
            )

    def _search_final_rating_level_id(self, operator, value):
        # Searchable only where readable: HR everywhere, others once shared.
        domain = [("assessment_ids.final_rating_level_id", operator, value)]
        released = [("state", "in", ("shared", "done"))]
        if self.env.su:
            return domain
        if is_performance_hr(self.env):
            # HR officers' own reviews too only once released.
            return expression.AND(
                [
                    domain,
                    expression.OR(
                        [[("employee_id.user_id", "!=", self.env.uid)], released]
                    ),
                ]
            )
        return expression.AND([domain, released])

    # ------------------------------------------------------------------ write guard

    def write(self, vals):
        if not self._is_privileged():
            allowed = {
                "employee_comment",
                "proposed_rating_level_id",
                "potential",
                "manager_comment",
                "line_ids",
                "self_line_ids",
                "manager_line_ids",
                "nomination_ids",
                "skill_ids",
            }
            forbidden = set(vals) - allowed
            if forbidden:
                raise UserError(
                    self.env._(
                        "Reviews move forward through their buttons; these fields cannot be set directly."
                    )
                )
        # The employee's words are theirs, HR included: written by the
        # employee while acknowledging, then kept.
        if (
            "employee_comment" in vals
            and not self.env.su
            and not all(r.is_employee and r.state == "shared" for r in self)
        ):
            raise UserError(
                self.env._("Only the employee comments, when acknowledging the review.")
            )
        return super().write(score_flags(vals, ("goal_score", "self_score")))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        # A review someone has worked on is history, for HR too: cancel it.
        # sudo: whether a 360 answer exists; nothing of it is returned
        if not self.env.su and self.filtered(
            lambda r: (
                r.self_submitted_date
                or r.manager_submitted_date
                or r.state not in ("self_review", "manager_review")
                or "submitted" in r.sudo().feedback_request_ids.mapped("state")
            )
        ):
            raise UserError(
                self.env._(
                    "Only a review nobody has submitted anything in can be deleted; "
                    "cancel its cycle instead."
                )
            )

    # ------------------------------------------------------------------ workflow

    def _ensure_state(self, allowed, action=None):
        """The state guard of every step: a ``UserError`` unless each review
        is in one of ``allowed`` (``action``: the state guards' one signature;
        the message names no step)."""
        if self.filtered(lambda r: r.state not in allowed):
            raise UserError(self.env._("This review is not at that step anymore."))

    def action_request_peer_feedback(self):
        """360: the manager asks colleagues about the employee, anonymously by default."""
        self.ensure_one()
        message = self.env._(
            "The employee's manager asks for 360 feedback while the review is open."
        )
        self._ensure_leads(message)
        if self.state not in ("self_review", "manager_review"):
            raise AccessError(message)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ask for 360 Feedback"),
            "res_model": "hr.performance.feedback.request.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_employee_id": self.employee_id.id,
                "default_review_id": self.id,
                "default_deadline": self.cycle_id.manager_review_deadline,
                "default_question": self.env._(
                    "How has %(employee)s worked with you during %(cycle)s?",
                    employee=self.employee_id.name,
                    cycle=self.cycle_id.name,
                ),
            },
        }

    def _ensure_nominations_open(self):
        for review in self:
            if not (
                review.peer_review
                and review.cycle_id.state == "open"
                and review.state in ("self_review", "manager_review")
            ):
                raise UserError(
                    self.env._(
                        "360 reviewers are chosen while the review is open, in cycles whose template asks for peer reviews."
                    )
                )

    def action_approve_nominations(self):
        """Approve every colleague the employee proposed (the manager)."""
        self.nomination_ids.filtered(lambda n: n.state == "proposed").action_approve()
        return True

    def _update_nomination_activities(self, lapsed=False):
        """The manager has one "approve 360 reviewers" activity while
        proposals wait. Once none waits it is marked done (the manager
        decided: the chatter keeps who and when), or removed when the
        proposals ``lapsed`` with the manager review."""
        xmlid = "hr_performance.mail_activity_type_peer_approval"
        waiting = self.filtered("nomination_pending")
        settled = self - waiting
        if settled and lapsed:
            # sudo: removes the manager's approval activity; server-side hand-over
            settled.sudo().activity_unlink([xmlid])
        elif settled:
            # sudo: the manager's approval activity, done after their own checks
            settled.sudo().activity_feedback([xmlid])
        waiting._schedule_activity_once(
            xmlid,
            fields.Date.context_today(self),
            lambda r: r.manager_user_id,
            lambda r: self.env._(
                "Approve the 360 reviewers %(employee)s proposed",
                employee=r.employee_id.name,
            ),
        )

    def action_submit_self_review(self):
        self._ensure_state(("self_review",))
        for review in self:
            if not (
                review.employee_id.user_id == self.env.user or self._is_privileged()
            ):
                raise AccessError(
                    self.env._("Only the employee submits their self review.")
                )
            review.self_line_ids._ensure_answered()
        # sudo: state is readonly; the employee (or HR) was checked above
        self.sudo().write(
            {
                "state": "manager_review",
                "self_submitted_date": fields.Date.context_today(self),
            }
        )
        # Once submitted: the self score exists from now on.
        self._update_scores()
        self._update_activities()
        return True

    def action_submit_manager_review(self):
        self._ensure_state(("manager_review",))
        self._ensure_leads(
            self.env._("Only the employee's manager submits the manager review.")
        )
        for review in self:
            review.manager_line_ids._ensure_answered()
        for review in self:
            # sudo: only whether a rating is proposed; _ensure_leads() passed above
            assessment = review.assessment_ids.sudo()
            if not assessment.proposed_rating_level_id:
                raise UserError(
                    self.env._("Propose a rating before submitting the manager review.")
                )
        # sudo: state is readonly; the manager (_ensure_leads) was checked above
        self.sudo().write(
            {
                "state": "calibration",
                "manager_submitted_date": fields.Date.context_today(self),
            }
        )
        # Once submitted: the manager and overall scores exist from now on.
        self._update_scores()
        # Proposals nobody approved lapse with the manager review.
        # sudo: nomination state is readonly; the manager was checked above
        self.nomination_ids.filtered(lambda n: n.state == "proposed").sudo().write(
            {"state": "rejected"}
        )
        self._update_nomination_activities(lapsed=True)
        self._update_activities()
        return True

    def action_share(self):
        """Release a single review to its employee (HR)."""
        if not self._is_privileged():
            raise AccessError(self.env._("Only HR releases reviews."))
        self._ensure_state(("calibration",))
        self._share()
        return True

    def _share(self):
        # sudo: private; the release is HR's (action_share, the cycle's release)
        for assessment in self.assessment_ids.sudo():
            if not assessment.final_rating_level_id:
                assessment._set_final_rating(assessment.proposed_rating_level_id)
        # sudo: state is readonly; only HR's release reaches this private step
        self.sudo().write({"state": "shared"})
        self._update_activities()
        self._send_template("hr_performance.mail_template_review_released")

    def action_acknowledge(self):
        self._ensure_state(("shared",))
        if not all(
            review.employee_id.user_id == self.env.user or self._is_privileged()
            for review in self
        ):
            raise AccessError(
                self.env._("Only the employee acknowledges their review.")
            )
        # sudo: state is readonly; the employee (or HR) was checked above
        self.sudo().write(
            {"state": "done", "acknowledged_date": fields.Date.context_today(self)}
        )
        # sudo: the manager's assessed levels, applied once the employee acknowledged
        self.sudo().skill_ids._apply_to_employee_skills()
        self._update_activities()
        return True

    def action_create_development_plan(self):
        """A development plan for the employee, with one action per largest
        gap between the job's required levels and the assessed (or current)
        ones; opened for the manager to complete."""
        self.ensure_one()
        self._ensure_leads(
            self.env._("The employee's manager creates their development plan.")
        )
        plan = self.env["hr.performance.development.plan"]._create_from_review_gaps(
            self
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.performance.development.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_calibrate(self, level_id, reason):
        """Set the final rating during calibration (HR), with an audit row."""
        if not self._is_privileged():
            raise AccessError(self.env._("Only HR calibrates ratings."))
        level = (
            level_id
            if isinstance(level_id, models.BaseModel)
            else self.env["hr.performance.rating.level"].browse(level_id)
        )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Say why the rating changes: a calibration needs a reason.")
            )
        for review in self:
            # A review re-opened after the release is back in calibration on its own.
            if review.state != "calibration" or review.cycle_id.state not in (
                "calibration",
                "released",
            ):
                raise UserError(
                    self.env._(
                        "Ratings are calibrated while the cycle is in calibration."
                    )
                )
            if not level.exists() or level.scale_id != review.rating_scale_id:
                raise UserError(
                    self.env._("Choose a level of the cycle's rating scale.")
                )
        # Every review is checked above before any changes: a bad one in the
        # batch leaves the others as they were.
        # sudo: HR only (checked above); the final ratings move with an audit row each
        self.env["hr.performance.calibration.adjustment"]._create_for_reviews(
            self, reason, level
        )
        self.assessment_ids.sudo()._set_final_rating(level)
        return True

    def action_reopen(self, reason):
        """Unfreeze released reviews for another calibration (HR), audited."""
        if not self._is_privileged():
            raise AccessError(self.env._("Only HR re-opens released reviews."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the review is re-opened."))
        if self.filtered(lambda r: r.state not in ("shared", "done")):
            raise UserError(self.env._("Only released reviews can be re-opened."))
        self.env["hr.performance.calibration.adjustment"]._create_for_reviews(
            self, reason
        )
        # sudo: state is readonly; HR only (checked above)
        self.sudo().write({"state": "calibration", "acknowledged_date": False})
        self._update_activities()
        return True

    def action_open_calibrate(self, mode="calibrate"):
        # Refused before anything is read: the context carries the current rating.
        if not self._is_privileged():
            raise AccessError(self.env._("Only HR calibrates ratings."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Re-open Review")
            if mode == "reopen"
            else self.env._("Calibrate Rating"),
            "res_model": "hr.performance.calibrate",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_review_ids": self.ids,
                "default_mode": mode,
                # sudo: HR only (checked above), who may read every rating;
                # several reviews rated differently propose none (no singleton error)
                "default_level_id": (
                    self.assessment_ids.sudo().rating_level_id.id
                    if len(self.assessment_ids.sudo().rating_level_id) == 1
                    else False
                ),
            },
        }

    def action_open_reopen(self):
        return self.action_open_calibrate(mode="reopen")

    # ------------------------------------------------------------------ scores

    def _update_scores(self):
        """Goal, self, peer, upward, manager and overall scores from the
        answers, the 360 requests and the goals (``lib.scoring.review_scores``);
        a score that does not exist is stored as such, never as 0."""
        goals_by_review = self._goals_by_review()
        # sudo: scores from answers and goals; 360 ones hidden below the k threshold
        for review in self.sudo():
            template = review.cycle_id.template_id
            scores = review_scores(
                [(s.id, s.kind, s.weight) for s in template.section_ids],
                review._score_inputs(goals_by_review[review.id]),
            )
            if template.score_formula and scores["overall"] is not None:
                value = template._formula_score(scores)
                if value is not None:
                    scores["overall"] = value
            # None stores an unavailable score (see score_flags)
            review.write({"goal_score": scores["goals"], "self_score": scores["self"]})
            review.assessment_ids.write(
                {
                    "manager_score": scores["manager"],
                    "peer_score": scores["peer"],
                    "upward_score": scores["upward"],
                    "overall_score": scores["overall"],
                }
            )

    def _score_inputs(self, goals):
        """What ``review_scores`` needs, as plain data: the goals' progress
        and weight, the rating values of the submitted reviews (the manager's
        per section), each answered 360 request's value and the skills."""
        self.ensure_one()
        scale = self.rating_scale_id
        manager = {}
        for line in self.manager_line_ids:
            manager.setdefault(line.section_id.id, []).extend(line._rating_values())
        answered = self.feedback_request_ids.filtered(lambda r: r.state == "submitted")
        return {
            "scale": (scale.min_value, scale.max_value),
            "goals": [(goal.progress, goal.weight) for goal in goals],
            "self": (
                self.self_line_ids._rating_values()
                if self.self_submitted_date
                else None
            ),
            "manager": manager if self.manager_submitted_date else None,
            "peer": answered.filtered(lambda r: r.relation != "upward")._per_reviewer(),
            "upward": answered.filtered(
                lambda r: r.relation == "upward"
            )._per_reviewer(),
            # Below the anonymity threshold no 360 score at all: it could name the rater.
            "threshold": self.company_id.performance_anonymity_threshold or 3,
            "skills": {
                line.skill_id.id: (
                    line.required_progress,
                    line.assessed_progress
                    if line.assessed_level_id
                    else line.current_level_id.level_progress,
                )
                for line in self.skill_ids
            },
        }

    def _score(self, name):
        """The score ``name`` (a field with a ``has_<name>`` flag), or None
        where it does not exist: never a 0 that is none, for exports."""
        self.ensure_one()
        return self[name] if self[f"has_{name}"] else None

    def _goals_by_review(self):
        """Each review's goals overlapping its cycle's period, but cancelled
        ones: one search for the whole batch."""
        result = {review.id: self.env["hr.performance.goal"] for review in self}
        if not self:
            return result
        # sudo: the reviewed employees' goals, used for the goal score only
        goals = (
            self.env["hr.performance.goal"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.employee_id.ids),
                    ("state", "!=", "cancelled"),
                ]
            )
        )
        by_employee = goals.grouped("employee_id")
        for review in self:
            cycle = review.cycle_id
            result[review.id] = by_employee.get(
                review.employee_id, self.env["hr.performance.goal"]
            ).filtered(
                lambda g, c=cycle: (
                    (not g.date_start or g.date_start <= c.date_end)
                    and (not g.date_deadline or g.date_deadline >= c.date_start)
                )
            )
        return result

    # ------------------------------------------------------------------ mails

    def _send_template(self, xmlid, **context):
        """One mail per review, batched; emails go out through the mail queue."""
        if self:
            # sudo: workflow mails (no rating) to the review's people, via the queue
            self.env.ref(xmlid).sudo().with_context(**context).send_mail_batch(self.ids)

    def _send_template_isolated(self, xmlid, **context):
        """``_send_template`` for a cron: a review whose mail cannot be made
        (a broken address, a template error) does not stop the others; it is
        logged, skipped and returned (never retried)."""
        return each_or_alone(
            self,
            lambda reviews: reviews._send_template(xmlid, **context),
            f"Mail {xmlid} of",
        )

    @api.model
    def _cron_send_launch_mails(self):
        """The launch mails of new reviews, a batch per call, committed by the
        cron runner, which calls again while some remain. The flag is cleared
        in the batch's own transaction, so a crash never mails anyone twice;
        a review whose mail fails is skipped, not retried, and stops no other."""
        reviews = self.search(
            [("launch_mail_pending", "=", True)], limit=LAUNCH_MAIL_BATCH, order="id"
        )
        reviews.write({"launch_mail_pending": False})
        reviews.filtered(
            lambda r: r.state in ("self_review", "manager_review")
        )._send_template_isolated("hr_performance.mail_template_review_launched")
        remaining = self.search_count([("launch_mail_pending", "=", True)])
        self.env["ir.cron"]._notify_progress(done=len(reviews), remaining=remaining)

    @api.model
    def _cron_send_reminders(self):
        """Mail the person whose step is due within the company's reminder
        days ("due soon") or past its deadline ("overdue"), once each."""
        today = fields.Date.context_today(self)
        reviews = self.search(
            [
                ("state", "in", ("self_review", "manager_review")),
                ("cycle_id.state", "=", "open"),
            ]
        )
        batches = {"soon": self.browse(), "overdue": self.browse()}
        for review in reviews:
            kind = step_reminder(
                today,
                review.cycle_id[
                    "self_review_deadline"
                    if review.state == "self_review"
                    else "manager_review_deadline"
                ],
                review.company_id.performance_reminder_days,
                review.state,
                review.reminder_key,
            )
            if kind:
                batches[kind] |= review
        for kind, batch in batches.items():
            # A reminder that failed is marked sent too: it is not retried daily.
            batch._send_template_isolated(
                "hr_performance.mail_template_review_reminder",
                overdue=kind == "overdue",
            )
            for review in batch:
                # sudo: cron bookkeeping of the last reminder sent (readonly field)
                review.sudo().reminder_key = step_reminder_key(review.state, kind)

    # ------------------------------------------------------------------ activities

    def _activity_summary(self, state):
        if state == "self_review":
            return self.env._(
                "Write your self review (%(cycle)s)", cycle=self.cycle_id.name
            )
        if state == "manager_review":
            return self.env._(
                "Review %(employee)s (%(cycle)s)",
                employee=self.employee_id.name,
                cycle=self.cycle_id.name,
            )
        return self.env._(
            "Read and acknowledge your review (%(cycle)s)", cycle=self.cycle_id.name
        )

    def _update_activities(self):
        """Hand the review over, as ``hr_leave.activity_update`` does: close
        the earlier steps' activities (see ``_close_step_activities``), then
        schedule the next person's one."""
        self._close_step_activities()
        for state, xmlid in STEP_ACTIVITIES.items():
            reviews = self.filtered(lambda r, s=state: r.state == s)
            if not reviews:
                continue
            deadline_field = {
                "self_review": "self_review_deadline",
                "manager_review": "manager_review_deadline",
            }.get(state)
            for deadline, batch in reviews.grouped(
                lambda r, f=deadline_field: (
                    (f and r.cycle_id[f]) or fields.Date.context_today(self)
                )
            ).items():
                batch._schedule_activity_once(
                    xmlid,
                    deadline,
                    lambda r, s=state: (
                        r.manager_user_id
                        if s == "manager_review"
                        else r.employee_id.user_id
                    ),
                    lambda r, s=state: r._activity_summary(s),
                )

    def _close_step_activities(self):
        """The activities of the steps a review has passed are marked done:
        the chatter keeps who did the step and when. The others (a cancelled
        review, a review re-opened before the step) are removed. One search
        for the batch."""
        step_of_type = {
            self.env.ref(xmlid).id: step for step, xmlid in STEP_ACTIVITIES.items()
        }
        rank = {state: index for index, (state, _label) in enumerate(REVIEW_STATES)}
        state_of = {review.id: review.state for review in self}
        # sudo: the steps' activities, closed after each step's own checks
        activities = self.sudo().activity_search(list(STEP_ACTIVITIES.values()))
        done = activities.filtered(
            lambda a: (
                state_of[a.res_id] != "cancelled"
                and rank[step_of_type[a.activity_type_id.id]] < rank[state_of[a.res_id]]
            )
        )
        if activities - done:
            (activities - done).unlink()
        if done:
            done.action_feedback()

    @api.model
    def _portal_domain(self):
        """The reviews the portal shows the current user: their own, the
        employee's part of the ``review_rule_user`` record rule (what of them
        they may see is the fields' and the lines' business)."""
        return [("employee_id.user_id", "=", self.env.uid)]
