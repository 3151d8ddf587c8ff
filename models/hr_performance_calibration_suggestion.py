from odoo import fields, models


class HrPerformanceCalibrationSuggestion(models.Model):
    """A proposed rating change towards the target distribution; HR accepts
    (through ``action_calibrate``, audited) or dismisses it."""

    _name = "hr.performance.calibration.suggestion"
    _description = "Calibration Suggestion"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "calibration_id, id"
    # Made by the session's solver, answered by the buttons.
    _system_fields = ("review_id", "from_level_id", "to_level_id", "state")
    _fixed_fields = ("calibration_id",)
    _subject_field = "review_id.employee_id"

    calibration_id = fields.Many2one(
        "hr.performance.calibration", required=True, index=True, ondelete="cascade"
    )
    review_id = fields.Many2one(
        "hr.performance.review", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="review_id.employee_id")
    manager_id = fields.Many2one(related="review_id.manager_id")
    overall_score = fields.Float(related="review_id.overall_score")
    has_overall_score = fields.Boolean(related="review_id.has_overall_score")
    from_level_id = fields.Many2one(
        "hr.performance.rating.level", string="From", readonly=True
    )
    to_level_id = fields.Many2one(
        "hr.performance.rating.level", string="To", readonly=True, required=True
    )
    state = fields.Selection(
        [("pending", "Pending"), ("accepted", "Accepted"), ("dismissed", "Dismissed")],
        default="pending",
        required=True,
        readonly=True,
    )

    def action_accept(self):
        for suggestion in self.filtered(lambda s: s.state == "pending"):
            session = suggestion.calibration_id
            session._ensure_in_progress()
            suggestion.review_id.with_context(
                calibration_id=session.id
            ).action_calibrate(
                suggestion.to_level_id,
                self.env._(
                    "Suggested to meet the target distribution of %(session)s",
                    session=session.name,
                ),
            )
            suggestion._set_state("accepted")
        return True

    def action_dismiss(self):
        self.filtered(lambda s: s.state == "pending")._set_state("dismissed")
        return True

    def _set_state(self, state):
        self.calibration_id.check_access("write")
        # sudo: state is system-only; the session's write access was checked
        self.sudo().write({"state": state})
