"""`cchc report` through the real entry point: every format, --rev, and user errors."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT, run_cli, write_tree
from tests.report_fixture import fixture_files

TOP_KEYS = {
    "schema",
    "period",
    "as_of",
    "scope",
    "document",
    "documents",
    "summary",
    "models",
    "groups",
    "overdue",
    "results",
    "new_models",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "repo", fixture_files())


def test_json_figures_are_the_hand_computed_ones(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    run = run_cli(capsys, "report", "--quarter", "2024-Q3", "--root", root, "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) == TOP_KEYS
    assert data["schema"] == "cchc-report/1"
    assert data["period"] == {
        "code": "2024-Q3",
        "kind": "quarter",
        "calendar": False,
        "start": "2024-06-15",
        "end": "2024-09-14",
        "label": "Quý III năm 2024",
        "heading": "Quý III năm 2024 (số liệu từ 15/6/2024 đến 14/9/2024)",
    }
    s = data["summary"]
    assert (s["models"], s["target_units"], s["targets"], s["adopted"]) == (2, 6, 6, 2)
    assert s["counts"] == {
        "planned": 1,
        "implementing": 1,
        "effective": 1,
        "ineffective": 1,
        "suspended": 0,
        "not-applicable": 0,
        "not-started": 2,
    }
    assert s["rate"] == pytest.approx(1 / 3)
    assert s["previous"] == {
        "period": "2024-Q2",
        "start": "2024-03-15",
        "end": "2024-06-14",
        "targets": 4,
        "adopted": 2,
        "rate": 0.5,
    }
    assert s["change"] == pytest.approx(-1 / 6)
    assert [(m["id"], m["targets"], m["adopted"], m["rate"]) for m in data["models"]] == [
        ("m2", 2, 1, 0.5),
        ("m1", 4, 1, 0.25),
    ]
    assert set(data["models"][0]) == {
        "id",
        "title",
        "kind",
        "targets",
        "counts",
        "adopted",
        "rate",
        "best_results",
    }
    assert [
        (g["id"], g["targets"], g["adopted"], [u["id"] for u in g["units"]]) for g in data["groups"]
    ] == [
        ("huyen-a", 2, 1, ["xa-a1", "xa-a2"]),
        ("huyen-b", 2, 0, ["xa-b1", "xa-b2"]),
        ("tinh", 2, 1, ["snv", "stp"]),
    ]
    xa_a1 = data["groups"][0]["units"][0]
    assert xa_a1["last_update"] == "2024-09-14"
    assert xa_a1["adoptions"] == [
        {
            "model": "m1",
            "model_title": "Một cửa thân thiện",
            "status": "effective",
            "since": "2024-09-14",
            "targeted": True,
        }
    ]
    assert [
        (o["unit"], o["status"], o["deadline"], o["days_overdue"]) for o in data["overdue"]
    ] == [("xa-b1", "not-started", "2024-06-30", 76), ("xa-b2", "ineffective", "2024-06-30", 76)]
    assert [(r["unit"], r["numerator"], r["denominator"], r["value"]) for r in data["results"]] == [
        ("snv", None, None, 120),
        ("xa-a1", 744, 747, None),
    ]
    assert [m["id"] for m in data["new_models"]] == ["m3"]


def test_period_spellings_are_equivalent(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    outs = [
        run_cli(capsys, "report", "--quarter", q, "--root", root, "-f", "json").json()
        for q in ("2024-Q3", "Q3/2024", "2024Q3")
    ]
    assert outs[0] == outs[1] == outs[2]


def test_half_year_and_calendar(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    half = run_cli(capsys, "report", "--half", "2024-H1", "--root", root, "-f", "json").json()
    assert half["period"]["start"] == "2023-12-15" and half["period"]["end"] == "2024-06-14"
    assert half["summary"]["previous"]["period"] == "2023-H2"
    year = run_cli(
        capsys, "report", "--year", "2024", "--calendar", "--root", root, "-f", "json"
    ).json()
    assert year["period"]["end"] == "2024-12-31" and year["period"]["calendar"] is True


def test_text_output(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root)
    assert run.code == 0, run.err
    assert "BÁO CÁO" in run.out
    assert "Quý III năm 2024 (số liệu từ 15/6/2024 đến 14/9/2024)" in run.out
    assert "33,3%" in run.out and "744/747 (99,6%)" in run.out
    assert "\x1b[" not in run.out  # no colours when piped


def test_markdown(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "md")
    assert run.code == 0, run.err
    assert run.out.startswith("# BÁO CÁO\n")
    assert "| Tỷ lệ nhân rộng | 33,3% |" in run.out
    assert "| Thay đổi so với kỳ trước | −16,7 điểm % |" in run.out
    assert "## IV. Đơn vị chưa triển khai hoặc triển khai chưa hiệu quả quá hạn" in run.out


def test_html_with_charts(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    out = tmp_path / "bc.html"
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "html", "-o", out)
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 2
    assert "Tỷ lệ nhân rộng theo mô hình" in html and "UBND huyện A" in html
    assert "99,6%" in html and "<table>" in html


def test_html_template_overridden_by_the_repository(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    write_tree(
        root,
        {
            "templates/report/report.html.j2": (
                "<p>{{ report.period.label }}: {{ title_lines[0] }} {{ '<b>' }}</p>\n"
            )
        },
    )
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "html")
    assert run.code == 0, run.err
    assert run.out == "<p>Quý III năm 2024: BÁO CÁO &lt;b&gt;</p>\n"  # autoescaped


def test_csv_has_bom_and_every_table(
    capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bc.csv"
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "csv", "-o", out)
    assert run.code == 0, run.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["I. Tổng hợp"]
    assert ["Tỷ lệ nhân rộng", "33,3%"] in rows
    titles = [r[0] for r in rows if len(r) == 1]
    assert len(titles) == 6
    assert [r for r in rows if r and r[0] == "2" and "UBND xã A1" in r]  # results table row


def test_xlsx_sheets_headers_values(
    capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path
) -> None:
    import datetime

    import openpyxl

    out = tmp_path / "bc.xlsx"
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "xlsx", "-o", out)
    assert run.code == 0, run.err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Theo mô hình",
        "Theo đơn vị",
        "Quá hạn",
        "Kết quả",
        "Mô hình mới",
    ]
    for ws in wb.worksheets:
        assert "Quý III năm 2024 (số liệu từ 15/6/2024 đến 14/9/2024)" in ws["A1"].value
        assert ws.freeze_panes == "A3"
    models = wb["Theo mô hình"]
    assert [c.value for c in models[2]][:4] == ["STT", "Mô hình", "Loại", "Số đơn vị phải áp dụng"]
    assert models["B3"].value == "Bộ phận tiếp dân" and models["D3"].value == 2
    assert models["L3"].value == 0.5 and models["L3"].number_format == "0.0%"
    assert models.column_dimensions["B"].width >= len("Bộ phận tiếp dân")  # from content
    results = wb["Kết quả"]
    row = [c.value for c in results[4]]
    assert row[1] == "UBND xã A1" and row[6:8] == [744, 747]
    assert row[9] == pytest.approx(744 / 747)
    assert results["J4"].number_format == "0.0%"
    assert row[5] == datetime.datetime(2024, 9, 14)
    overdue = wb["Quá hạn"]
    assert [c.value for c in overdue[3]][1:] == [
        "UBND xã B1",
        "Một cửa thân thiện",
        "Chưa triển khai",
        datetime.datetime(2024, 6, 30),
        76,
    ]


def test_docx_tables_read_back(
    capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path
) -> None:
    import docx

    out = tmp_path / "bc.docx"
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "docx", "-o", out)
    assert run.code == 0, run.err
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == "BÁO CÁO"
    assert any(
        p.text == "Quý III năm 2024 (số liệu từ 15/6/2024 đến 14/9/2024)" for p in doc.paragraphs
    )
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.styles["Normal"].font.name == "Times New Roman"
    # the ND30 letterhead is the first table, Nơi nhận and the signature the last
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables[1:-1]]
    assert len(tables) == 8  # six tables and two charts
    summary = dict(tables[0][1:])
    assert summary["Tỷ lệ nhân rộng"] == "33,3%"
    assert tables[1][0][1] == "Mô hình" and tables[1][1][1] == "Bộ phận tiếp dân"
    assert ["", "UBND huyện A", "2", "1", "50,0%", "0", ""] in tables[2]
    assert tables[4][2][1] == "UBND xã A1" and tables[4][2][-1] == "99,6%"
    assert tables[6][1] == ["Bộ phận tiếp dân", "50,0%"]
    # the two charts are real pictures (PNG), each followed by its numbers
    pictures = doc.inline_shapes
    assert len(pictures) == 2
    blobs = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert all(blob.startswith(b"\x89PNG") for blob in blobs) and len(blobs) == 2


def test_scope_and_document_options(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    scoped = run_cli(
        capsys, "report", "-q", "2024-Q3", "--root", root, "--scope", "huyen-a", "-f", "json"
    ).json()
    assert scoped["scope"] == "huyen-a" and scoped["summary"]["targets"] == 2
    one = run_cli(
        capsys, "report", "-q", "2024-Q3", "--root", root, "--document", "kh2", "-f", "json"
    ).json()
    assert one["document"] == "kh2" and [m["id"] for m in one["models"]] == ["m2"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_rev_reads_the_committed_data(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "seed")
    stp = root / "data/units/stp.yaml"
    stp.write_text(
        stp.read_text(encoding="utf-8") + "adoptions:\n  - model: m2\n    history:\n"
        "      - {date: 2024-09-01, status: effective}\n",
        encoding="utf-8",
    )
    now = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "json").json()
    then = run_cli(
        capsys, "report", "-q", "2024-Q3", "--root", root, "--rev", "HEAD", "-f", "json"
    ).json()
    assert now["summary"]["adopted"] == 3
    assert then["summary"]["adopted"] == 2
    bad = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "--rev", "khong-co")
    assert bad.code == 2 and 'không có phiên bản git "khong-co"' in bad.err


def test_rev_outside_git(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "nogit" / "repo", fixture_files())
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "--rev", "HEAD")
    if "không nằm trong một kho git" not in run.err:  # tmp inside some git work tree
        pytest.skip("the temporary folder is inside a git repository")
    assert run.code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "chưa chọn kỳ báo cáo"),
        (("--quarter", "2024-Q3", "--year", "2024"), "chỉ chọn một kỳ báo cáo"),
        (("--quarter", "2024-Q5"), 'kỳ báo cáo "2024-Q5" không hợp lệ'),
        (("--half", "2024-Q3"), "không phải kỳ 6 tháng"),
        (("-q", "2024-Q3", "--scope", "huyen-c"), 'không có đơn vị "huyen-c"'),
        (("-q", "2024-Q3", "--document", "cv9"), 'không có văn bản "cv9"'),
        (("-q", "2024-Q3", "--format", "pdf"), '--format "pdf" không hợp lệ'),
        (("-q", "2024-Q3", "--format", "xlsx"), "dạng xlsx cần tệp kết quả"),
        (("-q", "2024-Q3", "-f", "json", "-o", "/khong/co/thu/muc/bc.json"), "không ghi được tệp"),
        (("-q", "2024-Q3", "-f", "docx", "-o", "/khong/co/thu/muc/bc.docx"), "không ghi được tệp"),
    ],
)
def test_user_errors(
    capsys: pytest.CaptureFixture[str], root: Path, args: tuple[str, ...], message: str
) -> None:
    run = run_cli(capsys, "report", "--root", root, *args)
    assert run.code == 2
    assert message in run.err
    assert "gợi ý:" in run.err
    assert "Traceback" not in run.err


def test_data_errors_exit_3(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    (root / "data/units/xa-a1.yaml").write_text("id: xa-a1\n", encoding="utf-8")
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root)
    assert run.code == 3 and "cchc validate" in run.err


SHIPPED = not any((REPO_ROOT / "data/documents").glob("*.yaml"))


@pytest.mark.skipif(SHIPPED, reason="the shipped data has no documents yet")
def test_shipped_data_quarter_three(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "report", "--quarter", "2024-Q3", "--root", REPO_ROOT, "-f", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["summary"]["targets"] > 0 and data["models"]
    units = {u["id"]: u for g in data["groups"] for u in g["units"]}
    an_ngai = {a["model"]: a for a in units["xa-an-ngai"]["adoptions"]}
    # "2 đạt": implementing from 1/3/2024; effective only from 15/9/2024, after official Q3.
    assert an_ngai["hai-dat"]["status"] == "implementing"
    thang_nhi = {a["model"]: a for a in units["phuong-thang-nhi"]["adoptions"]}
    assert thang_nhi["3-huong-dan-5-biet"]["status"] == "implementing"
    assert thang_nhi["ket-hop-nhieu-mo-hinh"] == {
        "model": "ket-hop-nhieu-mo-hinh",
        "model_title": thang_nhi["ket-hop-nhieu-mo-hinh"]["model_title"],
        "status": "effective",
        "since": "2023-09-01",
        "targeted": True,
    }
    # The seed figures (744/747 from 1/3 to 15/9, 2.454 to 30/9) straddle the official
    # cut-off of 14/9/2024: a result belongs to every period its span overlaps.
    results = {(r["unit"], r["indicator"]): r for r in data["results"]}
    dung_han = results["xa-an-ngai", "ty-le-ho-so-dung-han"]
    assert (dung_han["numerator"], dung_han["denominator"]) == (744, 747)
    assert round(dung_han["rate"], 3) == 0.996
    assert results["xa-an-ngai", "ty-le-hai-long"]["rate"] == 1
    text = run_cli(capsys, "report", "--quarter", "2024-Q3", "--root", REPO_ROOT, "-f", "md").out
    assert results["phuong-thang-nhi", "so-nguoi-cai-chu-ky-so"]["value"] == 2454
    assert "99,6%" in text and "2.454" in text
    assert "UBND xã An Ngãi" in text and "UBND phường Thắng Nhì" in text
    # a result entirely before the period is not repeated
    assert ("xa-trung-nam", "ty-le-ho-so-truc-tuyen") not in results
