"""Key results measured from data: the pure parts (no Odoo import).

A KPI's domain is text typed by HR in Odoo's domain editor. It is read as a
Python *literal* only (``ast.literal_eval``: no names, calls or attributes, so
no code runs), bounded in size, and checked for the shape of an Odoo domain;
the model then checks its field paths and operators against the registry.
"""

import ast
from datetime import date, datetime, time, timedelta

# A domain longer than this, or with more conditions, is refused: typing it in
# the editor is never needed, and it bounds the cost of evaluating it.
MAX_DOMAIN_LENGTH = 4000
MAX_DOMAIN_LEAVES = 40
OPERATORS = ("&", "|", "!")


class DomainError(ValueError):
    """A domain that is not a literal Odoo domain; ``code`` says why."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _is_literal_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(
            item is None or isinstance(item, (bool, int, float, str)) for item in value
        )
    return False


def parse_domain(text):
    """The domain in ``text`` as a list of operators and ``(path, operator,
    value)`` tuples; ``DomainError`` for anything else (code, names, a huge
    or deeply nested text). An empty text is the empty domain."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text) > MAX_DOMAIN_LENGTH:
        raise DomainError("too_long", str(MAX_DOMAIN_LENGTH))
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as error:
        raise DomainError("not_literal", type(error).__name__) from error
    if not isinstance(value, (list, tuple)):
        raise DomainError("not_a_list")
    domain, leaves = [], 0
    for item in value:
        if item in OPERATORS:
            domain.append(item)
            continue
        if (
            not isinstance(item, (list, tuple))
            or len(item) != 3
            or not isinstance(item[0], str)
            or not isinstance(item[1], str)
            or not item[0]
        ):
            raise DomainError("bad_condition", repr(item)[:80])
        if not _is_literal_value(item[2]):
            raise DomainError("bad_value", repr(item)[:80])
        leaves += 1
        operand = list(item[2]) if isinstance(item[2], tuple) else item[2]
        domain.append((item[0], item[1], operand))
    if leaves > MAX_DOMAIN_LEAVES:
        raise DomainError("too_many_conditions", str(MAX_DOMAIN_LEAVES))
    _check_arity(domain)
    return domain


def _check_arity(domain):
    """Prefix notation: each ``&``/``|`` takes two terms, ``!`` one; terms
    left side by side are joined by an implicit ``&`` (as in Odoo)."""
    terms = 0
    for item in reversed(domain):
        if item == "!":
            if terms < 1:
                raise DomainError("bad_operators")
        elif item in ("&", "|"):
            if terms < 2:
                raise DomainError("bad_operators")
            terms -= 1
        else:
            terms += 1


def period_bounds(date_start, date_deadline, is_datetime):
    """The ``(lower, upper)`` bounds of a goal's period on a date or datetime
    field: ``lower <= value < upper``; ``None`` for an open side. A datetime
    period runs from the start day at midnight to the day after the deadline
    at midnight (UTC, as Odoo stores datetimes)."""
    lower = date_start or None
    # The last representable day has no day after: the period is open there.
    upper = (
        date_deadline + timedelta(days=1)
        if date_deadline and date_deadline < date.max
        else None
    )
    if is_datetime:
        lower = datetime.combine(lower, time.min) if lower else None
        upper = datetime.combine(upper, time.min) if upper else None
    return lower, upper


def aggregate_spec(aggregate, field_name):
    """The ``_read_group`` aggregate of a KPI: ``__count``, ``f:sum`` or
    ``f:avg``."""
    if aggregate == "count":
        return "__count"
    if aggregate in ("sum", "avg") and field_name:
        return f"{field_name}:{aggregate}"
    raise ValueError(f"unknown aggregate {aggregate!r}")


def value_changed(old, new, digits=6):
    """Whether a refreshed value differs from the current one (floats compared
    at ``digits`` decimals, so that a sum recomputed in another order does
    not count as a change)."""
    return round(float(old or 0.0), digits) != round(float(new or 0.0), digits)


# KPIs for the apps people have, as README documents them; a test per recipe
# defines each on a database where its app is installed (skipped otherwise).
RECIPES = (
    {
        "app": "crm",
        "name": "Won revenue (CRM)",
        "model": "crm.lead",
        "aggregate": "sum",
        "field": "expected_revenue",
        "date_field": "date_closed",
        "owner_field": "user_id",
        "domain": "[('stage_id.is_won', '=', True)]",
    },
    {
        "app": "sale",
        "name": "Confirmed sales (untaxed)",
        "model": "sale.order",
        "aggregate": "sum",
        "field": "amount_untaxed",
        "date_field": "date_order",
        "owner_field": "user_id",
        "domain": "[('state', '=', 'sale')]",
    },
    {
        "app": "project",
        "name": "Tasks closed",
        "model": "project.task",
        "aggregate": "count",
        "field": None,
        "date_field": "date_last_stage_update",
        "owner_field": "user_ids",
        "domain": "[('state', '=', '1_done')]",
    },
    {
        "app": "hr_timesheet",
        "name": "Hours logged on projects",
        "model": "account.analytic.line",
        "aggregate": "sum",
        "field": "unit_amount",
        "date_field": "date",
        "owner_field": "employee_id",
        "domain": "[('project_id', '!=', False)]",
    },
    {
        "app": "account",
        "name": "Paid invoices (total)",
        "model": "account.move",
        "aggregate": "sum",
        "field": "amount_total_signed",
        "date_field": "invoice_date",
        "owner_field": "invoice_user_id",
        "domain": "[('move_type', '=', 'out_invoice'), "
        "('payment_state', 'in', ['paid', 'in_payment'])]",
    },
    {
        "app": "hr_recruitment",
        "name": "Hires (recruiter)",
        "model": "hr.applicant",
        "aggregate": "count",
        "field": None,
        "date_field": "date_closed",
        "owner_field": "user_id",
        "domain": "[('stage_id.hired_stage', '=', True)]",
    },
)
