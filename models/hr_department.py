from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    performance_goal_count = fields.Integer(compute="_compute_performance_goal_count")

    def _compute_performance_goal_count(self):
        counts = dict(
            self.env["hr.performance.goal"]._read_group(
                [
                    ("department_id", "in", self.ids),
                    ("scope", "=", "department"),
                    ("state", "in", ("draft", "active")),
                ],
                ["department_id"],
                ["__count"],
            )
        )
        for department in self:
            department.performance_goal_count = counts.get(department, 0)

    def write(self, vals):
        if "manager_id" not in vals:
            return super().write(vals)
        # sudo: the former heads and the managers above them, who read the
        # department's goals and may no longer do
        losing = self.sudo().manager_id._performance_people_around()
        result = super().write(vals)
        self.env["hr.performance.thread"]._unfollow_unreaders_among(losing)
        return result

    def action_open_performance_goals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_goal_action"
        )
        action["domain"] = [("department_id", "=", self.id)]
        action["context"] = {
            "default_department_id": self.id,
            "default_scope": "department",
            "search_default_open": 1,
        }
        return action
