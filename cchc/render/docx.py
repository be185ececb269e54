"""Word output: the `RenderedDocument` laid out with python-docx, no binary template.

Page, fonts, sizes and the two-column header follow Nghị định 30/2020 Phụ lục I
(see docs/render.md). Footnotes are real Word footnotes (a footnotes part written here),
page numbers are a PAGE field centred in the header from page 2 on.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from cchc.render.layout import Paragraph, RenderedDocument, Table
from cchc.safe import xml_text

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
INDENT = Cm(1)
LEFT_WIDTH = Cm(7.0)
RIGHT_WIDTH = Cm(9.5)   # 210 - 30 - 15 mm = 16.5 cm of text width
TEXT_WIDTH = Cm(16.5)
#: Tables with more columns than this go on landscape pages (Nghị định 30: "A4 portrait,
#: landscape only for wide tables"), where the text is 25.2 cm wide.
LANDSCAPE_COLUMNS = 8
LANDSCAPE_TEXT_WIDTH = Mm(297 - 30 - 15)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def render_docx(doc: RenderedDocument) -> bytes:
    word = new_document()
    _page(word)
    _styles(word)
    _header(word, doc)
    if doc.type_name:
        _line(word.add_paragraph(), doc.type_name, bold=True, center=True, before=12)
        if doc.title:
            _line(word.add_paragraph(), doc.title, bold=True, center=True)
            _rule(word.add_paragraph(), Cm(5.5))
    if doc.recipients:   # công văn, báo cáo (a kế hoạch has none)
        _recipients(word, doc.recipients)
    for line in doc.basis:
        _body(word.add_paragraph(), line, italic=True)
    notes: list[str] = []
    landscape = False
    for i, para in enumerate(doc.body):
        following = doc.body[i + 1] if i + 1 < len(doc.body) else None
        if not landscape and _wide(following) and isinstance(para, Paragraph) and para.label:
            _new_section(word, landscape=True)   # the table's heading goes with it
            landscape = True
        if isinstance(para, Table) and _wide(para):
            if not landscape:
                _new_section(word, landscape=True)
            _table(word, para, LANDSCAPE_TEXT_WIDTH)
            _new_section(word, landscape=False)
            landscape = False
        elif isinstance(para, Table):
            _table(word, para)
        else:
            _body_paragraph(word, para, doc.footnotes, notes)
    _signature(word, doc)
    if notes:
        _footnotes_part(word, notes)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# -- page and styles ---------------------------------------------------------

def _page(word) -> None:  # type: ignore[no-untyped-def]
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run()
    _font(run, Pt(14))
    for kind, extra in (("begin", ""), (None, ' xml:space="preserve"'), ("end", "")):
        if kind:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
        else:
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")}{extra}> PAGE </w:instrText>'))
    section.first_page_header.paragraphs[0].text = ""


def _wide(element: object) -> bool:
    return isinstance(element, Table) and len(element.headers) > LANDSCAPE_COLUMNS


def _new_section(word, *, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    """Start a new page in the other orientation, keeping margins and page numbers."""
    section = word.add_section()
    section.different_first_page_header_footer = False   # numbered from its first page
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _styles(word) -> None:  # type: ignore[no-untyped-def]
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = 1.0


def _font(run, size, *, bold: bool = False, italic: bool = False):  # type: ignore[no-untyped-def]
    run.font.name = FONT
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    return run


def _line(para: DocxParagraph, text: str, size=BODY_SIZE, *, bold: bool = False,  # type: ignore[no-untyped-def]
          italic: bool = False, center: bool = False, before: int = 0) -> DocxParagraph:
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_before = Pt(before)
    _font(para.add_run(xml_text(text)), size, bold=bold, italic=italic)
    return para


def _rule(para: DocxParagraph, length: Cm, available: Cm | None = None) -> None:
    """A solid rule `length` long, centred: the bottom border of an empty paragraph."""
    width = available if available is not None else Cm(16.5)
    side = max(0, (width - length) // 2)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = para.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    fmt.space_after = Pt(6)
    ppr = para._p.get_or_add_pPr()
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="000000"/></w:pBdr>')
    ppr.insert_element_before(border, *_AFTER_PBDR)
    run = para.add_run("")
    _font(run, Pt(2))


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)


# -- header ------------------------------------------------------------------

def _cell(cell: _Cell, width) -> _Cell:  # type: ignore[no-untyped-def]
    cell.width = width
    return cell


def _fix_columns(table, widths) -> None:  # type: ignore[no-untyped-def]
    """Fixed layout with explicit grid widths (LibreOffice reads the grid, Word the cells)."""
    tbl_pr = table._tbl.tblPr
    tail = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    table.autofit = False   # w:tblLayout fixed
    tbl_pr.insert_element_before(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/>'
        '<w:right w:w="28" w:type="dxa"/></w:tblCellMar>'), *tail)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _header(word, doc: RenderedDocument) -> None:  # type: ignore[no-untyped-def]
    table = word.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_columns(table, (LEFT_WIDTH, RIGHT_WIDTH))
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = True
    for line in doc.header.parent_lines:
        para = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        _line(para, line, Pt(13), center=True)
    for line in doc.header.issuer_lines:
        para = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        _line(para, line, Pt(13), bold=True, center=True)
    _rule(left.add_paragraph(), Cm(2.2), LEFT_WIDTH)
    _line(right.paragraphs[0], doc.header.quoc_hieu, Pt(12), bold=True, center=True)
    _line(right.add_paragraph(), doc.header.tieu_ngu, Pt(14), bold=True, center=True)
    _rule(right.add_paragraph(), Cm(6.0), RIGHT_WIDTH)
    left2, right2 = table.cell(1, 0), table.cell(1, 1)
    _line(left2.paragraphs[0], doc.header.number_line, Pt(13), center=True)
    if doc.header.subject_line:
        _line(left2.add_paragraph(), doc.header.subject_line, Pt(12), center=True,
              before=3)
    _line(right2.paragraphs[0], doc.header.date_line, Pt(13), italic=True, center=True)


def _recipients(word, recipients: list[str]) -> None:  # type: ignore[no-untyped-def]
    if len(recipients) == 1:
        para = _line(word.add_paragraph(), f"Kính gửi: {recipients[0]}", center=True, before=12)
        para.paragraph_format.space_after = Pt(12)
        return
    _line(word.add_paragraph(), "Kính gửi:", before=12).paragraph_format.left_indent = Cm(2.5)
    for i, line in enumerate(recipients):
        para = _line(word.add_paragraph(), line)
        para.paragraph_format.left_indent = Cm(4.5)
        if i == len(recipients) - 1:
            para.paragraph_format.space_after = Pt(12)


# -- body --------------------------------------------------------------------

def _body(para: DocxParagraph, text: str, *, italic: bool = False) -> DocxParagraph:
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = para.paragraph_format
    fmt.first_line_indent = INDENT
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    if text:
        _font(para.add_run(xml_text(text)), BODY_SIZE, italic=italic)
    return para


def _body_paragraph(word, para: Paragraph, footnotes: list[str],  # type: ignore[no-untyped-def]
                    notes: list[str]) -> None:
    out = _body(word.add_paragraph(), "")
    head = f"{para.label} " if para.label else ""
    _font(out.add_run(xml_text(head + para.text)), BODY_SIZE, bold=para.bold,
          italic=para.italic)
    if para.footnote:
        notes.append(footnotes[para.footnote - 1])
        run = out.add_run()
        _font(run, BODY_SIZE)
        run.font.superscript = True
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{len(notes)}"/>'))
    if para.suffix:
        _font(out.add_run(xml_text(para.suffix)), BODY_SIZE, bold=para.bold)


def _table_size(columns: int) -> Pt:
    """12 pt for narrow tables, 11 pt up to 7 columns, 9 pt for the wide ones (13 columns
    of the models table fit the 16.5 cm of an A4 portrait page)."""
    return Pt(12) if columns <= 4 else Pt(11) if columns <= 7 else Pt(9)


def _table(word, table: Table, width: Length = TEXT_WIDTH) -> None:  # type: ignore[no-untyped-def]
    """A computed table: 'Table Grid', header row bold and repeated on every page, column
    widths from the table's relative widths over the full text width."""
    size = _table_size(len(table.headers)) if width <= TEXT_WIDTH else Pt(10)
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    for cell, text in zip(header.cells, table.headers, strict=True):
        _line(cell.paragraphs[0], text, size, bold=True, center=True)
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="true"/>'))
    for row in table.rows:
        added = grid.add_row()
        added._tr.get_or_add_trPr().append(
            parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="true"/>'))   # a row stays whole
        cells = added.cells
        for i, (cell, text) in enumerate(zip(cells, row.cells, strict=True)):
            para = _line(cell.paragraphs[0], text, size, bold=row.subtotal)
            if table.numeric[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _fix_columns(grid, _column_widths(table, size, width))
    tbl_pr = grid._tbl.tblPr
    for margin in tbl_pr.findall(qn("w:tblCellMar")):   # a little more air than the header's
        for side in margin:
            side.set(qn("w:w"), "57")
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


def _column_widths(table: Table, size: Pt, text_width: Length = TEXT_WIDTH) -> list[Emu]:
    """Each column gets room for its longest word (no "ST/T", "1/1/20/24" breaks), then the
    rest of the text width is shared by the text columns, by the table's relative widths
    (figure columns and columns with an empty body get no share)."""
    char = size * 0.55                      # average Times New Roman glyph
    pad = 2 * 57 * 635 + 635 * 20           # cell margins and a little air (EMU)
    need: list[float] = []
    share: list[float] = []
    for i, header in enumerate(table.headers):
        texts = [row.cells[i] for row in table.rows]
        longest = max(len(word) for text in texts for word in [*text.split(), ""])
        bold = max(len(word) for word in [*header.split(), ""])   # wider: bold capitals
        need.append(max(longest * char, bold * char * 1.25) + pad)
        flexible = any(texts) and not table.numeric[i]   # figures only need their width
        share.append(max(table.widths[i] - longest, 1) if flexible else 0.0)
    spare = text_width - sum(need)
    if spare <= 0 or not any(share):
        widths = [n * text_width / sum(need) for n in need] if spare <= 0 else need
    else:
        widths = [n + spare * f / sum(share) for n, f in zip(need, share, strict=True)]
    return [Emu(int(w) // 635 * 635) for w in widths]   # whole twips, never over the width


def _footnotes_part(word, notes: list[str]) -> None:  # type: ignore[no-untyped-def]
    w = nsdecls("w")
    items = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    font = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
    for i, note in enumerate(notes, 1):
        items.append(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr>{font}<w:sz w:val="20"/><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:rPr>{font}<w:sz w:val="20"/></w:rPr>'
            f'<w:t xml:space="preserve"> {escape(xml_text(note))}</w:t></w:r></w:p></w:footnote>')
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {w}>'
           + "".join(items) + "</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"),
                word.part.package)
    word.part.relate_to(part, RT.FOOTNOTES)


# -- Nơi nhận and signature ----------------------------------------------------

def _signature(word, doc: RenderedDocument) -> None:  # type: ignore[no-untyped-def]
    if word.paragraphs:
        word.paragraphs[-1].paragraph_format.keep_with_next = True  # no lone signature page
    word.add_paragraph().paragraph_format.keep_with_next = True
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_columns(table, (Cm(8.0), Cm(8.5)))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left.paragraphs[0], "Nơi nhận:", Pt(12), bold=True, italic=True)
    for line in doc.cc:
        _line(left.add_paragraph(), line, Pt(11))
    if doc.signature is None:
        _line(right.paragraphs[0], "(chưa có người ký)", BODY_SIZE, italic=True, center=True)
        return
    first = True
    for line in doc.signature.authority_lines:
        para = right.paragraphs[0] if first else right.add_paragraph()
        first = False
        _line(para, line, BODY_SIZE, bold=True, center=True)
    space = right.add_paragraph()
    space.paragraph_format.space_before = Pt(72)
    _line(right.add_paragraph(), doc.signature.name, BODY_SIZE, bold=True, center=True)
