from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib.xlsx import download_action
from .batch import each_or_alone

# Reviews created per batch; above the threshold (a system parameter) the
# launch continues in a background job, one batch per committed step.
LAUNCH_CHUNK = 500
LAUNCH_THRESHOLD_PARAM = "hr_performance.launch_background_threshold"
LAUNCH_THRESHOLD_DEFAULT = 2000


class HrPerformanceCycle(models.Model):
    _name = "hr.performance.cycle"
    _description = "Review Cycle"
    _inherit = [
        "hr.performance.thread",
        "hr.performance.guard.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _system_fields = ("state", "launch_pending")
    _text_limits = {"name": 256}

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    template_id = fields.Many2one(
        "hr.performance.review.template",
        required=True,
        check_company=True,
        default=lambda self: self.env.ref(
            "hr_performance.review_template_default", raise_if_not_found=False
        ),
    )
    rating_scale_id = fields.Many2one(
        "hr.performance.rating.scale",
        required=True,
        check_company=True,
        default=lambda self: self.env.company.performance_rating_scale_id,
    )
    employee_ids = fields.Many2many(
        "hr.employee", string="Participants", check_company=True
    )
    self_review_deadline = fields.Date()
    peer_feedback_deadline = fields.Date(
        string="360 Feedback Deadline",
        help="Colleagues and direct reports answer their 360 requests by this date "
        "(empty: the manager review deadline).",
    )
    manager_review_deadline = fields.Date()
    calibration_deadline = fields.Date()
    release_date = fields.Date()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("calibration", "Calibration"),
            ("released", "Released"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    review_ids = fields.One2many("hr.performance.review", "cycle_id", string="Reviews")
    launch_pending = fields.Boolean(
        string="Launch in Progress",
        readonly=True,
        copy=False,
        help="The reviews are being created by a background job, batch by batch.",
    )
    participant_count = fields.Integer(compute="_compute_participant_count")
    review_count = fields.Integer(compute="_compute_progress")
    self_review_count = fields.Integer(
        string="Self Reviews to Do", compute="_compute_progress"
    )
    manager_review_count = fields.Integer(
        string="Manager Reviews to Do", compute="_compute_progress"
    )
    calibration_count = fields.Integer(
        string="In Calibration", compute="_compute_progress"
    )
    shared_count = fields.Integer(
        string="Awaiting Acknowledgement", compute="_compute_progress"
    )
    done_count = fields.Integer(string="Acknowledged", compute="_compute_progress")
    self_review_late_count = fields.Integer(
        string="Self Reviews Late", compute="_compute_progress"
    )
    manager_review_late_count = fields.Integer(
        string="Manager Reviews Late", compute="_compute_progress"
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end >= date_start)",
            "A cycle cannot end before it starts.",
        ),
    ]

    @api.depends("employee_ids")
    def _compute_participant_count(self):
        for cycle in self:
            cycle.participant_count = len(cycle.employee_ids)

    @api.depends("review_ids.state", "self_review_deadline", "manager_review_deadline")
    def _compute_progress(self):
        counts = {
            (cycle.id, state): count
            for cycle, state, count in self.env["hr.performance.review"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id", "state"], ["__count"]
            )
        }
        for cycle in self:
            by_state = {
                state: counts.get((cycle.id, state), 0)
                for state in (
                    "self_review",
                    "manager_review",
                    "calibration",
                    "shared",
                    "done",
                    "cancelled",
                )
            }
            cycle.review_count = sum(by_state.values())
            cycle.self_review_count = by_state["self_review"]
            cycle.manager_review_count = by_state["manager_review"]
            cycle.calibration_count = by_state["calibration"]
            cycle.shared_count = by_state["shared"]
            cycle.done_count = by_state["done"]
            today = fields.Date.context_today(cycle)
            # A step is late once its deadline has passed: every review still at it.
            cycle.self_review_late_count = (
                cycle.self_review_count
                if cycle.self_review_deadline and cycle.self_review_deadline < today
                else 0
            )
            cycle.manager_review_late_count = (
                cycle.manager_review_count
                if cycle.manager_review_deadline
                and cycle.manager_review_deadline < today
                else 0
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_end < cycle.date_start:
                raise ValidationError(
                    self.env._("A cycle cannot end before it starts.")
                )

    def _ensure_state(self, allowed, action=None):
        """The state guard of every step: who may write the cycle (HR), in
        one of the ``allowed`` states. Checked first, as the steps then work
        with sudo. (``action``: the state guards' one signature; the message
        names the cycle, not the step.)"""
        self.check_access("write")
        wrong = self.filtered(lambda c: c.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The cycle %(cycle)s cannot do this in its current state.",
                    cycle=wrong[0].name,
                )
            )

    def _set_state(self, state, **values):
        """The one way a cycle's state changes, after ``_ensure_state``."""
        # sudo: state is system-only; _ensure_state() checked write access
        self.sudo().write({"state": state, **values})

    # ------------------------------------------------------------------ actions

    def action_launch(self):
        """Open the cycle: one review per participant, in batches. Launching a
        cycle twice is refused; a participant never gets a second review. A
        large population goes to a background job (see ``_cron_launch``)."""
        self._ensure_state(("draft",))
        # sudo: only the launch threshold (a number) is read from the parameters
        threshold = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(LAUNCH_THRESHOLD_PARAM, LAUNCH_THRESHOLD_DEFAULT)
        )
        for cycle in self:
            cycle.template_id._ensure_usable()
            cycle.rating_scale_id._ensure_usable()
            if not cycle.employee_ids:
                raise UserError(
                    self.env._(
                        "Add participants to %(cycle)s before launching it.",
                        cycle=cycle.name,
                    )
                )
            cycle._set_state("open")
            if len(cycle.employee_ids) > threshold:
                cycle._set_state("open", launch_pending=True)
                cycle.message_post(
                    body=self.env._(
                        "%(count)s reviews are being created in the background.",
                        count=len(cycle.employee_ids),
                    )
                )
                self.env.ref("hr_performance.ir_cron_cycle_launch")._trigger()
                continue
            while cycle._launch_next_chunk()[1]:
                # What is written is flushed and forgotten: a launch of tens
                # of thousands keeps a bounded cache.
                self.env.invalidate_all()
        return True

    def _launch_next_chunk(self):
        """Create the reviews of the next batch of participants still without
        one; return how many were done and how many are left. Derived from the database
        each time, so an interrupted launch resumes where it stopped."""
        self.ensure_one()
        self.env.flush_all()
        participants = self._fields["employee_ids"]
        self.env.cr.execute(
            SQL(
                """SELECT p.%(employee)s
                     FROM %(relation)s p
                    WHERE p.%(cycle)s = %(cycle_id)s
                      AND NOT EXISTS (
                          SELECT 1 FROM hr_performance_review r
                           WHERE r.cycle_id = %(cycle_id)s
                             AND r.employee_id = p.%(employee)s)""",
                relation=SQL.identifier(participants.relation),
                cycle=SQL.identifier(participants.column1),
                employee=SQL.identifier(participants.column2),
                cycle_id=self.id,
            )
        )
        missing = [employee_id for [employee_id] in self.env.cr.fetchall()]
        # In the participants' order (the employees' order, the active ones,
        # as ``employee_ids`` reads them), so that a launch is reproducible.
        # Searched, not filtered out of ``employee_ids``: that read every
        # participant again after each batch (the cache is emptied between
        # batches), which made a launch of 100,000 quadratic.
        Employee = self.env["hr.employee"]
        domain = [("id", "in", missing)]
        chunk = Employee.search(domain, limit=LAUNCH_CHUNK)
        left = (
            Employee.search_count(domain) - len(chunk)
            if len(chunk) == LAUNCH_CHUNK
            else 0
        )
        self._create_reviews_isolated(chunk)
        return len(chunk), left

    def _create_reviews_isolated(self, employees):
        """``_create_reviews`` for the background job: a person whose review
        cannot be created does not stop the others. The batch is tried at
        once, and on failure one person at a time; those who fail leave the
        participants (so the job does not fail on them at every run) and the
        cycle says who, for HR to add them again once the cause is fixed."""
        failed = each_or_alone(employees, self._create_reviews, "Review of")
        if failed:
            # sudo: the job takes out whom it could not launch (participants are fixed once open)
            self.sudo().employee_ids = [
                Command.unlink(employee.id) for employee in failed
            ]
            self.message_post(
                body=self.env._(
                    "The reviews of %(names)s could not be created: they were taken out of "
                    "the participants. Add them again once the cause is fixed (see the server log).",
                    names=", ".join(failed.mapped("name")),
                )
            )

    @api.model
    def _cron_launch(self):
        """Background launch: one batch per call, committed by the cron
        runner, which calls again while work remains."""
        cycle = self.search(
            [("launch_pending", "=", True), ("state", "=", "open")], limit=1
        )
        if not cycle:
            return
        done, remaining = cycle._launch_next_chunk()
        if not remaining:
            cycle._set_state("open", launch_pending=False)
            cycle.message_post(body=self.env._("All the reviews are created."))
        others = self.search_count(
            [("launch_pending", "=", True), ("state", "=", "open")]
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining + others)

    def _create_reviews(self, employees):
        """Reviews, their answer lines, assessments and the first activities
        for ``employees``: a constant number of batched creates."""
        self.ensure_one()
        first_state = (
            "self_review" if self.template_id.self_review else "manager_review"
        )
        # sudo: the launch (HR or the cron) reads each one's manager and department
        employees = employees.sudo()
        # sudo: state and manager snapshot are system fields, set only at launch
        reviews = (
            self.env["hr.performance.review"]
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(
                [
                    {
                        "cycle_id": self.id,
                        "employee_id": employee.id,
                        "manager_id": employee.parent_id.id,
                        "manager_user_id": employee.parent_id.user_id.id,
                        "department_id": employee.department_id.id,
                        "company_id": employee.company_id.id,
                        "state": first_state,
                        "launch_mail_pending": True,
                    }
                    for employee in employees
                ]
            )
        )
        self.env["hr.performance.review.line"]._create_for_reviews(
            reviews, self.template_id
        )
        self.env["hr.performance.review.assessment"]._create_for_reviews(reviews)
        if self.template_id.upward_review:
            self.env["hr.performance.feedback.request"]._create_upward_for(reviews)
        if "skills" in self.template_id.section_ids.mapped("kind"):
            self.env["hr.performance.review.skill"]._create_for_reviews(reviews)
        reviews._update_activities()
        # The "your review has started" mails go out in a background job:
        # rendering one mail per review costs more than creating the reviews.
        self.env.ref("hr_performance.ir_cron_review_launch_mails")._trigger()
        return reviews

    def action_start_calibration(self):
        self._ensure_state(("open",))
        if self.filtered("launch_pending"):
            raise UserError(
                self.env._("Wait until every review of the cycle is created.")
            )
        self._set_state("calibration")
        return True

    def action_release(self):
        """Share every calibrated review of the cycle with its employee."""
        self._ensure_state(("calibration",))
        self.review_ids.filtered(lambda r: r.state == "calibration")._share()
        self._set_state("released")
        return True

    def action_close(self):
        self._ensure_state(("released",))
        self._set_state("closed")
        return True

    def action_cancel(self):
        self._ensure_state(("draft", "open", "calibration"))
        reviews = self.review_ids.filtered(
            lambda r: r.state not in ("done", "cancelled")
        )
        # sudo: review state is system-only; _ensure_state() checked write access
        reviews.sudo().write({"state": "cancelled"})
        reviews._update_activities()
        self._set_state("cancelled", launch_pending=False)
        return True

    def action_select_participants(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Select Participants"),
            "res_model": "hr.performance.cycle.launch",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cycle_id": self.id},
        }

    def action_open_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_review_action"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_export_xlsx(self):
        """Download the cycle's results as a workbook (reports/cycle_xlsx.py)."""
        self.ensure_one()
        return download_action("cycle", self.id)

    def action_print_reviews(self):
        """All the cycle's reviews in one PDF (HR)."""
        return self.env.ref(
            "hr_performance.action_report_performance_review"
        ).report_action(self.review_ids)
