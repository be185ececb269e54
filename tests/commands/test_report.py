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
    "scope_name",
    "scope_notice",
    "document",
    "directives",
    "summary",
    "models",
    "groups",
    "follow_up",
    "reorganisation",
    "results",
    "difficulties",
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
    assert data["schema"] == "cchc-report/2"
    assert data["period"] == {
        "code": "2024-Q3",
        "kind": "quarter",
        "calendar": False,
        "start": "2024-06-15",
        "end": "2024-09-14",
        "label": "Quý III năm 2024",
        "heading": "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)",
    }
    # FORMAT 1.1 changes these figures (tests/compute/test_progress.py works them out): the
    # origins xa-a1 (m1) and snv (m2) are not targets (item 2), xa-a3 is dropped (item 2),
    # the follow-up list names every target not started/planned/ineffective (item 5).
    s = data["summary"]
    assert (s["models"], s["target_units"], s["targets"], s["adopted"]) == (2, 4, 4, 0)
    assert s["counts"] == {
        "planned": 1,
        "implementing": 0,
        "effective": 0,
        "ineffective": 1,
        "suspended": 0,
        "not-applicable": 0,
        "not-started": 2,
    }
    assert (s["rate"], s["effective_rate"], s["applicable"], s["follow_up"]) == (0.0, 0.0, 4, 4)
    assert s["previous"] == {
        "period": "2024-Q2",
        "start": "2024-03-15",
        "end": "2024-06-14",
        "targets": 3,
        "adopted": 1,
        "applicable": 3,
        "rate": pytest.approx(1 / 3),
        "effective_rate": pytest.approx(1 / 3),
    }
    assert s["change"] == pytest.approx(-1 / 3)
    assert (s["added"], s["dropped"], s["common"]["targets"]) == (2, 1, 2)
    assert [(m["id"], m["targets"], m["adopted"], m["rate"]) for m in data["models"]] == [
        ("m2", 1, 0, 0.0),
        ("m1", 3, 0, 0.0),
    ]
    assert set(data["models"][0]) == {
        "id",
        "title",
        "kind",
        "targets",
        "counts",
        "adopted",
        "applicable",
        "rate",
        "effective_rate",
        "best_results",
        "origins",
    }
    assert data["models"][1]["origins"] == [
        {"unit": "xa-a1", "unit_name": "UBND xã A1", "status": "effective", "since": "2024-09-14"}
    ]
    assert [(d["id"], d["number"], d["targets"], d["follow_up"]) for d in data["directives"]] == [
        ("cv1", "12/UBND-SNV", 3, 3),
        ("kh2", "45/KH-UBND", 1, 1),
    ]
    assert [
        (g["id"], g["targets"], g["adopted"], [u["id"] for u in g["units"]]) for g in data["groups"]
    ] == [
        ("tinh", 1, 0, ["snv", "stp"]),
        ("huyen-a", 1, 0, ["xa-a1", "xa-a2"]),
        ("huyen-b", 2, 0, ["xa-b1", "xa-b2"]),
    ]
    xa_a1 = data["groups"][1]["units"][0]
    assert xa_a1["last_update"] == "2024-09-14"
    assert xa_a1["adoptions"] == [
        {
            "model": "m1",
            "model_title": "Một cửa thân thiện",
            "status": "effective",
            "since": "2024-09-14",
            "targeted": False,  # its own model (FORMAT 1.1 item 2)
            "inherited_from": None,
        }
    ]
    assert [
        (o["unit"], o["status"], o["deadline"], o["days_late"], o["days_since"])
        for o in data["follow_up"]
    ] == [
        ("xa-a2", "planned", "2024-06-30", 76, None),
        ("xa-b2", "ineffective", "2024-06-30", 76, None),
        ("xa-b1", "not-started", "2024-06-30", 75, None),
        ("stp", "not-started", "2024-12-31", None, 44),
    ]
    assert [(d["unit"], d["model"]) for d in data["reorganisation"]["dropped"]] == [("xa-a3", "m1")]
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
    assert "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)" in run.out
    # FORMAT 1.1 item 2: 33,3% is now the previous quarter's rate; the origin is shown apart
    assert "33,3%" in run.out and "Tỷ lệ nhân rộng kỳ trước" in run.out
    assert "Đơn vị cần đôn đốc" in run.out and "UBND xã A2" in run.out
    assert "\x1b[" not in run.out  # no colours when piped


def test_markdown(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "report", "-q", "2024-Q3", "--root", root, "-f", "md")
    assert run.code == 0, run.err
    assert run.out.startswith("# BÁO CÁO\n")
    # FORMAT 1.1 item 2 (origins left out): 0 of 4 now, 1 of 3 before
    assert "| Tỷ lệ nhân rộng | 0% |" in run.out
    assert "| Tỷ lệ nhân rộng kỳ trước (Quý II năm 2024) | 33,3% |" in run.out
    assert "| Thay đổi so với kỳ trước | −33,3 điểm % |" in run.out
    assert "## IV. Đơn vị cần đôn đốc" in run.out


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
    assert ["Tỷ lệ nhân rộng kỳ trước (Quý II năm 2024)", "33,3%"] in rows
    titles = [r[0] for r in rows if len(r) == 1]
    # summary, directives, models, one per directive (2), units, follow-up,
    # reorganisation (xa-a3 dropped), results, difficulties, new models
    assert len(titles) == 11
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
        "Theo văn bản",
        "Theo mô hình",
        "Văn bản 1",
        "Văn bản 2",
        "Theo đơn vị",
        "Cần đôn đốc",
        "Sắp xếp đơn vị",
        "Kết quả",
        "Khó khăn",
        "Mô hình mới",
    ]
    for ws in wb.worksheets:
        assert "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)" in ws["A1"].value
        assert ws.freeze_panes == "A3"
    models = wb["Theo mô hình"]
    assert [c.value for c in models[2]][:4] == ["STT", "Mô hình", "Loại", "Số đơn vị phải áp dụng"]
    # FORMAT 1.1 item 2: m2 has one target (stp), its origin snv is shown apart
    assert models["B3"].value == "Bộ phận tiếp dân" and models["D3"].value == 1
    assert models["L3"].value == 0.0 and models["L3"].number_format == "0.0%"
    assert models["N3"].value == "Sở Nội vụ: đang triển khai"
    assert models.column_dimensions["B"].width >= len("Bộ phận tiếp dân")  # from content
    results = wb["Kết quả"]
    row = [c.value for c in results[4]]
    assert row[1] == "UBND xã A1" and row[6:8] == [744, 747]
    assert row[9] == pytest.approx(744 / 747)
    assert results["J4"].number_format == "0.0%"
    assert row[5] == datetime.datetime(2024, 9, 14)
    overdue = wb["Cần đôn đốc"]  # FORMAT 1.1 item 5: planned units are named too
    assert [c.value for c in overdue[3]][1:] == [
        "UBND xã A2",
        "Một cửa thân thiện",
        "Công văn số 12/UBND-SNV ngày 01/02/2024",
        "Đã có kế hoạch",
        datetime.datetime(2024, 6, 30),
        76,
        None,
        None,
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
        p.text == "Quý III năm 2024 (số liệu từ 15/06/2024 đến 14/09/2024)" for p in doc.paragraphs
    )
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.styles["Normal"].font.name == "Times New Roman"
    # the ND30 letterhead is the first table, Nơi nhận and the signature the last
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables[1:-1]]
    assert len(tables) == 12  # ten tables (difficulties is empty) and two charts
    summary = dict(tables[0][1:])
    assert summary["Tỷ lệ nhân rộng kỳ trước (Quý II năm 2024)"] == "33,3%"
    assert summary["Tỷ lệ nhân rộng"] == "0%"  # FORMAT 1.1 item 2: origins left out
    assert tables[1][1][1] == "Công văn số 12/UBND-SNV ngày 01/02/2024"
    assert tables[2][0][1] == "Mô hình" and tables[2][1][1] == "Bộ phận tiếp dân"
    assert ["", "UBND huyện A (cộng 2 đơn vị)", "1", "0", "0%", "1", ""] in tables[5]
    assert tables[8][2][1] == "UBND xã A1" and tables[8][2][-1] == "99,6%"
    assert tables[10][1] == ["Bộ phận tiếp dân", "0%"]
    # the two charts are real pictures (PNG), each followed by its numbers
    pictures = doc.inline_shapes
    assert len(pictures) == 2
    blobs = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert all(blob.startswith(b"\x89PNG") for blob in blobs) and len(blobs) == 2


def test_scope_and_document_options(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    scoped = run_cli(
        capsys, "report", "-q", "2024-Q3", "--root", root, "--scope", "huyen-a", "-f", "json"
    ).json()
    # FORMAT 1.1 item 2: xa-a2 only (xa-a1 is m1's origin)
    assert scoped["scope"] == "huyen-a" and scoped["summary"]["targets"] == 1
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
    assert now["summary"]["adopted"] == 1  # FORMAT 1.1 item 2: origins are not counted
    assert then["summary"]["adopted"] == 0
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
    # "2 đạt": implementing from 01/03/2024; effective only from 15/09/2024, after official Q3.
    assert an_ngai["hai-dat"]["status"] == "implementing"
    thang_nhi = {a["model"]: a for a in units["phuong-thang-nhi"]["adoptions"]}
    assert thang_nhi["3-huong-dan-5-biet"]["status"] == "implementing"
    assert thang_nhi["ket-hop-nhieu-mo-hinh"] == {
        "model": "ket-hop-nhieu-mo-hinh",
        "model_title": thang_nhi["ket-hop-nhieu-mo-hinh"]["model_title"],
        "status": "effective",
        "since": "2023-09-01",
        "targeted": False,  # FORMAT 1.1 item 2: Thắng Nhì is the model's origin
        "inherited_from": None,
    }
    # FORMAT 1.1 item 6: a result belongs to the period its `to` falls in. The seed figures
    # (744/747 from 1/3 to 15/9, 2.454 to 30/9) end after the official cut-off of
    # 14/09/2024: they are results of Q4 (15/9 – 14/12), not of Q3.
    results = {(r["unit"], r["indicator"]): r for r in data["results"]}
    assert ("xa-an-ngai", "ty-le-ho-so-dung-han") not in results
    run = run_cli(capsys, "report", "--quarter", "2024-Q4", "--root", REPO_ROOT, "-f", "json")
    results = {(r["unit"], r["indicator"]): r for r in run.json()["results"]}
    dung_han = results["xa-an-ngai", "ty-le-ho-so-dung-han"]
    assert (dung_han["numerator"], dung_han["denominator"]) == (744, 747)
    assert round(dung_han["rate"], 3) == 0.996
    assert results["xa-an-ngai", "ty-le-hai-long"]["rate"] == 1
    text = run_cli(capsys, "report", "--quarter", "2024-Q4", "--root", REPO_ROOT, "-f", "md").out
    assert results["phuong-thang-nhi", "so-nguoi-cai-chu-ky-so"]["value"] == 2454
    assert "99,6%" in text and "2.454" in text
    assert "UBND xã An Ngãi" in text and "UBND phường Thắng Nhì" in text
    # a result entirely before the period is not repeated
    assert ("xa-trung-nam", "ty-le-ho-so-truc-tuyen") not in results


def test_a_scoped_report_counts_only_the_directives_that_reach_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """xã An Ngãi is a target of the BRVT công văn only; the HCMC công văn, also in force
    in Quý I 2025, has no target there and is not counted or shown for that scope."""
    args = ("report", "--quarter", "2025-Q1", "--root", REPO_ROOT, "-f", "json")
    whole = run_cli(capsys, *args).json()
    assert whole["summary"]["directives"] == 2
    scoped = run_cli(capsys, *args, "--scope", "xa-an-ngai").json()
    assert scoped["summary"]["directives"] == 1
    assert [d["id"] for d in scoped["directives"]] == ["brvt-2023-nhan-rong-mo-hinh"]
    assert scoped["summary"]["targets"] == sum(d["targets"] for d in scoped["directives"])
