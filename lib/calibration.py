"""Calibration statistics: rater leniency and severity, gaps between self,
manager and peer views, demographic gaps with adverse-impact ratios, target
distributions and the rating changes that meet them.

Ratings are numbers (level values or 0–100 scores); groups are any hashable
keys (a manager id, a department id, a gender). Results below a minimum group
size are suppressed: statistics about two people say nothing and can point
at them. Non-finite numbers are refused (``progress.finite``).
"""

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .progress import finite, mean, representable

Z_FLAG = 2.0  # |z| at or above which a rater is flagged (≈ 95 % two-sided)
FOUR_FIFTHS = 0.8


def stdev(values: list[float]) -> float:
    """Sample standard deviation (n − 1); 0 for fewer than two values.

    Computed on the values scaled by a power of two (exact), so squares
    neither overflow nor underflow; ``ValueError`` only when the spread
    itself is beyond the float range (values near ±1.8e308)."""
    values = [finite(value, "a value") for value in values]
    scale = max((abs(value) for value in values), default=0.0)
    if len(values) < 2 or not scale:
        return 0.0
    exponent = math.frexp(scale)[1]
    scaled = [math.ldexp(value, -exponent) for value in values]
    centre = mean(scaled)
    spread = math.sqrt(sum((v - centre) ** 2 for v in scaled) / (len(values) - 1))
    try:
        return math.ldexp(spread, exponent)
    except OverflowError:
        raise ValueError("the spread is beyond the floating-point range") from None


@dataclass(frozen=True)
class GroupStat:
    key: object
    count: int
    mean: float
    spread: float
    z_score: float | None  # None below the minimum group size
    flag: str  # "lenient", "severe" or "" (also below the minimum size)


def group_stats(
    values_by_group: Mapping[object, list[float]], min_size: int
) -> list[GroupStat]:
    """Per group: count, mean, spread and the z-score of its mean against the
    pool of all values, z = (mean_g − mean_pool) / (sd_pool / √n_g). A group
    of ``min_size`` or more with |z| ≥ 2 is flagged lenient (above) or severe
    (below). Groups are returned in their input order."""
    if finite(min_size, "the minimum group size") < 1:
        raise ValueError("the minimum group size is at least 1")
    groups = {
        key: [finite(value, "a rating") for value in values]
        for key, values in values_by_group.items()
    }
    pool = [v for values in groups.values() for v in values]
    if not pool:
        return []
    # z does not depend on the scale: computed on the values divided by a
    # power of two (exact), no difference or quotient can overflow.
    exponent = math.frexp(max(abs(v) for v in pool))[1]
    pool_mean = mean(math.ldexp(v, -exponent) for v in pool)
    pool_sd = stdev([math.ldexp(v, -exponent) for v in pool])
    stats = []
    for key, values in groups.items():
        if not values:
            continue
        z = None
        flag = ""
        if len(values) >= min_size and pool_sd > 0:
            group_mean = mean(math.ldexp(v, -exponent) for v in values)
            z = (group_mean - pool_mean) / (pool_sd / math.sqrt(len(values)))
            if z >= Z_FLAG:
                flag = "lenient"
            elif z <= -Z_FLAG:
                flag = "severe"
        stats.append(GroupStat(key, len(values), mean(values), stdev(values), z, flag))
    return stats


def mean_band(pool: list[float], size: int) -> tuple[float, float, float] | None:
    """The pool's mean and the band a group of ``size`` ratings stays in
    while unflagged: pool mean ± Z_FLAG · sd_pool / √size, the same test as
    ``group_stats``. None for an empty pool or a size below 1; a pool without
    spread gives a band of zero width."""
    values = [finite(value, "a rating") for value in pool]
    if not values or size < 1:
        return None
    centre = mean(values)
    half = Z_FLAG * stdev(values) / math.sqrt(size)
    return centre, centre - half, centre + half


def mean_gap(pairs: Iterable[tuple[float | None, float | None]]) -> float | None:
    """Mean of ``a − b`` over pairs where both are known (e.g. self − manager).

    Halves are subtracted (exact for floats), so that the gap between two
    finite numbers never overflows on the way; ``ValueError`` when the mean
    gap itself is beyond the float range."""
    halves = [
        finite(a, "a rating") / 2 - finite(b, "a rating") / 2
        for a, b in pairs
        if a is not None and b is not None
    ]
    if not halves:
        return None
    return representable(mean(halves) * 2, "the mean gap")


def normal_two_sided_p(z: float) -> float:
    """Two-sided p-value of a standard-normal statistic."""
    return math.erfc(abs(finite(z, "the z statistic")) / math.sqrt(2))


def two_proportion_p(count: int, selected: int, ref_count: int, ref_selected: int):
    """Two-sided p-value of a pooled two-proportion z-test: ``selected`` of
    ``count`` against ``ref_selected`` of ``ref_count``. Counts are whole
    numbers, computed on as Python integers (exact, no overflow)."""
    counts = (count, selected, ref_count, ref_selected)
    if not all(finite(value, "a count").is_integer() for value in counts):
        raise ValueError("counts are whole numbers")
    count, selected, ref_count, ref_selected = (int(value) for value in counts)
    if not (0 <= selected <= count and 0 <= ref_selected <= ref_count):
        raise ValueError("a selected count is between 0 and its group's count")
    if not (count and ref_count):
        raise ValueError("a proportion needs a group of one or more")
    pooled = (selected + ref_selected) / (count + ref_count)
    se = math.sqrt(pooled * (1 - pooled) * (1 / count + 1 / ref_count))
    if not se:
        return 1.0
    return normal_two_sided_p((selected / count - ref_selected / ref_count) / se)


@dataclass(frozen=True)
class ImpactRow:
    key: object
    count: int
    selected: int
    rate: float
    impact_ratio: float | None  # rate / highest rate; None when suppressed
    p_value: float | None  # two-proportion z-test against the highest-rate group
    adverse: bool  # impact ratio below four fifths


def adverse_impact(
    outcomes_by_group: Mapping[object, list[bool]], min_size: int
) -> list[ImpactRow]:
    """Four-fifths rule on a favourable outcome (e.g. rated at or above
    "exceeds"): each group's rate against the highest rate among groups of
    ``min_size`` or more, with a pooled two-proportion z-test. Smaller groups
    are listed without ratio or test (suppressed)."""
    if finite(min_size, "the minimum group size") < 1:
        raise ValueError("the minimum group size is at least 1")
    rows = {
        key: (len(outcomes), sum(1 for o in outcomes if o))
        for key, outcomes in outcomes_by_group.items()
        if outcomes
    }
    eligible = {key: row for key, row in rows.items() if row[0] >= min_size}
    # Among groups tied on the highest rate the largest is the reference, and
    # groups identical to it are not tested against it: results do not depend
    # on the order of the groups.
    reference = (
        max(
            eligible,
            key=lambda key: (eligible[key][1] / eligible[key][0], eligible[key][0]),
        )
        if eligible
        else None
    )
    result = []
    for key, (count, selected) in rows.items():
        rate = selected / count
        ratio = p_value = None
        if key in eligible and len(eligible) > 1:
            ref_count, ref_selected = eligible[reference]
            ref_rate = ref_selected / ref_count
            ratio = rate / ref_rate if ref_rate else None
            if (count, selected) != (ref_count, ref_selected):
                p_value = two_proportion_p(count, selected, ref_count, ref_selected)
        result.append(
            ImpactRow(
                key,
                count,
                selected,
                rate,
                ratio,
                p_value,
                ratio is not None and ratio < FOUR_FIFTHS,
            )
        )
    return result


def target_counts(percents: list[float], total: int) -> list[int]:
    """Split ``total`` reviews by target percentages (summing to 100) with the
    largest-remainder method, so the counts sum to ``total`` exactly."""
    percents = [finite(p, "a target percentage") for p in percents]
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError(f"a number of reviews is a whole number ≥ 0, not {total!r}")
    if abs(sum(percents) - 100.0) > 0.01:
        raise ValueError(f"target percentages sum to {sum(percents):g}, not 100")
    if any(p < 0 for p in percents):
        raise ValueError("a target percentage cannot be negative")
    # Over the actual sum, which may be 100 ± 0.01: a 100.0078 % target on
    # 12,800 reviews would otherwise make 12,801.
    share = sum(percents)
    exact = [p * total / share for p in percents]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(percents)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def suggest_adjustments(
    reviews: list[tuple[object, int, float]], percents: list[float]
) -> list[tuple[object, int, int]]:
    """Rating changes that bring the distribution to the target, after which
    nobody is below someone with a lower overall score who was at or below
    them.

    ``reviews`` are ``(key, level index, overall score)`` with level indexes
    0 (lowest) … len(percents) − 1; returns ``(key, from index, to index)``,
    best scores first. Pairing any excess with any shortfall (the former
    approach) can send a level's best to the bottom of the scale while
    weaker reviews stay above. Here reviews only cross the boundaries
    between adjacent levels, as many as the target makes cross each
    boundary (the least total number of level steps), and each crossing
    moves the best of the level below up or the weakest of the level above
    down, so scores keep their order (see ``_cross``).
    """
    levels = len(percents)
    reviews = [
        (key, index, finite(score, "an overall score")) for key, index, score in reviews
    ]
    if any(not 0 <= index < levels for _, index, _ in reviews):
        raise ValueError("a review's level is outside the scale")
    targets = target_counts(percents, len(reviews))
    order = sorted(reviews, key=_by_score)
    by_level = [[r for r in order if r[1] == level] for level in range(levels)]
    # Net number of reviews that must cross each boundary upwards (< 0: down).
    crossing, net = [], 0
    for level in range(levels - 1):
        net += len(by_level[level]) - targets[level]
        crossing.append(net)
    _cross(by_level, crossing)
    final = {r[0]: level for level, members in enumerate(by_level) for r in members}
    return [
        (key, index, final[key])
        for key, index, _score in reversed(order)
        if final[key] != index
    ]


def _cross(by_level: list[list[tuple]], crossing: list[int]) -> None:
    """Move reviews across level boundaries, in place: ``crossing[j]`` up
    from level j to j + 1 (negative: down). Upward crossings go from the
    lowest boundary up, each taking the highest score of its level, which
    may have just arrived from below; downward ones from the highest
    boundary down, each taking the lowest score. A review taken is never
    below a review left in its level, so for any pair with a higher score
    at the same or a higher level the order holds after each single move;
    a review never crosses back (a boundary is crossed one way only)."""
    for level, count in enumerate(crossing):
        for _ in range(max(0, count)):
            bisect.insort(by_level[level + 1], by_level[level].pop(), key=_by_score)
    for level in reversed(range(len(crossing))):
        for _ in range(max(0, -crossing[level])):
            bisect.insort(by_level[level], by_level[level + 1].pop(0), key=_by_score)


def _by_score(review: tuple[object, int, float]) -> tuple[float, str]:
    """Reviews by overall score, ties by key: one order whatever the input's."""
    return review[2], str(review[0])
