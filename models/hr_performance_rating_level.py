from odoo import fields, models


class HrPerformanceRatingLevel(models.Model):
    _name = "hr.performance.rating.level"
    _description = "Performance Rating Level"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "scale_id, sequence, value, id"

    scale_id = fields.Many2one(
        "hr.performance.rating.scale",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(required=True, translate=True)
    value = fields.Float(
        required=True,
        help="Numeric value of the level; a higher value is a better rating.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What this level means, shown to reviewers."
    )
    color = fields.Integer()
    target_percent = fields.Float(
        string="Target (%)",
        help="Guideline share of reviews at this level, proposed to calibration "
        "sessions; never enforced unless a session asks for it.",
    )

    _sql_constraints = [
        (
            "value_unique_per_scale",
            "UNIQUE(scale_id, value)",
            "Two levels of the same rating scale cannot have the same value.",
        ),
    ]
