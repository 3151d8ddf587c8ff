"""Progress arithmetic shared by goals, reviews and reports.

Every number entering ``lib/`` goes through ``finite``: NaN passes every
comparison silently (``nan <= 0`` and ``nan > 0`` are both false, so
``clamp(nan)`` used to be 100) and infinity turns sums into NaN. Results are
finite for finite input: where a sum or a difference of finite floats can
overflow, the exact rational value is used instead, and a result that is
itself beyond the float range raises ``ValueError`` (``representable``).
"""

import math
from collections.abc import Iterable
from fractions import Fraction


def finite(value, what: str = "a number") -> float:
    """``value`` as a float; ``ValueError`` for NaN, ±infinity and integers
    too large for a float, ``TypeError`` for text (no silent parsing)."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{what} must be a number, not {value!r}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{what} is beyond the floating-point range") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, not {number}")
    return number


def representable(value: float, what: str = "the result") -> float:
    """``value``, unless arithmetic on finite numbers overflowed to ±inf: the
    exact result is then beyond the float range, which is refused rather than
    returned as infinity."""
    if not math.isfinite(value):
        raise ValueError(f"{what} is beyond the floating-point range")
    return value


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """``value`` bounded to ``[low, high]``."""
    value = finite(value, "the value")
    low, high = finite(low, "the low bound"), finite(high, "the high bound")
    if low > high:
        raise ValueError(f"empty interval [{low}, {high}]")
    return max(low, min(high, value))


def _share(value: float, start: float, end: float) -> float:
    """(value − start) / (end − start) bounded to 0–1, for finite floats with
    ``end != start``. A difference of two finite floats can overflow (1e308 −
    −1e308), so the exact rational ratio is used when one does."""
    numerator, denominator = value - start, end - start
    if math.isfinite(numerator) and math.isfinite(denominator):
        ratio = numerator / denominator  # ±inf when tiny: bounded below
        return max(0.0, min(1.0, ratio))
    exact = (Fraction(value) - Fraction(start)) / (Fraction(end) - Fraction(start))
    return float(max(Fraction(0), min(Fraction(1), exact)))


def metric_progress(start: float, target: float, current: float) -> float:
    """Percentage (0–100) of the way from ``start`` to ``target``.

    Works for increasing targets (0 → 100) and decreasing ones (10 → 5,
    lower is better): the sign of ``target - start`` gives the direction.
    Overshooting counts as 100, moving backwards as 0.
    """
    start = finite(start, "the start value")
    target = finite(target, "the target value")
    current = finite(current, "the current value")
    if target == start:
        raise ValueError("a metric target must differ from its start value")
    return _share(current, start, target) * 100.0


def weighted_average(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ weight·value / Σ weight over ``(value, weight)`` pairs.

    ``None`` when nothing carries weight, so callers decide what an empty
    average means instead of getting a silent 0. Negative weights are refused.
    """
    pairs = [(finite(v, "a value"), finite(w, "a weight")) for v, w in pairs]
    if any(weight < 0 for _value, weight in pairs):
        raise ValueError(f"negative weight {min(w for _v, w in pairs)}")
    values = [value for value, weight in pairs if weight]
    if not values:
        return None
    total = sum(value * weight for value, weight in pairs)
    total_weight = sum(weight for _value, weight in pairs)
    if math.isfinite(total) and math.isfinite(total_weight):
        average = total / total_weight
    else:  # a product or a sum overflowed: the exact average is within range
        average = float(
            sum(Fraction(v) * Fraction(w) for v, w in pairs)
            / sum(Fraction(w) for _v, w in pairs)
        )
    # Rounding can put Σ w·v / Σ w a hair outside the values averaged (100 %
    # children giving 100.00000000000001 %): keep it between them.
    return max(min(values), min(max(values), average))


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean, between the smallest and the largest value even when
    their sum overflows (then the values are divided before being added)."""
    values = [finite(value, "a value") for value in values]
    if not values:
        raise ValueError("the mean of nothing")
    result = sum(values) / len(values)
    if not math.isfinite(result):
        result = sum(value / len(values) for value in values)
    return max(min(values), min(max(values), result))


def normalize(value: float, low: float, high: float) -> float:
    """``value`` on a ``low``–``high`` scale mapped to 0–100 (clamped)."""
    value = finite(value, "the value")
    low = finite(low, "the scale's lowest value")
    high = finite(high, "the scale's highest value")
    if high <= low:
        raise ValueError(
            f"a scale needs its highest value above its lowest ({low}, {high})"
        )
    return _share(value, low, high) * 100.0
