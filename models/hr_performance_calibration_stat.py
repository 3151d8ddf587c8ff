from odoo import api, fields, models
from odoo.tools import SQL

from ..lib.calibration import FOUR_FIFTHS, Z_FLAG, two_proportion_p
from .hr_performance_review import score_sql

STAT_COLUMNS = (
    "calibration_id",
    "kind",
    "manager_id",
    "department_id",
    "gender",
    "count",
    "mean_rating",
    "spread",
    "z_score",
    "self_gap",
    "peer_gap",
    "favourable_count",
    "favourable_rate",
    "impact_ratio",
    "reference_count",
    "reference_favourable_count",
    "suppressed",
    "flag",
)


class HrPerformanceCalibrationStat(models.Model):
    """The statistics of a calibration session as of its last refresh: per
    manager and per department, the mean rating and its z-score against the
    session (leniency / severity) and the self / peer gaps; per gender, the
    share of the two top ratings and the four-fifths rule. Written by
    ``_refresh``, one ``INSERT … SELECT`` aggregate whatever the number of
    reviews; read-only otherwise.

    The formulas are lib/calibration.py's (``group_stats``,
    ``adverse_impact``), done in SQL for speed; tests check that both agree."""

    _name = "hr.performance.calibration.stat"
    _description = "Calibration Statistics"
    _inherit = ["hr.performance.guard.mixin"]
    _order = "calibration_id, kind, z_score desc, id"
    calibration_id = fields.Many2one(
        "hr.performance.calibration",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    kind = fields.Selection(
        [("manager", "Manager"), ("department", "Department"), ("gender", "Gender")],
        readonly=True,
    )
    manager_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other")], readonly=True
    )
    group_name = fields.Char(string="Group", compute="_compute_group_name")
    count = fields.Integer(string="Reviews", readonly=True)
    mean_rating = fields.Float(digits=(16, 2), readonly=True)
    spread = fields.Float(string="Std. Deviation", digits=(16, 2), readonly=True)
    z_score = fields.Float(string="z-score", digits=(16, 2), readonly=True)
    self_gap = fields.Float(
        string="Self − Manager",
        digits=(16, 1),
        readonly=True,
        help="Mean gap of the 0-100 scores.",
    )
    peer_gap = fields.Float(
        string="Peer − Manager",
        digits=(16, 1),
        readonly=True,
        help="Mean gap of the 0-100 scores.",
    )
    favourable_count = fields.Integer(readonly=True)
    reference_count = fields.Integer(readonly=True)
    reference_favourable_count = fields.Integer(readonly=True)
    favourable_rate = fields.Float(
        string="Top Ratings (%)",
        digits=(16, 1),
        readonly=True,
        help="Share rated at one of the two highest levels.",
    )
    impact_ratio = fields.Float(
        digits=(16, 2),
        readonly=True,
        help="Top-rating share against the highest group's; below 0.8 fails the "
        "four-fifths rule.",
    )
    p_value = fields.Float(
        string="p-value",
        digits=(16, 3),
        compute="_compute_p_value",
        help="Two-proportion z-test against the group with the highest share.",
    )
    suppressed = fields.Boolean(
        readonly=True,
        help="Below the session's minimum group size: no z-score, flag or test.",
    )
    flag = fields.Selection(
        [("lenient", "Lenient"), ("severe", "Severe"), ("adverse", "Adverse Impact")],
        readonly=True,
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

    @api.depends(
        "count", "favourable_count", "reference_count", "reference_favourable_count"
    )
    def _compute_p_value(self):
        for stat in self:
            # A reference is set only on the genders tested against it.
            compared = stat.reference_count and not stat.suppressed
            stat.p_value = (
                two_proportion_p(
                    stat.count,
                    stat.favourable_count,
                    stat.reference_count,
                    stat.reference_favourable_count,
                )
                if compared
                else 0.0
            )

    @api.model
    def _refresh(self, sessions):
        """Replace the rows of ``sessions`` by the current statistics: one
        aggregate query per session, whatever its number of reviews (callers
        check the access)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "DELETE FROM hr_performance_calibration_stat WHERE calibration_id = ANY(%s)",
                sessions.ids,
            )
        )
        for session in sessions:
            self._insert_statistics(session)
        self.invalidate_model()
        sessions.invalidate_recordset(["stat_ids"])

    def _insert_statistics(self, session):
        # One session at a time: an equality on the session lets PostgreSQL
        # estimate its rows and join them the cheapest way.
        self.env.cr.execute(
            SQL(
                """
            WITH rated AS %(rated)s,
            grouped AS (
                -- one pass: per manager, per department, per gender, and the
                -- whole session (the pool the z-scores are measured against)
                SELECT r.calibration_id, r.min_size,
                       CASE GROUPING(r.manager_id, r.department_id, r.gender)
                            WHEN 3 THEN 'manager' WHEN 5 THEN 'department'
                            WHEN 6 THEN 'gender' ELSE 'pool' END AS kind,
                       r.manager_id, r.department_id, r.gender,
                       COUNT(*) AS count,
                       AVG(r.value) AS mean_rating,
                       STDDEV_SAMP(r.value) AS spread,
                       AVG(r.self_score - r.manager_score) AS self_gap,
                       AVG(r.peer_score - r.manager_score) AS peer_gap,
                       COUNT(*) FILTER (WHERE r.value >= r.favourable)
                           AS favourable_count,
                       MAX(r.favourable) AS favourable
                  FROM rated r
              GROUP BY GROUPING SETS (
                       (r.calibration_id, r.min_size, r.manager_id),
                       (r.calibration_id, r.min_size, r.department_id),
                       (r.calibration_id, r.min_size, r.gender),
                       (r.calibration_id, r.min_size))
            ),
            with_pool AS (
                SELECT x.*, x.count >= x.min_size AS eligible,
                       MAX(CASE WHEN x.kind = 'pool' THEN x.mean_rating END)
                           OVER session AS pool_mean,
                       MAX(CASE WHEN x.kind = 'pool' THEN x.spread END)
                           OVER session AS pool_sd
                  FROM grouped x
                 -- genders: known ones, on a scale with two top levels
                 WHERE x.kind <> 'gender'
                    OR (x.gender IS NOT NULL AND x.favourable IS NOT NULL)
                WINDOW session AS (PARTITION BY x.calibration_id)
            ),
            ranked AS (
                SELECT s.*,
                       -- the gender with the highest top-rating share among
                       -- those of the minimum size (the reference), whether
                       -- a group is just like it, and how many such genders
                       FIRST_VALUE(s.favourable_count::float / s.count) OVER best
                           AS best_rate,
                       FIRST_VALUE(s.count) OVER best AS best_count,
                       FIRST_VALUE(s.favourable_count) OVER best AS best_favourable,
                       (s.count, s.favourable_count) = (
                           FIRST_VALUE(s.count) OVER best,
                           FIRST_VALUE(s.favourable_count) OVER best
                       ) AS like_best,
                       COUNT(*) FILTER (WHERE s.eligible) OVER (
                           PARTITION BY s.calibration_id, s.kind
                       ) AS eligible_groups
                  FROM with_pool s
                 WHERE s.kind <> 'pool'
                WINDOW best AS (
                    PARTITION BY s.calibration_id, s.kind
                    -- ties on the rate: the largest group, as in lib
                    ORDER BY s.eligible DESC,
                             s.favourable_count::float / s.count DESC,
                             s.count DESC, s.gender
                )
            )
            INSERT INTO hr_performance_calibration_stat
                   (%(columns)s, create_date, write_date)
            SELECT g.calibration_id, g.kind, g.manager_id, g.department_id,
                   g.gender, g.count, g.mean_rating,
                   COALESCE(g.spread, 0) AS spread,
                   COALESCE(z.z_score, 0) AS z_score,
                   COALESCE(g.self_gap, 0) AS self_gap,
                   COALESCE(g.peer_gap, 0) AS peer_gap,
                   g.favourable_count,
                   100.0 * g.favourable_count / g.count AS favourable_rate,
                   CASE WHEN i.compared AND g.best_rate > 0
                        THEN g.favourable_count::float / g.count / g.best_rate
                        ELSE 0 END AS impact_ratio,
                   CASE WHEN i.compared AND NOT g.like_best THEN g.best_count END
                       AS reference_count,
                   CASE WHEN i.compared AND NOT g.like_best THEN g.best_favourable END
                       AS reference_favourable_count,
                   CASE WHEN g.kind = 'gender' THEN NOT (i.compared AND g.best_rate > 0)
                        ELSE z.z_score IS NULL END AS suppressed,
                   CASE WHEN z.z_score >= %(z_flag)s THEN 'lenient'
                        WHEN z.z_score <= -%(z_flag)s THEN 'severe'
                        WHEN i.compared AND g.best_rate > 0
                         AND g.favourable_count::float / g.count / g.best_rate
                             < %(four_fifths)s THEN 'adverse'
                   END AS flag,
                   NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM ranked g
              CROSS JOIN LATERAL (
                SELECT CASE WHEN g.kind <> 'gender' AND g.eligible AND g.pool_sd > 0
                            THEN (g.mean_rating - g.pool_mean)
                                 / (g.pool_sd / SQRT(g.count))
                       END AS z_score
              ) z
              CROSS JOIN LATERAL (
                SELECT g.kind = 'gender' AND g.eligible AND g.eligible_groups > 1
                       AS compared
              ) i
            """,
                columns=SQL(", ").join(map(SQL.identifier, STAT_COLUMNS)),
                z_flag=Z_FLAG,
                four_fifths=FOUR_FIFTHS,
                rated=SQL(
                    """(
                        -- each rated review of the sessions, with what the
                        -- statistics need
                        SELECT rel.hr_performance_calibration_id AS calibration_id,
                               c.min_group_size AS min_size,
                               r.manager_id, r.department_id, e.gender,
                               l.value::float AS value,
                               -- NULL where a score does not exist: never a 0
                               %s AS self_score, %s AS peer_score,
                               %s AS manager_score,
                               c.favourable
                          FROM hr_performance_calibration_hr_performance_review_rel rel
                          JOIN (
                               SELECT c.id, c.min_group_size,
                                      -- the lower of the scale's two top levels
                                      (SELECT sl.value
                                         FROM hr_performance_rating_level sl
                                        WHERE sl.scale_id = cy.rating_scale_id
                                     ORDER BY sl.value DESC OFFSET 1 LIMIT 1)
                                          AS favourable
                                 FROM hr_performance_calibration c
                                 JOIN hr_performance_cycle cy ON cy.id = c.cycle_id
                          ) c ON c.id = rel.hr_performance_calibration_id
                          JOIN hr_performance_review r
                            ON r.id = rel.hr_performance_review_id
                          JOIN hr_performance_review_assessment a
                            ON a.review_id = r.id
                          JOIN hr_employee e ON e.id = r.employee_id
                          JOIN hr_performance_rating_level l
                            ON l.id = a.rating_level_id
                         WHERE rel.hr_performance_calibration_id = %s
                    )""",
                    score_sql("r", "self_score"),
                    score_sql("a", "peer_score"),
                    score_sql("a", "manager_score"),
                    session.id,
                ),
            )
        )
