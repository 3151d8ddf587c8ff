"""Review scoring: section scores, the overall score, ratings and the 9-box.

All scores are 0–100. A section without any input scores ``None`` and is
left out of the overall score, whose weights are re-normalised over the
sections that have a score.
"""

import ast
from collections.abc import Iterable

from .progress import clamp, finite, normalize, weighted_average

POTENTIALS = ("low", "medium", "high")


def goal_score(goals: Iterable[tuple[float, float]]) -> float | None:
    """Weighted progress of ``(progress, weight)`` goals."""
    return weighted_average(goals)


def rating_score(values: Iterable[float], low: float, high: float) -> float | None:
    """Mean of rating values on a ``low``–``high`` scale, as 0–100."""
    values = [finite(value, "a rating") for value in values]
    low = finite(low, "the scale's lowest value")
    high = finite(high, "the scale's highest value")
    scores = [normalize(value, low, high) for value in values]
    return sum(scores) / len(scores) if scores else None


def peer_score(
    values: list[float], low: float, high: float, threshold: int
) -> float | None:
    """Like ``rating_score``, but only from ``threshold`` answers on: fewer
    could point at who answered."""
    values = [finite(value, "a rating") for value in values]
    finite(low, "the scale's lowest value")
    finite(high, "the scale's highest value")
    if finite(threshold, "the anonymity threshold") < 1:
        raise ValueError("the anonymity threshold is at least 1")
    score = rating_score(values, low, high)
    return score if len(values) >= threshold else None


def overall_score(sections: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted average of ``(score, weight)`` sections that have a score."""
    return weighted_average(
        (score, weight) for score, weight in sections if score is not None
    )


def check_section_weights(weights: Iterable[float]) -> None:
    """Raise ``ValueError`` unless the weights are positive and sum to 100."""
    weights = [finite(weight, "a section weight") for weight in weights]
    if not weights:
        raise ValueError("a review template needs at least one section")
    if any(weight <= 0 for weight in weights):
        raise ValueError("every section weight must be positive")
    if abs(sum(weights) - 100.0) > 0.01:
        raise ValueError(f"section weights sum to {sum(weights):g} %, not 100 %")


def level_for_score(score: float, level_values: list[float]) -> float:
    """The rating level whose value, placed on 0–100 between the lowest and
    highest level, is nearest to ``score`` (ties go to the higher level)."""
    for value in level_values:
        finite(value, "a level value")
    if len(level_values) < 2:
        raise ValueError("a rating scale needs at least two levels")
    low, high = min(level_values), max(level_values)
    score = clamp(score)
    return min(
        sorted(level_values, reverse=True),
        key=lambda value: abs(normalize(value, low, high) - score),
    )


def performance_band(value: float, level_values: list[float]) -> int:
    """0, 1 or 2: the third of the rating scale a level value falls in."""
    for level in level_values:
        finite(level, "a level value")
    low, high = min(level_values), max(level_values)
    position = normalize(value, low, high)
    if position < 100 / 3:
        return 0
    if position < 200 / 3:
        return 1
    return 2


def nine_box_cell(
    rating_value: float | None, level_values: list[float], potential: str | None
) -> int:
    """The 9-box cell, 1 (low performance, low potential) to 9 (high, high):
    rows by potential, columns by performance; 0 until both are known."""
    if rating_value is not None:
        finite(rating_value, "the rating value")
    if rating_value is None or not potential:
        return 0
    if potential not in POTENTIALS:
        raise ValueError(f"unknown potential {potential!r}")
    return (
        POTENTIALS.index(potential) * 3
        + performance_band(rating_value, level_values)
        + 1
    )


# The scores a template's formula may use, and the functions it may call.
FORMULA_SCORES = {
    "goals": "goal section score",
    "competencies": "competency sections, weighted",
    "questions": "question sections, weighted",
    "skills": "skills section: match of the assessed levels to the job's",
    "self": "self review score",
    "manager": "manager review score",
    "peer": "360 score (from k answers)",
    "upward": "upward score from direct reports (from k answers)",
    "sections": "weighted sections, the score without a formula",
}
FORMULA_FUNCTIONS = ("min", "max", "abs", "round")
_FORMULA_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
)


def formula_names(formula: str) -> set[str]:
    """The scores an overall-score formula uses, such as ``0.6 * goals +
    0.4 * manager``. Raise ``ValueError`` for anything but arithmetic
    (+ - * /) over numbers, the names of ``FORMULA_SCORES`` and calls to
    ``FORMULA_FUNCTIONS``."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError(f"not a valid expression ({error.msg})") from error
    except (RecursionError, MemoryError) as error:
        # How CPython's parser gives up on very deep nesting.
        raise ValueError("not a valid expression (nested too deeply)") from error
    names = set()
    called = set()  # the Name nodes of allowed calls: ``min`` alone is no score
    for node in ast.walk(tree):
        if not isinstance(node, _FORMULA_NODES):
            raise ValueError(f"{type(node).__name__} is not allowed in a formula")
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, int | float)
        ):
            raise ValueError("only numbers may appear as constants")
        if isinstance(node, ast.Call):
            if (
                not isinstance(node.func, ast.Name)
                or node.func.id not in FORMULA_FUNCTIONS
                or node.keywords
            ):
                raise ValueError(
                    "only these functions may be called: "
                    + ", ".join(FORMULA_FUNCTIONS)
                )
            called.add(node.func)
        elif isinstance(node, ast.Name) and node not in called:
            if node.id not in FORMULA_SCORES:
                raise ValueError(f"unknown score {node.id!r}")
            names.add(node.id)
    return names
