"""Goal maths: health against elapsed time, completion forecast, SMART check."""

import re
from datetime import date, timedelta

from .progress import clamp, finite

HEALTH_NOT_STARTED = "not_started"
HEALTH_ON_TRACK = "on_track"
HEALTH_AT_RISK = "at_risk"
HEALTH_OFF_TRACK = "off_track"
HEALTH_DONE = "done"


def expected_progress(date_start: date, date_deadline: date, today: date) -> float:
    """Share of the period from ``date_start`` to ``date_deadline`` elapsed on
    ``today``, as 0–100 (100 on and after the deadline)."""
    if today >= date_deadline:
        return 100.0
    if today <= date_start:
        return 0.0
    return (today - date_start).days / (date_deadline - date_start).days * 100.0


def goal_health(
    state: str,
    progress: float,
    date_start: date | None,
    date_deadline: date | None,
    today: date,
    at_risk_margin: float = 20.0,
) -> str:
    """Health of a goal: ``done`` when done; ``not_started`` for drafts, goals
    without both dates and goals whose period has not begun; otherwise progress
    against the share of time elapsed: ``on_track`` at or above it, ``at_risk``
    up to ``at_risk_margin`` points below, ``off_track`` further below, and
    always once the deadline has passed."""
    progress = finite(progress, "the progress")
    at_risk_margin = finite(at_risk_margin, "the at-risk margin")
    if state == "done":
        return HEALTH_DONE
    if state != "active" or not date_start or not date_deadline or today < date_start:
        return HEALTH_NOT_STARTED
    if today > date_deadline:
        return HEALTH_OFF_TRACK
    gap = expected_progress(date_start, date_deadline, today) - progress
    if gap <= 0:
        return HEALTH_ON_TRACK
    if gap <= at_risk_margin:
        return HEALTH_AT_RISK
    return HEALTH_OFF_TRACK


def forecast_completion(points: list[tuple[date, float]]) -> date | None:
    """Date on which progress reaches 100, extrapolated by least squares from
    dated ``(date, progress)`` points. ``None`` without two distinct days or
    when progress is not rising. Progress is a percentage: values below 0
    count as 0, which keeps every sum of the regression far from overflow."""
    points = [(day, clamp(progress)) for day, progress in points]
    if not points:
        return None
    done = [day for day, progress in points if progress >= 100]
    if done:
        return min(done)
    days = {day for day, _progress in points}
    if len(days) < 2:
        return None
    origin = min(days)
    xs = [(day - origin).days for day, _progress in points]
    ys = [progress for _day, progress in points]
    n = len(points)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    var_x = sum((x - mean_x) ** 2 for x in xs)
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var_x
    )
    if slope <= 0:
        return None
    intercept = mean_y - slope * mean_x
    # +inf when the slope is tiny: beyond ten years a straight line says
    # nothing useful.
    days_to_done = (100.0 - intercept) / slope
    if days_to_done > 3650:
        return None
    return origin + timedelta(days=max(0, round(days_to_done)))


# Words that make a goal sound like an intention rather than an outcome.
VAGUE_WORDS = frozenset(
    {
        "improve",
        "better",
        "more",
        "try",
        "help",
        "support",
        "various",
        "etc",
        "some",
        "good",
        "great",
        "best",
        "asap",
        "stuff",
        "things",
        "maybe",
        "enhance",
        "optimize",
        "optimise",
    }
)

# A goal scoring this or more of the five SMART points meets SMART; below it
# the goals' "Needs Sharpening" filter lists it.
SMART_MET = 4

SMART_ISSUES = (
    "name_too_short",
    "vague_wording",
    "no_description",
    "not_measurable",
    "target_equals_start",
    "deadline_passed",
    "not_aligned",
    "no_deadline",
)


def smart_check(
    *,
    name: str,
    description: str,
    progress_mode: str,
    start_value: float,
    target_value: float,
    has_children: bool,
    has_parent: bool,
    scope: str,
    date_deadline: date | None,
    state: str,
    today: date,
) -> tuple[int, list[str]]:
    """SMART score (0–5, one point per letter satisfied) and the hint codes
    (from ``SMART_ISSUES``) that say what to fix."""
    start_value = finite(start_value, "the start value")
    target_value = finite(target_value, "the target value")
    issues = []
    words = re.findall(r"\w+", (name or "").lower())
    has_number = any(word.isdigit() for word in words) or bool(
        re.search(r"\d", name or "")
    )
    if len(words) < 3:
        issues.append("name_too_short")
    if not has_number and VAGUE_WORDS.intersection(words):
        issues.append("vague_wording")
    if not (description or "").strip():
        issues.append("no_description")
    specific = not {"name_too_short", "vague_wording", "no_description"} & set(issues)

    measurable = True
    if progress_mode in ("metric", "data"):
        if target_value == start_value:
            issues.append("target_equals_start")
            measurable = False
    elif progress_mode == "children":
        if not has_children:
            issues.append("not_measurable")
            measurable = False
    else:
        issues.append("not_measurable")
        measurable = False

    achievable = True
    if date_deadline and state in ("draft", "active") and date_deadline < today:
        issues.append("deadline_passed")
        achievable = False

    relevant = has_parent or scope == "company"
    if not relevant:
        issues.append("not_aligned")

    time_bound = bool(date_deadline)
    if not time_bound:
        issues.append("no_deadline")

    score = sum((specific, measurable, achievable, relevant, time_bound))
    return score, issues
