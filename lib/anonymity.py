"""Showing anonymous answers without revealing who gave them."""

import hashlib

from .progress import finite


def visible_answers(answers: list[str], threshold: int) -> list[str]:
    """The answers to show their subject: none below ``threshold`` (so that a
    small number cannot point at a person), otherwise all of them in an order
    that depends on their text only, never on who answered or when. A NaN
    threshold would compare false both ways and show every answer."""
    if finite(threshold, "the anonymity threshold") < 1:
        raise ValueError("the anonymity threshold is at least 1")
    if len(answers) < threshold:
        return []
    return sorted(answers, key=lambda text: hashlib.sha256(text.encode()).hexdigest())
