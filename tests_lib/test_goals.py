from datetime import date, timedelta

import pytest

from lib.goals import expected_progress, forecast_completion, goal_health, smart_check

JAN1 = date(2026, 1, 1)
DEC31 = date(2026, 12, 31)


class TestExpectedProgress:
    def test_bounds(self):
        assert expected_progress(JAN1, DEC31, date(2025, 6, 1)) == 0
        assert expected_progress(JAN1, DEC31, DEC31) == 100
        assert expected_progress(JAN1, DEC31, date(2027, 3, 1)) == 100

    def test_middle(self):
        start, end = date(2026, 1, 1), date(2026, 1, 11)
        assert expected_progress(start, end, date(2026, 1, 6)) == 50


class TestHealth:
    start, end = date(2026, 1, 1), date(2026, 1, 11)  # ten days
    mid = date(2026, 1, 6)  # 50 % of the time elapsed

    def test_done_and_not_started(self):
        assert goal_health("done", 10, self.start, self.end, self.mid) == "done"
        assert goal_health("draft", 80, self.start, self.end, self.mid) == "not_started"
        assert goal_health("active", 0, None, self.end, self.mid) == "not_started"
        assert (
            goal_health("active", 0, self.start, self.end, date(2025, 12, 1))
            == "not_started"
        )
        assert (
            goal_health("cancelled", 0, self.start, self.end, self.mid) == "not_started"
        )

    @pytest.mark.parametrize(
        ("progress", "health"),
        [
            (50, "on_track"),
            (90, "on_track"),
            (49.9, "at_risk"),
            (30, "at_risk"),
            (29.9, "off_track"),
            (0, "off_track"),
        ],
    )
    def test_against_elapsed_time(self, progress, health):
        assert (
            goal_health(
                "active", progress, self.start, self.end, self.mid, at_risk_margin=20
            )
            == health
        )

    def test_late_goal_is_off_track(self):
        assert (
            goal_health(
                "active", 99, self.start, self.end, date(2026, 2, 1), at_risk_margin=50
            )
            == "off_track"
        )
        assert goal_health("active", 99, self.start, self.end, self.end) == "at_risk"


class TestForecast:
    def test_linear_extrapolation(self):
        points = [
            (JAN1, 0.0),
            (JAN1 + timedelta(days=10), 10.0),
            (JAN1 + timedelta(days=20), 20.0),
        ]
        assert forecast_completion(points) == JAN1 + timedelta(days=100)

    def test_already_done(self):
        assert forecast_completion([(JAN1, 40.0), (date(2026, 2, 1), 100.0)]) == date(
            2026, 2, 1
        )

    def test_not_enough_or_not_rising(self):
        assert forecast_completion([]) is None
        assert forecast_completion([(JAN1, 10.0), (JAN1, 20.0)]) is None
        assert forecast_completion([(JAN1, 30.0), (date(2026, 2, 1), 20.0)]) is None
        assert forecast_completion([(JAN1, 0.0), (date(2026, 1, 2), 0.001)]) is None


class TestSmart:
    def check(self, **overrides):
        values = {
            "name": "Reduce churn to 5 %",
            "description": "Monthly logo churn measured by Finance.",
            "progress_mode": "metric",
            "start_value": 10.0,
            "target_value": 5.0,
            "has_children": False,
            "has_parent": True,
            "scope": "individual",
            "date_deadline": DEC31,
            "state": "active",
            "today": date(2026, 6, 1),
        }
        values.update(overrides)
        return smart_check(**values)

    def test_smart_goal_scores_five(self):
        assert self.check() == (5, [])

    def test_each_letter(self):
        assert self.check(name="Improve things")[1] == [
            "name_too_short",
            "vague_wording",
        ]
        assert self.check(name="Improve our onboarding a lot")[0] == 4
        assert self.check(name="Improve onboarding NPS to 60")[1] == []
        assert self.check(description="  ")[1] == ["no_description"]
        assert self.check(progress_mode="manual") == (4, ["not_measurable"])
        assert self.check(target_value=10.0) == (4, ["target_equals_start"])
        assert self.check(progress_mode="children") == (4, ["not_measurable"])
        assert self.check(progress_mode="children", has_children=True) == (5, [])
        assert self.check(date_deadline=date(2026, 5, 1)) == (4, ["deadline_passed"])
        assert self.check(date_deadline=date(2026, 5, 1), state="done") == (5, [])
        assert self.check(has_parent=False) == (4, ["not_aligned"])
        assert self.check(has_parent=False, scope="company") == (5, [])
        assert self.check(date_deadline=None) == (4, ["no_deadline"])

    def test_everything_wrong_but_the_timing(self):
        score, issues = self.check(
            name="Help",
            description="",
            progress_mode="manual",
            has_parent=False,
            date_deadline=None,
        )
        assert score == 1  # nothing can be late without a deadline: "achievable" holds
        assert set(issues) == {
            "name_too_short",
            "vague_wording",
            "no_description",
            "not_measurable",
            "not_aligned",
            "no_deadline",
        }
