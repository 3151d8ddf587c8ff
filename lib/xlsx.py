"""XLSX workbooks from plain rows, with xlsxwriter.

Nothing here evaluates user text: strings are never turned into formulas or
links (``strings_to_formulas`` and ``strings_to_urls`` off), so a comment such
as ``=HYPERLINK("http://evil", "click")`` stays the text it is. Rows are
written one after the other in ``constant_memory`` mode, so a large export
needs little memory whatever its size. Numbers must be finite: Excel has no
NaN or infinity, and a cell showing a wrong number is worse than no export.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

import xlsxwriter

from .progress import finite

KINDS = ("text", "number", "integer", "percent", "score", "gap", "date")
# xlsxwriter escapes a literal "_xHHHH_" and, after it, each control character
# as "_xHHHH_"; a literal "_xHHHH" right before a control character then takes
# that escape's underscore and reads back as another character. Escaping such
# a control character here lets xlsxwriter see, and escape, the whole literal.
_LITERAL_BEFORE_CONTROL = re.compile(r"(_x[0-9A-Fa-f]{4})([\x00-\x08\x0b-\x1f])")


def ooxml_safe(text: str) -> str:
    """``text`` as xlsxwriter must be given it to read back unchanged."""
    return _LITERAL_BEFORE_CONTROL.sub(
        lambda m: f"{m.group(1)}_x{ord(m.group(2)):04X}_", text
    )


# Colour scales on 0–100 columns: a score is good when high, a gap when low.
SCALES = {
    "score": ("#F8696B", "#FFEB84", "#63BE7B"),
    "gap": ("#63BE7B", "#FFEB84", "#F8696B"),
}


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # one of KINDS; "score" and "gap" are 0–100, coloured
    width: int = 14

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        finite(self.width, "a column width")


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: Iterable[list] = field(default_factory=list)


def write_workbook(target: str | IO[bytes], sheets: list[Sheet]) -> dict[str, int]:
    """Write ``sheets`` to ``target`` (a path or a binary file); return the
    number of data rows written per sheet."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    formats = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#E9ECEF", "bottom": 1, "text_wrap": True}
        ),
        "text": workbook.add_format({"text_wrap": False}),
        "number": workbook.add_format({"num_format": "0.00"}),
        "integer": workbook.add_format({"num_format": "0"}),
        "percent": workbook.add_format({"num_format": "0.0"}),
        "score": workbook.add_format({"num_format": "0.0"}),
        "gap": workbook.add_format({"num_format": "0"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    written = {}
    try:
        for sheet in sheets:
            worksheet = workbook.add_worksheet(sheet.name[:31])
            for col, column in enumerate(sheet.columns):
                worksheet.set_column(col, col, column.width)
                worksheet.write_string(
                    0, col, ooxml_safe(column.title), formats["header"]
                )
            worksheet.freeze_panes(1, 0)
            count = 0
            for count, row in enumerate(sheet.rows, start=1):
                for col, (column, value) in enumerate(
                    zip(sheet.columns, row, strict=True)
                ):
                    _write_cell(worksheet, count, col, column, value, formats)
            written[sheet.name] = count
            if count:
                worksheet.autofilter(0, 0, count, len(sheet.columns) - 1)
                for col, column in enumerate(sheet.columns):
                    if column.kind in SCALES:
                        low, mid, high = SCALES[column.kind]
                        worksheet.conditional_format(
                            1,
                            col,
                            count,
                            col,
                            {
                                "type": "3_color_scale",
                                "min_type": "num",
                                "min_value": 0,
                                "mid_type": "num",
                                "mid_value": 50,
                                "max_type": "num",
                                "max_value": 100,
                                "min_color": low,
                                "mid_color": mid,
                                "max_color": high,
                            },
                        )
    finally:
        workbook.close()
    return written


def _write_cell(worksheet, row, col, column, value, formats):
    if value is None or value is False or value == "":
        worksheet.write_blank(row, col, None)
    elif column.kind == "text":
        worksheet.write_string(row, col, ooxml_safe(str(value)), formats["text"])
    elif column.kind == "date":
        worksheet.write_datetime(row, col, value, formats["date"])
    else:
        number = finite(value, f"{column.title} (row {row})")
        worksheet.write_number(row, col, number, formats[column.kind])


def download_action(kind: str, res_id: int) -> dict:
    """The client action downloading the XLSX export of record ``res_id``
    from ``/hr_performance/export/<kind>/<res_id>`` (controllers/export.py)."""
    return {
        "type": "ir.actions.act_url",
        "url": f"/hr_performance/export/{kind}/{int(res_id)}",
        "target": "download",
    }
