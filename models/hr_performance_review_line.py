from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .access import is_performance_hr


class HrPerformanceReviewLine(models.Model):
    """One answer to one question of a review, by one role. Manager answers
    are hidden from the employee until the review is shared (record rules)."""

    _name = "hr.performance.review.line"
    _description = "Review Answer"
    _order = "review_id, role, sequence, id"

    review_id = fields.Many2one(
        "hr.performance.review", required=True, index=True, ondelete="cascade"
    )
    section_id = fields.Many2one(
        "hr.performance.review.template.section",
        string="Template Section",
        readonly=True,
        ondelete="restrict",
    )
    question_id = fields.Many2one(
        "hr.performance.review.template.question",
        string="Template Question",
        readonly=True,
        ondelete="restrict",
    )
    name = fields.Char(related="question_id.name", string="Question")
    description = fields.Text(related="question_id.description")
    answer_type = fields.Selection(related="question_id.answer_type")
    required = fields.Boolean(related="question_id.required")
    section_name = fields.Char(related="section_id.name", string="Section")
    role = fields.Selection(
        [("self", "Self"), ("manager", "Manager")],
        required=True,
        readonly=True,
        index=True,
    )
    sequence = fields.Integer(readonly=True)
    rating_scale_id = fields.Many2one(related="review_id.cycle_id.rating_scale_id")
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    comment = fields.Html()

    def write(self, vals):
        if not is_performance_hr(self.env):
            if set(vals) - {"rating_level_id", "comment"}:
                raise UserError(
                    self.env._(
                        "Only the rating and the comment of an answer can be changed."
                    )
                )
            for line in self:
                review = line.review_id
                if line.role == "self":
                    allowed = (
                        review.state == "self_review"
                        and review.employee_id.user_id == self.env.user
                    )
                else:
                    allowed = review.state == "manager_review" and review._leads()
                if not allowed:
                    raise AccessError(
                        self.env._(
                            "This answer is not yours to give, or no longer open."
                        )
                    )
        if vals.get("rating_level_id"):
            level = self.env["hr.performance.rating.level"].browse(
                vals["rating_level_id"]
            )
            if any(level.scale_id != line.rating_scale_id for line in self):
                raise UserError(
                    self.env._("Choose a level of the cycle's rating scale.")
                )
        return super().write(vals)

    @api.private
    def _check_answered(self):
        missing = self.filtered(
            lambda line: (
                line.required
                and (
                    (
                        line.answer_type in ("rating", "rating_text")
                        and not line.rating_level_id
                    )
                    or (line.answer_type == "text" and is_html_empty(line.comment))
                )
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "Answer every required question first: %(questions)s",
                    questions=", ".join(missing.mapped("name")),
                )
            )
