"""Process against outcomes per team (hr.performance.team.outcome.report) and
their correlation in the strategy review, checked against a hand-built 2025:
nine teams with check-ins held and missed, feedback, SMART and vague goals,
released ratings and departures."""

import statistics
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..lib.correlation import MIN_SAMPLE
from ..reports.hr_performance_strategy_review import (
    correlation_note,
    strategy_review_data,
    team_correlations,
)
from .common import HrPerformanceCase

YEAR = 2025
SIZE = 5  # reports per team; the first three hold the check-ins, goals, ratings
# Per team: check-ins held and missed, feedback received, goals (SMART done,
# SMART missed, vague done, vague missed), departures, ratings of members.
TEAMS = [
    (3, 0, 4, (2, 0, 0, 0), 0, (5, 4, 4)),
    (2, 1, 3, (1, 1, 1, 0), 1, (4, 4, 3)),
    (1, 2, 1, (0, 1, 1, 1), 1, (3, 3, 3)),
    (0, 3, 0, (0, 0, 1, 2), 2, (2, 3, 2)),
    (3, 0, 2, (1, 1, 0, 1), 0, (4, 5, 3)),
    (2, 0, 2, (1, 0, 2, 0), 0, (4, 4)),  # two rated: below the threshold (3)
    (1, 1, 1, (0, 1, 0, 1), 1, ()),
    (2, 1, 0, (1, 1, 1, 1), 2, ()),
    (1, 0, 5, (2, 0, 0, 2), 1, (3,)),
]
FIELDS = [
    "team_size",
    "checkins_held",
    "checkins_missed",
    "cadence_kept",
    "feedback_given",
    "feedback_received",
    "feedback_rate",
    "goal_count",
    "smart_goals",
    "smart_rate",
    "rated_count",
    "rating_value",
    "departure_count",
    "turnover_rate",
    "goal_attainment",
]


def _percent(part, whole):
    return 100.0 * part / whole if whole else None


@tagged("post_install", "-at_install")
class TestTeamOutcome(HttpCase, HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        levels = {int(level.value): level for level in cls.scale.level_ids}
        Employee = cls.env["hr.employee"]
        cls.objective = cls._goal(
            name="Grow the installed base by 20 percent",
            scope="company",
            employee_id=False,
            progress_mode="children",
            date_start="2025-01-01",
            date_deadline="2025-12-31",
        )
        cls.managers, cls.members = [], []
        for index, _spec in enumerate(TEAMS):
            user = cls._user(f"team{index}", f"Team Member {index}")
            manager = Employee.create(
                {"name": f"Manager {index}", "checkin_frequency": "none"}
            )
            members = Employee.create(
                [
                    {
                        "name": f"Member {index}-{rank}",
                        "parent_id": manager.id,
                        "checkin_frequency": "none",
                        "user_id": user.id if rank == 0 else False,
                    }
                    for rank in range(SIZE)
                ]
            )
            cls.managers.append(manager)
            cls.members.append(members)
        # Team 1 is led by a report of team 0's manager (who manages both).
        cls.user_lead = cls._user("team_lead", "Lena Lead")
        cls.managers[0].user_id = cls.user_lead
        cls.managers[1].parent_id = cls.managers[0]
        everyone = Employee.browse(
            [e.id for m in cls.members for e in m]
        ) | Employee.browse([m.id for m in cls.managers])
        # Everyone was hired on 2024-01-01.
        cls.env["hr.performance.employee.move"].search(
            [("employee_id", "in", everyone.ids), ("kind", "=", "hire")]
        ).sudo().write({"date": "2024-01-01"})

        Checkin = cls.env["hr.performance.checkin"]
        Goal = cls.env["hr.performance.goal"]
        feedback, rated = [], []
        for members, (held, missed, received, goals, gone, ratings) in zip(
            cls.members, TEAMS, strict=True
        ):
            for rank in range(held + missed):
                checkin = Checkin.create(
                    {"employee_id": members[rank].id, "date": f"2025-03-{rank + 2:02d}"}
                )
                if rank < held:
                    checkin.action_done()
            feedback += [
                {"employee_id": members[1].id, "body": "<p>Thanks</p>"}
            ] * received
            smart_done, smart_missed, vague_done, vague_missed = goals
            kinds = (
                [(True, True)] * smart_done
                + [(True, False)] * smart_missed
                + [(False, True)] * vague_done
                + [(False, False)] * vague_missed
            )
            for number, (smart, done) in enumerate(kinds):
                values = {
                    "employee_id": members[number % 3].id,
                    "date_start": "2025-01-01",
                    "date_deadline": "2025-06-30",
                    "state": "active",
                }
                if smart:
                    values.update(
                        name=f"Close {20 + number} support tickets",
                        description="<p>Tickets closed in the helpdesk.</p>",
                        progress_mode="metric",
                        start_value=0,
                        target_value=20,
                        parent_id=cls.objective.id,
                    )
                else:
                    values.update(name="Improve", progress_mode="manual")
                goal = Goal.create(values)
                if done:
                    goal.action_done()
            for rank, value in enumerate(ratings):
                rated.append((members[rank], levels[value]))
            for member in members[SIZE - gone :]:
                member.write(
                    {
                        "departure_reason_id": cls.env.ref("hr.departure_resigned").id,
                        "departure_date": "2025-10-31",
                    }
                )
                member.action_archive()
        # One piece of feedback given inside a team: team 0's first member
        # (a user) to its third.
        given = (
            cls.env["hr.performance.feedback"]
            .with_user(cls.members[0][0].user_id)
            .create({"employee_id": cls.members[0][2].id, "body": "<p>Nice</p>"})
        )
        received = cls.env["hr.performance.feedback"].create(feedback)
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE hr_performance_feedback SET create_date = '2025-05-01'"
            " WHERE id = ANY(%s)",
            [(given | received).ids],
        )
        # Released ratings of a 2025 cycle.
        cycle = cls._cycle(
            name="2025 annual review",
            date_start="2025-01-01",
            date_end="2025-12-31",
            employee_ids=[employee.id for employee, __ in rated],
        )
        cycle.action_launch()
        reviews = {review.employee_id: review for review in cycle.review_ids}
        cycle.review_ids.write({"state": "calibration"})
        for employee, level in rated:
            reviews[employee].assessment_ids._set_final_rating(level)
        cycle.review_ids.write({"state": "shared"})
        cls.goals = Goal.search([("employee_id", "in", everyone.ids)])
        cls.env.invalidate_all()

    def _expected(self, index):
        held, missed, received, goals, gone, ratings = TEAMS[index]
        size = SIZE + (1 if index == 0 else 0)  # team 1's manager is in team 0
        given = 1 if index == 0 else 0
        received += given
        smart_done, smart_missed, vague_done, __ = goals
        count = sum(goals)
        return {
            "team_size": size,
            "checkins_held": held,
            "checkins_missed": missed,
            "cadence_kept": _percent(held, held + missed),
            "feedback_given": given,
            "feedback_received": received,
            "feedback_rate": (given + received) / (size * 12),
            "goal_count": count,
            "smart_goals": smart_done + smart_missed,
            "smart_rate": _percent(smart_done + smart_missed, count),
            "rated_count": len(ratings),
            "rating_value": statistics.mean(ratings) if len(ratings) >= 3 else None,
            "departure_count": gone,
            "turnover_rate": _percent(gone, size),
            "goal_attainment": _percent(smart_done + vague_done, count),
        }

    def _rows(self, user, year=YEAR):
        """``{manager: {field: value}}`` of ``year`` as ``user`` reads them;
        grouped, so that an empty figure (False there) reads ``None``, not 0."""
        groups = (
            self.env["hr.performance.team.outcome.report"]
            .with_user(user)
            ._read_group(
                [("date", "=", date(year, 1, 1))],
                ["manager_id"],
                [f"{field}:max" for field in FIELDS],
            )
        )
        return {
            manager: {
                field: None if value is False else value
                for field, value in zip(FIELDS, values, strict=True)
            }
            for manager, *values in groups
        }

    def assertFigures(self, actual, expected):
        self.assertEqual(set(actual), set(expected))
        for field, value in expected.items():
            with self.subTest(field=field):
                if value is None:
                    self.assertIsNone(actual[field])
                else:
                    self.assertAlmostEqual(actual[field], value, places=6)

    def test_the_goals_are_what_the_fixture_says(self):
        # The SMART check (lib.goals) decides; the fixture relies on its verdicts.
        smart = self.goals.filtered(lambda g: g.smart_score >= 4)
        self.assertEqual(len(smart), sum(sum(spec[3][:2]) for spec in TEAMS))
        self.assertTrue(all(g.progress_mode == "metric" for g in smart))

    def test_one_row_per_team_against_the_hand_built_year(self):
        rows = self._rows(self.user_officer)
        self.assertEqual(set(rows), set(self.managers))
        for index, manager in enumerate(self.managers):
            with self.subTest(team=index):
                self.assertFigures(rows[manager], self._expected(index))

    def test_the_year_before_and_after(self):
        rows = self._rows(self.user_officer, 2024)
        # Present in 2024, nothing else recorded.
        self.assertEqual(rows[self.managers[3]]["team_size"], SIZE)
        self.assertEqual(rows[self.managers[3]]["departure_count"], 0)
        self.assertEqual(rows[self.managers[3]]["turnover_rate"], 0)
        self.assertIsNone(rows[self.managers[3]]["cadence_kept"])
        # Those who left in 2025 are not in the 2026 teams.
        rows = self._rows(self.user_officer, 2026)
        self.assertEqual(rows[self.managers[3]]["team_size"], SIZE - 2)

    def test_small_teams_show_no_rating(self):
        rows = self._rows(self.user_officer)
        self.assertEqual(rows[self.managers[5]]["rated_count"], 2)
        self.assertIsNone(rows[self.managers[5]]["rating_value"])
        # The company's threshold decides: at 2, the mean of two shows.
        self.company.performance_anonymity_threshold = 2
        rows = self._rows(self.user_officer)
        self.assertEqual(rows[self.managers[5]]["rating_value"], 4)
        self.assertIsNone(rows[self.managers[8]]["rating_value"])

    def test_correlations_from_the_rows(self):
        env = self.env(user=self.user_officer)
        result = team_correlations(env, YEAR)
        self.assertEqual((result["teams"], result["minimum"]), (9, MIN_SAMPLE))
        rows = list(self._rows(self.user_officer).values())
        by_pair = {(row["process"], row["outcome"]): row for row in result["rows"]}
        self.assertEqual(len(by_pair), 9)
        cadence = [row["cadence_kept"] for row in rows]
        turnover = [row["turnover_rate"] for row in rows]
        pair = by_pair[("Cadence Kept (%)", "Turnover (%)")]
        self.assertEqual(pair["pearson"].n, 9)
        self.assertAlmostEqual(
            pair["pearson"].r, statistics.correlation(cadence, turnover), places=9
        )
        # Ties are averaged: the ranks are built the same way here.
        ranked = [
            [
                statistics.mean(
                    i for i, other in enumerate(sorted(series)) if other == value
                )
                for value in series
            ]
            for series in (cadence, turnover)
        ]
        self.assertAlmostEqual(
            pair["spearman"].r, statistics.correlation(*ranked), places=9
        )
        self.assertLess(pair["pearson"].r, 0)  # the fixture: fewer held, more gone
        feedback = [row["feedback_rate"] for row in rows]
        attainment = [row["goal_attainment"] for row in rows]
        pair = by_pair[("Feedback per Person per Month", "Goals Achieved (%)")]
        self.assertAlmostEqual(
            pair["pearson"].r, statistics.correlation(feedback, attainment), places=9
        )
        # Five teams with a rating shown: no figure, and the note says why.
        pair = by_pair[("Cadence Kept (%)", "Average Rating")]
        self.assertEqual((pair["pearson"].r, pair["pearson"].n), (None, 5))
        self.assertIsNone(pair["spearman"].r)
        self.assertEqual(
            correlation_note(env, pair["pearson"]),
            f"not enough teams (n = 5, need {MIN_SAMPLE})",
        )
        self.assertEqual(strategy_review_data(env, YEAR)["correlations"], result)

    def test_correlation_queries_do_not_grow_with_the_teams(self):
        env = self.env(user=self.user_officer)
        team_correlations(env, 2026)  # warm the caches
        env.invalidate_all()
        with self.assertQueryCount(1):
            before = team_correlations(env, 2026)
        managers = self.env["hr.employee"].create(
            [{"name": f"Extra manager {i}"} for i in range(45)]
        )
        self.env["hr.employee"].create(
            [{"name": f"Extra {i}", "parent_id": m.id} for i, m in enumerate(managers)]
        )
        env.invalidate_all()
        with self.assertQueryCount(1):
            after = team_correlations(env, 2026)
        self.assertEqual(after["teams"], before["teams"] + 45)
        self.assertGreaterEqual(after["teams"], 50)

    def test_who_reads_which_teams(self):
        Report = self.env["hr.performance.team.outcome.report"]
        # HR: every team; the lead: the team she leads and the one below.
        self.assertEqual(
            Report.with_user(self.user_officer)
            .search([("date", "=", date(YEAR, 1, 1))])
            .manager_id,
            self.env["hr.employee"].concat(*self.managers),
        )
        mine = Report.with_user(self.user_lead).search([])
        self.assertEqual(mine.manager_id, self.managers[0] | self.managers[1])
        # An employee (a member of team 2, who leads nobody): none.
        member = self.members[2][0].user_id
        self.assertFalse(Report.with_user(member).search([]))
        self.assertFalse(Report.with_user(self.user_employee).search_count([]))
        # Marco reads his own team's rows only.
        marco = Report.with_user(self.user_manager).search([])
        self.assertEqual(marco.manager_id, self.emp_manager)
        # The correlations are HR's.
        for user in (self.user_lead, member):
            with self.assertRaises(AccessError):
                team_correlations(self.env(user=user), YEAR)
        # Over JSON-RPC, as the web client asks.
        for login, expected in (
            ("team_lead", {self.managers[0].id, self.managers[1].id}),
            ("team2", set()),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                reply = self._rpc(
                    "hr.performance.team.outcome.report",
                    "search_read",
                    [[]],
                    {"fields": ["manager_id", "rating_value"]},
                )
                self.assertEqual(
                    {row["manager_id"][0] for row in reply["result"]}, expected
                )
                reply = self._rpc(
                    "hr.performance.team.outcome.report",
                    "read_group",
                    [[], ["team_size:sum"], ["manager_id"]],
                    {"lazy": False},
                )
                self.assertEqual(
                    {row["manager_id"][0] for row in reply["result"]}, expected
                )
