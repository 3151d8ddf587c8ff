from odoo import api, fields, models
from odoo.exceptions import ValidationError

CHECKIN_FREQUENCIES = [
    ("none", "None"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    def _default_performance_rating_scale_id(self):
        return self.env.ref(
            "hr_performance.rating_scale_default", raise_if_not_found=False
        )

    performance_rating_scale_id = fields.Many2one(
        "hr.performance.rating.scale",
        string="Default Rating Scale",
        default=lambda self: self._default_performance_rating_scale_id(),
        domain="['|', ('company_id', '=', False), ('company_id', '=', id)]",
    )
    performance_checkin_frequency = fields.Selection(
        CHECKIN_FREQUENCIES,
        string="Default Check-in Frequency",
        default="monthly",
        required=True,
    )
    performance_anonymity_threshold = fields.Integer(
        string="Anonymity Threshold",
        default=3,
        help="Anonymous answers are shown to their subject only as an aggregate, "
        "and only once at least this many answers exist.",
    )
    performance_max_active_goals = fields.Integer(
        string="Maximum Active Goals",
        default=5,
        help="Employees with more active goals in a period than this are warned.",
    )
    performance_goal_update_interval = fields.Integer(
        string="Goal Update Reminder (days)",
        default=14,
        help="Owners of active goals without an update for this many days "
        "get a reminder activity.",
    )

    performance_reminder_days = fields.Integer(
        string="Review Reminder (days before)",
        default=3,
        help="Mail reviewers this many days before a review step's deadline, and once overdue.",
    )
    performance_health_at_risk_margin = fields.Float(
        string="At-Risk Margin",
        default=20.0,
        help="A goal whose progress is below the share of its time already elapsed "
        "is at risk up to this many points below, off track further below.",
    )

    @api.constrains(
        "performance_health_at_risk_margin",
        "performance_anonymity_threshold",
        "performance_max_active_goals",
        "performance_goal_update_interval",
    )
    def _check_performance_settings(self):
        for company in self:
            if not 0 < company.performance_health_at_risk_margin <= 100:
                raise ValidationError(
                    self.env._("The at-risk margin must be between 0 and 100 points.")
                )
            if company.performance_anonymity_threshold < 1:
                raise ValidationError(
                    self.env._("The anonymity threshold must be at least 1 answer.")
                )
            if company.performance_max_active_goals < 1:
                raise ValidationError(
                    self.env._("The maximum number of active goals must be at least 1.")
                )
            if company.performance_goal_update_interval < 1:
                raise ValidationError(
                    self.env._(
                        "The goal update reminder interval must be at least 1 day."
                    )
                )

    @api.constrains("performance_rating_scale_id")
    def _check_performance_rating_scale_id(self):
        self.performance_rating_scale_id._ensure_usable()

    @api.model
    def _performance_set_default_scale(self):
        """Give the default scale to companies that existed before install."""
        scale = self._default_performance_rating_scale_id()
        if scale:
            # sudo: install-time data function; gives every company a default scale
            self.sudo().with_context(active_test=False).search(
                [("performance_rating_scale_id", "=", False)]
            ).performance_rating_scale_id = scale
