"""Rhythm: when the next check-in is due, where mood is heading, and which
reminder of a review step is due."""

import calendar
from datetime import date, timedelta

from .progress import finite, mean

FREQUENCY_DAYS = {"weekly": 7, "biweekly": 14}
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3}
#: Monday (0) to Friday (4): the working week when no calendar says otherwise.
WORKING_WEEK = frozenset(range(5))


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    finite(months, "a number of months")
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_checkin_date(
    last_done: date | None, frequency: str, since: date | None = None
) -> date | None:
    """Date the next check-in is due: the last completed one plus the frequency.

    Without any completed check-in the rhythm starts from ``since`` (for
    instance the day the employee joined), so a new report is due at once.
    ``None`` when the frequency is ``none`` or nothing is known.
    """
    if frequency == "none" or frequency not in FREQUENCY_DAYS | FREQUENCY_MONTHS:
        return None
    if not last_done:
        return since
    if frequency in FREQUENCY_DAYS:
        return last_done + timedelta(days=FREQUENCY_DAYS[frequency])
    return add_months(last_done, FREQUENCY_MONTHS[frequency])


def next_working_day(day: date | None, weekdays=WORKING_WEEK) -> date | None:
    """``day`` itself when it is one of the working ``weekdays`` (Monday 0 …
    Sunday 6), else the first working day after it; ``None`` stays ``None``,
    and without any working weekday the day is kept."""
    weekdays = frozenset(weekdays) & frozenset(range(7))
    if day is None or not weekdays:
        return day
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def mood_trend(moods: list[int], window: int = 2) -> str | None:
    """``up``, ``down`` or ``flat`` comparing the average of the last ``window``
    moods (oldest first) with the ``window`` before them; ``None`` with too few."""
    finite(window, "the window")
    moods = [finite(m, "a mood") for m in moods if m is not None]
    moods = [m for m in moods if m]
    if len(moods) < 2:
        return None
    recent = moods[-window:]
    before = moods[-2 * window : -window] or moods[:1]
    # Means stay finite; their difference may overflow to ±inf, which still
    # compares the right way (never NaN).
    delta = mean(recent) - mean(before)
    # Half a point either way is noise on a five-point scale.
    if delta > 0.5:
        return "up"
    if delta < -0.5:
        return "down"
    return "flat"


def step_reminder(
    today: date,
    deadline: date | None,
    days_before: int,
    step: str,
    last_sent: str | None,
) -> str | None:
    """The reminder of ``step`` due ``today``: ``"overdue"`` once its
    ``deadline`` has passed, ``"soon"`` within ``days_before`` days of it;
    ``None`` without a deadline, earlier, or when that reminder (or, for
    "soon", the overdue one) was the last sent. ``last_sent`` is the key
    (``step_reminder_key``) of the last reminder sent."""
    if not deadline:
        return None
    if today > deadline:
        kind = "overdue"
    elif (deadline - today).days <= days_before:
        kind = "soon"
    else:
        return None
    sent = {step_reminder_key(step, kind)}
    if kind == "soon":
        sent.add(step_reminder_key(step, "overdue"))
    return None if last_sent in sent else kind


def step_reminder_key(step: str, kind: str) -> str:
    """What a review keeps of the last reminder sent: its step and kind."""
    return f"{step}:{kind}"
