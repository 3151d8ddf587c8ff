from odoo import api, fields, models
from odoo.exceptions import UserError

MOVE_KINDS = [
    ("hire", "Hire"),
    ("promotion", "Promotion"),
    ("transfer", "Transfer"),
    ("job_change", "Job Change"),
    ("departure", "Departure"),
]
# Odoo's default departure reasons (hr.departure.reason.reason_code).
REASON_FIRED, REASON_RETIRED = 342, 340


class HrPerformanceEmployeeMove(models.Model):
    """One row per change of an employee's place in the company, recorded by
    the addon from its installation on: hired, promoted, moved to another
    department or job, gone. The rating is the last released final rating at
    the time, so outcome analytics can tell what happened to high performers.

    History: made by the application only, never changed or deleted by a
    user (HR included). Deleted with its employee (an employee is archived,
    not deleted, in normal use)."""

    _name = "hr.performance.employee.move"
    _description = "Employee Move"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "date desc, id desc"
    _subject_field = "employee_id"
    _system_fields = (
        "employee_id",
        "date",
        "kind",
        "from_job_id",
        "to_job_id",
        "from_department_id",
        "to_department_id",
        "rating_level_id",
        "high_performer",
        "departure_reason_id",
        "company_id",
    )

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", index=True)
    date = fields.Date(required=True, index=True)
    kind = fields.Selection(MOVE_KINDS, required=True, index=True)
    from_job_id = fields.Many2one("hr.job", ondelete="set null")
    to_job_id = fields.Many2one("hr.job", ondelete="set null")
    from_department_id = fields.Many2one("hr.department", ondelete="set null")
    to_department_id = fields.Many2one("hr.department", ondelete="set null")
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="Rating at the Time",
        ondelete="set null",
        help="The employee's last released final rating when the move happened.",
    )
    high_performer = fields.Boolean(
        help="The rating at the time was in the top two levels of its scale."
    )
    # Why someone left is HR's to know (as on hr.employee): not their manager's.
    departure_reason_id = fields.Many2one(
        "hr.departure.reason", ondelete="set null", groups="hr.group_hr_user"
    )

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("Employee moves are history: they never change.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("Employee moves are history: they cannot be deleted.")
            )

    # ------------------------------------------------------------------ recording

    @api.model
    def _move_kind(self, before, after):
        """The kind of a change of job and/or department: a promotion when the
        new job's level is higher, a transfer when the department changed,
        otherwise a job change; ``None`` when nothing moved."""
        (from_job, from_dep), (to_job, to_dep) = before, after
        if from_job == to_job and from_dep == to_dep:
            return None
        levels = (from_job.performance_level, to_job.performance_level)
        if from_job != to_job and all(levels) and levels[1] > levels[0]:
            return "promotion"
        if from_dep != to_dep:
            return "transfer"
        return "job_change"

    @api.model
    def _record(self, rows):
        """Create the rows (dicts with employee_id as a record) in one batch,
        each with the employee's rating at the time."""
        if not rows:
            return self.browse()
        employees = self.env["hr.employee"].browse([row["employee"].id for row in rows])
        ratings = self._ratings_at_the_time(employees)
        today = fields.Date.context_today(self)
        values = []
        for row in rows:
            employee = row.pop("employee")
            level = ratings.get(employee.id)
            values.append(
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "date": row.pop("date", None) or today,
                    "rating_level_id": level.id if level else False,
                    "high_performer": bool(level)
                    and level in level.scale_id.level_ids.sorted("value")[-2:],
                    **row,
                }
            )
        # sudo: history rows are the application's record of a checked write
        return self.sudo().create(values)

    @api.model
    def _ratings_at_the_time(self, employees):
        """Each employee's last released final rating: one query."""
        # sudo: final ratings, read to be kept with HR-only history rows
        reviews = (
            self.env["hr.performance.review"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "in", ("shared", "done")),
                    ("final_rating_level_id", "!=", False),
                ],
                ["employee_id", "final_rating_level_id"],
                order="id desc",
            )
        )
        ratings = {}
        for review in reviews:
            ratings.setdefault(review.employee_id.id, review.final_rating_level_id)
        return ratings
