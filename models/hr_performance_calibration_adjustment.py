from odoo import api, fields, models
from odoo.exceptions import UserError


class HrPerformanceCalibrationAdjustment(models.Model):
    """Append-only audit of calibration: who changed which rating, when, why."""

    _name = "hr.performance.calibration.adjustment"
    _description = "Calibration Adjustment"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # Written by the audited methods only (as superuser), never by a user.
    _system_fields = (
        "review_id",
        "kind",
        "calibration_id",
        "old_level_id",
        "new_level_id",
        "reason",
        "user_id",
        "date",
    )
    _subject_field = "review_id.employee_id"

    review_id = fields.Many2one(
        "hr.performance.review",
        required=True,
        index=True,
        # An audit row outlives nothing it audits: the review stays.
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("calibration", "Calibration"), ("reopen", "Re-opened")],
        default="calibration",
        required=True,
        readonly=True,
    )
    calibration_id = fields.Many2one(
        "hr.performance.calibration",
        string="Session",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    employee_id = fields.Many2one(related="review_id.employee_id")
    old_level_id = fields.Many2one(
        "hr.performance.rating.level", string="From", readonly=True
    )
    new_level_id = fields.Many2one(
        "hr.performance.rating.level", string="To", required=True, readonly=True
    )
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["user_id"] = self.env.uid
            vals.setdefault("calibration_id", self.env.context.get("calibration_id"))
            vals["date"] = fields.Datetime.now()
        adjustments = super().create(vals_list)
        # The session comes from the context: keep it only where the review is
        # one of that session's (a forged context names no other session).
        # sudo: compares the session's reviews with the adjusted one
        for adjustment in adjustments.sudo():
            session = adjustment.calibration_id
            if session and adjustment.review_id not in session.review_ids:
                adjustment.calibration_id = False
        return adjustments

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Calibration adjustments are an audit trail: they cannot be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Calibration adjustments are an audit trail: they cannot be deleted."
            )
        )

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_for_reviews(self, reviews, reason, new_level=None):
        """One audit row per review of ``reviews``, for HR's calibration (the
        caller checks the rights): the rating it has, the ``new_level`` it
        gets, and why. Without ``new_level``, a re-opening: the rating stays."""
        # sudo: the append-only audit rows, which nobody creates directly
        return self.sudo().create(
            [
                {
                    "review_id": review.id,
                    "kind": "calibration" if new_level else "reopen",
                    # sudo: HR's step; the rating at the time of the change
                    "old_level_id": review.assessment_ids.sudo().rating_level_id.id,
                    "new_level_id": (
                        new_level or review.assessment_ids.sudo().rating_level_id
                    ).id,
                    "reason": reason.strip(),
                }
                for review in reviews
            ]
        )
