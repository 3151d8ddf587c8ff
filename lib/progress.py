"""Progress arithmetic shared by goals, reviews and reports."""

from collections.abc import Iterable


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """``value`` bounded to ``[low, high]``."""
    if low > high:
        raise ValueError(f"empty interval [{low}, {high}]")
    return max(low, min(high, value))


def metric_progress(start: float, target: float, current: float) -> float:
    """Percentage (0–100) of the way from ``start`` to ``target``.

    Works for increasing targets (0 → 100) and decreasing ones (10 → 5,
    lower is better): the sign of ``target - start`` gives the direction.
    Overshooting counts as 100, moving backwards as 0.
    """
    if target == start:
        raise ValueError("a metric target must differ from its start value")
    return clamp((current - start) / (target - start) * 100.0)


def weighted_average(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ weight·value / Σ weight over ``(value, weight)`` pairs.

    ``None`` when nothing carries weight, so callers decide what an empty
    average means instead of getting a silent 0. Negative weights are refused.
    """
    total_weight = 0.0
    total = 0.0
    values = []
    for value, weight in pairs:
        if weight < 0:
            raise ValueError(f"negative weight {weight}")
        total += value * weight
        total_weight += weight
        if weight:
            values.append(value)
    if not total_weight:
        return None
    # Rounding can put Σ w·v / Σ w a hair outside the values averaged (100 %
    # children giving 100.00000000000001 %): keep it between them.
    return max(min(values), min(max(values), total / total_weight))


def normalize(value: float, low: float, high: float) -> float:
    """``value`` on a ``low``–``high`` scale mapped to 0–100 (clamped)."""
    if high <= low:
        raise ValueError(
            f"a scale needs its highest value above its lowest ({low}, {high})"
        )
    return clamp((value - low) / (high - low) * 100.0)
