from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.scoring import nine_box_cell
from .access import is_performance_hr
from .hr_performance_review import POTENTIALS


class HrPerformanceReviewAssessment(models.Model):
    """The manager's and HR's side of a review: scores, proposed and final
    rating, potential, 9-box. Record rules let the employee read it only once
    the review is shared; the review shows it through proxy fields."""

    _name = "hr.performance.review.assessment"
    _description = "Review Assessment"

    review_id = fields.Many2one(
        "hr.performance.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    manager_score = fields.Float(readonly=True)
    overall_score = fields.Float(readonly=True)
    proposed_rating_level_id = fields.Many2one("hr.performance.rating.level")
    final_rating_level_id = fields.Many2one(
        "hr.performance.rating.level", readonly=True, index=True
    )
    potential = fields.Selection(POTENTIALS)
    nine_box_cell = fields.Integer(compute="_compute_nine_box_cell", store=True)
    manager_comment = fields.Html()

    _sql_constraints = [
        ("review_unique", "UNIQUE(review_id)", "A review has one assessment."),
    ]

    @api.depends("final_rating_level_id", "proposed_rating_level_id", "potential")
    def _compute_nine_box_cell(self):
        for assessment in self:
            level = (
                assessment.final_rating_level_id or assessment.proposed_rating_level_id
            )
            assessment.nine_box_cell = nine_box_cell(
                level.value if level else None,
                level.scale_id.level_ids.mapped("value") if level else [],
                assessment.potential,
            )

    def write(self, vals):
        if not is_performance_hr(self.env):
            if set(vals) - {"proposed_rating_level_id", "potential", "manager_comment"}:
                raise UserError(
                    self.env._(
                        "Scores and final ratings are computed or calibrated, not typed in."
                    )
                )
            # The manager's side is written during the manager review only: after
            # it, a change of rating goes through calibration and its audit.
            for review in self.review_id:
                if review.state != "manager_review" or not review._leads():
                    raise AccessError(self.env._("The manager review is closed."))
        if vals.get("proposed_rating_level_id"):
            level = self.env["hr.performance.rating.level"].browse(
                vals["proposed_rating_level_id"]
            )
            if any(
                level.scale_id != review.rating_scale_id for review in self.review_id
            ):
                raise UserError(
                    self.env._("Choose a level of the cycle's rating scale.")
                )
        return super().write(vals)
