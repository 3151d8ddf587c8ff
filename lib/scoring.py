"""Review scoring: section scores, the overall score, ratings and the 9-box.

All scores are 0–100; a score that is not available is ``None``, never 0.
A section without any input is left out of the overall score, whose weights
are re-normalised over the sections that have a score. ``review_scores``
gives all the scores of one review from plain inputs.
"""

import ast
from collections.abc import Iterable, Mapping

from .progress import clamp, normalize, weighted_average
from .skills import skill_match

POTENTIALS = ("low", "medium", "high")


def goal_score(goals: Iterable[tuple[float, float]]) -> float | None:
    """Weighted progress of ``(progress, weight)`` goals."""
    return weighted_average(goals)


def rating_score(values: Iterable[float], low: float, high: float) -> float | None:
    """Mean of rating values on a ``low``–``high`` scale, as 0–100."""
    scores = [normalize(value, low, high) for value in values]
    return sum(scores) / len(scores) if scores else None


def peer_score(
    values: list[float], low: float, high: float, threshold: int
) -> float | None:
    """Like ``rating_score``, but only from ``threshold`` answers on: fewer
    could point at who answered."""
    if threshold < 1:
        raise ValueError("the anonymity threshold is at least 1")
    if len(values) < threshold:
        return None
    return rating_score(values, low, high)


def overall_score(sections: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted average of ``(score, weight)`` sections that have a score."""
    return weighted_average(
        (score, weight) for score, weight in sections if score is not None
    )


# The kinds of template sections that score; other kinds are left out.
SECTION_KINDS = ("goals", "competencies", "questions", "skills")


def review_scores(
    sections: Iterable[tuple[object, str, float]], inputs: Mapping
) -> dict[str, float | None]:
    """Every score of one review, 0–100, ``None`` where it is not available.

    ``sections`` are the template's ``(key, kind, weight)``. ``inputs`` is
    plain data (missing keys count as no input):

    - ``scale``: ``(lowest, highest)`` rating value;
    - ``goals``: ``[(progress, weight)]`` of the employee's goals;
    - ``self``: the self review's rating values, ``None`` until it is submitted;
    - ``manager``: ``{section key: [rating values]}`` of the manager review,
      ``None`` until it is submitted;
    - ``peer``, ``upward``: one rating value per answered 360 request;
      ``threshold``: the anonymity threshold k (fewer answers, no score);
    - ``skills``: ``{skill: (required level, assessed or current level)}``.

    The result holds the names of ``FORMULA_SCORES`` and ``overall``: the
    weighted sections, sections without input left out and the others'
    weights re-normalised, ``None`` until the manager review is submitted.
    An input that is not available is never counted as a 0.
    """
    low, high = inputs["scale"]
    manager = inputs.get("manager")
    peers = [value for value in inputs.get("peer") or () if value is not None]
    upward = [value for value in inputs.get("upward") or () if value is not None]
    threshold = inputs.get("threshold", 1)
    skills = inputs.get("skills") or {}
    scores = {
        "goals": goal_score(inputs.get("goals") or ()),
        "self": (
            None
            if inputs.get("self") is None
            else rating_score(inputs["self"], low, high)
        ),
        "manager": (
            None
            if manager is None
            else rating_score(
                [value for values in manager.values() for value in values], low, high
            )
        ),
        "peer": peer_score(peers, low, high, threshold),
        "upward": peer_score(upward, low, high, threshold),
        "skills": skill_match(
            {skill: required for skill, (required, _level) in skills.items()},
            {skill: level for skill, (_required, level) in skills.items()},
        ),
    }
    weighted = _section_scores(sections, scores, manager, low, high)
    scores["competencies"] = overall_score(weighted["competencies"])
    scores["questions"] = overall_score(weighted["questions"])
    scores["sections"] = overall_score(
        pair for kind in SECTION_KINDS for pair in weighted[kind]
    )
    scores["overall"] = None if manager is None else scores["sections"]
    return scores


def _section_scores(sections, scores, manager, low, high):
    """``{kind: [(score, weight)]}`` of the scoring sections: goals and skills
    score their inputs, the others the manager's ratings of the section."""
    weighted = {kind: [] for kind in SECTION_KINDS}
    for key, kind, weight in sections:
        if kind not in weighted:
            continue
        if kind in ("goals", "skills"):
            score = scores[kind]
        elif manager is None:
            score = None
        else:
            score = rating_score(manager.get(key) or (), low, high)
        weighted[kind].append((score, weight))
    return weighted


def check_section_weights(weights: Iterable[float]) -> None:
    """Raise ``ValueError`` unless the weights are positive and sum to 100."""
    weights = list(weights)
    if not weights:
        raise ValueError("a review template needs at least one section")
    if any(weight <= 0 for weight in weights):
        raise ValueError("every section weight must be positive")
    if abs(sum(weights) - 100.0) > 0.01:
        raise ValueError(f"section weights sum to {sum(weights):g} %, not 100 %")


def level_for_score(score: float, level_values: list[float]) -> float:
    """The rating level whose value, placed on 0–100 between the lowest and
    highest level, is nearest to ``score`` (ties go to the higher level)."""
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
