from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class HrPerformanceReviewNomination(models.Model):
    """A colleague proposed to give 360 feedback in a review. The employee
    proposes, the manager approves (or rejects); on approval the colleague gets
    an anonymous feedback request carrying the cycle's questions. The employee
    knows whom they proposed, never who answered what."""

    _name = "hr.performance.review.nomination"
    _description = "360 Reviewer Nomination"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "review_id, id"
    _check_company_auto = True
    _system_fields = ("state", "proposed_by_user_id")
    _fixed_fields = ("review_id",)
    _subject_field = "review_id.employee_id"

    review_id = fields.Many2one(
        "hr.performance.review",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    employee_id = fields.Many2one(
        related="review_id.employee_id", store=True, index=True, string="Reviewed"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    reviewer_id = fields.Many2one(
        "hr.employee",
        string="Colleague",
        required=True,
        check_company=True,
        domain="[('user_id', '!=', False)]",
    )
    proposed_by_user_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        readonly=True,
    )

    _sql_constraints = [
        # Per proposer: the employee never sees the manager's picks, so a
        # proposal of the same colleague must not fail (that would reveal one);
        # the colleague still gets one request (see
        # hr.performance.feedback.request._create_for_nominations).
        (
            "review_reviewer_unique",
            "UNIQUE(review_id, reviewer_id, proposed_by_user_id)",
            "You already proposed this colleague for this review.",
        ),
    ]

    @api.constrains("reviewer_id", "review_id")
    def _check_reviewer(self):
        for nomination in self:
            review = nomination.review_id
            user = nomination.reviewer_id.user_id
            if not user:
                raise ValidationError(
                    self.env._(
                        "%(colleague)s has no user account to answer a request.",
                        colleague=nomination.reviewer_id.name,
                    )
                )
            if nomination.reviewer_id == review.employee_id:
                raise ValidationError(
                    self.env._("Propose colleagues, not the reviewed employee.")
                )
            if user == review.manager_user_id:
                raise ValidationError(
                    self.env._(
                        "The manager writes the manager review: propose other colleagues."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._completed_vals(vals_list)
        reviews = self.env["hr.performance.review"].browse(
            [vals.get("review_id") for vals in vals_list]
        )
        reviews.check_access("read")
        for vals, review in zip(vals_list, reviews, strict=True):
            review._ensure_nominations_open()
            leads = review._leads()
            if not (leads or review.is_employee):
                raise AccessError(
                    self.env._(
                        "The employee and their manager choose the 360 reviewers."
                    )
                )
            vals["proposed_by_user_id"] = self.env.uid
            # The manager's own picks need no approval; the reviewed
            # employee's always do, even through code run with sudo for them
            # (the portal), where _leads() is True.
            vals["state"] = (
                "approved" if leads and not review.is_employee else "proposed"
            )
        # sudo: after the role checks above; state and proposer are forced
        nominations = super(
            HrPerformanceReviewNomination, self.sudo()._without_defaults()
        ).create(vals_list)
        self.env["hr.performance.feedback.request"]._create_for_nominations(
            nominations.filtered(lambda n: n.state == "approved")
        )
        nominations.filtered(
            lambda n: n.state == "proposed"
        ).review_id._update_nomination_activities()
        return nominations.with_env(self.env)

    def write(self, vals):
        if not self._is_privileged():
            raise UserError(
                self.env._(
                    "Approve or reject a proposed colleague with the buttons; to change one, remove it and propose another."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_waiting_proposals(self):
        if not self._is_privileged():
            for nomination in self:
                review = nomination.review_id
                if nomination.state != "proposed" or not (
                    review._leads() or review.is_employee
                ):
                    raise UserError(
                        self.env._(
                            "Only a proposal still waiting for approval can be removed."
                        )
                    )

    def _ensure_approver(self):
        """The manager approves or rejects, while the reviews take reviewers."""
        self.review_id._ensure_leads(
            self.env._("The employee's manager approves the 360 reviewers.")
        )
        self.review_id._ensure_nominations_open()

    def action_approve(self):
        self._ensure_approver()
        proposed = self.filtered(lambda n: n.state == "proposed")
        # sudo: state is readonly; _ensure_approver() passed above
        proposed.sudo().write({"state": "approved"})
        self.env["hr.performance.feedback.request"]._create_for_nominations(proposed)
        self.review_id._update_nomination_activities()
        return True

    def action_reject(self):
        self._ensure_approver()
        # sudo: state is readonly; _ensure_approver() passed above
        self.filtered(lambda n: n.state == "proposed").sudo().write(
            {"state": "rejected"}
        )
        self.review_id._update_nomination_activities()
        return True
