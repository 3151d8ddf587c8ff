from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HrPerformanceReviewLine(models.Model):
    """One answer to one question of a review, by one role. Manager answers
    are hidden from the employee until the review is shared (record rules)."""

    _name = "hr.performance.review.line"
    _description = "Review Answer"
    _inherit = ["hr.performance.answer.mixin", "hr.performance.guard.mixin"]
    _order = "review_id, role, sequence, id"
    _system_fields = ("question_id", "section_id", "role", "sequence")
    _fixed_fields = ("review_id",)
    _subject_field = "review_id.employee_id"

    review_id = fields.Many2one(
        "hr.performance.review", required=True, index=True, ondelete="cascade"
    )
    section_id = fields.Many2one(
        "hr.performance.review.template.section",
        string="Template Section",
        readonly=True,
        ondelete="restrict",
    )
    section_name = fields.Char(related="section_id.name", string="Section")
    role = fields.Selection(
        [("self", "Self"), ("manager", "Manager")],
        required=True,
        readonly=True,
        index=True,
    )
    sequence = fields.Integer(readonly=True)
    rating_scale_id = fields.Many2one(related="review_id.cycle_id.rating_scale_id")

    def write(self, vals):
        if not self.env.su:
            # A submitted answer is history, HR included: each role's answers
            # are written while its step is open.
            for line in self:
                step = "self_review" if line.role == "self" else "manager_review"
                if line.review_id.state != step:
                    raise AccessError(
                        self.env._(
                            "This answer is not yours to give, or no longer open."
                        )
                    )
        if not self._is_privileged():
            self._ensure_answer_fields(vals)
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
        self._ensure_rating_level(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("Answers go with their review; they cannot be deleted.")
            )

    # The other role's answer to the same question, side by side with this one.
    counterpart_rating_level_id = fields.Many2one(
        "hr.performance.rating.level", compute="_compute_counterpart"
    )
    counterpart_comment = fields.Html(compute="_compute_counterpart")

    @api.depends_context("uid")
    @api.depends("review_id", "question_id", "role")
    def _compute_counterpart(self):
        """One search under the current user's rules: the employee gets the
        manager's answers only once shared, the manager the employee's once
        submitted; otherwise the counterpart stays empty."""
        visible = self.search(
            [
                ("review_id", "in", self.review_id._origin.ids),
                ("question_id", "in", self.question_id.ids),
            ]
        )
        by_key = {
            (line.review_id.id, line.question_id.id, line.role): line
            for line in visible
        }
        for line in self:
            other = by_key.get(
                (
                    line.review_id._origin.id,
                    line.question_id.id,
                    "manager" if line.role == "self" else "self",
                )
            )
            line.counterpart_rating_level_id = other.rating_level_id if other else False
            line.counterpart_comment = other.comment if other else False

    # ------------------------------------------------------------------ builders

    @api.model
    def _create_for_reviews(self, reviews, template):
        """The answer lines of ``reviews`` just launched: one per question of
        ``template`` (their cycle's) and role, in one batched create."""
        questions = template.section_ids.filtered(
            lambda s: s.kind in ("competencies", "questions")
        ).question_ids
        roles = ["self", "manager"] if template.self_review else ["manager"]
        # sudo: answer lines of the reviews just created, from the cycle's template
        return self.sudo().create(
            [
                {
                    "review_id": review.id,
                    "question_id": question.id,
                    "section_id": question.section_id.id,
                    "role": role,
                    "sequence": question.section_id.sequence * 1000 + question.sequence,
                }
                for review in reviews
                for role in roles
                for question in questions
            ]
        )
