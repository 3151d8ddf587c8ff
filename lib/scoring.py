"""Review scoring: section scores, the overall score, ratings, the 9-box and
the templates' score formulas.

All scores are 0–100; a score that is not available is ``None``, never 0.
A section without any input is left out of the overall score, whose weights
are re-normalised over the sections that have a score. ``review_scores``
gives all the scores of one review from plain inputs.
"""

import ast
import functools
import math
import operator
import re
from collections.abc import Iterable, Mapping

from .progress import clamp, finite, normalize, weighted_average
from .skills import skill_match

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


# ------------------------------------------------------------------ formulas
#
# A template's overall-score formula is user input evaluated for every review
# of a cycle (500 in a launch batch), so its cost is bounded by construction:
# a short text, few nodes, shallow nesting, small numbers, float arithmetic
# only (no power, no huge integers, round() to at most 4 decimals) and every
# intermediate result finite. Python's own eval (or Odoo's safe_eval) would
# happily spend minutes on ``round(1, -4000000)`` or ``9 ** 9 ** 9``.

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
FORMULA_MAX_LENGTH = 500  # characters
FORMULA_MAX_NODES = 100  # numbers, scores, operations and calls
FORMULA_MAX_DEPTH = 30  # levels of nesting (a sum of n terms nests n deep)
FORMULA_MAX_NUMBER = 1e6  # magnitude of a number written in a formula
FORMULA_MAX_DIGITS = 17  # significant digits of a number: a float keeps no more
FORMULA_MAX_ROUND_DIGITS = 4  # round(x, n) with n from 0 to this

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class FormulaError(ValueError):
    """Why a formula is refused. ``code`` and ``params`` let a caller word
    the reason in its user's language; ``str(error)`` is the English text."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


def formula_names(formula: str) -> set[str]:
    """The scores an overall-score formula uses, such as ``0.6 * goals +
    0.4 * manager``. Raise ``FormulaError`` (a ``ValueError``) for anything
    but arithmetic (+ - * /, unary minus) over numbers, the names of
    ``FORMULA_SCORES`` and calls to ``FORMULA_FUNCTIONS``, or beyond the
    ``FORMULA_MAX_*`` bounds."""
    return set(_compile(formula)[1])


def evaluate_formula(formula: str, scores: Mapping[str, float | None]) -> float | None:
    """The formula's value over ``scores`` (0–100 each), or ``None`` when it
    uses a score that is missing, divides by zero or leaves the finite
    floats at any step. Raise ``FormulaError`` for a formula that
    ``formula_names`` refuses (one stored before the bounds, say), so the
    cost of any evaluation is bounded."""
    body, names = _compile(formula)
    values = {}
    for name in names:
        if scores.get(name) is None:
            return None
        values[name] = finite(scores[name], f"the score {name}")
    return _evaluate(body, values)


@functools.lru_cache(maxsize=128)
def _compile(formula: str) -> tuple[ast.expr, frozenset[str]]:
    """The checked expression of a formula and the scores it uses; cached:
    a cycle evaluates one formula for each of its reviews."""
    text = formula.strip()
    if len(text) > FORMULA_MAX_LENGTH:
        raise FormulaError(
            "too_long",
            f"longer than {FORMULA_MAX_LENGTH} characters",
            limit=FORMULA_MAX_LENGTH,
        )
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise FormulaError("syntax", f"not a valid expression ({error.msg})") from error
    except (ValueError, RecursionError, MemoryError) as error:
        # Null bytes (ValueError before Python 3.12), or how CPython's
        # parser gives up on very deep nesting.
        raise FormulaError("syntax", "not a valid expression") from error
    names = _check(tree.body, text, depth=1, count=[0])
    return tree.body, frozenset(names)


def _check(node: ast.AST, text: str, depth: int, count: list[int]) -> set[str]:
    """The score names below ``node``, raising ``FormulaError`` on the first
    node outside the grammar or the bounds. The depth is checked before
    recursing, so Python's stack never nears its limit."""
    count[0] += 1
    if depth > FORMULA_MAX_DEPTH:
        raise FormulaError(
            "too_deep",
            f"nested deeper than {FORMULA_MAX_DEPTH} levels",
            limit=FORMULA_MAX_DEPTH,
        )
    if count[0] > FORMULA_MAX_NODES:
        raise FormulaError(
            "too_big",
            f"more than {FORMULA_MAX_NODES} numbers, scores and operations",
            limit=FORMULA_MAX_NODES,
        )
    if isinstance(node, ast.Constant):
        _check_number(node, text)
        return set()
    if isinstance(node, ast.Name):
        if node.id not in FORMULA_SCORES:
            raise FormulaError(
                "unknown_name", f"unknown score {node.id!r}", name=node.id
            )
        return {node.id}
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _check(node.left, text, depth + 1, count) | _check(
            node.right, text, depth + 1, count
        )
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _check(node.operand, text, depth + 1, count)
    if isinstance(node, ast.Call):
        _check_call(node, text)
        return set().union(*(_check(arg, text, depth + 1, count) for arg in node.args))
    part = ast.get_source_segment(text, node) or type(node).__name__
    raise FormulaError("forbidden", f"{part} is not allowed in a formula", part=part)


def _check_number(node: ast.Constant, text: str) -> None:
    """A number of at most ``FORMULA_MAX_DIGITS`` significant digits and
    ``FORMULA_MAX_NUMBER`` in magnitude; nothing else is a constant."""
    part = ast.get_source_segment(text, node) or repr(node.value)
    if isinstance(node.value, bool) or not isinstance(node.value, int | float):
        raise FormulaError(
            "not_a_number",
            f"{part} is not a number: only numbers may appear as constants",
            part=part,
        )
    if part[:2].lower() in ("0x", "0o", "0b"):
        mantissa = part[2:]
    else:
        mantissa = re.split("[eE]", part)[0]
    digits = re.sub("[^0-9a-fA-F]", "", mantissa).lstrip("0")
    if len(digits) > FORMULA_MAX_DIGITS:
        raise FormulaError(
            "too_many_digits",
            f"the number {part} has more than {FORMULA_MAX_DIGITS} significant digits",
            number=part,
            limit=FORMULA_MAX_DIGITS,
        )
    if not abs(node.value) <= FORMULA_MAX_NUMBER:
        raise FormulaError(
            "number_too_large",
            f"the number {part} is beyond ±{FORMULA_MAX_NUMBER:,.0f}",
            number=part,
            limit=f"{FORMULA_MAX_NUMBER:,.0f}",
        )


def _check_call(node: ast.Call, text: str) -> None:
    """One of ``FORMULA_FUNCTIONS`` with the values it takes; round's number
    of decimals is a whole number written out, from 0 to 4."""
    name = node.func.id if isinstance(node.func, ast.Name) else None
    if name not in FORMULA_FUNCTIONS or node.keywords:
        raise FormulaError(
            "function",
            "only these functions may be called: " + ", ".join(FORMULA_FUNCTIONS),
            functions=", ".join(FORMULA_FUNCTIONS),
        )
    args = node.args
    if name in ("min", "max") and len(args) < 2:
        raise FormulaError(
            "min_max_arguments", f"{name} takes two values or more", function=name
        )
    if name == "abs" and len(args) != 1:
        raise FormulaError("abs_arguments", "abs takes one value")
    decimals = args[1] if len(args) == 2 else None
    if name == "round" and not (
        len(args) == 1
        or (
            isinstance(decimals, ast.Constant)
            and type(decimals.value) is int
            and 0 <= decimals.value <= FORMULA_MAX_ROUND_DIGITS
        )
    ):
        raise FormulaError(
            "round_arguments",
            "round takes a value and, optionally, a number of decimals "
            f"from 0 to {FORMULA_MAX_ROUND_DIGITS} written as a whole number",
            limit=FORMULA_MAX_ROUND_DIGITS,
        )


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float | None:
    """Float arithmetic over a checked expression; ``None`` as soon as a
    step divides by zero or is not finite."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return None if operand is None else _UNARY[type(node.op)](operand)
    if isinstance(node, ast.BinOp):
        args = [_evaluate(node.left, values), _evaluate(node.right, values)]
        if None in args or (isinstance(node.op, ast.Div) and args[1] == 0):
            return None
        result = _BINARY[type(node.op)](*args)
    else:
        args = [_evaluate(arg, values) for arg in node.args]
        if None in args:
            return None
        result = _call(node.func.id, args)
    return result if math.isfinite(result) else None


def _call(name: str, args: list[float]) -> float:
    if name == "round":
        return float(round(args[0], *(int(n) for n in args[1:])))
    return float({"min": min, "max": max, "abs": abs}[name](*args))
