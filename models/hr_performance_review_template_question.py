from odoo import fields, models


class HrPerformanceReviewTemplateQuestion(models.Model):
    _name = "hr.performance.review.template.question"
    _description = "Review Template Question"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "section_id, sequence, id"

    section_id = fields.Many2one(
        "hr.performance.review.template.section",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Question", required=True, translate=True)
    description = fields.Text(translate=True, help="Guidance for the reviewer.")
    answer_type = fields.Selection(
        [("rating", "Rating"), ("text", "Text"), ("rating_text", "Rating and comment")],
        required=True,
        default="rating_text",
    )
    required = fields.Boolean(default=True)
