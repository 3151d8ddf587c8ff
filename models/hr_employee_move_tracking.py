from odoo import api, fields, models

# A change of these is a move of the employee (hr.performance.employee.move).
MOVE_FIELDS = ("job_id", "department_id", "active")


class HrEmployee(models.Model):
    """Records the employee's moves: hired (created), promoted, transferred,
    given another job, gone (archived)."""

    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        self.env["hr.performance.employee.move"]._record(
            [
                {
                    "employee": employee,
                    "kind": "hire",
                    "to_job_id": employee.job_id.id,
                    "to_department_id": employee.department_id.id,
                }
                for employee in employees
                if employee.active
            ]
        )
        return employees

    def write(self, vals):
        if not set(MOVE_FIELDS) & set(vals):
            return super().write(vals)
        # sudo: the places before the write, for the history rows only
        before = {
            employee.id: (employee.job_id, employee.department_id, employee.active)
            for employee in self.sudo()
        }
        result = super().write(vals)
        rows = []
        # sudo: the places after the write (departure fields are HR-only)
        for employee in self.sudo():
            job, department, active = before[employee.id]
            if active and not employee.active:
                rows.append(self._departure_row(employee, job, department))
                continue
            kind = self.env["hr.performance.employee.move"]._move_kind(
                (job, department), (employee.job_id, employee.department_id)
            )
            if kind and employee.active:
                rows.append(
                    {
                        "employee": employee,
                        "kind": kind,
                        "from_job_id": job.id,
                        "to_job_id": employee.job_id.id,
                        "from_department_id": department.id,
                        "to_department_id": employee.department_id.id,
                    }
                )
        self.env["hr.performance.employee.move"]._record(rows)
        return result

    @api.model
    def _departure_row(self, employee, job, department):
        return {
            "employee": employee,
            "kind": "departure",
            "date": employee.departure_date or fields.Date.context_today(self),
            "from_job_id": job.id,
            "from_department_id": department.id,
            "departure_reason_id": employee.departure_reason_id.id,
        }
