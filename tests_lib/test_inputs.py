import pytest

from lib.inputs import (
    MAX_ID,
    TEXT_LIMITS,
    clean_text,
    finite_number,
    positive_id,
    too_long,
)


class TestPositiveId:
    @pytest.mark.parametrize("value", [1, 42, MAX_ID, "7", " 7 ", str(MAX_ID)])
    def test_ids_postgresql_holds(self, value):
        assert positive_id(value) == int(value)

    @pytest.mark.parametrize(
        "value",
        [
            0,
            -1,
            MAX_ID + 1,
            2**63,
            "0",
            "-1",
            "2147483648",
            "9223372036854775808",
            "1" + "0" * 40,
            "abc",
            "1.5",
            "1e3",
            "٣",
            "",
            None,
            True,
            1.0,
        ],
    )
    def test_anything_else_is_no_id(self, value):
        assert positive_id(value) is None


class TestFiniteNumber:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("42", 42.0),
            (" 37.5 ", 37.5),
            ("-3", -3.0),
            ("+.5", 0.5),
            ("1e3", 1000.0),
            ("1E-2", 0.01),
            ("0", 0.0),
            ("1e308", 1e308),
        ],
    )
    def test_plain_numbers(self, text, expected):
        assert finite_number(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "nan",
            "NaN",
            "-nan",
            "inf",
            "-inf",
            "Infinity",
            "1e309",
            "-1e309",
            "abc",
            "",
            " ",
            "1_000",
            "0x10",
            "1,5",
            "٣",
            "1" * 40,
            None,
            float("nan"),
        ],
    )
    def test_anything_else_is_refused(self, text):
        assert finite_number(text) is None


class TestText:
    def test_clean_counts_a_line_break_once(self):
        assert clean_text("  a\r\nb\rc\n ") == "a\nb\nc"
        assert clean_text(None) == ""
        assert clean_text(["x"]) == ""

    @pytest.mark.parametrize("kind", sorted(TEXT_LIMITS))
    def test_limits_are_inclusive(self, kind):
        limit = TEXT_LIMITS[kind]
        assert not too_long("x" * limit, kind)
        assert too_long("x" * (limit + 1), kind)
