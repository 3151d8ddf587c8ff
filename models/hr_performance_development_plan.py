from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.skills import largest_gaps


class HrPerformanceDevelopmentPlan(models.Model):
    """A person's development plan: actions with a deadline, often towards a
    skill level their role requires. The employee and their managers work on
    it; it is followed in check-ins."""

    _name = "hr.performance.development.plan"
    _description = "Development Plan"
    _inherit = [
        "hr.performance.thread",
        "mail.activity.mixin",
        "hr.performance.activity.mixin",
        "hr.performance.led.mixin",
        "hr.performance.guard.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _system_fields = ("state",)
    _subject_field = "employee_id"
    _text_limits = {"name": 256}
    _follower_owner_field = "employee_id.user_id"

    name = fields.Char(required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True
    )
    manager_user_id = fields.Many2one(
        "res.users",
        compute="_compute_manager_user_id",
        store=True,
        help="The employee's manager's user (follows the org chart).",
    )
    review_id = fields.Many2one(
        "hr.performance.review",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    item_ids = fields.One2many(
        "hr.performance.development.item", "plan_id", string="Actions"
    )
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
        readonly=True,
    )
    progress = fields.Float(compute="_compute_progress", store=True)

    @api.depends("employee_id.parent_id.user_id")
    def _compute_manager_user_id(self):
        for plan in self:
            plan.manager_user_id = plan.employee_id.parent_id.user_id

    @api.depends("item_ids.state")
    def _compute_progress(self):
        for plan in self:
            items = plan.item_ids.filtered(lambda i: i.state != "cancelled")
            plan.progress = (
                len(items.filtered(lambda i: i.state == "done")) * 100.0 / len(items)
                if items
                else 0.0
            )

    @api.model
    def _portal_domain(self):
        """The plans the portal shows the current user: their own."""
        return [("employee_id.user_id", "=", self.env.uid)]

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        # Created by the employee's managers or HR, about someone else.
        plans._ensure_leads(
            self.env._("A development plan is made by the employee's manager or HR.")
        )
        return plans

    def write(self, vals):
        if self._is_privileged():
            return super().write(vals)
        self._ensure_leads(
            self.env._(
                "Your manager changes the plan; you update the status and notes of its actions."
            )
        )
        result = super().write(vals)
        # Record rules are checked before a write: re-check after it, so that
        # nobody moves a plan onto someone out of their reach.
        if "employee_id" in vals:
            self._ensure_leads(
                self.env._("You can only plan the development of your own reports.")
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if not self.env.su and self.filtered(lambda p: p.state != "draft"):
            raise UserError(
                self.env._("Only a draft plan can be deleted; cancel the others.")
            )

    def action_activate(self):
        self._ensure_leads(
            self.env._("The employee's manager or HR changes the plan's status.")
        )
        # sudo: state is readonly; _ensure_leads() passed above
        self.filtered(lambda p: p.state == "draft").sudo().write({"state": "active"})
        return True

    def action_done(self):
        self._ensure_leads(
            self.env._("The employee's manager or HR changes the plan's status.")
        )
        # sudo: state is readonly; _ensure_leads() passed above
        self.sudo().write({"state": "done"})
        return True

    def action_cancel(self):
        self._ensure_leads(
            self.env._("The employee's manager or HR changes the plan's status.")
        )
        # sudo: state is readonly; _ensure_leads() passed above
        self.sudo().write({"state": "cancelled"})
        return True

    @api.model
    def _cron_deadline_reminders(self):
        """One activity per plan whose open actions fall due within the
        company's reminder days; never a second while the first is open."""
        today = fields.Date.context_today(self)
        # Search as far ahead as the most generous company, then apply each
        # company's own number of days.
        [[horizon]] = self.env["res.company"]._read_group(
            [], aggregates=["performance_reminder_days:max"]
        )
        horizon = horizon or 3
        items = self.env["hr.performance.development.item"].search(
            [
                ("plan_id.state", "=", "active"),
                ("state", "in", ("todo", "in_progress")),
                ("date_deadline", "!=", False),
                ("date_deadline", "<=", fields.Date.add(today, days=horizon)),
            ]
        )
        due = items.filtered(
            lambda i: (
                (i.date_deadline - today).days
                <= (i.plan_id.company_id.performance_reminder_days or 3)
            )
        )
        for deadline, due_items in due.grouped("date_deadline").items():
            due_items.plan_id._schedule_activity_once(
                "hr_performance.mail_activity_type_development_action",
                deadline,
                lambda plan: plan.employee_id.user_id,
                lambda plan: self.env._(
                    "Development action due: %(plan)s", plan=plan.name
                ),
            )

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_from_review_gaps(self, review):
        """A plan for the employee of ``review``, which the current user
        leads, with one action per largest gap between the job's required
        levels and the assessed (or current) ones; the manager completes it."""
        deadline = fields.Date.add(fields.Date.context_today(self), months=6)
        gaps = self._review_gaps(review)
        return self.create(
            {
                "name": self.env._(
                    "Development plan %(employee)s (%(cycle)s)",
                    employee=review.employee_id.name,
                    cycle=review.cycle_id.name,
                ),
                "employee_id": review.employee_id.id,
                "review_id": review.id,
                "item_ids": [
                    fields.Command.create(self._gap_item_vals(review, source, deadline))
                    for source, _gap in largest_gaps(gaps.items(), 3)
                ],
            }
        )

    @api.model
    def _review_gaps(self, review):
        """{source: gap} of the employee of ``review``: its skill lines (the
        assessed level, else the level at launch), else the skills matrix."""
        gaps = {}
        # sudo: the led employee's skill gaps; the caller leads the review
        for line in review.sudo().skill_ids:
            level = line.assessed_level_id or line.current_level_id
            gaps[line] = max(0, line.required_progress - level.level_progress)
        if not gaps:
            # sudo: the led employee's gaps from the skills matrix; the caller leads
            matrix = (
                self.env["hr.performance.skill.matrix"]
                .sudo()
                .search([("employee_id", "=", review.employee_id.id), ("gap", ">", 0)])
            )
            gaps = {row: row.gap for row in matrix}
        return gaps

    @api.model
    def _gap_item_vals(self, review, source, deadline):
        """A training action towards the level required for the skill of
        ``source`` (a review skill line or a skills matrix row)."""
        # sudo: the level the employee's job requires for that skill
        required = (
            source.required_level_id
            if source._name == "hr.performance.review.skill"
            else review.sudo()
            .employee_id.job_id.performance_skill_ids.filtered(
                lambda js: js.skill_id == source.skill_id
            )
            .skill_level_id
        )
        return {
            "name": self.env._(
                "Reach %(level)s in %(skill)s",
                level=required.name or "",
                skill=source.skill_id.name,
            ),
            "action_type": "training",
            "skill_type_id": source.skill_type_id.id,
            "skill_id": source.skill_id.id,
            "target_level_id": required.id,
            "date_deadline": deadline,
        }
