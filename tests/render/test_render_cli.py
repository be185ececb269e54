"""`cchc render` through the real entry point."""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

import pytest
from docx import Document as read_docx

from cchc.pipeline import load_repository
from cchc.present.document import layout
from tests.helpers import dedent, run_cli, write_tree
from tests.render.fixtures import FIXTURE


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {k: dedent(v) for k, v in FIXTURE.items()})


def test_markdown_to_stdout(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "md", "-o", "-")
    assert run.code == 0, run.err
    assert "Số:       /UBND-SNV" in run.out
    assert "*An Bình, ngày      tháng 9 năm 2023*" in run.out
    assert "1. Mô hình “Một cửa thân thiện” của UBND huyện Bình Yên[^1]." in run.out
    assert "Nội dung mô hình: Bộ phận Một cửa bố trí nước uống, ghế chờ." in run.out
    # a commune is named with its district; a solution is cited without quotes
    assert (
        "a) Giải pháp tuyên truyền lưu động của UBND xã Cát Tiên thuộc huyện Bình Yên:" in run.out
    )
    assert "- Lưu: VT, SNV, NC7." in run.out
    assert run.out.count("./.") == 1


def test_default_output_name(
    capsys: pytest.CaptureFixture[str], root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    run = run_cli(capsys, "render", "kh-mo-hinh")
    assert run.code == 0, run.err
    word = read_docx(io.BytesIO((root / "kh-mo-hinh.docx").read_bytes()))
    assert any(p.text == "KẾ HOẠCH" for p in word.paragraphs)
    run = run_cli(capsys, "render", "kh-mo-hinh", "--format", "html")
    assert run.code == 0
    html = (root / "kh-mo-hinh.html").read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in html and "<sup>" in html


def test_ke_hoach_layout(root: Path) -> None:
    repo = load_repository(root)
    doc = layout.build(repo, repo.document("kh-mo-hinh"))
    assert doc.header.number_line == "Số: 05/KH-UBND"
    assert doc.header.date_line == "Bình Yên, ngày 05 tháng 02 năm 2024"
    assert doc.basis == [
        "Căn cứ Kế hoạch số 114/KH-UBND ngày 11 tháng 01 năm 2024 của Ủy ban "
        "nhân dân huyện, về cải cách hành chính năm 2024."
    ]
    plain = [p.plain for p in cast(list[layout.Paragraph], doc.body)]  # not a báo cáo: no tables
    assert plain[1:8] == [
        "I. TRIỂN KHAI MÔ HÌNH",
        "1. Tiếp tục thực hiện các mô hình.",
        "2. Mô hình “Một cửa thân thiện”¹.",
        "a) Mục đích: Tạo sự thoải mái cho người dân.",
        "b) Yêu cầu thực hiện: UBND các xã bố trí không gian.",
        "c) Cơ quan thực hiện: UBND các xã.",
        "d) Cơ quan chủ trì theo dõi, kiểm tra: Phòng Nội vụ.",
    ]
    assert plain[-2:] == [
        "II. DANH SÁCH",
        "Mô hình “Một cửa thân thiện”; Giải pháp tuyên truyền lưu động./.",
    ]
    assert doc.cc == ["- Sở Nội vụ;", "- Lưu: VT."]
    assert doc.signature is not None
    assert doc.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-05", "ngày 05 tháng 02 năm 2024"),
        ("2022-12-28", "ngày 28 tháng 12 năm 2022"),
        ("2023-03-09", "ngày 09 tháng 3 năm 2023"),
        ("2023-01-10", "ngày 10 tháng 01 năm 2023"),
    ],
)
def test_long_date_leading_zeros(value: str, expected: str) -> None:
    from datetime import date

    assert layout.long_date(date.fromisoformat(value)) == expected


def test_vietnamese_numbering_has_d_stroke() -> None:
    assert [layout._label(3, i) for i in range(6)] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    assert [layout._label(1, i) for i in range(4)] == ["I.", "II.", "III.", "IV."]


def test_check_complete_and_incomplete(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "render", "--root", root, "--check", "cv-nhan-rong")
    assert run.code == 0, run.out
    doc = root / "data/documents/cv-nhan-rong.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text[: text.index("signer:")], encoding="utf-8")
    model = root / "data/models/mot-cua.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("monitors:\n  text: Phòng Nội vụ.\n", ""), encoding="utf-8")
    run = run_cli(capsys, "render", "--root", root, "--check", "cv-nhan-rong")
    assert run.code == 1
    assert "chưa có người ký" in run.out
    run = run_cli(capsys, "render", "--root", root, "--check", "kh-mo-hinh")
    assert run.code == 1
    assert 'mô hình "mot-cua" chưa có cơ quan chủ trì theo dõi, kiểm tra' in run.out


def test_bao_cao_without_period_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    # A báo cáo renders now (tests/render/test_bao_cao.py); its tables need a period.
    write_tree(
        root,
        {
            "data/documents/bc-quy-3.yaml": dedent("""
        id: bc-quy-3
        type: bao-cao
        issuer: ubnd-tinh-a
        number: null
        date: 2024-09
        title: Kết quả nhân rộng mô hình Quý III năm 2024
        body:
          - report: summary
    """)
        },
    )
    run = run_cli(capsys, "render", "--root", root, "bc-quy-3", "-f", "md", "-o", "-")
    assert run.code == 3
    assert "chưa có kỳ báo cáo" in run.err and "gợi ý:" in run.err
    assert run.out == ""


def test_unknown_document_and_format(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rongg")
    assert run.code == 2 and "cv-nhan-rong" in run.err
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "odt")
    assert run.code == 2 and "--format" in run.err


def test_pdf_without_converter(
    capsys: pytest.CaptureFixture[str], root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cchc.present.document.pdf.find_converter", lambda: None)
    run = run_cli(
        capsys, "render", "--root", root, "cv-nhan-rong", "-f", "pdf", "-o", root / "x.pdf"
    )
    assert run.code == 2
    assert "LibreOffice" in run.err


def test_repository_template_overrides_package(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    write_tree(root, {"templates/document/_signature.md.j2": "KÝ: {{ doc.signature.name }}\n"})
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "md", "-o", "-")
    assert run.code == 0, run.err
    assert run.out.rstrip().endswith("KÝ: Nguyễn Văn A")


def test_templates_are_sandboxed_and_strict(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    write_tree(root, {"templates/document/cong-van.md.j2": "{{ doc.no_such_field }}\n"})
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "md", "-o", "-")
    assert run.code == 3 and "mẫu văn bản" in run.err
    write_tree(
        root, {"templates/document/cong-van.md.j2": "{{ doc.__class__.__init__.__globals__ }}\n"}
    )
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "md", "-o", "-")
    assert run.code == 3


def test_html_is_escaped(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    doc = root / "data/documents/cv-nhan-rong.yaml"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("Đoạn mở đầu.", "A <b>B</b> & C."), encoding="utf-8"
    )
    run = run_cli(capsys, "render", "--root", root, "cv-nhan-rong", "-f", "html", "-o", "-")
    assert run.code == 0, run.err
    assert "A &lt;b&gt;B&lt;/b&gt; &amp; C." in run.out


def test_validate_reports_what_render_check_lists(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    """`render --check` is rule L016 of `cchc validate`, filtered to one document."""
    doc = root / "data/documents/kh-mo-hinh.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text[: text.index("signer:")], encoding="utf-8")
    model = root / "data/models/mot-cua.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("monitors:\n  text: Phòng Nội vụ.\n", ""), encoding="utf-8")
    listed = run_cli(capsys, "render", "--root", root, "--check", "kh-mo-hinh")
    items = [line[4:] for line in listed.out.splitlines() if line.startswith("  - ")]
    assert listed.code == 1 and len(items) == 2
    found = run_cli(capsys, "validate", "--root", root, "--format", "json", "--no-cache")
    assert found.code == 0  # information only: a draft may lack these
    l016 = [f for f in found.json()["findings"] if f["code"] == "L016"]
    assert [f["message"] for f in l016 if f["path"].endswith("kh-mo-hinh.yaml")] == items
    assert all(f["line"] > 0 for f in l016)
