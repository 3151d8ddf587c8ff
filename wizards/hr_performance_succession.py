from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..lib.skills import rank_candidates, readiness, skill_match
from ..models.access import is_performance_hr
from ..models.hr_performance_review import POTENTIALS

READINESS = [
    ("ready_now", "Ready Now"),
    ("one_two_years", "Ready in 1-2 Years"),
    ("later", "Later"),
]


class HrPerformanceSuccession(models.TransientModel):
    """Internal candidates for a job position, ranked by how well their
    skills match its profile, then by their last review's 9-box cell, with a
    readiness. HR only: it ranks people against each other."""

    _name = "hr.performance.succession"
    _description = "Succession Candidates"
    _inherit = ["hr.performance.guard.mixin"]

    job_id = fields.Many2one("hr.job", required=True, readonly=True)
    limit = fields.Integer(default=20, help="How many candidates to list.")
    scope = fields.Selection(
        [("department", "The Job's Department"), ("company", "The Whole Company")],
        string="Candidates From",
        default="department",
        required=True,
        help="People of the job position's department and its sub-departments, "
        "or of the whole company (a position without a department looks at the "
        "whole company).",
    )
    candidate_ids = fields.One2many(
        "hr.performance.succession.candidate", "succession_id", readonly=True
    )

    @api.depends("job_id")
    def _compute_display_name(self):
        # The page title: never "hr.performance.succession,1".
        for wizard in self:
            wizard.display_name = self.env._(
                "Succession Candidates: %(job)s", job=wizard.job_id.name
            )

    @api.constrains("limit")
    def _check_limit(self):
        if any(wizard.limit < 1 for wizard in self):
            raise ValidationError(self.env._("List at least one candidate."))

    @api.model_create_multi
    def create(self, vals_list):
        if not is_performance_hr(self.env):
            raise AccessError(self.env._("Succession planning is for HR only."))
        wizards = super().create(vals_list)
        wizards._compute_candidates()
        return wizards

    def action_refresh(self):
        self._compute_candidates()
        return True

    def _compute_candidates(self):
        """A constant number of queries whatever the size of the company:
        the profile, everyone's skills, everyone's last review."""
        for wizard in self:
            job = wizard.job_id
            required = {
                line.skill_id.id: line.level_progress
                for line in job.performance_skill_ids
            }
            domain = [
                ("company_id", "=", job.company_id.id or self.env.company.id),
                ("job_id", "!=", job.id),
            ]
            if wizard.scope == "department" and job.department_id:
                domain.append(("department_id", "child_of", job.department_id.id))
            employees = self.env["hr.employee"].search(domain)
            current = {}
            for employee, skill, progress in self._skill_levels(employees):
                current.setdefault(employee, {})[skill] = progress
            last_review = self._last_reviews(employees)
            scored = [
                (
                    employee_id,
                    skill_match(required, current.get(employee_id, {})),
                    last_review.get(employee_id, (0, None))[0],
                )
                for employee_id in employees.ids
            ]
            ranked = rank_candidates(scored)[: max(wizard.limit, 1)]
            wizard.candidate_ids.unlink()
            self.env["hr.performance.succession.candidate"].create(
                [
                    {
                        "succession_id": wizard.id,
                        "rank": rank,
                        "employee_id": employee_id,
                        "skill_match": match or 0.0,
                        "nine_box_cell": cell,
                        "potential": last_review.get(employee_id, (0, None))[1],
                        "readiness": readiness(
                            match, last_review.get(employee_id, (0, None))[1]
                        ),
                    }
                    for rank, (employee_id, match, cell) in enumerate(ranked, start=1)
                ]
            )

    def _skill_levels(self, employees):
        if not employees:
            return []
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT es.employee_id, es.skill_id, l.level_progress
                     FROM hr_employee_skill es
                     JOIN hr_skill_level l ON l.id = es.skill_level_id
                    WHERE es.employee_id = ANY(%s)""",
                employees.ids,
            )
        )
        return self.env.cr.fetchall()

    def _last_reviews(self, employees):
        """Per employee, the 9-box cell and potential of their latest
        released review."""
        if not employees:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (r.employee_id) r.employee_id, a.nine_box_cell,
                          a.potential
                     FROM hr_performance_review r
                     JOIN hr_performance_cycle c ON c.id = r.cycle_id
                     JOIN hr_performance_review_assessment a ON a.review_id = r.id
                    WHERE r.employee_id = ANY(%s) AND r.state IN ('shared', 'done')
                 ORDER BY r.employee_id, c.date_end DESC, r.id DESC""",
                employees.ids,
            )
        )
        return {
            employee: (cell or 0, potential)
            for employee, cell, potential in self.env.cr.fetchall()
        }


class HrPerformanceSuccessionCandidate(models.TransientModel):
    _name = "hr.performance.succession.candidate"
    _description = "Succession Candidate"
    _order = "rank"

    succession_id = fields.Many2one(
        "hr.performance.succession", required=True, ondelete="cascade"
    )
    rank = fields.Integer()
    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_id = fields.Many2one(related="employee_id.job_id", string="Current Job")
    department_id = fields.Many2one(related="employee_id.department_id")
    skill_match = fields.Float(string="Skill Match (%)", readonly=True)
    nine_box_cell = fields.Integer(string="9-Box", readonly=True)
    potential = fields.Selection(POTENTIALS, readonly=True)
    readiness = fields.Selection(READINESS, readonly=True)
