from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..lib.calibration import adverse_impact, group_stats, mean_gap
from .common import HrPerformanceCase


@tagged("post_install", "-at_install")
class TestCalibration(HrPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls.scale.level_ids.sorted("value")
        for level, target in zip(cls.levels, (10, 20, 40, 20, 10), strict=True):
            level.target_percent = target

    def _reviews_in_calibration(self, specs, cycle=None, manager=None):
        """Reviews already submitted by their manager: ``specs`` are
        ``(level index, overall score)``. Batched, without the launch's mails."""
        cycle = cycle or self._cycle(employee_ids=[])
        manager = manager or self.emp_manager
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"{cycle.name} {manager.name} {i:04d}",
                    "parent_id": manager.id,
                }
                for i in range(len(specs))
            ]
        )
        cycle.state = "open"
        reviews = (
            self.env["hr.performance.review"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "cycle_id": cycle.id,
                        "employee_id": employee.id,
                        "manager_id": manager.id,
                        "manager_user_id": manager.user_id.id,
                        "company_id": self.company.id,
                        "department_id": self.department.id,
                        "state": "calibration",
                    }
                    for employee in employees
                ]
            )
        )
        self.env["hr.performance.review.assessment"].create(
            [
                {
                    "review_id": review.id,
                    "proposed_rating_level_id": self.levels[index].id,
                    "overall_score": score,
                    "potential": "medium",
                }
                for review, (index, score) in zip(reviews, specs, strict=True)
            ]
        )
        return cycle, reviews

    def _session(self, cycle, **vals):
        return (
            self.env["hr.performance.calibration"]
            .with_user(self.user_officer)
            .create({"name": "Engineering calibration", "cycle_id": cycle.id, **vals})
        )

    def test_distribution_suggestions_and_audited_acceptance(self):
        specs = [(3, 60), (3, 70), (3, 75), (3, 80), (3, 90)]
        specs += [(2, 50), (2, 52), (2, 55), (1, 30), (1, 35)]
        cycle, reviews = self._reviews_in_calibration(specs)
        cycle.action_start_calibration()
        session = self._session(cycle)
        self.assertEqual(session.review_ids, reviews)
        self.assertEqual(session.participant_user_ids, self.user_manager)
        lines = session.distribution_ids.sorted("level_value")
        self.assertEqual(lines.mapped("target_percent"), [10, 20, 40, 20, 10])
        self.assertEqual(lines.mapped("actual_count"), [0, 2, 3, 5, 0])
        self.assertEqual(lines.mapped("target_count"), [1, 2, 4, 2, 1])
        with self.assertRaisesRegex(UserError, "Start the calibration session"):
            session.action_suggest_adjustments()
        session.action_start()
        session.action_suggest_adjustments()
        by_employee = {
            s.review_id.assessment_ids.overall_score: (s.from_level_id, s.to_level_id)
            for s in session.suggestion_ids
        }
        # One step across each boundary, scores kept in order: the best of
        # level 4 up, its two weakest down to 3, the weakest of 3 down to 2 and
        # of 2 down to 1. (Three changes would do, 60 straight down to level 1,
        # but it would end below 30, 35, 50, 52 and 55.)
        self.assertEqual(
            by_employee,
            {
                90: (self.levels[3], self.levels[4]),
                70: (self.levels[3], self.levels[2]),
                60: (self.levels[3], self.levels[2]),
                50: (self.levels[2], self.levels[1]),
                30: (self.levels[1], self.levels[0]),
            },
        )
        first = session.suggestion_ids.sorted("id")[0]
        first.with_user(self.user_officer).action_accept()
        adjustment = first.review_id.calibration_adjustment_ids
        self.assertEqual(
            (adjustment.calibration_id, adjustment.user_id, adjustment.new_level_id),
            (session, self.user_officer, first.to_level_id),
        )
        self.assertIn("target distribution", adjustment.reason)
        self.assertEqual(first.review_id.final_rating_level_id, first.to_level_id)
        self.assertEqual(first.review_id.assessment_ids.overall_score, 90)
        self.assertEqual(lines.mapped("actual_count"), [0, 2, 3, 4, 1])
        # Targets that do not sum to 100 % are refused when suggestions are asked for.
        lines[0].target_percent = 30
        with self.assertRaisesRegex(UserError, "sums to 120"):
            session.action_suggest_adjustments()
        self.assertEqual(
            len(session.suggestion_ids.filtered(lambda s: s.state == "pending")), 4
        )
        self.assertIn("Actual", str(session.distribution_chart))
        self.assertIn(reviews[0].employee_id.name, str(session.nine_box))

    def test_suggestions_keep_the_order_of_scores_and_the_minimum_size(self):
        # Found on a 4-review cycle: the targets rounded to a slot at the
        # second level and none at the top, and Suggest Adjustments sent the
        # best overall score (78.7, top level) down to the second level while
        # 50.0 and 52.4 stayed at the third.
        specs = [(4, 78.7), (3, 65.0), (2, 50.0), (2, 52.4)]
        cycle, reviews = self._reviews_in_calibration(specs)
        cycle.action_start_calibration()
        session = self._session(cycle)
        session.action_start()
        self.assertEqual(session.min_group_size, 5)
        with self.assertRaisesRegex(UserError, "fewer than its minimum group size"):
            session.action_suggest_adjustments()
        self.assertFalse(session.suggestion_ids)
        session.min_group_size = 4
        session.action_suggest_adjustments()
        level = {review: review.assessment_ids.rating_level_id for review in reviews}
        for suggestion in session.suggestion_ids:
            self.assertEqual(suggestion.from_level_id, level[suggestion.review_id])
            level[suggestion.review_id] = suggestion.to_level_id
        self.assertEqual(
            [level[review] for review in reviews],
            [self.levels[3], self.levels[2], self.levels[1], self.levels[2]],
        )
        for review in reviews:
            for other in reviews:
                score, other_score = (
                    r.assessment_ids.overall_score for r in (review, other)
                )
                if score > other_score:
                    self.assertGreaterEqual(
                        level[review].value, level[other].value, (score, other_score)
                    )

    def test_adjustments_are_append_only_even_for_officers(self):
        cycle, reviews = self._reviews_in_calibration([(2, 50)])
        cycle.action_start_calibration()
        reviews.with_user(self.user_officer).action_calibrate(
            self.levels[3].id, "Compared with peers"
        )
        adjustment = reviews.calibration_adjustment_ids.with_user(self.user_officer)
        self.assertEqual(adjustment.old_level_id, self.levels[2])
        with self.assertRaisesRegex(UserError, "audit trail"):
            adjustment.write({"reason": "Rewritten"})
        with self.assertRaises(AccessError):
            adjustment.unlink()
        with self.assertRaises(AccessError):
            self.env["hr.performance.calibration.adjustment"].with_user(
                self.user_admin
            ).browse(adjustment.id).unlink()
        self.assertEqual(adjustment.reason, "Compared with peers")

    def test_board_moves_need_a_reason(self):
        cycle, reviews = self._reviews_in_calibration([(2, 50)])
        cycle.action_start_calibration()
        assessment = reviews.assessment_ids.with_user(self.user_officer)
        # A drag on the board or a direct write is no calibration.
        with self.assertRaisesRegex(UserError, "set by calibration"):
            assessment.write({"final_rating_level_id": self.levels[4].id})
        # Nor through the proposal, which the release would make final.
        for vals in (
            {"proposed_rating_level_id": self.levels[4].id},
            {"potential": "high"},
            {"overall_score": 99},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "submitted"),
            ):
                assessment.write(vals)
        action = assessment.action_open_calibrate()
        wizard = (
            self.env["hr.performance.calibrate"]
            .with_user(self.user_officer)
            .with_context(**action["context"])
            .create({"level_id": self.levels[4].id, "reason": "   "})
        )
        with self.assertRaisesRegex(UserError, "needs a reason"):
            wizard.action_apply()
        self.assertFalse(reviews.calibration_adjustment_ids)
        wizard.reason = "Led the platform migration"
        wizard.action_apply()
        self.assertEqual(reviews.final_rating_level_id, self.levels[4])
        # Every level is a column of the board, empty ones too.
        groups = (
            self.env["hr.performance.review.assessment"]
            .with_user(self.user_officer)
            .with_context(calibration_scale_id=self.scale.id)
            .read_group(
                [("review_id", "in", reviews.ids)],
                ["rating_level_id"],
                ["rating_level_id"],
            )
        )
        self.assertEqual(len(groups), len(self.levels))

    def test_a_session_covers_its_own_cycle_only(self):
        cycle, _reviews = self._reviews_in_calibration([(2, 50)])
        _other_cycle, others = self._reviews_in_calibration(
            [(3, 60)], cycle=self._cycle(name="Other cycle", employee_ids=[])
        )
        session = self._session(cycle)
        with self.assertRaisesRegex(ValidationError, "its own cycle"):
            session.write({"review_ids": [(4, others.id)]})

    def test_managers_and_employees_cannot_calibrate_or_see_statistics(self):
        cycle, reviews = self._reviews_in_calibration([(2, 50), (3, 70)])
        cycle.action_start_calibration()
        session = self._session(cycle)
        session.action_start()
        for user in (self.user_manager, self.user_employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["hr.performance.calibration"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    session.stat_ids.with_user(user).read(["mean_rating"])
                with self.assertRaises(AccessError):
                    reviews[0].with_user(user).action_calibrate(
                        self.levels[4].id, "I want to"
                    )
                with self.assertRaises(AccessError):
                    self.env["hr.performance.calibrate"].with_user(user).create(
                        {
                            "review_ids": reviews.ids,
                            "level_id": self.levels[4].id,
                            "reason": "x",
                        }
                    )
                with self.assertRaises(AccessError):
                    reviews[0].with_user(user).action_reopen("x")
        self.assertFalse(reviews.calibration_adjustment_ids)

    def test_statistics_flag_raters_from_the_minimum_size(self):
        cycle = self._cycle(employee_ids=[])
        lenient = self.env["hr.employee"].create({"name": "Lenient Lead"})
        severe = self.env["hr.employee"].create({"name": "Severe Lead"})
        middle = self.env["hr.employee"].create({"name": "Middle Lead"})
        self._reviews_in_calibration([(4, 90)] * 5, cycle, lenient)
        self._reviews_in_calibration([(0, 10)] * 5, cycle, severe)
        _cycle, reviews = self._reviews_in_calibration([(2, 50)] * 5, cycle, middle)
        reviews[:3].employee_id.write({"gender": "female"})
        reviews[3:].employee_id.write({"gender": "male"})
        cycle.action_start_calibration()
        session = self._session(cycle, min_group_size=5)
        session.action_start()
        stats = {
            s.manager_id: s
            for s in session.stat_ids.filtered(lambda s: s.kind == "manager")
        }
        # Pool of 15: mean 3, sd √(40 / 14); a team of 5 at 5: z = 2 / (sd / √5) = 2.65.
        self.assertAlmostEqual(
            stats[lenient].z_score, 2 / ((40 / 14) ** 0.5 / 5**0.5), 2
        )
        self.assertEqual(
            (stats[lenient].flag, stats[severe].flag, stats[middle].flag),
            ("lenient", "severe", False),
        )
        self.assertEqual(stats[middle].mean_rating, 3.0)
        # Genders of 3 and 2 (the others unset): below the minimum size, suppressed.
        genders = session.stat_ids.filtered(lambda s: s.kind == "gender")
        self.assertEqual(set(genders.mapped("gender")), {"female", "male"})
        self.assertTrue(all(genders.mapped("suppressed")))
        self.assertFalse(genders.filtered("flag"))
        session.min_group_size = 20
        session.action_refresh_statistics()
        self.assertTrue(all(session.stat_ids.mapped("suppressed")))
        self.assertFalse(session.stat_ids.filtered("flag"))

    def test_statistics_queries_do_not_grow_with_reviews(self):
        def count(size):
            cycle = self._cycle(name=f"Cycle {size}", employee_ids=[])
            for index, lead in enumerate(("Ann", "Bob", "Cid", "Dee", "Eve")):
                manager = self.env["hr.employee"].create({"name": f"{lead} {size}"})
                self._reviews_in_calibration(
                    [(index % 5, 50.0)] * (size // 5), cycle, manager
                )
            cycle.action_start_calibration()
            session = self._session(cycle)
            session.action_start()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            session.with_user(self.user_officer).action_refresh_statistics()
            self.env.flush_all()
            self.assertEqual(len(session.stat_ids), 5 + 1)
            return self.env.cr.sql_log_count - before

        count(10)  # warm the caches
        few, many = count(50), count(500)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 12)

    def test_statistics_agree_with_the_library(self):
        """The SQL aggregate gives what lib/calibration.py computes from the
        same rows: z-scores and flags per manager and department, gaps, the
        four-fifths rule and its test per gender."""
        cycle = self._cycle(employee_ids=[])
        leads = self.env["hr.employee"].create(
            [{"name": f"Lead {i}"} for i in range(4)]
        )
        genders = ["female", "male", "other", False]
        for lead_index, lead in enumerate(leads):
            specs = [
                ((lead_index + i * (lead_index + 1)) % 5, 10.0 * (i % 10))
                for i in range(6 + 3 * lead_index)
            ]
            _cycle, reviews = self._reviews_in_calibration(specs, cycle, lead)
            for i, review in enumerate(reviews):
                review.employee_id.gender = genders[(i + lead_index) % 4]
                review.sudo().self_score = 5.0 * (i % 20)
                review.assessment_ids.sudo().write(
                    {"manager_score": 7.0 * (i % 14), "peer_score": 3.0 * (i % 30)}
                )
        cycle.action_start_calibration()
        session = self._session(cycle, min_group_size=6)
        session.action_start()
        rows = [row for row in session._rows() if row["value"] is not None]
        stats = session.stat_ids
        for kind, key in (("manager", "manager_id"), ("department", "department_id")):
            groups = {}
            for row in rows:
                groups.setdefault(row[key], []).append(row)
            expected = group_stats(
                {k: [r["value"] for r in v] for k, v in groups.items()},
                session.min_group_size,
            )
            self.assertEqual(
                len(stats.filtered(lambda s, k=kind: s.kind == k)), len(expected)
            )
            for stat in expected:
                line = stats.filtered(
                    lambda s, k=kind, f=key, g=stat.key: s.kind == k and s[f].id == g
                )
                items = groups[stat.key]
                self.assertEqual(line.count, stat.count)
                self.assertAlmostEqual(line.mean_rating, stat.mean, 2)
                self.assertAlmostEqual(line.spread, stat.spread, 2)
                self.assertAlmostEqual(line.z_score, stat.z_score or 0.0, 2)
                self.assertEqual(line.suppressed, stat.z_score is None)
                self.assertEqual(line.flag, stat.flag or False)
                gap = mean_gap((r["self_score"], r["manager_score"]) for r in items)
                self.assertAlmostEqual(line.self_gap, gap or 0.0, 1)
                gap = mean_gap((r["peer_score"], r["manager_score"]) for r in items)
                self.assertAlmostEqual(line.peer_gap, gap or 0.0, 1)
        favourable = self.levels[-2].value
        outcomes = {}
        for row in rows:
            if row["gender"]:
                outcomes.setdefault(row["gender"], []).append(
                    row["value"] >= favourable
                )
        impacts = adverse_impact(outcomes, session.min_group_size)
        self.assertEqual(len(impacts), 3)
        self.assertTrue(any(i.p_value for i in impacts), "a test is made")
        for impact in impacts:
            line = stats.filtered(lambda s, g=impact.key: s.gender == g)
            self.assertEqual(line.count, impact.count)
            self.assertAlmostEqual(line.favourable_rate, impact.rate * 100, 1)
            self.assertAlmostEqual(line.impact_ratio, impact.impact_ratio or 0.0, 2)
            self.assertAlmostEqual(line.p_value, impact.p_value or 0.0, 3)
            self.assertEqual(line.suppressed, impact.impact_ratio is None)
            self.assertEqual(line.flag, "adverse" if impact.adverse else False)

    def test_released_ratings_frozen_until_reopened_with_a_reason(self):
        cycle, reviews = self._reviews_in_calibration([(2, 50)])
        cycle.action_start_calibration()
        cycle.action_release()
        self.assertEqual(reviews.state, "shared")
        officer_review = reviews.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "calibrated while"):
            officer_review.action_calibrate(self.levels[4].id, "Late change")
        with self.assertRaisesRegex(UserError, "Say why"):
            officer_review.action_reopen("")
        officer_review.action_reopen("Appeal upheld by the HR director")
        self.assertEqual(reviews.state, "calibration")
        reopened = reviews.calibration_adjustment_ids
        self.assertEqual(
            (reopened.kind, reopened.reason),
            ("reopen", "Appeal upheld by the HR director"),
        )
        officer_review.action_calibrate(self.levels[3].id, "After the appeal")
        officer_review.action_share()
        self.assertEqual(
            (reviews.state, reviews.final_rating_level_id), ("shared", self.levels[3])
        )
        self.assertEqual(len(reviews.calibration_adjustment_ids), 2)
