from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib.calibration import (
    group_stats,
    mean_band,
    suggest_adjustments,
    target_counts,
)
from ..lib.inputs import positive_id
from ..lib.scoring import POTENTIALS, nine_box_cell, performance_band
from ..lib.xlsx import download_action
from .hr_performance_review import score_sql

ROW_KEYS = (
    "review_id",
    "manager_id",
    "department_id",
    "gender",
    "level_id",
    "value",
    "overall_score",
    "potential",
    "self_score",
    "peer_score",
    "manager_score",
    "name",
    "employee_id",
    "review_state",
)
ROOM_SESSIONS = 80  # the latest sessions the room offers to choose from


class HrPerformanceCalibration(models.Model):
    """A calibration meeting over a cycle (or some of its departments): HR and
    the managers compare ratings against a target distribution and each other,
    and HR moves ratings with a reason. Visible to HR only: it shows every
    manager's statistics."""

    _name = "hr.performance.calibration"
    _description = "Calibration Session"
    _inherit = [
        "hr.performance.thread",
        "hr.performance.guard.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _system_fields = ("state",)
    _text_limits = {"name": 256}

    name = fields.Char(required=True, tracking=True)
    cycle_id = fields.Many2one(
        "hr.performance.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', 'in', ('open', 'calibration', 'released'))]",
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True, index=True)
    rating_scale_id = fields.Many2one(related="cycle_id.rating_scale_id")
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Empty: the whole cycle. Sub-departments included.",
    )
    date = fields.Date(default=fields.Date.context_today)
    facilitator_user_id = fields.Many2one(
        "res.users", string="Facilitator", default=lambda self: self.env.user
    )
    participant_user_ids = fields.Many2many(
        "res.users",
        string="Participating Managers",
        compute="_compute_participant_user_ids",
        store=True,
        readonly=False,
    )
    review_ids = fields.Many2many(
        "hr.performance.review",
        string="Reviews",
        compute="_compute_review_ids",
        store=True,
        readonly=False,
        help="By default the cycle's reviews in calibration, in the chosen departments.",
    )
    review_count = fields.Integer(compute="_compute_review_count")
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
    )
    enforce_distribution = fields.Boolean(
        help="Refuse to close the session while the distribution differs from the "
        "targets. Off by default: targets are a guideline.",
    )
    min_group_size = fields.Integer(
        string="Minimum Group Size",
        default=5,
        help="Statistics of smaller groups (a manager's team, a gender) are shown "
        "without z-score, flag or test: too few to mean anything, and they could "
        "point at people.",
    )
    distribution_ids = fields.One2many(
        "hr.performance.calibration.distribution", "calibration_id"
    )
    suggestion_ids = fields.One2many(
        "hr.performance.calibration.suggestion", "calibration_id"
    )
    stat_ids = fields.One2many("hr.performance.calibration.stat", "calibration_id")
    adjustment_ids = fields.One2many(
        "hr.performance.calibration.adjustment", "calibration_id"
    )
    distribution_chart = fields.Html(
        compute="_compute_distribution_chart", sanitize=False
    )
    nine_box = fields.Html(compute="_compute_nine_box", sanitize=False)

    _sql_constraints = [
        (
            "min_group_size_positive",
            "CHECK(min_group_size >= 1)",
            "The minimum group size is at least 1.",
        ),
    ]

    @api.depends("cycle_id", "department_ids")
    def _compute_review_ids(self):
        for session in self:
            domain = [
                ("cycle_id", "=", session.cycle_id.id),
                ("state", "=", "calibration"),
            ]
            if session.department_ids:
                domain.append(("department_id", "child_of", session.department_ids.ids))
            session.review_ids = (
                self.env["hr.performance.review"].search(domain)
                if session.cycle_id
                else False
            )

    @api.constrains("review_ids", "cycle_id")
    def _check_reviews_of_the_cycle(self):
        for session in self:
            if session.review_ids.cycle_id - session.cycle_id:
                raise ValidationError(
                    self.env._(
                        "A calibration session covers reviews of its own cycle only."
                    )
                )

    @api.depends("review_ids")
    def _compute_participant_user_ids(self):
        for session in self:
            session.participant_user_ids = session.review_ids.manager_user_id

    @api.depends("review_ids")
    def _compute_review_count(self):
        for session in self:
            session.review_count = len(session.review_ids)

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        # One line per level of the cycle's scale, with the scale's guideline.
        # sudo: the lines' levels are system fields; the session was just created
        self.env["hr.performance.calibration.distribution"].sudo().create(
            [
                {
                    "calibration_id": session.id,
                    "level_id": level.id,
                    "target_percent": level.target_percent,
                }
                for session in sessions
                for level in session.rating_scale_id.level_ids
            ]
        )
        return sessions

    # ------------------------------------------------------------------ data

    def _rows(self):
        """One query: per review of the session, what the statistics need."""
        self.ensure_one()
        if not self.review_ids:
            return []
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT r.id, r.manager_id, r.department_id, e.gender,
                       a.rating_level_id, l.value, %s, a.potential,
                       %s, %s, %s, e.name, r.employee_id, r.state
                  FROM hr_performance_review r
                  JOIN hr_performance_review_assessment a ON a.review_id = r.id
                  JOIN hr_employee e ON e.id = r.employee_id
             LEFT JOIN hr_performance_rating_level l ON l.id = a.rating_level_id
                 WHERE r.id = ANY(%s)
              ORDER BY e.name, r.id
                """,
                # NULL where a score does not exist: never a 0
                score_sql("a", "overall_score"),
                score_sql("r", "self_score"),
                score_sql("a", "peer_score"),
                score_sql("a", "manager_score"),
                self.review_ids.ids,
            )
        )
        return [dict(zip(ROW_KEYS, row, strict=True)) for row in self.env.cr.fetchall()]

    # ------------------------------------------------------------------ charts

    @api.depends("review_ids", "distribution_ids.target_percent")
    def _compute_distribution_chart(self):
        for session in self:
            lines = session.distribution_ids.sorted(lambda d: d.level_id.value)
            if not lines:
                session.distribution_chart = False
                continue
            rows = Markup("").join(
                Markup(
                    '<div class="d-flex align-items-center gap-2 mb-1">'
                    '<div class="text-truncate" style="width: 11rem">%s</div>'
                    '<div class="flex-grow-1 position-relative bg-light" style="height: 1.6rem">'
                    '<div class="h-100 bg-primary" style="width: %s%%" title="%s"></div>'
                    '<div class="position-absolute top-0 h-100 border-end border-2 border-danger"'
                    ' style="left: %s%%" title="%s"></div></div>'
                    '<div class="text-end" style="width: 9rem">%s</div></div>'
                )
                % (
                    line.level_id.name,
                    round(min(line.actual_percent, 100), 1),
                    self.env._("Actual"),
                    round(min(line.target_percent, 100), 1),
                    self.env._("Target"),
                    self.env._(
                        "%(actual)s %% / %(target)s %%",
                        actual=round(line.actual_percent),
                        target=round(line.target_percent),
                    ),
                )
                for line in lines
            )
            legend = Markup('<div class="small text-muted mt-2">%s</div>') % self.env._(
                "Bars: actual share of the session's reviews; red marks: the target."
            )
            session.distribution_chart = Markup("<div>%s%s</div>") % (rows, legend)

    @api.depends("review_ids")
    def _compute_nine_box(self):
        labels, bands = self._nine_box_axes()
        for session in self:
            values = session.rating_scale_id.level_ids.mapped("value")
            cells = {}
            for row in session._rows() if len(values) >= 2 else []:
                if row["value"] is None or not row["potential"]:
                    continue
                key = (row["potential"], performance_band(row["value"], values))
                cells.setdefault(key, []).append(row["name"])
            grid = Markup("")
            for potential in reversed(POTENTIALS):
                cols = Markup("").join(
                    Markup(
                        '<td class="p-2 align-top border" style="width: 30%%">'
                        '<div class="fw-bold">%s</div><div class="small">%s</div></td>'
                    )
                    % (
                        len(cells.get((potential, band), [])),
                        ", ".join(cells.get((potential, band), [])),
                    )
                    for band in range(3)
                )
                grid += Markup(
                    '<tr><th class="p-2 text-nowrap small">%s</th>%s</tr>'
                ) % (
                    labels[potential],
                    cols,
                )
            head = Markup("").join(
                Markup('<th class="p-2 small text-center">%s</th>') % band
                for band in bands
            )
            session.nine_box = Markup(
                '<table class="table table-sm mb-0"><tbody>%s<tr><th></th>%s</tr>'
                "</tbody></table>"
            ) % (grid, head)

    # ------------------------------------------------------------------ actions

    def _set_state(self, state):
        """The one way a session's state changes: by whoever may write it."""
        self.check_access("write")
        # sudo: state is system-only; check_access("write") just passed
        self.sudo().write({"state": state})

    def action_start(self):
        self.filtered(lambda s: s.state == "draft")._set_state("in_progress")
        self.action_refresh_statistics()
        return True

    def action_done(self):
        for session in self:
            if session.enforce_distribution and session._off_target():
                raise UserError(
                    self.env._(
                        "The distribution of %(session)s still differs from its targets.",
                        session=session.name,
                    )
                )
        self.suggestion_ids.filtered(lambda s: s.state == "pending").action_dismiss()
        # A closed session keeps the statistics of its final ratings.
        self.action_refresh_statistics()
        self._set_state("done")
        return True

    def _off_target(self):
        return any(
            line.actual_count != line.target_count for line in self.distribution_ids
        )

    def _ensure_in_progress(self):
        if self.filtered(lambda s: s.state != "in_progress"):
            raise UserError(self.env._("Start the calibration session first."))

    def action_open_board(self):
        """The reviews in columns by rating, every level shown."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance.hr_performance_calibration_board_action"
        )
        action["domain"] = [("review_id", "in", self.review_ids.ids)]
        action["context"] = {
            "calibration_scale_id": self.rating_scale_id.id,
            "calibration_id": self.id,
            "group_by": "rating_level_id",
        }
        action["display_name"] = self.env._("Board: %(name)s", name=self.name)
        return action

    def action_open_room(self):
        """The calibration room: the interactive 9-box of this session."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "hr_performance.hr_performance_calibration_room_action"
        )
        action["params"] = {"calibration_id": self.id}
        return action

    def action_refresh_statistics(self):
        """Per manager, department and gender: one aggregate query whatever
        the number of reviews (see ``hr.performance.calibration.stat``)."""
        self.check_access("write")
        self.env["hr.performance.calibration.stat"]._refresh(self)
        return True

    def action_suggest_adjustments(self):
        """Fill the suggestions with the rating changes that meet the target
        distribution while keeping the order of overall scores (see
        ``lib.calibration.suggest_adjustments``); HR accepts them one by one.

        Refused below the session's minimum group size: on a handful of
        reviews the targets are mostly rounding (4 reviews at 10 / 20 / 40 /
        20 / 10 % make a slot at the second level and none at the top), and
        fitting so few people to a curve says nothing about them."""
        self.ensure_one()
        self._ensure_in_progress()
        lines = self.distribution_ids.sorted(lambda d: d.level_id.value)
        self._ensure_targets_total(lines)
        levels = lines.level_id
        index = {level.id: i for i, level in enumerate(levels)}
        rows = [row for row in self._rows() if row["level_id"] in index]
        self._ensure_enough_rated(rows)
        changes = suggest_adjustments(
            [
                (
                    row["review_id"],
                    index[row["level_id"]],
                    # Without an overall score, a review sits where its rating
                    # does: neither the first to move down nor up, as a 0 would.
                    self.rating_scale_id._to_percent(row["value"])
                    if row["overall_score"] is None
                    else row["overall_score"],
                )
                for row in rows
            ],
            lines.mapped("target_percent"),
        )
        self._replace_suggestions(changes, levels)
        if not changes:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._(
                        "The distribution already meets the targets."
                    ),
                },
            }
        return True

    def _ensure_targets_total(self, lines):
        total = sum(lines.mapped("target_percent"))
        if not abs(total - 100.0) <= 0.01:  # NaN included
            raise UserError(
                self.env._(
                    "The target distribution sums to %(total)s %%: make it 100 %% first.",
                    total=round(total, 2),
                )
            )

    def _ensure_enough_rated(self, rows):
        if len(rows) < self.min_group_size:
            raise UserError(
                self.env._(
                    "No adjustment is suggested for %(session)s: it has %(count)s rated "
                    "reviews, fewer than its minimum group size (%(minimum)s). On so few "
                    "people a target distribution is mostly rounding; calibrate the "
                    "reviews one by one instead.",
                    session=self.name,
                    count=len(rows),
                    minimum=self.min_group_size,
                )
            )

    def _replace_suggestions(self, changes, levels):
        """The pending suggestions give way to ``changes`` (review id, index
        of the level it is at, index of the level it moves to in ``levels``)."""
        self.suggestion_ids.filtered(lambda s: s.state == "pending").unlink()
        # sudo: suggestions are the solver's (system fields); HR may write the session
        self.check_access("write")
        self.env["hr.performance.calibration.suggestion"].sudo().create(
            [
                {
                    "calibration_id": self.id,
                    "review_id": review_id,
                    "from_level_id": levels[source].id,
                    "to_level_id": levels[destination].id,
                }
                for review_id, source, destination in changes
            ]
        )

    # ------------------------------------------------------------------ room

    @api.model
    def get_room_data(self, calibration_id=False, cycle_id=False):
        """What the calibration room draws, as JSON-able data: the sessions the
        user may read (to choose from), and for one of them (``calibration_id``,
        else the latest of ``cycle_id``, else the latest) its people with their
        rating, potential and 9-box cell, the distribution against its targets,
        the mean rating per manager and department against the pool's with the
        band outside which a mean is flagged, and the latest adjustments.

        Read with the user's rights (an officer never gets a session holding
        their own review: the record rules hide it); a fixed number of queries
        whatever the number of reviews."""
        # Record rules decide: HR, never a session holding the user's own review.
        sessions = self.search([], limit=ROOM_SESSIONS)
        chosen = self.browse()
        # Ids from the client: anything that cannot be an id (2^31, text) is none.
        calibration_id, cycle_id = positive_id(calibration_id), positive_id(cycle_id)
        if calibration_id:
            chosen = self.search([("id", "=", calibration_id)])
        if not chosen and cycle_id:
            chosen = self.search([("cycle_id", "=", cycle_id)], limit=1)
        chosen = chosen or sessions[:1]
        choices = (sessions | chosen).read(["name", "cycle_id", "state"])
        return {
            "sessions": [
                {
                    "id": choice["id"],
                    "name": choice["name"],
                    "state": choice["state"],
                    "cycle_id": choice["cycle_id"] and choice["cycle_id"][0],
                    "cycle_name": choice["cycle_id"] and choice["cycle_id"][1],
                }
                for choice in choices
            ],
            "boxes": self._nine_box_boxes(),
            "session": chosen._room_session() if chosen else False,
        }

    @api.model
    def _nine_box_boxes(self):
        """The 9-box's cells, 1 (low performance, low potential) to 9 (high,
        high): their names, in one place, and their colours."""
        return [
            {"cell": 1, "label": self.env._("Risk"), "color": "danger"},
            {"cell": 2, "label": self.env._("Effective"), "color": "warning"},
            {"cell": 3, "label": self.env._("Trusted professional"), "color": "info"},
            {"cell": 4, "label": self.env._("Inconsistent player"), "color": "warning"},
            {"cell": 5, "label": self.env._("Core player"), "color": "info"},
            {"cell": 6, "label": self.env._("High performer"), "color": "success"},
            {"cell": 7, "label": self.env._("Rough diamond"), "color": "warning"},
            {"cell": 8, "label": self.env._("Future star"), "color": "primary"},
            {"cell": 9, "label": self.env._("Future leader"), "color": "success"},
        ]

    @api.model
    def _nine_box_axes(self):
        """The 9-box's row names by potential and column names by third of
        the rating scale (low to high)."""
        return (
            {
                "low": self.env._("Low potential"),
                "medium": self.env._("Medium potential"),
                "high": self.env._("High potential"),
            },
            [
                self.env._("Low performance"),
                self.env._("Medium performance"),
                self.env._("High performance"),
            ],
        )

    def _room_session(self):
        self.ensure_one()
        levels = self.rating_scale_id.level_ids.sorted("value")
        targets = {
            line.level_id.id: line.target_percent for line in self.distribution_ids
        }
        rows = self._rows()
        rated = [row for row in rows if row["level_id"] in targets]
        pool = [row["value"] for row in rated]
        potentials, bands = self._nine_box_axes()
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "cycle_id": self.cycle_id.id,
            "cycle_name": self.cycle_id.name,
            "min_group_size": self.min_group_size,
            "potentials": [
                {"key": key, "label": potentials[key]} for key in POTENTIALS
            ],
            "bands": bands,
            "levels": self._room_levels(levels, targets, rated),
            "people": self._room_people(rows, levels, targets),
            "pool": {
                "count": len(pool),
                "mean": mean_band(pool, 1)[0] if pool else None,
            },
            "managers": self._room_groups(rated, "manager_id", "hr.employee"),
            "departments": self._room_groups(rated, "department_id", "hr.department"),
            "adjustments": self._room_adjustments(),
        }

    def _room_levels(self, levels, targets, rated):
        """The rating columns: per level its third of the scale, target and
        actual share."""
        values = levels.mapped("value") if len(levels) >= 2 else []
        counts = Counter(row["level_id"] for row in rated)
        percents = [targets.get(level.id, 0.0) for level in levels]
        # Target counts only where the targets make a distribution (100 %).
        expected = (
            target_counts(percents, len(rated))
            if abs(sum(percents) - 100.0) <= 0.01 and min(percents, default=0) >= 0
            else [None] * len(levels)
        )
        return [
            {
                "id": level.id,
                "name": level.name,
                "value": level.value,
                "band": performance_band(level.value, values) if values else 0,
                "target_percent": targets.get(level.id, 0.0),
                "count": counts[level.id],
                "target_count": target,
                "percent": 100.0 * counts[level.id] / len(rated) if rated else 0.0,
            }
            for level, target in zip(levels, expected, strict=True)
        ]

    def _room_people(self, rows, levels, targets):
        """The cards: who, where on the board, and whether HR may move them
        (a review in calibration while its cycle is)."""
        values = levels.mapped("value") if len(levels) >= 2 else []
        movable = self.cycle_id.state in ("calibration", "released")
        return [
            {
                "review_id": row["review_id"],
                "employee_id": row["employee_id"],
                "name": row["name"],
                "manager_id": row["manager_id"] or False,
                "department_id": row["department_id"] or False,
                "level_id": row["level_id"] or False,
                "potential": row["potential"] or False,
                "overall_score": row["overall_score"],
                "cell": nine_box_cell(row["value"], values, row["potential"])
                if values and row["level_id"] in targets
                else 0,
                "movable": movable and row["review_state"] == "calibration",
            }
            for row in rows
        ]

    def _room_groups(self, rated, key, model):
        """Per group: count, mean rating, z-score and flag (``group_stats``),
        and the band around the pool's mean a group of that size stays in
        while unflagged (``mean_band``)."""
        values = {}
        for row in rated:
            values.setdefault(row[key] or False, []).append(row["value"])
        pool = [row["value"] for row in rated]
        names = {
            record.id: record.display_name
            for record in self.env[model].browse([k for k in values if k])
        }
        groups = []
        for stat in group_stats(values, self.min_group_size):
            _centre, low, high = mean_band(pool, stat.count)
            groups.append(
                {
                    "id": stat.key,
                    "name": names.get(stat.key) or self.env._("None"),
                    "count": stat.count,
                    "mean": stat.mean,
                    "z_score": stat.z_score,
                    "flag": stat.flag,
                    "suppressed": stat.z_score is None,
                    "low": low,
                    "high": high,
                }
            )
        return sorted(groups, key=lambda group: (-group["mean"], group["name"]))

    def _room_adjustments(self, limit=10):
        adjustments = self.env["hr.performance.calibration.adjustment"].search(
            [("calibration_id", "=", self.id)], limit=limit
        )
        return [
            {
                "id": adjustment.id,
                "date": fields.Datetime.to_string(adjustment.date),
                "employee": adjustment.review_id.employee_id.name,
                "review_id": adjustment.review_id.id,
                "old_level": adjustment.old_level_id.name or False,
                "new_level": adjustment.new_level_id.name,
                "reason": adjustment.reason,
                "user": adjustment.user_id.name,
            }
            for adjustment in adjustments
        ]

    # ------------------------------------------------------------------ export

    def action_export_xlsx(self):
        """Download the session as a workbook (reports/calibration_xlsx.py)."""
        self.ensure_one()
        return download_action("calibration", self.id)
