from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    performance_goal_ids = fields.One2many(
        "hr.performance.goal",
        "employee_id",
        string="Performance Goals",
        groups="hr.group_hr_user",
    )
    performance_goal_count = fields.Integer(
        compute="_compute_performance_goal_count", groups="hr.group_hr_user"
    )

    def _compute_performance_goal_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [("employee_id", "in", self.ids), ("state", "in", ("draft", "active"))],
                ["employee_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.performance_goal_count = counts.get(employee, 0)

    def action_open_performance_goals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_goal_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {
            "default_employee_id": self.id,
            "default_scope": "individual",
            "search_default_open": 1,
        }
        return action
