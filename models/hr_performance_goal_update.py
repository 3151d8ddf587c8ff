from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.progress import metric_progress


class HrPerformanceGoalUpdate(models.Model):
    _name = "hr.performance.goal.update"
    _description = "Goal Update"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # The author is whoever records the update (data imports run as superuser).
    _system_fields = ("author_user_id",)
    _fixed_fields = ("goal_id",)
    _subject_field = "goal_id.employee_id"
    _text_limits = {"note": 5000}

    goal_id = fields.Many2one(
        "hr.performance.goal",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="goal_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        related="goal_id.employee_id", store=True, string="Owner"
    )
    progress_mode = fields.Selection(related="goal_id.progress_mode")
    unit = fields.Char(related="goal_id.unit")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(help="New current value of a metric goal.")
    progress = fields.Float(
        help="Progress of the goal after this update, 0–100 %. Set by hand for a "
        "manual goal; computed from the value for a metric goal.",
        aggregator="max",
    )
    confidence = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        default="medium",
        required=True,
        help="How confident the owner is that the goal will be reached.",
    )
    note = fields.Text()
    checkin_id = fields.Many2one(
        "hr.performance.checkin",
        string="Check-in",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The check-in during which this update was recorded.",
    )
    author_user_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )

    _sql_constraints = [
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress must be between 0 and 100 %.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._completed_vals(vals_list)
        goals = self.env["hr.performance.goal"].browse(
            [vals["goal_id"] for vals in vals_list if vals.get("goal_id")]
        )
        goals.check_access("write")
        today = fields.Date.context_today(self)
        for vals in vals_list:
            goal = goals.browse(vals.get("goal_id"))
            date = fields.Date.to_date(vals.get("date"))
            if date and date > today:
                # A future date would make every real update look back-dated.
                raise ValidationError(
                    self.env._("A goal update cannot be dated in the future.")
                )
            if goal.state in ("done", "cancelled"):
                raise UserError(
                    self.env._(
                        "The goal %(goal)s is closed: it takes no more updates.",
                        goal=goal.name,
                    )
                )
            # Data goals take their values from the refresh only (superuser
            # code with its flag; a flag alone, from a client, is not enough).
            if goal.progress_mode == "data" and not (
                self.env.su and self.env.context.get("hr_performance_data_refresh")
            ):
                raise UserError(
                    self.env._(
                        "The value of %(goal)s is measured from data: use Refresh.",
                        goal=goal.name,
                    )
                )
            if goal.progress_mode in ("metric", "data"):
                vals["progress"] = self._metric_progress(goal, vals)
            elif goal.progress_mode == "children":
                vals["progress"] = goal.progress
            if not 0 <= (vals.get("progress") or 0) <= 100:
                raise ValidationError(
                    self.env._("Progress must be between 0 and 100 %.")
                )
        updates = super().create(vals_list)
        updates._apply_to_goals()
        return updates

    def _metric_progress(self, goal, vals):
        """The progress an update's value makes on a metric goal. NaN used to
        count as 100 % (``min(100, nan)`` is 100): lib refuses non-finite
        numbers, said here in the user's language."""
        value = vals.get("value", goal.current_value)
        try:
            return metric_progress(goal.start_value, goal.target_value, value)
        except ValueError as error:
            if goal.start_value == goal.target_value:
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s needs a target different from its start "
                        "value before an update can measure progress.",
                        goal=goal.name,
                    )
                ) from error
            raise ValidationError(
                self.env._("The value of an update must be a finite number.")
            ) from error

    def _apply_to_goals(self):
        """The newest update of each goal sets its current value or progress."""
        latest = {}
        for update in self.sorted(lambda u: (u.date, u.id)):
            latest[update.goal_id] = update
        for goal, update in latest.items():
            if goal.last_update_date and goal.last_update_date > update.date:
                continue  # a back-dated update records history, it does not move the goal
            if goal.progress_mode in ("metric", "data"):
                goal.current_value = update.value
            elif goal.progress_mode == "manual":
                goal.progress = update.progress
            if goal.state == "draft":
                goal.action_activate()

    def write(self, vals):
        if not self._is_privileged():
            raise UserError(
                self.env._("Goal updates are history: add a new update instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("Goal updates are history: they cannot be deleted.")
            )
