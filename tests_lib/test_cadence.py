from datetime import date

import pytest

from lib.cadence import (
    add_months,
    mood_trend,
    next_checkin_date,
    next_working_day,
    step_reminder,
)


class TestNextCheckin:
    @pytest.mark.parametrize(
        ("frequency", "expected"),
        [
            ("weekly", date(2026, 3, 10)),
            ("biweekly", date(2026, 3, 17)),
            ("monthly", date(2026, 4, 3)),
            ("quarterly", date(2026, 6, 3)),
        ],
    )
    def test_frequencies(self, frequency, expected):
        assert next_checkin_date(date(2026, 3, 3), frequency) == expected

    def test_none_and_unknown(self):
        assert next_checkin_date(date(2026, 3, 3), "none") is None
        assert next_checkin_date(date(2026, 3, 3), "hourly") is None

    def test_without_history_due_from_start(self):
        assert next_checkin_date(None, "weekly", since=date(2026, 1, 5)) == date(
            2026, 1, 5
        )
        assert next_checkin_date(None, "weekly") is None

    def test_month_ends(self):
        assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
        assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
        assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
        assert next_checkin_date(date(2026, 12, 15), "quarterly") == date(2027, 3, 15)


class TestNextWorkingDay:
    def test_weekends_move_to_monday(self):
        friday, saturday, sunday = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)
        assert next_working_day(friday) == friday
        assert next_working_day(saturday) == date(2026, 3, 9)
        assert next_working_day(sunday) == date(2026, 3, 9)
        assert next_working_day(None) is None

    def test_the_calendar_decides(self):
        # Sunday to Thursday.
        week = {6, 0, 1, 2, 3}
        assert next_working_day(date(2026, 3, 6), week) == date(2026, 3, 8)
        assert next_working_day(date(2026, 3, 7), week) == date(2026, 3, 8)
        # No working day at all (or junk): the day is kept, never a loop.
        assert next_working_day(date(2026, 3, 7), set()) == date(2026, 3, 7)
        assert next_working_day(date(2026, 3, 7), {9, -1}) == date(2026, 3, 7)


class TestMoodTrend:
    def test_directions(self):
        assert mood_trend([2, 2, 4, 4]) == "up"
        assert mood_trend([5, 4, 3, 2]) == "down"
        assert mood_trend([3, 4, 3, 4]) == "flat"
        assert mood_trend([4, 5, 4, 4]) == "flat", "half a point is noise"
        assert mood_trend([3, 5]) == "up"

    def test_too_few_or_unset(self):
        assert mood_trend([]) is None
        assert mood_trend([4]) is None
        assert mood_trend([0, 4, 0]) is None


class TestStepReminder:
    DEADLINE = date(2026, 7, 10)

    def reminder(self, today, last_sent=None, deadline=DEADLINE):
        return step_reminder(today, deadline, 3, "self_review", last_sent)

    def test_none_without_deadline_or_too_early(self):
        assert self.reminder(date(2026, 7, 1), deadline=None) is None
        assert self.reminder(date(2026, 7, 6)) is None

    def test_soon_within_the_days_then_overdue(self):
        assert self.reminder(date(2026, 7, 7)) == "soon"
        assert self.reminder(date(2026, 7, 10)) == "soon"
        assert self.reminder(date(2026, 7, 11)) == "overdue"

    def test_each_once_and_never_soon_after_overdue(self):
        assert self.reminder(date(2026, 7, 8), "self_review:soon") is None
        assert self.reminder(date(2026, 7, 11), "self_review:soon") == "overdue"
        assert self.reminder(date(2026, 7, 11), "self_review:overdue") is None
        assert self.reminder(date(2026, 7, 8), "self_review:overdue") is None

    def test_another_step_starts_afresh(self):
        assert self.reminder(date(2026, 7, 8), "manager_review:overdue") == "soon"
