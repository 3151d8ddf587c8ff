"""What the addon accepts from a URL or a posted form, before anything reaches
the database: ids that PostgreSQL's ``integer`` holds, finite numbers, and
texts no longer than their use needs.

The limits live here, in one place: the controllers refuse what exceeds them
and the portal templates say them (``maxlength``).
"""

import math
import re

#: Record ids (and page numbers) are PostgreSQL ``integer``: 1 to 2^31 - 1.
MAX_ID = 2**31 - 1

#: The longest text, in characters, each kind of portal field takes (counted
#: after trimming, a line break counting one character as in the browser).
TEXT_LIMITS = {
    # One line: a topic on a check-in agenda, why a feedback request is declined.
    "agenda_item": 200,
    "decline_reason": 200,
    # What a feedback request about oneself asks (the request's limit).
    "question": 2_000,
    # A note on a goal update, kudos to a colleague: a few paragraphs.
    "kudos": 5_000,
    "goal_note": 5_000,
    # The employee's comment when acknowledging their review (the model's limit).
    "comment": 5_000,
    # An answer to a review or feedback question, a free feedback answer: a
    # page or more.
    "answer": 20_000,
}

#: A plain decimal number as a form's ``<input type="number">`` posts it.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_MAX_NUMBER_LENGTH = 32


def positive_id(value):
    """``value`` (an int, or its decimal digits) as an id from 1 to
    ``MAX_ID``, or ``None`` when it cannot be one: 0, negative, too large for
    PostgreSQL, not an integer."""
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdigit() and len(value) <= 10):
            return None
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if 1 <= value <= MAX_ID else None


def finite_number(text):
    """The number posted as ``text`` (``"42"``, ``"-3.5"``, ``"1e3"``), or
    ``None`` for anything else: empty, junk, ``nan``, ``inf``, a number out
    of a float's range (``1e309``), Python-only spellings (``1_000``) or
    digits of other scripts."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if len(text) > _MAX_NUMBER_LENGTH or not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def clean_text(text):
    """Typed text as it is stored and counted: line breaks as ``\\n`` (a
    browser posts ``\\r\\n`` but counts one character), trimmed."""
    if not isinstance(text, str):
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def too_long(text, kind):
    """Whether ``text`` (cleaned) exceeds the limit of its ``kind``."""
    return len(text) > TEXT_LIMITS[kind]
