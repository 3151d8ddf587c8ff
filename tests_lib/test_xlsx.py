import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from lib.xlsx import Column, Sheet, download_action, write_workbook


def test_values_formats_and_no_formula_from_text():
    buffer = io.BytesIO()
    written = write_workbook(
        buffer,
        [
            Sheet(
                "Results",
                [
                    Column("Employee", width=30),
                    Column("Score", "score"),
                    Column("Reviews", "integer"),
                    Column("Acknowledged", "date"),
                    Column("Comment", width=40),
                ],
                (
                    row
                    for row in [
                        ["Eva", 82.5, 3, datetime.date(2026, 3, 1), "Fine"],
                        [
                            "Mallory",
                            None,
                            0,
                            None,
                            '=HYPERLINK("http://evil.example", "click")',
                        ],
                    ]
                ),
            ),
            Sheet("Empty", [Column("Nothing")]),
        ],
    )
    assert written == {"Results": 2, "Empty": 0}
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = workbook["Results"]
    assert [c.value for c in sheet[1]] == [
        "Employee",
        "Score",
        "Reviews",
        "Acknowledged",
        "Comment",
    ]
    assert sheet["A2"].value == "Eva" and sheet["B2"].value == 82.5
    assert sheet["D2"].value == datetime.datetime(2026, 3, 1)
    assert sheet["B3"].value is None
    # The formula stays a string: neither a formula cell nor a link.
    cell = sheet["E3"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example", "click")'
    assert cell.hyperlink is None
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == pytest.approx(30, abs=1)
    rules = sheet.conditional_formatting
    assert any("B2:B3" in str(rule.sqref) for rule in rules)


def test_unknown_column_kind_refused():
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("x", "money")


def test_row_width_must_match_columns():
    with pytest.raises(ValueError):
        write_workbook(io.BytesIO(), [Sheet("S", [Column("a")], [["a", "b"]])])


def test_download_action_points_at_the_export_route():
    assert download_action("cycle", 7) == {
        "type": "ir.actions.act_url",
        "url": "/hr_performance/export/cycle/7",
        "target": "download",
    }


def test_a_literal_escape_before_a_control_character_reads_back_unchanged(tmp_path):
    """Found by test_properties: "=_xA1A1\\x1f" read back as "=\\ua1a1x001F_"."""
    path = tmp_path / "text.xlsx"
    texts = ["=_xA1A1\x1f", "_x0041\x01\x02", "plain\x1f", "_x0041_"]
    write_workbook(str(path), [Sheet("S", [Column("T")], [[t] for t in texts])])
    cells = [row[0].value for row in load_workbook(path).active.iter_rows(min_row=2)]
    decoded = [
        re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), c)
        for c in cells
    ]
    assert decoded == texts
