from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class HrPerformanceAnswerMixin(models.AbstractModel):
    """An answer to one question of a review template: the manager's and the
    employee's answers in a review, and a colleague's in a 360 request.
    Concrete models define ``rating_scale_id`` (the scale their cycle uses)."""

    _name = "hr.performance.answer.mixin"
    _description = "Answer to a review question"

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
    rating_level_id = fields.Many2one(
        "hr.performance.rating.level",
        string="Rating",
        domain="[('scale_id', '=', rating_scale_id)]",
    )
    comment = fields.Html()

    def _ensure_answer_fields(self, vals):
        """Outside HR, an answer changes only its rating and comment."""
        if set(vals) - {"rating_level_id", "comment"}:
            raise UserError(
                self.env._(
                    "Only the rating and the comment of an answer can be changed."
                )
            )

    def _ensure_rating_level(self, vals):
        """Refuse a level of another scale than the answer's cycle uses."""
        if vals.get("rating_level_id"):
            level = self.env["hr.performance.rating.level"].browse(
                vals["rating_level_id"]
            )
            if any(level.scale_id != answer.rating_scale_id for answer in self):
                raise UserError(
                    self.env._("Choose a level of the cycle's rating scale.")
                )

    def _ensure_answered(self):
        missing = self.filtered(
            lambda answer: (
                answer.required
                and (
                    (
                        answer.answer_type in ("rating", "rating_text")
                        and not answer.rating_level_id
                    )
                    or (answer.answer_type == "text" and is_html_empty(answer.comment))
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

    def _rating_values(self):
        """The rating values given, for scoring."""
        return [
            answer.rating_level_id.value
            for answer in self
            if answer.rating_level_id
            and answer.answer_type in ("rating", "rating_text")
        ]
