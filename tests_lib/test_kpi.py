import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.kpi import (
    MAX_DOMAIN_LEAVES,
    MAX_DOMAIN_LENGTH,
    DomainError,
    aggregate_spec,
    parse_domain,
    period_bounds,
    value_changed,
)

os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    str(Path(tempfile.gettempdir()) / "hr_performance-hypothesis"),
)
FAST = settings(max_examples=200, deadline=None, database=None)


class TestParseDomain:
    def test_empty(self):
        assert parse_domain("") == []
        assert parse_domain(None) == []
        assert parse_domain("[]") == []

    def test_literal_domain(self):
        assert parse_domain(
            "['|', ('stage_id.is_won', '=', True), ('amount', '>', 10.5)]"
        ) == ["|", ("stage_id.is_won", "=", True), ("amount", ">", 10.5)]
        assert parse_domain('[("id", "in", (1, 2))]') == [("id", "in", [1, 2])]

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("[('user_id', '=', uid)]", "not_literal"),
            ("__import__('os').system('true')", "not_literal"),
            ("[('a', '=', 1)] + []", "not_literal"),
            ("[(lambda: 1)(), '=', 1]", "not_literal"),
            ("{'a': 1}", "not_a_list"),
            ("'text'", "not_a_list"),
            ("[('a', '=')]", "bad_condition"),
            ("[(1, '=', 1)]", "bad_condition"),
            ("[('', '=', 1)]", "bad_condition"),
            ("[('a', '=', {'x': 1})]", "bad_value"),
            ("[('a', '=', [[1]])]", "bad_value"),
            ("['|', ('a', '=', 1)]", "bad_operators"),
            ("['!']", "bad_operators"),
            ("[('a', '=', 1), '&']", "bad_operators"),
        ],
    )
    def test_refused(self, text, code):
        with pytest.raises(DomainError) as caught:
            parse_domain(text)
        assert caught.value.code == code

    def test_bounded(self):
        with pytest.raises(DomainError) as caught:
            parse_domain("[" + " " * MAX_DOMAIN_LENGTH + "]")
        assert caught.value.code == "too_long"
        many = ", ".join(["('a', '=', 1)"] * (MAX_DOMAIN_LEAVES + 1))
        with pytest.raises(DomainError) as caught:
            parse_domain(f"[{many}]")
        assert caught.value.code == "too_many_conditions"
        with pytest.raises(DomainError):
            parse_domain("[" * 1000 + "]" * 1000)

    def test_implicit_and(self):
        assert (
            len(parse_domain("[('a', '=', 1), ('b', '=', 2), '!', ('c', '=', 3)]")) == 4
        )

    @FAST
    @given(st.text(max_size=300))
    def test_any_text_is_a_domain_or_a_domain_error(self, text):
        try:
            domain = parse_domain(text)
        except DomainError:
            return
        assert isinstance(domain, list)

    @FAST
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["name", "partner_id.name", "amount"]),
                st.sampled_from(["=", "!=", ">", "ilike", "in"]),
                st.one_of(
                    st.integers(), st.text(max_size=10), st.booleans(), st.none()
                ),
            ),
            max_size=10,
        )
    )
    def test_round_trip(self, leaves):
        assert parse_domain(repr(leaves)) == leaves


class TestPeriod:
    def test_date_bounds(self):
        assert period_bounds(date(2026, 1, 1), date(2026, 3, 31), False) == (
            date(2026, 1, 1),
            date(2026, 4, 1),
        )
        assert period_bounds(None, None, False) == (None, None)

    def test_datetime_bounds(self):
        assert period_bounds(date(2026, 1, 1), date(2026, 1, 31), True) == (
            datetime(2026, 1, 1),
            datetime(2026, 2, 1),
        )
        assert period_bounds(None, date(2026, 1, 31), True) == (
            None,
            datetime(2026, 2, 1),
        )


class TestAggregate:
    def test_spec(self):
        assert aggregate_spec("count", "amount") == "__count"
        assert aggregate_spec("sum", "amount") == "amount:sum"
        assert aggregate_spec("avg", "amount") == "amount:avg"
        with pytest.raises(ValueError):
            aggregate_spec("sum", False)
        with pytest.raises(ValueError):
            aggregate_spec("max; DROP", "amount")

    def test_value_changed(self):
        assert not value_changed(0.1 + 0.2, 0.3)
        assert value_changed(None, 1)
        assert not value_changed(False, 0)
        assert value_changed(5, 4)


def test_a_deadline_on_the_last_day_leaves_the_period_open_instead_of_overflowing():
    assert period_bounds(date(2026, 1, 1), date.max, False) == (date(2026, 1, 1), None)
    lower, upper = period_bounds(date(2026, 1, 1), date.max, True)
    assert upper is None and lower.date() == date(2026, 1, 1)
