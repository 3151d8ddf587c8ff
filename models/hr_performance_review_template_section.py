from odoo import fields, models

SECTION_KINDS = [
    ("goals", "Goals"),
    ("competencies", "Competencies"),
    ("questions", "Questions"),
    ("skills", "Skills"),
]


class HrPerformanceReviewTemplateSection(models.Model):
    _name = "hr.performance.review.template.section"
    _description = "Review Template Section"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "hr.performance.review.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        SECTION_KINDS,
        required=True,
        default="questions",
        help="Goals: scored from the employee's goals in the cycle.\n"
        "Competencies and Questions: rated and commented on the template's questions.\n"
        "Skills: the employee's skills against those of the job.",
    )
    weight = fields.Float(
        string="Weight (%)",
        default=0.0,
        help="Share of the overall score; the sections of a template sum to 100 %.",
    )
    question_ids = fields.One2many(
        "hr.performance.review.template.question",
        "section_id",
        string="Questions",
        copy=True,
    )
