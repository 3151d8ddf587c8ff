from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class HrPerformanceCycleLaunch(models.TransientModel):
    """Choose a cycle's participants by department, job, manager or by name,
    see how many there are, then add them (and launch, if asked)."""

    _name = "hr.performance.cycle.launch"
    _description = "Select Cycle Participants"
    _inherit = ["hr.performance.guard.mixin"]

    cycle_id = fields.Many2one("hr.performance.cycle", required=True, readonly=True)
    company_id = fields.Many2one(related="cycle_id.company_id")
    department_ids = fields.Many2many(
        "hr.department", string="Departments", help="Sub-departments included."
    )
    job_ids = fields.Many2many("hr.job", string="Job Positions")
    manager_ids = fields.Many2many(
        "hr.employee",
        "hr_performance_cycle_launch_manager_rel",
        string="Managers",
        help="Their direct and indirect reports.",
    )
    employee_ids = fields.Many2many(
        "hr.employee", "hr_performance_cycle_launch_employee_rel", string="Employees"
    )
    participant_ids = fields.Many2many(
        "hr.employee",
        "hr_performance_cycle_launch_participant_rel",
        compute="_compute_participant_ids",
        string="Participants",
    )
    participant_count = fields.Integer(compute="_compute_participant_ids")
    launch = fields.Boolean(
        string="Launch Now",
        help="Create the reviews right after adding the participants.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # Re-check: the wizard may be opened with a forged cycle id, in its
        # values or in the context (default_cycle_id).
        wizards.cycle_id.check_access("write")
        return wizards

    @api.depends("department_ids", "job_ids", "manager_ids", "employee_ids", "cycle_id")
    def _compute_participant_ids(self):
        for wizard in self:
            wizard.participant_ids = wizard._participants()
            wizard.participant_count = len(wizard.participant_ids)

    def _participants(self):
        """Employees matching any criterion, in the cycle's company; one query."""
        criteria = []
        if self.department_ids:
            criteria.append([("department_id", "child_of", self.department_ids.ids)])
        if self.job_ids:
            criteria.append([("job_id", "in", self.job_ids.ids)])
        if self.manager_ids:
            criteria.append(
                [
                    ("id", "child_of", self.manager_ids.ids),
                    ("id", "not in", self.manager_ids.ids),
                ]
            )
        found = self.employee_ids
        if criteria:
            found |= self.env["hr.employee"].search(
                expression.AND(
                    [
                        [("company_id", "=", self.cycle_id.company_id.id)],
                        expression.OR(criteria),
                    ]
                )
            )
        return found

    def action_apply(self):
        self.ensure_one()
        cycle = self.cycle_id
        cycle.check_access("write")
        if cycle.state != "draft":
            raise UserError(
                self.env._("Participants are chosen before the cycle is launched.")
            )
        if not self.participant_ids:
            raise UserError(self.env._("No employee matches these criteria."))
        foreign = self.participant_ids.filtered(
            lambda employee: employee.company_id != cycle.company_id
        )
        if foreign:
            raise UserError(
                self.env._(
                    "%(employees)s belong to another company than the cycle %(cycle)s.",
                    employees=", ".join(foreign.mapped("name")),
                    cycle=cycle.name,
                )
            )
        if self.launch:
            # What the launch checks, checked before the participants are added.
            cycle.template_id._ensure_usable()
            cycle.rating_scale_id._ensure_usable()
        cycle.employee_ids |= self.participant_ids
        if self.launch:
            cycle.action_launch()
        return {"type": "ir.actions.act_window_close"}
