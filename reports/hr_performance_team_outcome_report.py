from odoo import fields, models, tools
from odoo.tools import SQL

from ..lib.goals import SMART_MET
from .hr_performance_activity_analysis import HrPerformanceActivityAnalysis

# Without a company setting, as for 360 answers (hr.performance.review).
DEFAULT_ANONYMITY_THRESHOLD = 3


class HrPerformanceTeamOutcomeReport(models.Model):
    """Process against outcomes, one row per team and calendar year. A team
    is a manager and their direct reports: the employees grouped by their
    manager (``parent_id``); the manager counts in their own manager's team.

    Years, not cycles: every team has one, whatever cycles its company runs,
    and they line up with the strategy review, which correlates the rows.

    Process: check-ins held and missed, feedback and goals as *Process
    Health* counts them (its query is read here, so held, missed and
    achieved have one definition), attributed as it does (a check-in to its
    manager at the time, feedback and goals to the person's current
    manager). Outcomes: the mean final rating of the released reviews (in
    the team of the manager at launch), departures (the leaver's manager when
    they left) and goal attainment.

    The mean rating is left empty when fewer people than the company's
    anonymity threshold were rated: in a team of one or two it would be
    their rating. HR reads all rows; a manager those of the teams they lead
    or that are below them; an employee none."""

    _name = "hr.performance.team.outcome.report"
    _description = "Team Outcomes"
    _auto = False
    _depends = {
        **HrPerformanceActivityAnalysis._depends,
        "hr.performance.employee.move": ["employee_id", "date", "kind"],
        "hr.performance.review": ["employee_id", "manager_id", "state", "cycle_id"],
        "hr.performance.review.assessment": ["review_id", "final_rating_level_id"],
        "hr.performance.cycle": ["date_start"],
        "hr.performance.rating.level": ["value"],
        "res.company": ["performance_anonymity_threshold"],
    }
    _order = "date desc, manager_id"

    date = fields.Date(string="Year", readonly=True)
    manager_id = fields.Many2one("hr.employee", string="Team of", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    team_size = fields.Integer(
        readonly=True,
        help="Direct reports employed at some time in the year.",
    )
    checkins_held = fields.Integer(string="Check-ins Held", readonly=True)
    checkins_missed = fields.Integer(string="Check-ins Missed", readonly=True)
    cadence_kept = fields.Float(
        digits=(16, 0),
        string="Cadence Kept (%)",
        readonly=True,
        aggregator="avg",
        help="Of the check-ins due in the year, the share held (as Process "
        "Health counts them).",
    )
    feedback_given = fields.Integer(readonly=True)
    feedback_received = fields.Integer(readonly=True)
    feedback_rate = fields.Float(
        digits=(16, 2),
        string="Feedback per Person per Month",
        readonly=True,
        aggregator="avg",
        help="Feedback given or received by the team's members, per member and "
        "per month of the year (up to this month for the current year).",
    )
    goal_count = fields.Integer(string="Goals", readonly=True)
    smart_goals = fields.Integer(string="SMART Goals", readonly=True)
    smart_rate = fields.Float(
        digits=(16, 0),
        string="SMART Goals (%)",
        readonly=True,
        aggregator="avg",
        help="Of the team's individual goals due in the year, the share scoring "
        "at least 4 of the 5 SMART points.",
    )
    rated_count = fields.Integer(string="People Rated", readonly=True)
    rating_value = fields.Float(
        string="Average Rating",
        readonly=True,
        aggregator="avg",
        help="Mean value of the final ratings of the released reviews of cycles "
        "started in the year; empty when fewer people were rated than the "
        "anonymity threshold.",
    )
    departure_count = fields.Integer(string="Departures", readonly=True)
    turnover_rate = fields.Float(
        digits=(16, 0),
        string="Turnover (%)",
        readonly=True,
        aggregator="avg",
        help="Departures in the year per 100 team members.",
    )
    goal_attainment = fields.Float(
        digits=(16, 0),
        string="Goals Achieved (%)",
        readonly=True,
        aggregator="avg",
        help="Of the goals done or past their deadline in the year, the share "
        "done or at 100 % (as Process Health counts them).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    def _query(self):
        # Ids: manager id and year, stable across refreshes.
        return SQL(
            """
            WITH moves AS (
                SELECT employee_id,
                       min(date) FILTER (WHERE kind = 'hire') AS hired,
                       max(date) FILTER (WHERE kind = 'departure') AS left_on
                  FROM hr_performance_employee_move
              GROUP BY employee_id
            ), presence AS (
                -- From hire (or creation, before the addon) to departure or today.
                SELECT e.parent_id AS manager_id,
                       COALESCE(m.hired, e.create_date::date) AS date_from,
                       CASE WHEN e.active THEN CURRENT_DATE ELSE m.left_on END AS date_to
                  FROM hr_employee e
             LEFT JOIN moves m ON m.employee_id = e.id
                 WHERE e.parent_id IS NOT NULL AND (e.active OR m.left_on IS NOT NULL)
            ), headcount AS (
                SELECT p.manager_id, y.year, count(*) AS team_size
                  FROM presence p
                 CROSS JOIN LATERAL generate_series(
                           EXTRACT(year FROM p.date_from)::int,
                           EXTRACT(year FROM p.date_to)::int) AS y(year)
              GROUP BY p.manager_id, y.year
            ), departures AS (
                SELECT e.parent_id AS manager_id, EXTRACT(year FROM mv.date)::int AS year,
                       count(*) AS departure_count
                  FROM hr_performance_employee_move mv
                  JOIN hr_employee e ON e.id = mv.employee_id
                 WHERE mv.kind = 'departure' AND e.parent_id IS NOT NULL
              GROUP BY 1, 2
            ), process AS (
                SELECT a.manager_id, EXTRACT(year FROM a.date)::int AS year,
                       sum(a.checkin_done) AS checkins_held,
                       sum(a.checkin_missed) AS checkins_missed,
                       sum(a.feedback_given) AS feedback_given,
                       sum(a.feedback_received) AS feedback_received,
                       sum(a.goal_count) AS goal_count,
                       count(*) FILTER (WHERE a.kind = 'goal'
                                          AND a.smart_score >= %(smart)s) AS smart_goals,
                       avg(a.goal_achieved) AS goal_attainment
                  FROM (%(activity)s) a
                 WHERE a.manager_id IS NOT NULL AND a.date IS NOT NULL
              GROUP BY 1, 2
            ), ratings AS (
                SELECT r.manager_id, EXTRACT(year FROM c.date_start)::int AS year,
                       count(*) AS rated_count, avg(l.value) AS rating_value
                  FROM hr_performance_review r
                  JOIN hr_performance_cycle c ON c.id = r.cycle_id
                  JOIN hr_performance_review_assessment a ON a.review_id = r.id
                  JOIN hr_performance_rating_level l ON l.id = a.final_rating_level_id
                 WHERE r.state IN ('shared', 'done') AND r.manager_id IS NOT NULL
              GROUP BY 1, 2
            ), teams AS (
                SELECT manager_id, year FROM headcount
                 UNION SELECT manager_id, year FROM departures
                 UNION SELECT manager_id, year FROM process
                 UNION SELECT manager_id, year FROM ratings
            ), figures AS (
                SELECT t.manager_id, t.year, m.company_id, m.department_id,
                       COALESCE(h.team_size, 0) AS team_size,
                       COALESCE(p.checkins_held, 0) AS checkins_held,
                       COALESCE(p.checkins_missed, 0) AS checkins_missed,
                       COALESCE(p.feedback_given, 0) AS feedback_given,
                       COALESCE(p.feedback_received, 0) AS feedback_received,
                       COALESCE(p.goal_count, 0) AS goal_count,
                       COALESCE(p.smart_goals, 0) AS smart_goals,
                       p.goal_attainment,
                       COALESCE(r.rated_count, 0) AS rated_count,
                       CASE WHEN r.rated_count >= COALESCE(
                                     NULLIF(co.performance_anonymity_threshold, 0),
                                     %(threshold)s)
                            THEN r.rating_value END AS rating_value,
                       COALESCE(d.departure_count, 0) AS departure_count,
                       -- Months of the year gone by: all twelve once it is over.
                       CASE WHEN t.year < EXTRACT(year FROM CURRENT_DATE) THEN 12
                            WHEN t.year = EXTRACT(year FROM CURRENT_DATE)
                            THEN EXTRACT(month FROM CURRENT_DATE)
                       END AS months
                  FROM teams t
                  JOIN hr_employee m ON m.id = t.manager_id
             LEFT JOIN res_company co ON co.id = m.company_id
             LEFT JOIN headcount h ON h.manager_id = t.manager_id AND h.year = t.year
             LEFT JOIN departures d ON d.manager_id = t.manager_id AND d.year = t.year
             LEFT JOIN process p ON p.manager_id = t.manager_id AND p.year = t.year
             LEFT JOIN ratings r ON r.manager_id = t.manager_id AND r.year = t.year
            )
            SELECT f.manager_id::bigint * 10000 + f.year AS id,
                   make_date(f.year, 1, 1) AS date,
                   f.manager_id, f.company_id, f.department_id, f.team_size,
                   f.checkins_held, f.checkins_missed,
                   100.0 * f.checkins_held
                       / NULLIF(f.checkins_held + f.checkins_missed, 0) AS cadence_kept,
                   f.feedback_given, f.feedback_received,
                   (f.feedback_given + f.feedback_received)::float
                       / NULLIF(f.team_size * f.months, 0) AS feedback_rate,
                   f.goal_count, f.smart_goals,
                   100.0 * f.smart_goals / NULLIF(f.goal_count, 0) AS smart_rate,
                   f.rated_count, f.rating_value, f.departure_count,
                   100.0 * f.departure_count / NULLIF(f.team_size, 0) AS turnover_rate,
                   f.goal_attainment
              FROM figures f
            """,
            smart=SMART_MET,
            threshold=DEFAULT_ANONYMITY_THRESHOLD,
            activity=self.env["hr.performance.activity.analysis"]._query(),
        )
