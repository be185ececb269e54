"""The Word output read back with python-docx: the facts Nghị định 30/2020 fixes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from cchc.commands.render import report_tables
from cchc.pipeline import load_repository
from cchc.present.document import render
from tests.helpers import dedent, write_tree
from tests.render.fixtures import FIXTURE


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = write_tree(tmp_path_factory.mktemp("repo"), {k: dedent(v) for k, v in FIXTURE.items()})
    return load_repository(Path(root))


def _open(repo, document_id: str):  # type: ignore[no-untyped-def]
    document = repo.document(document_id)
    data = render(repo, document, "docx", report_tables(repo, document))
    assert isinstance(data, bytes)
    return read_docx(io.BytesIO(data)), data


def _close(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Equal up to Word's twip rounding."""
    return abs(int(a) - int(b)) < Mm(0.1)


def _run(paragraph: Paragraph) -> Run:
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs, paragraph.text
    return runs[0]


def _font_size(paragraph: Paragraph) -> Length:
    """The explicit font size of the paragraph's first non-blank run."""
    size = _run(paragraph).font.size
    assert size is not None, paragraph.text
    return size


def _has_bottom_rule(paragraph) -> bool:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.pPr
    return (
        ppr is not None
        and ppr.find(qn("w:pBdr")) is not None
        and ppr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None
    )


def test_page_and_margins(repo) -> None:  # type: ignore[no-untyped-def]
    word, _ = _open(repo, "cv-nhan-rong")
    section = word.sections[0]
    assert _close(section.page_width, Mm(210)) and _close(section.page_height, Mm(297))
    slack = Mm(0.1)
    assert Mm(20) - slack <= section.top_margin <= Mm(25)
    assert Mm(20) - slack <= section.bottom_margin <= Mm(25)
    assert Mm(30) - slack <= section.left_margin <= Mm(35)
    assert Mm(15) - slack <= section.right_margin <= Mm(20)
    assert word.styles["Normal"].font.name == "Times New Roman"
    # page numbers from page 2: a PAGE field in the header, nothing on the first page
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_header_table(repo) -> None:  # type: ignore[no-untyped-def]
    word, _ = _open(repo, "cv-nhan-rong")
    header = word.tables[0]
    assert len(header.columns) == 2
    left, right = header.cell(0, 0), header.cell(0, 1)
    issuer = [p for p in left.paragraphs if p.text.strip()]
    assert [p.text for p in issuer] == ["ỦY BAN NHÂN DÂN", "TỈNH AN BÌNH"]
    for p in issuer:
        run = _run(p)
        assert run.bold and run.font.size == Pt(13) and run.font.name == "Times New Roman"
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert any(_has_bottom_rule(p) for p in left.paragraphs)
    qh, tn = [p for p in right.paragraphs if p.text.strip()]
    assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _run(qh).bold and Pt(12) <= _font_size(qh) <= Pt(13)
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"
    assert _run(tn).bold and _run(tn).font.size == Pt(14)
    rules = [p for p in right.paragraphs if _has_bottom_rule(p)]
    assert rules and rules[0].paragraph_format.left_indent < Cm(3)  # about the Tiêu ngữ's length
    number, subject = header.cell(1, 0).paragraphs
    assert number.text == "Số:       /UBND-SNV"
    assert _run(number).font.size == Pt(13) and not _run(number).bold
    assert subject.text == "V/v nhân rộng các mô hình CCHC" and _run(subject).font.size == Pt(12)
    date_line = header.cell(1, 1).paragraphs[0]
    assert date_line.text == "An Bình, ngày      tháng 9 năm 2023"
    assert _run(date_line).italic and Pt(13) <= _font_size(date_line) <= Pt(14)


def test_body_paragraphs(repo) -> None:  # type: ignore[no-untyped-def]
    word, _ = _open(repo, "cv-nhan-rong")
    texts = [p.text for p in word.paragraphs]
    assert "Kính gửi:" in texts
    assert "- UBND các huyện;" in texts and "- UBND các xã." in texts
    heading = next(p for p in word.paragraphs if p.text.startswith("I. "))
    assert _run(heading).bold
    body = next(p for p in word.paragraphs if p.text == "Đoạn mở đầu.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert _close(body.paragraph_format.first_line_indent, Cm(1))
    assert body.paragraph_format.space_after >= Pt(6)
    assert Pt(13) <= _font_size(body) <= Pt(14)
    assert any(t.endswith("./.") for t in texts)


def test_ke_hoach_title_and_footnotes(repo) -> None:  # type: ignore[no-untyped-def]
    word, data = _open(repo, "kh-mo-hinh")
    type_name = next(p for p in word.paragraphs if p.text == "KẾ HOẠCH")
    assert type_name.alignment == WD_ALIGN_PARAGRAPH.CENTER and _run(type_name).bold
    title = next(p for p in word.paragraphs if p.text == "Thực hiện các mô hình năm 2024")
    assert _run(title).bold and _run(title).font.size == Pt(14)
    basis = next(p for p in word.paragraphs if p.text.startswith("Căn cứ"))
    assert _run(basis).italic
    assert word.tables[0].cell(1, 0).paragraphs[0].text == "Số: 05/KH-UBND"
    assert word.tables[0].cell(1, 1).paragraphs[0].text == "Bình Yên, ngày 05 tháng 02 năm 2024"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = archive.read("word/footnotes.xml").decode("utf-8")
        document_xml = archive.read("word/document.xml").decode("utf-8")
    assert "Theo Kế hoạch số 12/KH-UBND ngày 05 tháng 02 năm 2023" in notes
    assert 'w:footnoteReference w:id="1"' in document_xml


def test_noi_nhan_and_signature(repo) -> None:  # type: ignore[no-untyped-def]
    word, _ = _open(repo, "cv-nhan-rong")
    table = word.tables[-1]
    left, right = table.cell(0, 0), table.cell(0, 1)
    title = left.paragraphs[0]
    assert title.text == "Nơi nhận:"
    assert _run(title).bold and _run(title).italic and _run(title).font.size == Pt(12)
    lines = [p.text for p in left.paragraphs[1:]]
    assert lines == [
        "- Như trên (thực hiện);",
        "- CT và các PCT UBND tỉnh;",
        "- Lưu: VT, SNV, NC7.",
    ]
    for p in left.paragraphs[1:]:
        assert _run(p).font.size == Pt(11) and not _run(p).bold
    signs = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in signs] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    assert all(_run(p).bold and _run(p).font.size == Pt(14) for p in signs)
