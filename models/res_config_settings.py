from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    performance_rating_scale_id = fields.Many2one(
        related="company_id.performance_rating_scale_id", readonly=False
    )
    performance_checkin_frequency = fields.Selection(
        related="company_id.performance_checkin_frequency", readonly=False
    )
    performance_anonymity_threshold = fields.Integer(
        related="company_id.performance_anonymity_threshold", readonly=False
    )
    performance_max_active_goals = fields.Integer(
        related="company_id.performance_max_active_goals", readonly=False
    )
    performance_goal_update_interval = fields.Integer(
        related="company_id.performance_goal_update_interval", readonly=False
    )
    performance_health_at_risk_margin = fields.Float(
        related="company_id.performance_health_at_risk_margin", readonly=False
    )
    performance_reminder_days = fields.Integer(
        related="company_id.performance_reminder_days", readonly=False
    )
