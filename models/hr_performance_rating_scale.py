from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.progress import normalize


class HrPerformanceRatingScale(models.Model):
    _name = "hr.performance.rating.scale"
    _description = "Performance Rating Scale"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the scale between all companies.",
    )
    level_ids = fields.One2many(
        "hr.performance.rating.level", "scale_id", string="Levels", copy=True
    )
    level_count = fields.Integer(compute="_compute_level_stats", store=True)
    min_value = fields.Float(compute="_compute_level_stats", store=True)
    max_value = fields.Float(compute="_compute_level_stats", store=True)

    @api.depends("level_ids.value")
    def _compute_level_stats(self):
        for scale in self:
            values = scale.level_ids.mapped("value")
            scale.level_count = len(values)
            scale.min_value = min(values, default=0.0)
            scale.max_value = max(values, default=0.0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_company_default(self):
        # sudo: any company using the scale blocks its deletion (admins delete scales)
        used = (
            self.env["res.company"]
            .sudo()
            .search([("performance_rating_scale_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._(
                    "The rating scale %(scale)s is the default of %(company)s; "
                    "choose another default in the Settings before deleting it.",
                    scale=used.performance_rating_scale_id.display_name,
                    company=used.display_name,
                )
            )

    def _ensure_usable(self):
        """Raise unless every scale can rate someone: two levels or more, with
        distinct values. Checked when a scale is put to use, not on each level
        write, so that a scale can be built level by level."""
        for scale in self:
            if scale.level_count < 2:
                raise UserError(
                    self.env._(
                        "The rating scale %(scale)s needs at least two levels.",
                        scale=scale.display_name,
                    )
                )

    def _to_percent(self, value):
        """``value`` of this scale as 0–100, lowest level 0, highest 100."""
        self.ensure_one()
        self._ensure_usable()
        return normalize(value, self.min_value, self.max_value)
