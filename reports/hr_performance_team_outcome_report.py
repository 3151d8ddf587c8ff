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
        # One row per event (a member's year, a departure, a Process Health
        # row, a rating), summed per team and year in one pass: no join
        # between aggregates. Ids: manager id and year, stable across refreshes.
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
            ), events AS (
                SELECT p.manager_id, y.year, 1 AS member, 0 AS departure,
                       0 AS held, 0 AS missed, 0 AS given, 0 AS received,
                       0 AS goal, 0 AS smart, NULL::float AS achieved,
                       NULL::float AS rating
                  FROM presence p
                 CROSS JOIN LATERAL generate_series(
                           EXTRACT(year FROM p.date_from)::int,
                           EXTRACT(year FROM p.date_to)::int) AS y(year)
             UNION ALL
                SELECT e.parent_id, EXTRACT(year FROM mv.date)::int, 0, 1,
                       0, 0, 0, 0, 0, 0, NULL, NULL
                  FROM hr_performance_employee_move mv
                  JOIN hr_employee e ON e.id = mv.employee_id
                 WHERE mv.kind = 'departure' AND e.parent_id IS NOT NULL
             UNION ALL
                SELECT a.manager_id, EXTRACT(year FROM a.date)::int, 0, 0,
                       a.checkin_done, a.checkin_missed, a.feedback_given,
                       a.feedback_received, a.goal_count,
                       CASE WHEN a.kind = 'goal' AND a.smart_score >= %(smart)s
                            THEN 1 ELSE 0 END,
                       a.goal_achieved, NULL
                  FROM (%(activity)s) a
                 WHERE a.manager_id IS NOT NULL AND a.date IS NOT NULL
             UNION ALL
                SELECT r.manager_id, EXTRACT(year FROM c.date_start)::int, 0, 0,
                       0, 0, 0, 0, 0, 0, NULL, l.value
                  FROM hr_performance_review r
                  JOIN hr_performance_cycle c ON c.id = r.cycle_id
                  JOIN hr_performance_review_assessment a ON a.review_id = r.id
                  JOIN hr_performance_rating_level l ON l.id = a.final_rating_level_id
                 WHERE r.state IN ('shared', 'done') AND r.manager_id IS NOT NULL
            ), teams AS (
                SELECT manager_id, year,
                       sum(member) AS team_size, sum(departure) AS departure_count,
                       sum(held) AS checkins_held, sum(missed) AS checkins_missed,
                       sum(given) AS feedback_given, sum(received) AS feedback_received,
                       sum(goal) AS goal_count, sum(smart) AS smart_goals,
                       avg(achieved) AS goal_attainment,
                       count(rating) AS rated_count, avg(rating) AS rating_value
                  FROM events
              GROUP BY manager_id, year
            )
            SELECT t.manager_id::bigint * 10000 + t.year AS id,
                   make_date(t.year, 1, 1) AS date,
                   t.manager_id, m.company_id, m.department_id, t.team_size,
                   t.checkins_held, t.checkins_missed,
                   100.0 * t.checkins_held
                       / NULLIF(t.checkins_held + t.checkins_missed, 0) AS cadence_kept,
                   t.feedback_given, t.feedback_received,
                   (t.feedback_given + t.feedback_received)::float
                       / NULLIF(t.team_size * CASE
                             -- Months of the year gone by: twelve once it is over.
                             WHEN t.year < EXTRACT(year FROM CURRENT_DATE) THEN 12
                             WHEN t.year = EXTRACT(year FROM CURRENT_DATE)
                             THEN EXTRACT(month FROM CURRENT_DATE)
                         END, 0) AS feedback_rate,
                   t.goal_count, t.smart_goals,
                   100.0 * t.smart_goals / NULLIF(t.goal_count, 0) AS smart_rate,
                   t.rated_count,
                   CASE WHEN t.rated_count >= COALESCE(
                                 NULLIF(co.performance_anonymity_threshold, 0),
                                 %(threshold)s)
                        THEN t.rating_value END AS rating_value,
                   t.departure_count,
                   100.0 * t.departure_count / NULLIF(t.team_size, 0) AS turnover_rate,
                   t.goal_attainment
              FROM teams t
              JOIN hr_employee m ON m.id = t.manager_id
         LEFT JOIN res_company co ON co.id = m.company_id
            """,
            smart=SMART_MET,
            threshold=DEFAULT_ANONYMITY_THRESHOLD,
            activity=self.env["hr.performance.activity.analysis"]._query(),
        )
