from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.scoring import nine_box_cell
from .hr_performance_review import POTENTIALS, score_flags

SCORES = ("manager_score", "peer_score", "upward_score", "overall_score")


class HrPerformanceReviewAssessment(models.Model):
    """The manager's and HR's side of a review: scores, proposed and final
    rating, potential, 9-box. Record rules let the employee read it only once
    the review is shared; the review shows it through proxy fields."""

    _name = "hr.performance.review.assessment"
    _description = "Review Assessment"
    _inherit = ["hr.performance.guard.mixin"]
    # Computed by the workflow steps or calibrated (audited), never typed in.
    _system_fields = (
        "manager_score",
        "peer_score",
        "upward_score",
        "overall_score",
        "has_manager_score",
        "has_peer_score",
        "has_upward_score",
        "has_overall_score",
        "final_rating_level_id",
    )
    _fixed_fields = ("review_id",)
    _subject_field = "review_id.employee_id"

    review_id = fields.Many2one(
        "hr.performance.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    # Stored copies of the review's keys, for the calibration board's filters.
    cycle_id = fields.Many2one(related="review_id.cycle_id", store=True, index=True)
    employee_id = fields.Many2one(related="review_id.employee_id", store=True)
    manager_id = fields.Many2one(related="review_id.manager_id", store=True)
    department_id = fields.Many2one(related="review_id.department_id", store=True)
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    # Each score has a flag saying whether it exists (a Float reads 0 where
    # nothing was stored): writing a score sets it, writing None clears it.
    manager_score = fields.Float(readonly=True)
    has_manager_score = fields.Boolean(readonly=True)
    # 360 scores are hidden until release too: otherwise their change after
    # each answer would tell the subject what that colleague rated.
    peer_score = fields.Float(readonly=True)
    has_peer_score = fields.Boolean(readonly=True)
    upward_score = fields.Float(readonly=True)
    has_upward_score = fields.Boolean(readonly=True)
    overall_score = fields.Float(readonly=True)
    has_overall_score = fields.Boolean(
        readonly=True, help="The manager review is submitted (see lib/scoring.py)."
    )
    proposed_rating_level_id = fields.Many2one("hr.performance.rating.level")
    final_rating_level_id = fields.Many2one(
        "hr.performance.rating.level", readonly=True, index=True
    )
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="Current Rating",
        compute="_compute_rating_level_id",
        store=True,
        index=True,
        group_expand="_group_expand_rating_levels",
        help="The final rating once calibrated, the manager's proposal before.",
    )
    potential = fields.Selection(POTENTIALS)
    nine_box_cell = fields.Integer(compute="_compute_nine_box_cell", store=True)
    manager_comment = fields.Html()

    _sql_constraints = [
        ("review_unique", "UNIQUE(review_id)", "A review has one assessment."),
    ]

    @api.depends("final_rating_level_id", "proposed_rating_level_id")
    def _compute_rating_level_id(self):
        for assessment in self:
            assessment.rating_level_id = (
                assessment.final_rating_level_id or assessment.proposed_rating_level_id
            )

    @api.model
    def _group_expand_rating_levels(self, levels, domain):
        """The board shows every level of the scale, empty ones too."""
        scale_id = self.env.context.get("calibration_scale_id")
        scales = (
            self.env["hr.performance.rating.scale"].browse(scale_id)
            if scale_id
            else levels.scale_id
        )
        # In the scale's order, lowest first, whatever the cards' order.
        return (levels | scales.level_ids).sorted(
            lambda level: (level.scale_id.id, level.value)
        )

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

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([score_flags(vals, SCORES) for vals in vals_list])

    def write(self, vals):
        vals = score_flags(vals, SCORES)
        # Final ratings change only through action_calibrate (audited) or the
        # release, which flag their own sudo writes; HR included, RPC never.
        if "final_rating_level_id" in vals and not (
            self.env.su and self.env.context.get("hr_performance_calibrating")
        ):
            raise UserError(
                self.env._(
                    "Final ratings are set by calibration, with a reason: use Calibrate."
                )
            )
        frozen = {
            "proposed_rating_level_id",
            "potential",
            "manager_score",
            "has_manager_score",
            "overall_score",
            "has_overall_score",
            "manager_comment",
        }
        if not self._is_privileged():
            if set(vals) - {"proposed_rating_level_id", "potential", "manager_comment"}:
                raise UserError(
                    self.env._(
                        "Scores and final ratings are computed or calibrated, not typed in."
                    )
                )
            # The manager's side is written during the manager review only: after
            # it, a change of rating goes through calibration and its audit.
            message = self.env._("The manager review is closed.")
            if self.review_id.filtered(lambda r: r.state != "manager_review"):
                raise AccessError(message)
            self.review_id._ensure_leads(message)
        elif not self.env.su and frozen & set(vals):
            # HR too: after the manager review the rating inputs move only
            # through the audited methods (which run as superuser), since the
            # release turns the proposal into the final rating.
            if self.review_id.filtered(
                lambda r: r.state not in ("self_review", "manager_review")
            ):
                raise UserError(
                    self.env._(
                        "The manager review is submitted: change the rating through calibration, with a reason."
                    )
                )
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

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("An assessment goes with its review; it cannot be deleted.")
            )

    def _set_final_rating(self, level):
        """The one way a final rating is written: by HR's calibration
        (audited) and release, which run with sudo."""
        self.with_context(hr_performance_calibrating=True).final_rating_level_id = level

    def action_open_calibrate(self):
        """The board's "Move" button: the calibration wizard for this review."""
        self.ensure_one()
        return self.review_id.action_open_calibrate()

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_for_reviews(self, reviews):
        """One empty assessment per review just launched (users create none)."""
        # sudo: the assessments of the reviews just created, at launch
        return self.sudo().create([{"review_id": review.id} for review in reviews])
