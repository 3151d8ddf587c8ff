from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext, is_html_empty

from ..lib.goals import forecast_completion, goal_health, smart_check
from ..lib.progress import metric_progress, weighted_average
from .batch import each_or_alone

GOAL_SCOPES = [
    ("company", "Company"),
    ("department", "Department"),
    ("team", "Team"),
    ("individual", "Individual"),
]
PROGRESS_MODES = [
    ("manual", "Manual"),
    ("metric", "Metric"),
    ("children", "Sub-goals"),
    ("data", "Data"),
]
# Modes whose progress runs from a start to a target value.
VALUE_MODES = ("metric", "data")
# Goals whose sub-goals changed, waiting for the roll-up job: rows are only
# ever inserted by users' transactions and deleted by the job, so concurrent
# updates under one parent never write the same row (see _enqueue_rollup).
ROLLUP_QUEUE = "hr_performance_goal_rollup_queue"
# A change of these moves the parent's progress.
ROLLUP_FIELDS = {
    "progress",
    "manual_progress",
    "current_value",
    "start_value",
    "target_value",
    "progress_mode",
    "weight",
    "state",
    "parent_id",
    "active",
}
HEALTHS = [
    ("not_started", "Not Started"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("off_track", "Off Track"),
    ("done", "Done"),
]


class HrPerformanceGoal(models.Model):
    _name = "hr.performance.goal"
    _description = "Performance Goal"
    _inherit = [
        "hr.performance.thread",
        "mail.activity.mixin",
        "hr.performance.activity.mixin",
        "hr.performance.guard.mixin",
    ]
    _parent_store = True
    _order = "sequence, date_deadline, id"
    _check_company_auto = True
    _system_fields = ("state",)
    # The responsible follows the owner (or the department's manager); HR
    # names another for company and department goals.
    _privileged_fields = ("user_id",)
    _subject_field = "employee_id"
    _text_limits = {"name": 256, "unit": 64}
    _follower_access_fields = (
        "employee_id",
        "user_id",
        "scope",
        "department_id",
        "company_id",
    )
    _follower_owner_field = "user_id"

    name = fields.Char(required=True, tracking=True)
    description = fields.Html(help="What success looks like, and how it is measured.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    scope = fields.Selection(
        GOAL_SCOPES, required=True, default="individual", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department",
        index=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Owner",
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
        help="The person the goal belongs to; for a team goal, the team's lead.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    parent_id = fields.Many2one(
        "hr.performance.goal",
        string="Aligned To",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("hr.performance.goal", "parent_id", string="Sub-goals")
    child_count = fields.Integer(compute="_compute_child_count")
    template_id = fields.Many2one(
        "hr.performance.goal.template", index="btree_not_null", check_company=True
    )
    weight = fields.Float(
        default=1.0,
        tracking=True,
        help="Weight of this goal among the sub-goals of its parent.",
    )
    progress_mode = fields.Selection(
        PROGRESS_MODES,
        required=True,
        default="manual",
        tracking=True,
        help="Manual: progress is set by hand or by updates.\n"
        "Metric: from the current value between the start and the target value.\n"
        "Sub-goals: the weighted average of the sub-goals that are not cancelled.\n"
        "Data: the current value is measured from the database by a KPI.",
    )
    start_value = fields.Float()
    target_value = fields.Float(tracking=True)
    current_value = fields.Float(tracking=True)
    unit = fields.Char(help="e.g. €, %, customers, days")
    manual_progress = fields.Float(copy=False)
    progress = fields.Float(
        compute="_compute_progress",
        inverse="_inverse_progress",
        store=True,
        readonly=False,
        aggregator="avg",
        tracking=True,
        help="0–100 %. Set by hand for a manual goal, computed otherwise.",
    )
    rollup_pending = fields.Boolean(
        string="Rolling Up",
        compute="_compute_rollup_pending",
        help="A sub-goal moved a moment ago: the roll-up job is bringing this "
        "goal's progress up to date (within seconds).",
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    # No group_expand: the kanban shows the healths one's goals have, so a
    # phone (one column at a time) never opens on an empty "Not Started".
    health = fields.Selection(
        HEALTHS, compute="_compute_health", store=True, index=True
    )
    update_ids = fields.One2many(
        "hr.performance.goal.update", "goal_id", string="Updates"
    )
    update_count = fields.Integer(compute="_compute_update_stats", store=True)
    last_update_date = fields.Date(compute="_compute_update_stats", store=True)
    forecast_date = fields.Date(
        compute="_compute_forecast_date",
        store=True,
        help="When progress would reach 100 % at the pace of the updates so far.",
    )
    smart_score = fields.Integer(
        string="SMART Score",
        compute="_compute_smart",
        store=True,
        help="One point for each of Specific, Measurable, Achievable, Relevant "
        "(aligned) and Time-bound.",
    )
    smart_issue_codes = fields.Char(compute="_compute_smart", store=True)
    smart_issues = fields.Text(string="SMART Hints", compute="_compute_smart_issues")
    focus_warning = fields.Char(compute="_compute_focus_warning")
    color = fields.Integer()

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK(weight > 0)",
            "The weight of a goal must be positive.",
        ),
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress must be between 0 and 100 %.",
        ),
        (
            "dates_ordered",
            "CHECK(date_deadline IS NULL OR date_start IS NULL OR date_deadline >= date_start)",
            "The deadline cannot be before the start date.",
        ),
    ]

    @api.depends("employee_id", "scope")
    def _compute_department_id(self):
        for goal in self:
            if goal.scope in ("individual", "team") and goal.employee_id:
                goal.department_id = goal.employee_id.department_id
            elif goal.scope == "company":
                goal.department_id = False
            else:
                goal.department_id = goal.department_id

    @api.depends("employee_id.user_id", "department_id.manager_id.user_id", "scope")
    def _compute_user_id(self):
        for goal in self:
            if goal.scope in ("individual", "team"):
                goal.user_id = goal.employee_id.user_id
            elif goal.scope == "department":
                goal.user_id = goal.department_id.manager_id.user_id or goal.user_id
            else:
                goal.user_id = goal.user_id or self.env.user

    def _compute_child_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for goal in self:
            goal.child_count = counts.get(goal, 0)

    # Sub-goals do not recompute their parent in the same transaction (every
    # leaf update would then write every ancestor, and concurrent updates
    # under one root would queue on the same rows): the roll-up job does it.
    @api.depends(
        "progress_mode",
        "manual_progress",
        "start_value",
        "target_value",
        "current_value",
    )
    def _compute_progress(self):
        for goal in self:
            if goal.progress_mode in VALUE_MODES:
                goal.progress = (
                    metric_progress(
                        goal.start_value, goal.target_value, goal.current_value
                    )
                    if goal.target_value != goal.start_value
                    else 0.0
                )
            elif goal.progress_mode == "children":
                children = goal.child_ids.filtered(lambda c: c.state != "cancelled")
                goal.progress = (
                    weighted_average((c.progress, c.weight) for c in children) or 0.0
                )
            else:
                goal.progress = goal.manual_progress

    def _compute_rollup_pending(self):
        """Pending when this goal, or a goal below it, waits in the queue."""
        self.env.cr.execute(
            SQL(
                "SELECT g.parent_path FROM %s q JOIN hr_performance_goal g"
                " ON g.id = q.goal_id",
                SQL.identifier(ROLLUP_QUEUE),
            )
        )
        paths = [path for [path] in self.env.cr.fetchall()]
        for goal in self:
            mark = f"/{goal._origin.id}/"
            goal.rollup_pending = bool(goal._origin.id) and any(
                mark in f"/{path}" for path in paths
            )

    def _inverse_progress(self):
        for goal in self:
            if goal.progress_mode == "manual":
                goal.manual_progress = goal.progress
            else:
                if goal.progress_mode == "metric":
                    message = self.env._(
                        "The progress of %(goal)s is computed from its values; record a value instead.",
                        goal=goal.display_name,
                    )
                elif goal.progress_mode == "data":
                    message = self.env._(
                        "The progress of %(goal)s is measured from the ERP's data; refresh it instead.",
                        goal=goal.display_name,
                    )
                else:
                    message = self.env._(
                        "The progress of %(goal)s is computed from its sub-goals; update those instead.",
                        goal=goal.display_name,
                    )
                raise UserError(message)

    @api.depends("state", "progress", "date_start", "date_deadline")
    def _compute_health(self):
        today = fields.Date.context_today(self)
        for goal in self:
            goal.health = goal_health(
                goal.state,
                goal.progress,
                goal.date_start,
                goal.date_deadline,
                today,
                goal.company_id.performance_health_at_risk_margin,
            )

    @api.depends("update_ids.date")
    def _compute_update_stats(self):
        stats = {
            goal: (count, last)
            for goal, count, last in self.env["hr.performance.goal.update"]._read_group(
                [("goal_id", "in", self.ids)], ["goal_id"], ["__count", "date:max"]
            )
        }
        for goal in self:
            goal.update_count, goal.last_update_date = stats.get(
                goal._origin, (0, False)
            )

    @api.depends("update_ids.date", "update_ids.progress", "date_start", "state")
    def _compute_forecast_date(self):
        for goal in self:
            points = [(u.date, u.progress) for u in goal.update_ids if u.date]
            if goal.date_start and points:
                points.append((goal.date_start, 0.0))
            goal.forecast_date = (
                forecast_completion(points)
                if goal.state in ("active", "done")
                else False
            )

    @api.depends(
        "name",
        "description",
        "progress_mode",
        "start_value",
        "target_value",
        "child_ids",
        "parent_id",
        "scope",
        "date_deadline",
        "state",
    )
    def _compute_smart(self):
        today = fields.Date.context_today(self)
        for goal in self:
            goal.smart_score, issues = smart_check(
                name=goal.name or "",
                description=""
                if is_html_empty(goal.description)
                else html2plaintext(goal.description),
                progress_mode=goal.progress_mode,
                start_value=goal.start_value,
                target_value=goal.target_value,
                has_children=bool(goal.child_ids),
                has_parent=bool(goal.parent_id),
                scope=goal.scope,
                date_deadline=goal.date_deadline,
                state=goal.state,
                today=today,
            )
            goal.smart_issue_codes = ",".join(issues)

    @api.depends("smart_issue_codes")
    def _compute_smart_issues(self):
        hints = self._smart_hints()
        for goal in self:
            codes = (goal.smart_issue_codes or "").split(",")
            goal.smart_issues = (
                "\n".join(hints[code] for code in codes if code in hints) or False
            )

    def _smart_hints(self):
        return {
            "name_too_short": self.env._(
                "Specific: say in a few words what will be achieved."
            ),
            "vague_wording": self.env._(
                "Specific: words like “improve” or “better” need a number: improve what, by how much?"
            ),
            "no_description": self.env._(
                "Specific: describe what success looks like and how it is measured."
            ),
            "not_measurable": self.env._(
                "Measurable: track a metric (start and target values) or roll up sub-goals."
            ),
            "target_equals_start": self.env._(
                "Measurable: the target must differ from the start value."
            ),
            "deadline_passed": self.env._(
                "Achievable: the deadline has passed; move it or close the goal."
            ),
            "not_aligned": self.env._(
                "Relevant: align the goal to a team, department or company goal."
            ),
            "no_deadline": self.env._("Time-bound: set a deadline."),
        }

    @api.depends("employee_id", "state", "date_start", "date_deadline", "scope")
    def _compute_focus_warning(self):
        """Warn (never block) when the owner has more active goals overlapping
        this goal's period than the company's maximum. One query for all goals."""
        goals = self.filtered(lambda g: g.scope == "individual" and g.employee_id)
        (self - goals).focus_warning = False
        if not goals:
            return
        counts = defaultdict(list)
        for other in self.env["hr.performance.goal"].search_fetch(
            [
                ("employee_id", "in", goals.employee_id.ids),
                ("scope", "=", "individual"),
                ("state", "in", ("draft", "active")),
            ],
            ["employee_id", "date_start", "date_deadline"],
        ):
            counts[other.employee_id].append(
                (other.date_start, other.date_deadline, other.id)
            )
        for goal in goals:
            others = [
                goal_id
                for start, deadline, goal_id in counts[goal.employee_id]
                if goal_id != goal._origin.id
                and (not goal.date_deadline or not start or start <= goal.date_deadline)
                and (not goal.date_start or not deadline or deadline >= goal.date_start)
            ]
            total = len(others) + 1
            limit = goal.company_id.performance_max_active_goals
            goal.focus_warning = (
                self.env._(
                    "%(employee)s has %(count)s open goals in this period, more than the "
                    "%(limit)s recommended: consider merging or dropping some.",
                    employee=goal.employee_id.name,
                    count=total,
                    limit=limit,
                )
                if total > limit
                else False
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A goal cannot be aligned to one of its own sub-goals.")
            )

    @api.constrains(
        "weight", "progress", "manual_progress", "date_start", "date_deadline"
    )
    def _check_values(self):
        for goal in self:
            goal._raise_bad_values(goal._bad_values(goal._current_values()))

    @api.constrains("progress_mode", "start_value", "target_value")
    def _check_metric(self):
        for goal in self:
            if (
                goal.progress_mode in VALUE_MODES
                and goal.target_value == goal.start_value
            ):
                raise ValidationError(
                    self.env._(
                        "The target of the metric goal %(goal)s must differ from its start value.",
                        goal=goal.name,
                    )
                )

    @api.constrains("scope", "employee_id", "department_id")
    def _check_scope_owner(self):
        for goal in self:
            if goal.scope in ("individual", "team") and not goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "An individual or team goal needs an owner (%(goal)s).",
                        goal=goal.name,
                    )
                )
            if goal.scope == "department" and not goal.department_id:
                raise ValidationError(
                    self.env._(
                        "A department goal needs a department (%(goal)s).",
                        goal=goal.name,
                    )
                )

    def _current_values(self):
        return {
            "weight": self.weight,
            "progress": self.progress,
            "manual_progress": self.manual_progress,
            "date_start": self.date_start,
            "date_deadline": self.date_deadline,
        }

    @api.model
    def _bad_values(self, vals):
        """Messages for the per-row invariants broken by ``vals`` (SQL CHECKs
        guard the same rules; this gives the user a clear, translated message)."""
        errors = []
        if "weight" in vals and (vals["weight"] or 0) <= 0:
            errors.append(self.env._("The weight of a goal must be positive."))
        for key in ("progress", "manual_progress"):
            if key in vals and not 0 <= (vals[key] or 0) <= 100:
                errors.append(self.env._("Progress must be between 0 and 100 %."))
                break
        start = fields.Date.to_date(vals.get("date_start"))
        deadline = fields.Date.to_date(vals.get("date_deadline"))
        if start and deadline and deadline < start:
            errors.append(self.env._("The deadline cannot be before the start date."))
        if (
            vals.get("progress_mode") in VALUE_MODES
            and "target_value" in vals
            and (vals.get("start_value") or 0.0) == vals["target_value"]
        ):
            errors.append(
                self.env._(
                    "The target of a metric goal must differ from its start value."
                )
            )
        return errors

    def _raise_bad_values(self, errors):
        if errors:
            raise ValidationError("\n".join(errors))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                self._guard_input(vals)
            self._raise_bad_values(self._bad_values(vals))
        goals = super().create(vals_list)
        self._enqueue_rollup(goals.parent_id)
        return goals

    def _guard_created(self):
        if not self._is_privileged():
            self._ensure_parent_access(self.parent_id)
        self.filtered("parent_id")._ensure_owner_reads_parent()

    def _ensure_owner_reads_parent(self):
        """A goal is aligned only to a goal its owner may read: its name is
        shown on the owner's goal (many2one names are read as superuser).
        The usual cascades (a company goal, the owner's department's or lead's
        team goal, the owner's own goal) need no query."""
        for goal in self:
            # sudo: the owner's user, department and manager, to judge access
            parent, owner = goal.parent_id, goal.employee_id.sudo()
            if not owner.user_id or (
                parent.scope == "company"
                or parent.employee_id == owner
                or (parent.scope == "team" and parent.employee_id == owner.parent_id)
                or (
                    parent.scope == "department"
                    and parent.department_id == owner.department_id
                )
            ):
                continue
            if not parent.with_user(owner.user_id).has_access("read"):
                raise ValidationError(
                    self.env._(
                        "%(owner)s could not see the goal %(goal)s is aligned to: "
                        "align it to a goal they may read.",
                        owner=owner.name,
                        goal=goal.name,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            self._guard_input(vals)
        self._raise_bad_values(self._bad_values(vals))
        if not self._is_privileged():
            if "state" in vals:
                raise UserError(
                    self.env._("Use the goal's buttons to change its status.")
                )
            # Follows the owner: what a form sends back is ignored.
            for field in self._privileged_fields:
                vals.pop(field, None)
            if vals.get("parent_id"):
                self._ensure_parent_access(self.browse(vals["parent_id"]))
        if vals.get("parent_id") and self.search_count(
            [("id", "child_of", self.ids), ("id", "=", vals["parent_id"])], limit=1
        ):
            raise ValidationError(
                self.env._("A goal cannot be aligned to one of its own sub-goals.")
            )
        reassigning = {
            "employee_id",
            "department_id",
            "scope",
            "company_id",
            "user_id",
        } & set(vals)
        former_parents = self.parent_id if "parent_id" in vals else self.browse()
        if "weight" in vals and not self._is_privileged():
            # A weight moves the parent's roll-up: whoever may change the parent.
            self.parent_id.filtered(
                lambda p: p.progress_mode == "children"
            ).check_access("write")
        result = super().write(vals)
        # The flag is the addon's own (superuser code): a caller's is ignored.
        if ROLLUP_FIELDS & set(vals) and not (
            self.env.su and self.env.context.get("hr_performance_rollup")
        ):
            self._enqueue_rollup(self.parent_id | former_parents)
        if {"parent_id", "employee_id"} & set(vals) and not self.env.su:
            self.filtered("parent_id")._ensure_owner_reads_parent()
        if reassigning and not self._is_privileged():
            # Odoo checks record rules before a write only: check again, with
            # the create rules, that the goal is still one its writer could set.
            try:
                self.check_access("create")
            except AccessError as error:
                raise AccessError(
                    self.env._(
                        "You can only assign goals to yourself or to people who report to you."
                    )
                ) from error
        return result

    def unlink(self):
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            # The addon goes, its roll-up queue with it (uninstall_hook).
            return super().unlink()
        parents = self.parent_id - self
        result = super().unlink()
        self._enqueue_rollup(parents.exists())
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        # History stays, for HR too: cancel or archive a started goal.
        if self.env.su:
            return
        started = self.filtered(lambda g: g.state != "draft" or g.update_ids)
        if started:
            raise UserError(
                self.env._(
                    "Only draft goals without updates can be deleted; cancel or archive "
                    "%(goals)s instead.",
                    goals=", ".join(started.mapped("name")),
                )
            )

    def _ensure_parent_access(self, parents):
        """Align only to goals one may read; and to a goal that rolls its
        sub-goals up only when one may change it (a sub-goal moves it)."""
        parents.check_access("read")
        parents.filtered(lambda p: p.progress_mode == "children").check_access("write")

    def _set_state(self, state):
        """The one way a goal's state changes: checked by the action methods."""
        self.check_access("write")
        # sudo: state is system-only; check_access("write") just passed
        self.sudo().write({"state": state})

    # ------------------------------------------------------------------ actions

    def _ensure_state(self, allowed, message):
        """The state guard of every step: a ``UserError`` built by ``message``
        (a whole translated sentence naming the goals) unless each goal is in one
        of ``allowed``."""
        wrong = self.filtered(lambda g: g.state not in allowed)
        if wrong:
            raise UserError(message(", ".join(wrong.mapped("name"))))

    def action_activate(self):
        self._ensure_state(
            ("draft",),
            lambda goals: self.env._(
                "Only a draft goal can be activated: %(goals)s.", goals=goals
            ),
        )
        self._set_state("active")
        return True

    def action_done(self):
        self._ensure_state(
            ("draft", "active"),
            lambda goals: self.env._(
                "A goal already completed or cancelled cannot be completed: %(goals)s.",
                goals=goals,
            ),
        )
        self._set_state("done")
        # The chatter keeps who completed the goal and when.
        self.activity_feedback(["hr_performance.mail_activity_type_goal_update"])
        return True

    def action_cancel(self):
        self._ensure_state(
            ("draft", "active"),
            lambda goals: self.env._(
                "A goal already completed or cancelled cannot be cancelled: %(goals)s.",
                goals=goals,
            ),
        )
        self._set_state("cancelled")
        self.activity_unlink(["hr_performance.mail_activity_type_goal_update"])
        return True

    def action_reset_draft(self):
        self._ensure_state(
            ("done", "cancelled"),
            lambda goals: self.env._(
                "Only a completed or cancelled goal can be reset to draft: %(goals)s.",
                goals=goals,
            ),
        )
        self._set_state("draft")
        return True

    def action_new_update(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Update %(goal)s", goal=self.name),
            "res_model": "hr.performance.goal.update",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "hr_performance.hr_performance_goal_update_view_form"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_goal_id": self.id,
                "default_value": self.current_value,
                "default_progress": self.progress,
            },
        }

    def action_open_updates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Progress of %(goal)s", goal=self.name),
            "res_model": "hr.performance.goal.update",
            "view_mode": "graph,list,form",
            "domain": [("goal_id", "=", self.id)],
            "context": {"default_goal_id": self.id},
        }

    def action_open_children(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sub-goals of %(goal)s", goal=self.name),
            "res_model": "hr.performance.goal",
            "view_mode": "list,kanban,form",
            "domain": [("parent_id", "=", self.id)],
            "context": {
                "default_parent_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_cascade(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cascade %(goal)s", goal=self.name),
            "res_model": "hr.performance.goal.cascade",
            "view_mode": "form",
            "target": "new",
            "context": {"default_parent_id": self.id},
        }

    # ------------------------------------------------------------------ crons

    @api.model
    def _cron_update_reminders(self):
        """Schedule one "Goal update" activity for the owner of each active
        goal without an update for the company's interval; never a second one
        while the first is open. Batched: a constant number of queries per company."""
        today = fields.Date.context_today(self)
        stale = self.browse()
        active = [("state", "=", "active"), ("user_id", "!=", False)]
        for [company] in self._read_group(active, ["company_id"]):
            limit = today - timedelta(days=company.performance_goal_update_interval)
            # Last updated before the limit; never updated, started before it
            # (or created before it, without a start date).
            started = expression.OR(
                [
                    [("date_start", "<=", limit)],
                    [
                        ("date_start", "=", False),
                        ("create_date", "<=", fields.Datetime.to_datetime(limit)),
                    ],
                ]
            )
            stale |= self.search(
                expression.AND(
                    [
                        active,
                        [("company_id", "=", company.id)],
                        expression.OR(
                            [
                                [("last_update_date", "<=", limit)],
                                expression.AND(
                                    [[("last_update_date", "=", False)], started]
                                ),
                            ]
                        ),
                    ]
                )
            )
        stale._schedule_activity_once(
            "hr_performance.mail_activity_type_goal_update",
            today,
            lambda goal: goal.user_id,
            lambda goal: self.env._("Record an update on %(goal)s", goal=goal.name),
        )

    # ------------------------------------------------------------------ roll-up

    def init(self):
        self.env.cr.execute(
            SQL(
                """CREATE TABLE IF NOT EXISTS %s (
                       id SERIAL PRIMARY KEY,
                       goal_id INTEGER NOT NULL
                           REFERENCES hr_performance_goal(id) ON DELETE CASCADE)""",
                SQL.identifier(ROLLUP_QUEUE),
            )
        )

    @api.model
    def _enqueue_rollup(self, parents):
        """Ask the roll-up job to bring ``parents`` (and everything above
        them) up to date: one INSERT, which no concurrent update blocks, and
        a trigger that wakes the job at once."""
        parents = parents.filtered(lambda g: g.id and g.progress_mode == "children")
        if not parents:
            return
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (goal_id) SELECT unnest(%s::int[])",
                SQL.identifier(ROLLUP_QUEUE),
                parents.ids,
            )
        )
        # sudo: only schedules the addon's own roll-up job
        self.env.ref("hr_performance.ir_cron_goal_rollup").sudo()._trigger()

    @api.model
    def _cron_rollup(self):
        """Recompute every goal whose sub-goals moved, and the goals above
        them, deepest first, in one pass; the queue rows taken are deleted
        in the same transaction, so a crash leaves them for the next run."""
        self.env.cr.execute(
            SQL("DELETE FROM %s RETURNING goal_id", SQL.identifier(ROLLUP_QUEUE))
        )
        queued = self.browse({goal_id for [goal_id] in self.env.cr.fetchall()}).exists()
        # A goal whose roll-up fails is logged and dropped from the queue (not
        # retried at every run); the other trees settle.
        each_or_alone(queued, self._rollup, "Roll-up of")

    @api.model
    def _rollup(self, goals):
        """Recompute the sub-goal roll-ups of ``goals`` and of every goal
        above them, level by level from the deepest: each level reads the
        level below as just written. A few queries per level."""
        ancestors = {
            int(goal_id)
            for path in goals.mapped("parent_path")
            for goal_id in path.strip("/").split("/")
        }
        tree = self.with_context(active_test=False).browse(ancestors)
        tree = tree.filtered(lambda g: g.progress_mode == "children")
        levels = tree.grouped(lambda g: g.parent_path.count("/"))
        for depth in sorted(levels, reverse=True):
            level = levels[depth]
            self.env.add_to_compute(self._fields["progress"], level)
            level.flush_recordset(["progress", "health"])

    @api.model
    def _cron_recompute_health(self):
        """Health depends on today's date: refresh it once a day."""
        goals = self.search([("state", "=", "active")])
        self.env.add_to_compute(self._fields["health"], goals)
        goals.flush_model(["health"])

    @api.model
    def _portal_domain(self):
        """The goals the portal shows the current user, and lets them update:
        their own individual and team goals (the owner's part of the
        ``goal_rule_user_read`` and ``goal_rule_user_write`` record rules)
        and those they are responsible for (``user_id``). A company or
        department goal that merely names them as owner is not theirs to
        update (nor, for another department, to read): the backend refuses
        them, and so does the portal, which reads and writes with sudo."""
        return [
            ("employee_id.user_id", "=", self.env.uid),
            "|",
            ("scope", "in", ("individual", "team")),
            ("user_id", "=", self.env.uid),
        ]
