from odoo import api, fields, models


class HrPerformanceCalibrationStat(models.Model):
    """A statistics row of a session (a manager, a department or a gender),
    recomputed on demand by ``action_refresh_statistics``."""

    _name = "hr.performance.calibration.stat"
    _description = "Calibration Statistics"
    _order = "calibration_id, kind, z_score desc, id"

    calibration_id = fields.Many2one(
        "hr.performance.calibration", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [("manager", "Manager"), ("department", "Department"), ("gender", "Gender")],
        required=True,
    )
    manager_id = fields.Many2one("hr.employee")
    department_id = fields.Many2one("hr.department")
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other")]
    )
    group_name = fields.Char(string="Group", compute="_compute_group_name")
    count = fields.Integer(string="Reviews")
    mean_rating = fields.Float(digits=(16, 2))
    spread = fields.Float(string="Std. Deviation", digits=(16, 2))
    z_score = fields.Float(string="z-score", digits=(16, 2))
    self_gap = fields.Float(
        string="Self − Manager", digits=(16, 1), help="Mean gap of the 0-100 scores."
    )
    peer_gap = fields.Float(
        string="Peer − Manager", digits=(16, 1), help="Mean gap of the 0-100 scores."
    )
    favourable_rate = fields.Float(
        string="Top Ratings (%)",
        digits=(16, 1),
        help="Share rated at one of the two highest levels.",
    )
    impact_ratio = fields.Float(
        digits=(16, 2),
        help="Top-rating share against the highest group's; below 0.8 fails the "
        "four-fifths rule.",
    )
    p_value = fields.Float(
        string="p-value", digits=(16, 3), help="Two-proportion z-test."
    )
    suppressed = fields.Boolean(
        help="Below the session's minimum group size: no z-score, flag or test."
    )
    flag = fields.Selection(
        [("lenient", "Lenient"), ("severe", "Severe"), ("adverse", "Adverse Impact")]
    )

    @api.depends("kind", "manager_id", "department_id", "gender")
    def _compute_group_name(self):
        genders = dict(self._fields["gender"]._description_selection(self.env))
        for stat in self:
            if stat.kind == "manager":
                name = stat.manager_id.name
            elif stat.kind == "department":
                name = stat.department_id.name
            else:
                name = genders.get(stat.gender)
            stat.group_name = name or self.env._("None")
