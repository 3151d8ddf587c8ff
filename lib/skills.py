"""Skill gaps, role match, readiness and progression.

Levels are hr_skills' ``level_progress`` values, 0 (no knowledge) to 100
(fully mastered); a skill the employee lacks counts as 0.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from .progress import finite, representable

READY_NOW, ONE_TWO_YEARS, LATER = "ready_now", "one_two_years", "later"


def gap(required: float, current: float) -> float:
    """How far below the required level the employee is; never negative."""
    difference = finite(required, "a required level") - finite(current, "a level")
    return max(0.0, representable(difference, "the gap"))


def skill_match(
    required: Mapping[object, float], current: Mapping[object, float]
) -> float | None:
    """Percent match (0–100) of someone's skills to a role's profile: the
    mean over the required skills of current / required, capped at 1 (being
    better than required at one skill does not make up for another). None
    when the role requires nothing. Each ratio is bounded to 0–1, so the
    mean is too whatever the levels."""
    required = {skill: finite(v, "a required level") for skill, v in required.items()}
    demands = {skill: level for skill, level in required.items() if level > 0}
    levels = {skill: finite(v, "a level") for skill, v in current.items()}
    if not demands:
        return None
    return (
        sum(
            max(0.0, min(1.0, levels.get(skill, 0.0) / level))
            for skill, level in demands.items()
        )
        / len(demands)
        * 100.0
    )


def readiness(match: float | None, potential: str | None) -> str:
    """Ready now from a 90 % match (unless the potential is low); in one or
    two years from 70 %, or from 50 % with a high potential; later otherwise."""
    match = 0.0 if match is None else finite(match, "a skill match")
    if match >= 90 and potential != "low":
        return READY_NOW
    if match >= 70 or (match >= 50 and potential == "high"):
        return ONE_TWO_YEARS
    return LATER


def rank_candidates(
    candidates: Iterable[tuple[object, float | None, int]],
) -> list[tuple[object, float | None, int]]:
    """``(key, match, nine-box cell)`` best first: by match, then by 9-box
    cell, then by key for a stable order (NaN would make any order)."""
    candidates = list(candidates)
    for _key, match, cell in candidates:
        for value in (match, cell):
            if value is not None:
                finite(value, "a skill match or 9-box cell")
    return sorted(candidates, key=lambda c: (-(c[1] or 0.0), -(c[2] or 0), str(c[0])))


def largest_gaps(
    gaps: Iterable[tuple[object, float]], limit: int
) -> list[tuple[object, float]]:
    """The ``limit`` largest positive gaps, largest first (ties by key)."""
    gaps = [(key, finite(value, "a gap")) for key, value in gaps]
    return sorted(
        ((key, value) for key, value in gaps if value > 0),
        key=lambda item: (-item[1], str(item[0])),
    )[:limit]


def progression(
    logs: Iterable[tuple[object, object, date, float]],
) -> dict[tuple[object, object], tuple[float, float, float]]:
    """From hr_skills' log rows ``(employee, skill, date, progress)``, per
    (employee, skill): the first and the last level and the change between."""
    first, last = {}, {}
    for employee, skill, _day, progress in sorted(
        logs, key=lambda row: (str(row[0]), str(row[1]), row[2])
    ):
        key = (employee, skill)
        first.setdefault(key, finite(progress, "a level"))
        last[key] = finite(progress, "a level")
    return {
        key: (first[key], last[key], representable(last[key] - first[key]))
        for key in first
    }
