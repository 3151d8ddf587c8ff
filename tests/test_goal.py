from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestGoalProgress(HrPerformanceCase):
    def test_metric_increasing_decreasing_clamped(self):
        up = self._goal(
            progress_mode="metric", start_value=0, target_value=200, current_value=50
        )
        self.assertEqual(up.progress, 25.0)
        down = self._goal(
            progress_mode="metric", start_value=10, target_value=5, current_value=7
        )
        self.assertAlmostEqual(down.progress, 60.0)
        down.current_value = 2
        self.assertEqual(down.progress, 100.0)
        down.current_value = 14
        self.assertEqual(down.progress, 0.0)

    def test_weighted_rollup_through_three_levels_without_cancelled(self):
        company = self._goal(
            name="Grow revenue",
            scope="company",
            employee_id=False,
            progress_mode="children",
        )
        department = self._goal(
            name="Sales pipeline",
            scope="department",
            employee_id=False,
            department_id=self.department.id,
            parent_id=company.id,
            progress_mode="children",
            weight=3,
        )
        self._goal(
            name="Brand",
            scope="company",
            employee_id=False,
            parent_id=company.id,
            manual_progress=0,
            progress=0,
            weight=1,
        )
        leaf_a = self._goal(parent_id=department.id, weight=1, progress=40)
        leaf_b = self._goal(parent_id=department.id, weight=3, progress=80)
        leaf_c = self._goal(parent_id=department.id, weight=6, progress=0)
        self._settle_rollups()
        # department = (40·1 + 80·3 + 0·6) / 10 = 28; company = (28·3 + 0·1) / 4 = 21
        self.assertAlmostEqual(department.progress, 28.0)
        self.assertAlmostEqual(company.progress, 21.0)
        leaf_c.action_cancel()
        self._settle_rollups()
        # department = (40 + 240) / 4 = 70; company = 70·3/4 = 52.5
        self.assertAlmostEqual(department.progress, 70.0)
        self.assertAlmostEqual(company.progress, 52.5)
        leaf_a.progress = 100
        # The roll-up is the job's: until it runs the parents say so.
        self.assertTrue(department.rollup_pending and company.rollup_pending)
        self.assertFalse(leaf_a.rollup_pending)
        self._settle_rollups()
        self.assertFalse(company.rollup_pending)
        self.assertAlmostEqual(department.progress, 85.0)
        self.assertAlmostEqual(company.progress, 63.75)
        self.assertEqual(leaf_b.parent_path.count("/"), 3)

    def test_cycle_refused(self):
        top = self._goal(name="Top goal", progress_mode="children")
        middle = self._goal(parent_id=top.id)
        bottom = self._goal(parent_id=middle.id)
        with self.assertRaisesRegex(ValidationError, "own sub-goals"):
            top.parent_id = bottom
        with self.assertRaises(ValidationError):
            middle.parent_id = middle

    def test_bad_input_refused_and_nothing_changes(self):
        goals = self.env["hr.performance.goal"]
        count = goals.search_count([])
        for vals, message in (
            ({"weight": 0}, "weight"),
            ({"weight": -1}, "weight"),
            ({"progress": 101}, "between 0 and 100"),
            ({"progress": -5}, "between 0 and 100"),
            ({"date_start": "2026-05-01", "date_deadline": "2026-04-01"}, "deadline"),
            (
                {"progress_mode": "metric", "start_value": 5, "target_value": 5},
                "differ",
            ),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._goal(**vals)
        self.assertEqual(goals.search_count([]), count)
        goal = self._goal(
            progress=30, date_start="2026-01-01", date_deadline="2026-03-31"
        )
        for vals in (
            {"weight": 0},
            {"progress": 150},
            {"date_deadline": "2025-12-01"},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                goal.write(vals)
            goal.invalidate_recordset()
            self.assertEqual(
                (goal.weight, goal.progress, goal.date_deadline),
                (1.0, 30.0, date(2026, 3, 31)),
            )
        metric = self._goal(progress_mode="metric", start_value=1, target_value=2)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            metric.target_value = 1

    def test_computed_progress_cannot_be_forced(self):
        metric = self._goal(
            progress_mode="metric", start_value=0, target_value=10, current_value=5
        )
        with self.assertRaisesRegex(UserError, "computed"):
            metric.progress = 90

    def test_updates_move_the_goal_and_keep_history(self):
        metric = self._goal(
            progress_mode="metric",
            start_value=100,
            target_value=50,
            current_value=100,
            unit="ms",
        )
        updates = self.env["hr.performance.goal.update"]
        updates.create(
            {
                "goal_id": metric.id,
                "date": "2026-02-01",
                "value": 90,
                "confidence": "high",
            }
        )
        updates.create({"goal_id": metric.id, "date": "2026-03-01", "value": 75})
        self.assertEqual(metric.current_value, 75)
        self.assertEqual(metric.progress, 50.0)
        self.assertEqual(metric.state, "active", "a first update starts a draft goal")
        # A back-dated update records history but does not move the goal.
        updates.create({"goal_id": metric.id, "date": "2026-01-15", "value": 95})
        self.assertEqual(metric.current_value, 75)
        self.assertEqual(metric.update_count, 3)
        self.assertEqual(metric.last_update_date, date(2026, 3, 1))
        self.assertEqual(
            sorted(metric.update_ids.mapped("progress")), [10.0, 20.0, 50.0]
        )
        # NaN counted as 100 % (min(100, nan) is 100); infinity too.
        for value in (float("nan"), float("inf"), float("-inf")):
            with self.assertRaisesRegex(ValidationError, "finite number"):
                updates.create({"goal_id": metric.id, "value": value})
        self.assertEqual((metric.current_value, metric.progress), (75, 50.0))
        manual = self._goal(progress=10)
        for progress in (float("nan"), float("inf")):
            with self.assertRaises(ValidationError):
                updates.create({"goal_id": manual.id, "progress": progress})
        updates.create({"goal_id": manual.id, "progress": 45, "note": "Half way there"})
        self.assertEqual(manual.progress, 45)
        with self.assertRaises(ValidationError):
            updates.create({"goal_id": manual.id, "progress": 120})
        manual.action_done()
        with self.assertRaisesRegex(UserError, "closed"):
            updates.create({"goal_id": manual.id, "progress": 50})
        with self.assertRaisesRegex(UserError, "history"):
            metric.update_ids[0].with_user(self.user_employee).note = "rewritten"

    def test_state_actions(self):
        goal = self._goal()
        goal.action_activate()
        self.assertEqual(goal.state, "active")
        with self.assertRaises(UserError):
            goal.action_activate()
        goal.action_done()
        self.assertEqual((goal.state, goal.health), ("done", "done"))
        goal.action_reset_draft()
        goal.action_cancel()
        self.assertEqual(goal.state, "cancelled")


@tagged("post_install", "-at_install")
class TestGoalHealthSmart(HrPerformanceCase):
    def test_health_follows_elapsed_time(self):
        with freeze_time("2026-01-10"):
            goal = self._goal(
                date_start="2026-01-01", date_deadline="2026-12-31", progress=0
            )
            self.assertEqual(goal.health, "not_started")
            goal.action_activate()
            self.assertEqual(goal.health, "at_risk", "9 days in and nothing done yet")
            goal.progress = 5
            self.assertEqual(goal.health, "on_track")
        with freeze_time("2026-07-02"):  # half of the year elapsed
            for progress, health in (
                (60, "on_track"),
                (40, "at_risk"),
                (20, "off_track"),
            ):
                goal.progress = progress
                self.env["hr.performance.goal"]._cron_recompute_health()
                self.assertEqual(goal.health, health, progress)
            self.company.performance_health_at_risk_margin = 40
            self.env["hr.performance.goal"]._cron_recompute_health()
            self.assertEqual(goal.health, "at_risk")
        with freeze_time("2027-02-01"):
            goal.progress = 99
            self.env["hr.performance.goal"]._cron_recompute_health()
            self.assertEqual(goal.health, "off_track", "late and not done")

    def test_forecast_from_updates(self):
        goal = self._goal(
            progress=0, date_start="2026-01-01", date_deadline="2026-12-31"
        )
        goal.action_activate()
        updates = self.env["hr.performance.goal.update"]
        updates.create({"goal_id": goal.id, "date": "2026-01-11", "progress": 10})
        updates.create({"goal_id": goal.id, "date": "2026-01-21", "progress": 20})
        self.assertEqual(goal.forecast_date, date(2026, 4, 11))

    def test_smart_score_and_hints(self):
        with freeze_time("2026-03-01"):
            vague = self._goal(name="Improve things", progress_mode="manual")
            self.assertEqual(vague.smart_score, 1)
            self.assertIn("improve", vague.smart_issues.lower())
            self.assertIn("deadline", vague.smart_issues)
            parent = self._goal(
                name="Team NPS above 60", scope="team", employee_id=self.emp_manager.id
            )
            sharp = self._goal(
                name="Cut p95 API latency to 200 ms",
                description="<p>Measured on the production dashboard, weekly.</p>",
                progress_mode="metric",
                start_value=450,
                target_value=200,
                current_value=450,
                parent_id=parent.id,
                date_deadline="2026-06-30",
            )
            self.assertEqual((sharp.smart_score, sharp.smart_issues), (5, False))

    def test_smart_hints_while_typing(self):
        form = Form(self.env["hr.performance.goal"])
        form.name = "Do stuff"
        form.employee_id = self.emp_employee
        self.assertIn("Time-bound", form.smart_issues)
        form.date_deadline = "2030-01-01"
        self.assertNotIn("Time-bound", form.smart_issues)

    def test_focus_guard_warns_without_blocking(self):
        self.company.performance_max_active_goals = 2
        first = self._goal(date_start="2026-01-01", date_deadline="2026-06-30")
        self._goal(date_start="2026-01-01", date_deadline="2026-03-31")
        self.assertFalse(first.focus_warning)
        third = self._goal(date_start="2026-02-01", date_deadline="2026-04-30")
        self.assertIn("3 open goals", third.focus_warning)
        later = self._goal(date_start="2026-09-01", date_deadline="2026-12-31")
        self.assertFalse(later.focus_warning, "goals of another period do not count")
        self.assertFalse(self._goal(employee_id=self.emp_peer.id).focus_warning)

    def test_import_with_a_bad_row_imports_nothing(self):
        goals = self.env["hr.performance.goal"]
        before = goals.search_count([])
        result = goals.load(
            ["name", "scope", "employee_id/.id", "weight"],
            [
                ["Good goal one", "individual", str(self.emp_employee.id), "1"],
                ["Bad weight", "individual", str(self.emp_employee.id), "-2"],
                ["Good goal two", "individual", str(self.emp_employee.id), "1"],
            ],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(
            any("weight" in m["message"] for m in result["messages"]),
            result["messages"],
        )
        self.assertEqual(goals.search_count([]), before)


@tagged("post_install", "-at_install")
class TestGoalSmartButtons(HrPerformanceCase):
    def test_employee_and_department_buttons(self):
        mine = self._goal()
        self._goal(employee_id=self.emp_peer.id)
        dept = self._goal(
            scope="department", employee_id=False, department_id=self.department.id
        )
        employee = self.emp_employee.with_user(self.user_officer)
        self.assertEqual(employee.performance_goal_count, 1)
        action = employee.action_open_performance_goals()
        self.assertEqual(self.env["hr.performance.goal"].search(action["domain"]), mine)
        self.assertEqual(self.department.performance_goal_count, 1)
        action = self.department.action_open_performance_goals()
        self.assertIn(dept, self.env["hr.performance.goal"].search(action["domain"]))


@tagged("post_install", "-at_install")
class TestGoalRollup(HrPerformanceCase):
    """The roll-up job: batched whatever the number of siblings that moved."""

    def _tree(self, siblings):
        top = self._goal(
            name="Company objective",
            scope="company",
            employee_id=False,
            progress_mode="children",
        )
        middle = self._goal(
            name="Key result", parent_id=top.id, progress_mode="children"
        )
        leaves = self.env["hr.performance.goal"].create(
            [
                {
                    "name": f"Leaf {i}",
                    "employee_id": self.emp_employee.id,
                    "parent_id": middle.id,
                }
                for i in range(siblings)
            ]
        )
        self._settle_rollups()
        return top, leaves

    def _job_queries(self, siblings):
        top, leaves = self._tree(siblings)
        for leaf in leaves:
            leaf.progress = 60
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._settle_rollups()
        self.assertAlmostEqual(top.progress, 60.0)
        self.assertFalse(top.rollup_pending)
        return self.cr.sql_log_count - before

    def test_job_cost_does_not_depend_on_how_many_siblings_moved(self):
        self.assertEqual(self._job_queries(5), self._job_queries(50))

    def test_a_tree_that_fails_blocks_no_other_and_is_not_retried(self):
        """One goal whose roll-up fails (here an error for its tree alone): the
        other trees settle, the job succeeds, and the failing goal leaves the
        queue instead of failing every run."""
        top_a, leaves_a = self._tree(2)
        top_b, leaves_b = self._tree(2)
        (leaves_a | leaves_b).write({"progress": 80})
        self.env.flush_all()
        Goal = type(self.env["hr.performance.goal"])
        original = Goal._rollup

        def rollup(goals, subset):
            if subset & leaves_a:
                raise ValueError("a broken tree")
            return original(goals, subset)

        with (
            patch.object(Goal, "_rollup", rollup),
            mute_logger("odoo.addons.hr_performance.models.batch"),
        ):
            self._settle_rollups()
        self.assertAlmostEqual(top_b.progress, 80.0)
        self.assertFalse(top_a.rollup_pending, "dropped from the queue, not retried")
