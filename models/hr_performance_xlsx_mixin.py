from odoo import models


class HrPerformanceXlsxMixin(models.AbstractModel):
    """A record exported as an XLSX workbook by ``controllers/export.py``:
    the model names its route segment and builds its sheets."""

    _name = "hr.performance.xlsx.mixin"
    _description = "XLSX export"
    _xlsx_kind = None  # the <kind> of /hr_performance/export/<kind>/<id>

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/hr_performance/export/{self._xlsx_kind}/{self.id}",
            "target": "download",
        }

    def _xlsx_sheets(self):
        """Return ``(file name without extension, [lib.xlsx.Sheet])``, read
        with the current user's rights."""
        raise NotImplementedError
