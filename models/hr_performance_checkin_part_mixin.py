from odoo import api, models


class HrPerformanceCheckinPartMixin(models.AbstractModel):
    """A part of a check-in (agenda item, private note, action item), on a
    model with a ``checkin_id``: once the check-in is held, the part is kept
    as it was (no change, no delete)."""

    _name = "hr.performance.checkin.part.mixin"
    _description = "Part of a Check-in"

    def write(self, vals):
        # Part of a held conversation, kept as it was.
        self.checkin_id._ensure_not_held()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        self.checkin_id._ensure_not_held()
