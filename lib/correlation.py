"""Correlation of two team-level series (no Odoo import): Pearson's r and
Spearman's rho, with the sample they rest on.

A coefficient over a handful of teams says nothing, so none is computed below
``MIN_SAMPLE`` pairs; nor over a constant series (no variation, no
correlation). A missing figure (``None``) drops its pair; NaN and infinities
are refused, never silently dropped.
"""

import math
from typing import NamedTuple

from .progress import finite

# Teams below which no figure is shown (a correlation over fewer says nothing).
MIN_SAMPLE = 8


class Correlation(NamedTuple):
    """``r`` (``None``: no figure) over ``n`` pairs; ``minimum`` is the
    sample needed for a figure."""

    r: float | None
    n: int
    minimum: int

    @property
    def enough(self):
        return self.n >= self.minimum


def pairs(xs, ys):
    """The pairs of ``xs`` and ``ys`` where both exist (``None`` drops a
    pair); ``ValueError`` for NaN or infinity, ``TypeError`` for text."""
    if len(xs) != len(ys):
        raise ValueError("the two series differ in length")
    return [
        (finite(x, "a correlated value"), finite(y, "a correlated value"))
        for x, y in zip(xs, ys, strict=True)
        if x is not None and y is not None
    ]


def _scaled(values):
    """``values`` divided by their largest magnitude: r does not change, and
    sums of squares of huge finite figures cannot overflow."""
    largest = max(abs(value) for value in values)
    return [value / largest for value in values] if largest else list(values)


def _pearson(points):
    n = len(points)
    points = list(
        zip(
            _scaled([x for x, _y in points]),
            _scaled([y for _x, y in points]),
            strict=True,
        )
    )
    mean_x = math.fsum(x for x, _y in points) / n
    mean_y = math.fsum(y for _x, y in points) / n
    sxx = math.fsum((x - mean_x) ** 2 for x, _y in points)
    syy = math.fsum((y - mean_y) ** 2 for _x, y in points)
    if not sxx or not syy:
        return None  # a constant series
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in points)
    # Rounding can push |r| a hair past 1.
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _ranks(values):
    """Ranks from 1, ties sharing the mean of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _validated_minimum(minimum):
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 3:
        raise ValueError("the minimum sample is a whole number of at least 3")
    return minimum


def pearson(xs, ys, minimum=MIN_SAMPLE):
    """Pearson's r of the pairs where both figures exist."""
    minimum = _validated_minimum(minimum)
    points = pairs(xs, ys)
    if len(points) < minimum:
        return Correlation(None, len(points), minimum)
    return Correlation(_pearson(points), len(points), minimum)


def spearman(xs, ys, minimum=MIN_SAMPLE):
    """Spearman's rho (Pearson's r of the ranks, ties averaged) of the pairs
    where both figures exist."""
    minimum = _validated_minimum(minimum)
    points = pairs(xs, ys)
    if len(points) < minimum:
        return Correlation(None, len(points), minimum)
    ranked = list(
        zip(
            _ranks([x for x, _y in points]),
            _ranks([y for _x, y in points]),
            strict=True,
        )
    )
    return Correlation(_pearson(ranked), len(points), minimum)
