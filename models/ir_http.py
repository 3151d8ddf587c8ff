from odoo import models

from ..controllers.readonly import stamp_write


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        # A write through the addon's routes keeps the user's next pages on
        # the primary database (read your own writes, see controllers/readonly.py).
        stamp_write(rule)
        return super()._pre_dispatch(rule, args)
