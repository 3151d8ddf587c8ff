"""The strategy review's arithmetic: this year against last year, per
department (no Odoo import).

A figure that does not exist (no check-in due, no departure, nobody hired) is
``None``, never 0: a change is computed only between two figures that exist,
and a rate only over a count that is not zero.
"""

import math

YEAR_MIN = 2000
YEAR_MAX = 2100


def valid_year(value):
    """``value`` as a year between ``YEAR_MIN`` and ``YEAR_MAX``, else
    ``None`` (text is accepted only as plain digits, e.g. from a URL)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or not value.isascii() or len(value) > 4:
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def _number(value):
    """``value`` as a finite float, or ``None`` (missing, NaN, infinite)."""
    if value is None or value is False or isinstance(value, bool | str | bytes):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def percent(part, whole):
    """``part`` as a percentage of ``whole``; ``None`` when either is
    missing or ``whole`` is zero (or negative)."""
    part, whole = _number(part), _number(whole)
    if part is None or whole is None or whole <= 0:
        return None
    return 100.0 * part / whole


def delta(current, previous):
    """``current - previous``; ``None`` unless both exist."""
    current, previous = _number(current), _number(previous)
    if current is None or previous is None:
        return None
    return current - previous


def compare(current, previous, keys):
    """``{key: change}`` for each of ``keys`` from two ``{key: value}``
    dicts (a key missing from one gives ``None``)."""
    return {key: delta(current.get(key), previous.get(key)) for key in keys}


def with_rates(row):
    """``row`` (sums per department) with the rates computed from them:
    check-ins held among those due, reviews completed, voluntary and
    regretted departures among all departures."""
    held, missed = row.get("checkins_held"), row.get("checkins_missed")
    due = None if held is None and missed is None else (held or 0) + (missed or 0)
    departures = row.get("departures")
    return {
        **row,
        "checkins_held_rate": percent(held or 0, due),
        "review_completion": percent(row.get("reviews_done"), row.get("reviews")),
        "voluntary_rate": percent(row.get("voluntary"), departures),
        "regretted_rate": percent(row.get("regretted"), departures),
    }


def distribution(counts):
    """``{level: share in %}`` from ``{level: count}``; empty when nobody
    was rated."""
    total = sum(_number(count) or 0 for count in counts.values())
    if not total:
        return {}
    return {
        level: percent(_number(count) or 0, total) for level, count in counts.items()
    }


def format_figure(value, kind="number", signed=False):
    """``value`` as printed in the PDF: a dash when it does not exist,
    integers whole, percentages with a %, other numbers with one decimal;
    ``signed`` adds a + to a positive change."""
    number = _number(value)
    if number is None:
        return "—"
    text = f"{number:.0f}" if kind == "integer" else f"{number:.1f}"
    if kind == "score":
        text = f"{text} %"
    if signed and number > 0:
        text = f"+{text}"
    return text
