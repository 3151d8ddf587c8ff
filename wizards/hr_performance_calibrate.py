from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.access import is_performance_hr


class HrPerformanceCalibrate(models.TransientModel):
    """Move reviews to another rating (calibration) or re-open released ones,
    always with a reason: the calibration board's "Move" and the review's
    "Re-open" both end in the audited review methods."""

    _name = "hr.performance.calibrate"
    _description = "Calibrate Ratings"
    _inherit = ["hr.performance.guard.mixin"]

    mode = fields.Selection(
        [("calibrate", "Calibrate"), ("reopen", "Re-open")],
        default="calibrate",
        required=True,
        readonly=True,
    )
    review_ids = fields.Many2many("hr.performance.review", required=True, readonly=True)
    rating_scale_id = fields.Many2one(
        "hr.performance.rating.scale", compute="_compute_rating_scale_id"
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="New Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    reason = fields.Text(required=True)

    @api.depends("review_ids")
    def _compute_rating_scale_id(self):
        for wizard in self:
            wizard.rating_scale_id = wizard.review_ids[:1].rating_scale_id

    @api.model_create_multi
    def create(self, vals_list):
        if not is_performance_hr(self.env):
            raise AccessError(self.env._("Only HR calibrates ratings."))
        wizards = super().create(vals_list)
        # Re-check: the review ids may be forged.
        wizards.review_ids.check_access("write")
        return wizards

    def action_apply(self):
        self.ensure_one()
        if not self.review_ids:
            raise UserError(self.env._("Select at least one review."))
        if self.mode == "reopen":
            self.review_ids.action_reopen(self.reason)
            return {"type": "ir.actions.act_window_close"}
        if not self.level_id:
            raise UserError(self.env._("Choose the new rating."))
        self.review_ids.action_calibrate(self.level_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
