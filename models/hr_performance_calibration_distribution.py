from odoo import api, fields, models


class HrPerformanceCalibrationDistribution(models.Model):
    """Target and actual share of a session's reviews at one rating level."""

    _name = "hr.performance.calibration.distribution"
    _description = "Calibration Target Distribution"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "calibration_id, level_value, id"
    _system_fields = ("level_id",)
    _fixed_fields = ("calibration_id",)

    calibration_id = fields.Many2one(
        "hr.performance.calibration", required=True, index=True, ondelete="cascade"
    )
    level_id = fields.Many2one(
        "hr.performance.rating.level", required=True, readonly=True, ondelete="cascade"
    )
    level_value = fields.Float(related="level_id.value", store=True)
    target_percent = fields.Float(string="Target (%)")
    target_count = fields.Integer(compute="_compute_actual")
    actual_count = fields.Integer(compute="_compute_actual")
    actual_percent = fields.Float(string="Actual (%)", compute="_compute_actual")

    _sql_constraints = [
        (
            "target_range",
            "CHECK(target_percent >= 0 AND target_percent <= 100)",
            "A target is between 0 and 100 %.",
        ),
    ]

    @api.depends(
        "calibration_id.review_ids.assessment_ids.rating_level_id", "target_percent"
    )
    def _compute_actual(self):
        counts, totals = {}, {}
        for session in self.calibration_id:
            rows = self.env["hr.performance.review.assessment"]._read_group(
                [("review_id", "in", session.review_ids.ids)],
                ["rating_level_id"],
                ["__count"],
            )
            counts[session.id] = {level.id: count for level, count in rows}
            totals[session.id] = len(session.review_ids)
        for line in self:
            total = totals.get(line.calibration_id.id, 0)
            count = counts.get(line.calibration_id.id, {}).get(line.level_id.id, 0)
            line.actual_count = count
            line.actual_percent = count * 100.0 / total if total else 0.0
            line.target_count = round(line.target_percent * total / 100.0)
