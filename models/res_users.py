from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # With Odoo's "Employee Editing" setting, people edit their own
        # employee data; their manager decides who reads their reviews,
        # check-in notes and feedback, so HR sets it (see hr.employee).
        return [
            name
            for name in super().SELF_WRITEABLE_FIELDS
            if name != "employee_parent_id"
        ]
