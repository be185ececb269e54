"""Each format writer called directly on a small hand-made view (no repository, no CLI)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc.check.findings import Finding, Severity
from cchc.compute.diff import DataDiff
from cchc.compute.progress import (
    DirectiveSection,
    FollowUpRow,
    GroupRow,
    ModelRow,
    NewModelRow,
    OriginRow,
    ProgressReport,
    Reorganisation,
    ResultRow,
    Summary,
    UnitRow,
)
from cchc.periods import parse_period
from cchc.pipeline import CheckOutcome
from cchc.present.registry import Target, binary_formats, formats, write
from cchc.present.views.diff import DiffView
from cchc.present.views.query import ListView, MatrixView, ShowView, list_view
from cchc.present.views.report import ReportView
from cchc.schema.vocabulary import STATUSES


def _counts(**given: int) -> dict[str, int]:
    return {status: given.get(status.replace("-", "_"), 0) for status in STATUSES}


def report_view() -> ReportView:
    period = parse_period("2024-Q3")
    counts = _counts(effective=1, not_started=1)
    unit = UnitRow(
        "xa-a", "UBND xã A", "district:huyen-a", 2, counts, 1, 2, 0.5, date(2024, 7, 1), 0, ()
    )
    model = ModelRow(
        "m1",
        "Một cửa thân thiện",
        "model",
        2,
        counts,
        1,
        2,
        0.5,
        0.5,
        (),
        (OriginRow("tinh", "UBND tỉnh", "effective", date(2024, 1, 1)),),
    )
    q2 = parse_period("2024-Q2")
    summary = Summary(
        1, 1, 2, counts, 1, 2, 0.5, 0.5, 1, 0, q2, 2, 0, 2, 0.0, 0.0, 0.5, 0, 0, 2, 0.5, 0.0, 0.5
    )
    directive = DirectiveSection(
        "kh1",
        "ke-hoach",
        "12/KH-UBND",
        date(2024, 1, 1),
        "Nhân rộng",
        "tinh",
        "UBND tỉnh",
        None,
        date(2024, 6, 30),
        None,
        ("m1",),
        2,
        counts,
        1,
        2,
        0.5,
        0.5,
        1,
        (model,),
        (),
    )
    return ReportView(
        ProgressReport(
            period=period,
            as_of=period.end,
            scope=None,
            scope_name=None,
            scope_notice=None,
            document=None,
            directives=(directive,),
            summary=summary,
            models=(model,),
            groups=(GroupRow("huyen-a", "district", "UBND huyện A", (unit,), 2, 1, 2, 0.5),),
            follow_up=(
                FollowUpRow(
                    "xa-a",
                    "UBND xã A",
                    "m1",
                    "Một cửa thân thiện",
                    "not-started",
                    None,
                    None,
                    date(2024, 6, 30),
                    76,
                    None,
                    "kh1",
                    None,
                ),
            ),
            reorganisation=Reorganisation((), (), ()),
            results=(
                ResultRow(
                    "xa-a",
                    "UBND xã A",
                    "m1",
                    "Một cửa thân thiện",
                    "ti-le",
                    "Tỷ lệ hồ sơ đúng hạn",
                    None,
                    date(2024, 9, 1),
                    744,
                    747,
                    None,
                    744 / 747,
                ),
            ),
            difficulties=(),
            new_models=(
                NewModelRow(
                    "m2",
                    "=Sáng kiến mới",
                    "initiative",
                    "xa-a",
                    "UBND xã A",
                    "proposed",
                    date(2024, 8, 1),
                ),
            ),
        )
    )


def outcome(tmp_path: Path) -> CheckOutcome:
    finding = Finding(
        "S001", "data/units/x.yaml", "lỗi cú pháp", Severity.ERROR, line=1, col=3, hint="sửa dòng 1"
    )
    return CheckOutcome(tmp_path, [finding], 3)


def diff_view() -> DiffView:
    model = {
        "id": "m1",
        "title": "Một cửa | thân thiện",
        "kind": "model",
        "origin": "xa-a",
        "areas": [],
        "status": "proposed",
    }
    side = {"rev": None, "commit": None, "merge_base": None}
    return DiffView(
        {**side, "label": "main"},
        {**side, "label": "thư mục làm việc"},
        DataDiff(models_added=[model]),
        [],
        ["data/units/x.yaml"],
    )


ROWS = [
    {
        "id": "m1",
        "title": "=Một cửa",
        "kind": "model",
        "areas": ["institutions"],
        "origin": "xa-a",
        "status": "recognized",
        "adopters": 2,
    }
]
MATRIX = {
    "as_of": "2024-09-14",
    "models": [{"id": "m1", "title": "Một cửa"}],
    "units": [{"id": "xa-a", "name": "UBND xã A", "cells": {"m1": "effective"}, "total": 1}],
    "totals": {"m1": 1},
    "total": 1,
}
SHOW = {
    "kind": "document",
    "id": "kh1",
    "document_type": "ke-hoach",
    "number": None,
    "date": "2024-01-05",
    "issuer": "tinh",
    "issuer_name": "UBND tỉnh",
    "subject": None,
    "recipients": [],
    "deadline": None,
    "models": ["m1"],
    "as_of": "2024-09-14",
}


def text(view: object, fmt: str, **target: Any) -> str:
    stream = io.StringIO()
    write(view, fmt, Target(stream, None, **target))
    return stream.getvalue()


def test_registry_lists_each_views_formats_in_order() -> None:
    assert formats(ReportView) == ("text", "md", "html", "xlsx", "docx", "json", "csv")
    assert binary_formats(ReportView) == {"xlsx", "docx"}
    assert formats(CheckOutcome) == ("text", "json", "github", "sarif")
    assert formats(DiffView) == ("text", "markdown", "json")
    for view in (ListView, ShowView, MatrixView):
        assert formats(view) == ("table", "json", "csv")


# -- text ---------------------------------------------------------------------------


def test_text_writers(tmp_path: Path) -> None:
    report = text(report_view(), "text", width=200)
    assert "BÁO CÁO" in report and "Một cửa thân thiện" in report and "50,0%" in report
    findings = text(outcome(tmp_path), "text")
    assert "data/units/x.yaml:1:3: S001" in findings and "gợi ý: sửa dòng 1" in findings
    assert "1 lỗi, 0 cảnh báo trong 3 tệp" in findings
    diff = text(diff_view(), "text")
    assert "So sánh main với thư mục làm việc." in diff and "Mô hình mới (1)" in diff
    assert "Bỏ qua 1 tệp có lỗi ở bản mới" in diff
    listed = text(list_view("models", ROWS), "table")
    assert "Tên mô hình" in listed and "=Một cửa" in listed and "1 mục" in listed
    shown = text(ShowView(SHOW), "table")
    assert "Kế hoạch (dự thảo, chưa có số) ngày 05/01/2024" in shown
    matrix = text(MatrixView(MATRIX), "table")
    assert "UBND xã A" in matrix and "1. Một cửa\n" in matrix
    assert "1. Một cửa (mã: m1)" in text(MatrixView(MATRIX, ids=True), "table")


# -- md -----------------------------------------------------------------------------


def test_md_writers() -> None:
    report = text(report_view(), "md")
    assert report.startswith("# BÁO CÁO\n")
    assert "| 1 | Một cửa thân thiện | Mô hình | 2 |" in report
    assert "| **Tổng cộng** |" in report
    diff = text(diff_view(), "markdown")
    assert "### Mô hình mới (1)" in diff and "| Một cửa \\| thân thiện | Mô hình | xa-a |" in diff


# -- csv ----------------------------------------------------------------------------


def test_csv_writers() -> None:
    report = text(report_view(), "csv")
    assert report.startswith("\ufeff") and "\r\n" in report
    rows = list(csv.reader(io.StringIO(report.removeprefix("\ufeff"))))
    assert rows[0] == ["I. Tổng hợp"] and ["Tỷ lệ nhân rộng", "50,0%"] in rows
    assert any(r[1:2] == ["'=Sáng kiến mới"] for r in rows)  # never a formula
    listed = list(csv.reader(io.StringIO(text(list_view("models", ROWS), "csv")[1:])))
    assert listed[0] == ["id", "title", "kind", "areas", "origin", "status", "adopters"]
    assert listed[1][:2] == ["m1", "'=Một cửa"] and listed[1][-1] == "2"
    matrix = list(csv.reader(io.StringIO(text(MatrixView(MATRIX), "csv")[1:])))
    assert matrix == [
        ["unit", "name", "m1", "total"],
        ["xa-a", "UBND xã A", "effective", "1"],
        ["total", "Tổng", "1", "1"],
    ]


# -- json ---------------------------------------------------------------------------


def test_json_writers(tmp_path: Path) -> None:
    report = json.loads(text(report_view(), "json"))
    assert report["schema"] == "cchc-report/2" and report["summary"]["rate"] == 0.5
    assert report["models"][0]["id"] == "m1"
    findings = json.loads(text(outcome(tmp_path), "json"))
    assert findings["summary"] == {"files": 3, "errors": 1, "warnings": 0, "infos": 0}
    assert findings["findings"][0]["line"] == 1 and findings["findings"][0]["code"] == "S001"
    diff = json.loads(text(diff_view(), "json"))
    assert diff["schema"] == "cchc-diff/1" and diff["counts"]["models_added"] == 1
    assert diff["skipped"] == {"base": [], "head": ["data/units/x.yaml"]}
    assert json.loads(text(list_view("models", ROWS), "json")) == ROWS
    assert json.loads(text(MatrixView(MATRIX), "json")) == MATRIX


def test_github_and_sarif_writers(tmp_path: Path) -> None:
    github = text(outcome(tmp_path), "github")
    assert github.startswith("::error file=data/units/x.yaml,line=1,col=3,title=S001 ")
    sarif = json.loads(text(outcome(tmp_path), "sarif"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "S001"


# -- html ---------------------------------------------------------------------------


def test_html_writer() -> None:
    html = text(report_view(), "html")
    assert "<svg" in html and "Một cửa thân thiện" in html
    assert "<table" in html and "50,0%" in html


# -- xlsx, docx ---------------------------------------------------------------------


def test_xlsx_writer_reads_back(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "bc.xlsx"
    write(report_view(), "xlsx", Target(None, path))
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Theo văn bản",
        "Theo mô hình",
        "Văn bản 1",
        "Theo đơn vị",
        "Cần đôn đốc",
        "Kết quả",
        "Khó khăn",
        "Mô hình mới",
    ]  # no reorganisation sheet: nothing changed
    summary = {r[0].value: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=3)}
    assert summary["Tỷ lệ nhân rộng"].value == 0.5
    assert summary["Tỷ lệ nhân rộng"].number_format == "0.0%"
    new = wb["Mô hình mới"]
    assert new.cell(row=3, column=2).data_type == "s"  # "=Sáng kiến mới" stays text
    assert new.cell(row=3, column=2).value.endswith("Sáng kiến mới")


def test_docx_writer_reads_back(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "bc.docx"
    write(report_view(), "docx", Target(None, path))
    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.left_margin is not None and section.right_margin is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.paragraphs[0].text == "BÁO CÁO"
    # the ND30 letterhead is the first table, Nơi nhận and the signature the last
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables[1:-1]]
    assert dict(tables[0][1:])["Tỷ lệ nhân rộng"] == "50,0%"
    assert len(doc.inline_shapes) == 2  # the two charts, as pictures


def test_docx_toolkit_landscape_section_and_page_numbers() -> None:
    import docx
    from docx.shared import Pt

    from cchc.present.formats import docx as kit

    word = kit.new_document(14, tight=True)
    kit.page_numbers(word.sections[0], Pt(14))
    kit.line(word.add_paragraph(), "Đoạn \x0b có ký tự cấm", Pt(14), bold=True)
    kit.new_section(word, landscape=True)
    kit.grid_table(word, ["A", "B"], [(["1", "2"], True)], Pt(10))
    read = docx.Document(io.BytesIO(kit.to_bytes(word)))
    first, wide = read.sections
    assert "PAGE" in first.header._element.xml and first.different_first_page_header_footer
    assert wide.page_width is not None and wide.left_margin is not None
    assert round(wide.page_width.mm) == 297 and round(wide.left_margin.mm) == 30
    run = read.paragraphs[0].runs[0]
    assert run.bold and run.font.name == "Times New Roman" and "\x0b" not in run.text
    assert [c.text for c in read.tables[0].rows[1].cells] == ["1", "2"]


@pytest.mark.parametrize("view", [report_view(), diff_view(), ListView([], [])])
def test_every_registered_text_format_writes_something(view: object) -> None:
    for fmt in formats(type(view)):
        if fmt in binary_formats(type(view)):
            continue
        assert text(
            view, fmt, **({"width": 120} if fmt == "text" and isinstance(view, ReportView) else {})
        )
