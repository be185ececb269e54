"""Word (python-docx): the one toolkit every Word file is made with, and the report writer.

The toolkit holds what the report (`cchc report -f docx`) and the official documents
(`cchc.present.document.docx`) share: an A4 page with the margins of Nghị định 30/2020
(top and bottom 20 mm, left 30 mm, right 15 mm), landscape sections for wide tables,
Times New Roman on every run (all four font slots, so Word and LibreOffice agree), fixed
column widths, repeated header rows, rules, pictures and page numbers. python-docx is
imported inside the functions, so commands that write no Word file never load it.

The report: A4, Times New Roman 13, the title "BÁO CÁO", the period heading, every table
with a repeated header row, and bar charts as PNG pictures (`formats.charts`) followed by
their numbers, so they print in black and white.
"""

from __future__ import annotations

import io
from typing import Any

from cchc.atomic import write_atomic
from cchc.present.registry import Target, register
from cchc.present.views.report import ReportView
from cchc.safe import xml_text
from cchc.text import format_percent

FONT = "Times New Roman"
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
#: A4 in millimetres, and the margins of Nghị định 30/2020 (top, bottom, left, right).
PAGE_MM = (210, 297)
MARGINS_MM = (20, 20, 30, 15)
#: Text width in millimetres: portrait 165, landscape 252.
TEXT_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]
LANDSCAPE_TEXT_MM = PAGE_MM[1] - MARGINS_MM[2] - MARGINS_MM[3]

# -- the toolkit --------------------------------------------------------------------


def new_document(size_pt: float, *, tight: bool = False) -> Any:
    """An empty Word document: A4 portrait, Nghị định 30 margins, Normal style in Times
    New Roman `size_pt` (`tight`: no space around paragraphs, single line spacing)."""
    from docx import Document
    from docx.shared import Pt

    word = Document()
    page_setup(word.sections[0])
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size_pt)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _FONT_SLOTS:
        rfonts.set(_qn(attr), FONT)
    if tight:
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing = 1.0
    return word


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    name: str = qn(tag)
    return name


def page_setup(section: Any, *, landscape: bool = False) -> None:
    """A4 portrait (or landscape) with the margins of Nghị định 30/2020."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (PAGE_MM[1], PAGE_MM[0]) if landscape else PAGE_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def page_numbers(section: Any, size: Any) -> None:
    """A PAGE field centred in the header, from page 2 on (the first page has none)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run()
    font(run, size)
    for kind, extra in (("begin", ""), (None, ' xml:space="preserve"'), ("end", "")):
        if kind:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
        else:
            run._r.append(parse_xml(f"<w:instrText {nsdecls('w')}{extra}> PAGE </w:instrText>"))
    section.first_page_header.paragraphs[0].text = ""


def _drop_trailing_empty_paragraph(word: Any) -> None:
    """Remove an empty paragraph (the spacing after a table) at the end of the body: with
    the paragraph that carries a section break after it, LibreOffice starts an empty page."""
    body = word.element.body
    children = [c for c in body.iterchildren() if not c.tag.endswith("}sectPr")]
    last = children[-1] if children else None
    if (
        last is not None
        and last.tag.endswith("}p")
        and not "".join(last.itertext()).strip()
        and last.find(".//{*}sectPr") is None
        and last.find(".//{*}drawing") is None
    ):
        body.remove(last)


def new_section(word: Any, *, landscape: bool) -> None:
    """Start a new page in the other orientation, keeping margins and page numbers."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    _drop_trailing_empty_paragraph(word)
    section = word.add_section()
    section.different_first_page_header_footer = False  # numbered from its first page
    page_setup(section, landscape=landscape)
    # The empty paragraph that carries the break must not spill onto a page of its own
    # after a full page: no spacing, a 1 pt line and a 1 pt paragraph mark.
    carrier = word.paragraphs[-1].paragraph_format
    carrier.space_before = carrier.space_after = 0
    carrier.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    carrier.line_spacing = Pt(1)
    mark = word.paragraphs[-1]._p.get_or_add_pPr()
    mark.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))


def font(run: Any, size: Any, *, bold: bool = False, italic: bool = False) -> Any:
    """`run` in Times New Roman `size` (a python-docx Length), bold and italic as given."""
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in _FONT_SLOTS:
        rfonts.set(_qn(attr), FONT)
    return run


def line(
    para: Any,
    text: str,
    size: Any,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    before: int = 0,
) -> Any:
    """One run of `text` (from data: made XML-safe) added to `para`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_before = Pt(before)
    font(para.add_run(xml_text(text)), size, bold=bold, italic=italic)
    return para


_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def rule(para: Any, length: Any, available: Any | None = None) -> None:
    """A solid rule `length` long, centred: the bottom border of an empty paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm, Pt

    width = available if available is not None else Mm(TEXT_MM)
    side = max(0, (width - length) // 2)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = para.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    fmt.space_after = Pt(6)
    ppr = para._p.get_or_add_pPr()
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="000000"/></w:pBdr>'
    )
    ppr.insert_element_before(border, *_AFTER_PBDR)
    font(para.add_run(""), Pt(2))


def fix_columns(table: Any, widths: Any) -> None:
    """Fixed layout with explicit grid widths (LibreOffice reads the grid, Word the cells)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tbl_pr = table._tbl.tblPr
    tail = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    table.autofit = False  # w:tblLayout fixed
    tbl_pr.insert_element_before(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/>'
            '<w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        ),
        *tail,
    )
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def repeat_header(row: Any) -> None:
    """The table row is repeated at the top of every page the table runs onto."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))


def keep_whole(row: Any) -> None:
    """The table row is never split across two pages."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="true"/>'))


def grid_table(
    word: Any, headers: tuple[str, ...] | list[str], rows: list[tuple[list[str], bool]], size: Any
) -> Any:
    """A 'Table Grid' table: a bold header row repeated on every page, then `rows`
    (cell texts, bold for subtotal rows)."""
    table = word.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        font(cell.paragraphs[0].add_run(xml_text(header)), size, bold=True)
    repeat_header(table.rows[0])
    for texts, strong in rows:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = ""
            font(cell.paragraphs[0].add_run(xml_text(text)), size, bold=strong)
    return table


def picture(word: Any, png: bytes, width_mm: float) -> None:
    """A PNG picture, centred in its own paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    word.add_picture(io.BytesIO(png), width=Mm(width_mm))
    word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def to_bytes(word: Any) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# -- the report ---------------------------------------------------------------------


#: The header of a report written by the tool: the blanks of Nghị định 30 Phụ lục III's
#: template, filled in by the office that signs it.
ISSUER_BLANK = "TÊN CƠ QUAN, TỔ CHỨC"
SIGNER_BLANK = ("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "Họ và tên")
#: Room for a chart and its caption on a portrait page (text height 257 mm).
CHART_MAX_MM = (TEXT_MM - 5, PAGE_MM[1] - MARGINS_MM[0] - MARGINS_MM[1] - 30)


def report_document(view: ReportView) -> Any:
    """The report laid out as a báo cáo of Nghị định 30 (`layout.RenderedDocument`):
    the header with blanks for the issuer, number and date, the title block, one heading
    and one table per section, Nơi nhận and the signature with blanks."""
    from cchc.present.document.layout import (
        DRAFT_BLANK,
        Header,
        Paragraph,
        RenderedDocument,
        Signature,
        text_table,
    )

    body: list[Any] = []
    for table in view.tables:
        label, _, title = table.title.partition(" ")
        if not label.endswith("."):
            label, title = "", table.title
        body.append(Paragraph(title, label, 1, bold=True))
        body.append(text_table(table))
    lines = view.title_lines
    return RenderedDocument(
        id="bao-cao",
        type="bao-cao",
        header=Header(
            parent_lines=[],
            issuer_lines=[ISSUER_BLANK],
            number_line=f"Số:{DRAFT_BLANK}/BC-{DRAFT_BLANK}",
            subject_line=None,
            date_line=f"{DRAFT_BLANK}, ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm{DRAFT_BLANK}",
        ),
        type_name=lines[0],
        title=lines[1] if len(lines) > 1 else None,
        recipients=[],
        basis=[],
        body=body,
        footnotes=[],
        cc=["- Như trên;", "- Lưu: VT."],
        signature=Signature([SIGNER_BLANK[0]], SIGNER_BLANK[1]),
        draft=True,
    )


@register(ReportView, "docx", binary=True)
def report_docx(view: ReportView, target: Target) -> None:
    """The report as a báo cáo in the layout of `cchc render` (`document.docx`), with the
    period under the title and the charts after the tables."""
    from cchc.present.document.docx import begin, body, finish

    assert target.path is not None
    doc = report_document(view)
    word = begin(doc)
    for text in view.title_lines[2:]:
        line(word.add_paragraph(), text, _pt(13), italic=True, center=True)
    notes: list[str] = []
    body(word, doc.body, doc.footnotes, notes)
    _charts(word, view)
    write_atomic(target.path, finish(word, doc, notes), option=True)


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _charts(word: Any, view: ReportView) -> None:
    """Each chart: a caption kept on the page of its picture, the picture as wide as the
    text and never taller than a page (a long chart in parts, "(tiếp theo)"), then its
    numbers (for black and white)."""
    from cchc.present.document.docx import body
    from cchc.present.document.layout import Table, TableRow
    from cchc.present.formats.charts import bar_chart_png, png_size, split

    max_w, max_h = CHART_MAX_MM
    number = 0
    for chart in view.charts:
        if not chart.bars:
            continue
        number += 1
        for k, part in enumerate(split(chart, max_h / 25.4)):
            caption = f"Biểu đồ {number}. {chart.title}" + (" (tiếp theo)" if k else "")
            para = line(word.add_paragraph(), caption, _pt(13), bold=True, center=True, before=12)
            para.paragraph_format.keep_with_next = True
            png = bar_chart_png(part)
            width, height = png_size(png)
            picture(word, png, min(max_w, max_h * width / height))
        numbers = Table(
            f"chart-{chart.key}",
            chart.title,
            ["Tên", "Tỷ lệ nhân rộng"],
            [TableRow([label, format_percent(value)]) for label, value in chart.bars],
            [False, True],
            [1, 1],
        )
        body(word, [numbers], [], [])
