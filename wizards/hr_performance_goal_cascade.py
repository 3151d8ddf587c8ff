from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.access import is_performance_hr
from ..models.hr_performance_goal import PROGRESS_MODES


def _proposed(field_class, compute, *args, **kwargs):
    """A value the wizard proposes (from the goal, its template or dates) and
    the user may change; computed with the user's rights, never as superuser."""
    return field_class(
        *args,
        compute=compute,
        compute_sudo=False,
        store=True,
        readonly=False,
        precompute=True,
        **kwargs,
    )


class HrPerformanceGoalCascade(models.TransientModel):
    _name = "hr.performance.goal.cascade"
    _description = "Cascade a Goal"
    _inherit = ["hr.performance.guard.mixin"]

    parent_id = fields.Many2one(
        "hr.performance.goal",
        string="Goal to Cascade",
        required=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="parent_id.company_id")
    target_scope = _proposed(
        fields.Selection,
        "_compute_target_scope",
        [("department", "Departments"), ("team", "Teams"), ("individual", "Employees")],
        string="Cascade To",
        required=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    team_lead_ids = fields.Many2many(
        "hr.employee",
        "hr_performance_goal_cascade_team_lead_rel",
        string="Team Leads",
        domain="[('company_id', '=', company_id), ('child_ids', '!=', False)]",
        help="One team goal per lead, shared with the lead's direct reports.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "hr_performance_goal_cascade_employee_rel",
        string="Employees",
        domain="[('company_id', '=', company_id)]",
    )
    template_id = fields.Many2one(
        "hr.performance.goal.template",
        string="From Template",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    name = _proposed(fields.Char, "_compute_from_source", required=True)
    description = _proposed(fields.Html, "_compute_from_source")
    progress_mode = _proposed(
        fields.Selection, "_compute_from_source", PROGRESS_MODES, required=True
    )
    kpi_id = _proposed(
        fields.Many2one, "_compute_from_source", "hr.performance.kpi", string="KPI"
    )
    start_value = _proposed(fields.Float, "_compute_from_source")
    target_value = _proposed(fields.Float, "_compute_from_source")
    unit = _proposed(fields.Char, "_compute_from_source")
    weight = fields.Float(default=1.0, required=True)
    date_start = _proposed(fields.Date, "_compute_dates")
    date_deadline = _proposed(fields.Date, "_compute_dates")
    activate = fields.Boolean(default=True, help="Start the new goals right away.")
    roll_up = fields.Boolean(
        default=True,
        help="Compute the progress of the cascaded goal from its sub-goals.",
    )
    target_count = fields.Integer(compute="_compute_target_count")

    @api.model_create_multi
    def create(self, vals_list):
        # The wizard copies the goal's name, description and values: only from
        # a goal its user may read, given in its values or, as the goal's
        # button opens it, in the context.
        default = self.env.context.get("default_parent_id")
        self.env["hr.performance.goal"].browse(
            [
                vals.get("parent_id", default)
                for vals in vals_list
                if vals.get("parent_id", default)
            ]
        ).check_access("read")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("parent_id"):
            self.env["hr.performance.goal"].browse(vals["parent_id"]).check_access(
                "read"
            )
        return super().write(vals)

    @api.depends("parent_id.scope")
    def _compute_target_scope(self):
        next_scope = {
            "company": "department",
            "department": "team",
            "team": "individual",
        }
        for wizard in self:
            wizard.target_scope = next_scope.get(wizard.parent_id.scope, "individual")

    @api.depends("parent_id", "template_id")
    def _compute_from_source(self):
        for wizard in self:
            if wizard.template_id:
                values = wizard.template_id._goal_values()
            else:
                goal = wizard.parent_id
                values = {
                    "name": goal.name,
                    "description": goal.description,
                    "progress_mode": goal.progress_mode
                    if goal.progress_mode != "children"
                    else "manual",
                    "kpi_id": goal.kpi_id.id,
                    "start_value": goal.start_value,
                    "target_value": goal.target_value,
                    "unit": goal.unit,
                }
            for field in (
                "name",
                "description",
                "progress_mode",
                "kpi_id",
                "start_value",
                "target_value",
                "unit",
            ):
                wizard[field] = values[field]

    @api.depends("parent_id", "template_id")
    def _compute_dates(self):
        for wizard in self:
            wizard.date_start = (
                wizard.parent_id.date_start or fields.Date.context_today(wizard)
            )
            if wizard.template_id and not wizard.parent_id.date_deadline:
                wizard.date_deadline = fields.Date.add(
                    wizard.date_start, days=wizard.template_id.duration_days
                )
            else:
                wizard.date_deadline = wizard.parent_id.date_deadline

    @api.depends("target_scope", "department_ids", "team_lead_ids", "employee_ids")
    def _compute_target_count(self):
        for wizard in self:
            wizard.target_count = len(wizard._targets())

    def _targets(self):
        return {
            "department": self.department_ids,
            "team": self.team_lead_ids,
            "individual": self.employee_ids,
        }[self.target_scope or "individual"]

    def _goal_values(self, target):
        values = {
            "name": self.name,
            "description": self.description,
            "scope": self.target_scope,
            "company_id": self.parent_id.company_id.id,
            "parent_id": self.parent_id.id,
            "template_id": self.template_id.id,
            "progress_mode": self.progress_mode,
            "kpi_id": self.kpi_id.id if self.progress_mode == "data" else False,
            "start_value": self.start_value,
            "target_value": self.target_value,
            "current_value": self.start_value,
            "unit": self.unit,
            "weight": self.weight,
            "date_start": self.date_start,
            "date_deadline": self.date_deadline,
        }
        if self.target_scope == "department":
            values["department_id"] = target.id
        else:
            values["employee_id"] = target.id
        return values

    def action_cascade(self):
        self.ensure_one()
        parent = self.parent_id
        # Re-check: the wizard may have been opened with a forged parent id.
        parent.check_access("read")
        targets = self._targets()
        if not targets:
            raise UserError(
                self.env._("Choose at least one department, team lead or employee.")
            )
        if parent.state in ("done", "cancelled"):
            raise UserError(self.env._("A closed goal cannot be cascaded."))
        self._ensure_targets(targets)
        if (
            self.roll_up
            and parent.progress_mode != "children"
            and not parent.has_access("write")
        ):
            raise AccessError(
                self.env._(
                    "You may align goals to %(goal)s, but not make its progress roll up from them: untick Roll Up.",
                    goal=parent.name,
                )
            )
        goals = self.env["hr.performance.goal"].create(
            [self._goal_values(target) for target in targets]
        )
        if self.activate:
            goals.action_activate()
        if self.roll_up and parent.progress_mode != "children":
            parent.check_access("write")
            parent.progress_mode = "children"
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cascaded from %(goal)s", goal=parent.name),
            "res_model": "hr.performance.goal",
            "view_mode": "list,form",
            "domain": [("id", "in", goals.ids)],
        }

    def _ensure_targets(self, targets):
        """Before any goal is created: the targets and the template are of
        the goal's company, and (but for HR) the user could create each goal
        (see the goal's create rule)."""
        company = self.parent_id.company_id
        # sudo: only the targets' and the template's company and manager are compared
        targets, template = targets.sudo(), self.template_id.sudo()
        foreign = targets.filtered(
            lambda target: target.company_id and target.company_id != company
        ).mapped("display_name")
        if template.company_id and template.company_id != company:
            foreign.append(template.display_name)
        if foreign:
            raise UserError(
                self.env._(
                    "%(names)s belong to another company than the goal %(goal)s.",
                    names=", ".join(foreign),
                    goal=self.parent_id.name,
                )
            )
        if is_performance_hr(self.env):
            return
        department = self.target_scope == "department"

        def owner(target):
            return target.manager_id if department else target

        mine = self.env.user.employee_ids
        owners = targets.mapped(owner)
        reachable = (
            owners.search([("id", "in", owners.ids), ("id", "child_of", mine.ids)])
            if mine
            else owners.browse()
        )
        out = targets.filtered(lambda target: owner(target) not in reachable)
        if out:
            raise AccessError(
                self.env._(
                    "You can only cascade goals to yourself, the people who report to you and the departments you lead, not to %(names)s.",
                    names=", ".join(out.mapped("display_name")),
                )
            )
