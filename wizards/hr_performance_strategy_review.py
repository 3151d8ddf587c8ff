from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.strategy import YEAR_MAX, YEAR_MIN, valid_year


class HrPerformanceStrategyReview(models.TransientModel):
    """HR picks the year of the strategy review, then prints it (PDF) or
    downloads it (XLSX): process and outcome metrics per department, against
    the year before."""

    _name = "hr.performance.strategy.review"
    _description = "Strategy Review"

    def _default_year(self):
        return fields.Date.context_today(self).year

    year = fields.Integer(required=True, default=lambda self: self._default_year())

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if valid_year(wizard.year) is None:
                raise ValidationError(
                    self.env._(
                        "The year must be between %(first)s and %(last)s.",
                        first=YEAR_MIN,
                        last=YEAR_MAX,
                    )
                )

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref(
            "hr_performance.action_report_strategy_review"
        ).report_action(self)

    def action_download_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/hr_performance/export/strategy?year={int(self.year)}",
            "target": "download",
        }
