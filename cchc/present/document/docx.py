"""Word output: the `RenderedDocument` laid out with python-docx, no binary template.

Page, fonts, sizes and the two-column header follow Nghị định 30/2020 Phụ lục I
(see docs/render.md); page setup, fonts, rules, fixed columns and page numbers come from
the one Word toolkit, `cchc.present.formats.docx`. Footnotes are real Word footnotes (a
footnotes part written here), page numbers are a PAGE field centred in the header from
page 2 on.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from cchc.present.document.layout import BodyElement, Paragraph, RenderedDocument, Table
from cchc.present.formats import docx as kit
from cchc.present.formats.docx import FONT, keep_whole, repeat_header
from cchc.present.formats.docx import fix_columns as _fix_columns
from cchc.present.formats.docx import font as _font
from cchc.present.formats.docx import rule as _rule
from cchc.safe import xml_text

BODY_SIZE = Pt(14)
INDENT = Cm(1)
LEFT_WIDTH = Cm(7.0)
RIGHT_WIDTH = Cm(9.5)  # 210 - 30 - 15 mm = 16.5 cm of text width
TEXT_WIDTH = Mm(kit.TEXT_MM)
#: Tables with more columns than this go on landscape pages (Nghị định 30: "A4 portrait,
#: landscape only for wide tables"), where the text is 25.2 cm wide.
LANDSCAPE_COLUMNS = 8
LANDSCAPE_TEXT_WIDTH = Mm(kit.LANDSCAPE_TEXT_MM)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def render_docx(doc: RenderedDocument) -> bytes:
    """The document as Word bytes (`begin`, `body`, `finish`: the report writer of
    `cchc.present.formats.docx` adds its charts between body and signature)."""
    word = begin(doc)
    notes: list[str] = []
    body(word, doc.body, doc.footnotes, notes)
    return finish(word, doc, notes)


def finish(word: Any, doc: RenderedDocument, notes: list[str]) -> bytes:
    """Nơi nhận and the signature, the footnotes; the document as bytes."""
    _signature(word, doc)
    if notes:
        _footnotes_part(word, notes)
    return kit.to_bytes(word)


def begin(doc: RenderedDocument) -> Any:
    """A new Word document with the page setup, page numbers from page 2, the two-column
    header, the title block, "Kính gửi" and "Căn cứ" lines of `doc`."""
    word = kit.new_document(14, tight=True)
    kit.page_numbers(word.sections[0], Pt(14))
    _header(word, doc)
    if doc.type_name:
        _line(word.add_paragraph(), doc.type_name, bold=True, center=True, before=12)
        if doc.title:
            _line(word.add_paragraph(), doc.title, bold=True, center=True)
            _rule(word.add_paragraph(), Cm(5.5))
    if doc.recipients:  # công văn, báo cáo (a kế hoạch has none)
        _recipients(word, doc.recipients)
    for line in doc.basis:
        _body(word.add_paragraph(), line, italic=True)
    return word


def body(word: Any, elements: list[BodyElement], footnotes: list[str], notes: list[str]) -> None:
    """Paragraphs and tables; a wide table (and the heading before it) on landscape pages,
    a heading kept on the page of the table it introduces."""
    landscape = False
    for i, para in enumerate(elements):
        following = elements[i + 1] if i + 1 < len(elements) else None
        heads_wide = _wide(following) and isinstance(para, Paragraph) and bool(para.label)
        wide = isinstance(para, Table) and _wide(para)
        # Consecutive wide tables share landscape pages: back to portrait only for what is
        # neither a wide table nor its heading (never an empty page between two of them).
        if landscape and not (wide or heads_wide):
            kit.new_section(word, landscape=False)
            landscape = False
        if not landscape and (wide or heads_wide):
            kit.new_section(word, landscape=True)  # a table's heading goes with it
            landscape = True
        if wide:
            _table(word, para, LANDSCAPE_TEXT_WIDTH)  # type: ignore[arg-type]
        elif isinstance(para, Table):
            _table(word, para)
        else:
            _body_paragraph(word, para, footnotes, notes)
            if isinstance(following, Table):
                word.paragraphs[-1].paragraph_format.keep_with_next = True
    if landscape:  # what follows the body (Nơi nhận, signature) is on portrait pages
        kit.new_section(word, landscape=False)


def _line(
    para: DocxParagraph,
    text: str,
    size: Length = BODY_SIZE,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
    before: int = 0,
) -> DocxParagraph:
    line: DocxParagraph = kit.line(
        para, text, size, bold=bold, italic=italic, center=center, before=before
    )
    return line


def _wide(element: object) -> bool:
    return isinstance(element, Table) and len(element.headers) > LANDSCAPE_COLUMNS


# -- header ------------------------------------------------------------------


def _header(word: Any, doc: RenderedDocument) -> None:
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
        _line(left2.add_paragraph(), doc.header.subject_line, Pt(12), center=True, before=3)
    _line(right2.paragraphs[0], doc.header.date_line, Pt(13), italic=True, center=True)


def _recipients(word: Any, recipients: list[str]) -> None:
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


def _body_paragraph(word: Any, para: Paragraph, footnotes: list[str], notes: list[str]) -> None:
    out = _body(word.add_paragraph(), "")
    head = f"{para.label} " if para.label else ""
    _font(out.add_run(xml_text(head + para.text)), BODY_SIZE, bold=para.bold, italic=para.italic)
    if para.footnote:
        notes.append(footnotes[para.footnote - 1])
        run = out.add_run()
        _font(run, BODY_SIZE)
        run.font.superscript = True
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{len(notes)}"/>'))
    if para.suffix:
        _font(out.add_run(xml_text(para.suffix)), BODY_SIZE, bold=para.bold)


def _table_size(columns: int) -> Pt:
    """12 pt for narrow tables, 11 pt up to 7 columns, 10 pt for the wide ones."""
    return Pt(12) if columns <= 4 else Pt(11) if columns <= 7 else Pt(10)


#: A column of names (text longer than this many characters) is at least NAME_WIDTH wide.
NAME_CHARS = 24
NAME_WIDTH = Cm(4.5)
#: The smallest print a table shrinks to so that its longest words fit.
SMALLEST_SIZE = Pt(8)


def _table(word: Any, table: Table, width: Length = TEXT_WIDTH) -> None:
    """A computed table: 'Table Grid', header row bold and repeated on every page, column
    widths from the content (every word fits: a smaller print when it must)."""
    size = _table_size(len(table.headers))
    widths = _column_widths(table, size, width)
    while widths is None and size > SMALLEST_SIZE:
        size = Pt(size.pt - 1)
        widths = _column_widths(table, size, width)
    if widths is None:  # even the smallest print is too wide: shrink every column
        need = _needs(table, size)[0]
        widths = [Emu(int(n * width / sum(need)) // 635 * 635) for n in need]
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    for cell, text in zip(header.cells, table.headers, strict=True):
        _line(cell.paragraphs[0], text, size, bold=True, center=True)
    repeat_header(header)
    keep_whole(header)
    for row in table.rows:
        added = grid.add_row()
        keep_whole(added)  # a row stays whole
        cells = added.cells
        for i, (cell, text) in enumerate(zip(cells, row.cells, strict=True)):
            para = _line(cell.paragraphs[0], text, size, bold=row.subtotal)
            if table.numeric[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _fix_columns(grid, widths)
    tbl_pr = grid._tbl.tblPr
    for margin in tbl_pr.findall(qn("w:tblCellMar")):  # a little more air than the header's
        for side in margin:
            side.set(qn("w:w"), "57")
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


#: Widths of Times New Roman glyphs in em, rounded up (Vietnamese marks take no width).
_WIDE = set("%MWmw")
_NARROW = set(",.;:'()[]/!|-–ijlrtf ")


def _text_width(text: str, size: Length, *, bold: bool = False) -> float:
    """A generous estimate of `text` printed in Times New Roman `size` (EMU)."""
    units = sum(
        0.9 if c in _WIDE else 0.34 if c in _NARROW else 0.74 if c.isupper() else 0.52 for c in text
    )
    return units * size * (1.1 if bold else 1.0)


_PAD = 2 * 57 * 635 + 635 * 40  # cell margins, borders and a little air (EMU)


def _needs(table: Table, size: Length) -> tuple[list[float], list[float]]:
    """Per column: the narrowest width that breaks no word (figures: no break at all;
    header words in bold; a column of names at least NAME_WIDTH), and the width its
    longest text takes on one line."""
    need: list[float] = []
    whole: list[float] = []
    for i, header in enumerate(table.headers):
        cells = [(row.cells[i], row.subtotal) for row in table.rows]
        longest = max((_text_width(t, size, bold=b) for t, b in cells), default=0.0)
        if table.numeric[i]:
            words = [longest]
        else:
            words = [_text_width(w, size, bold=b) for t, b in cells for w in t.split()]
        words += [_text_width(w, size, bold=True) for w in header.split()]
        width = max(words, default=0.0) + _PAD
        if not table.numeric[i] and max((len(t) for t, _ in cells), default=0) > NAME_CHARS:
            width = max(width, NAME_WIDTH)
        need.append(width)
        whole.append(max(width, longest + _PAD))
    return need, whole


def _column_widths(table: Table, size: Length, text_width: Length = TEXT_WIDTH) -> list[Emu] | None:
    """Each column gets room for its longest word (no "ST/T", "1/1/20/24" breaks; figures
    on one line), then the rest of the text width is poured into the text columns that
    would wrap, evenly (a short text gets all it needs, long ones share the rest); what
    is left widens the text columns. None when the words alone are wider than the page."""
    need, whole = _needs(table, size)
    spare = text_width - sum(need)
    if spare < 0:
        return None
    widths = list(need)
    wanting = sorted(
        (i for i in range(len(need)) if not table.numeric[i] and whole[i] > need[i]),
        key=lambda i: whole[i] - need[i],
    )
    for k, i in enumerate(wanting):
        more = min(whole[i] - need[i], spare / (len(wanting) - k))
        widths[i] += more
        spare -= more
    text_columns = [i for i in range(len(need)) if not table.numeric[i]] or list(range(len(need)))
    for i in text_columns:  # the table spans the text width
        widths[i] += spare / len(text_columns)
    return [Emu(int(w) // 635 * 635) for w in widths]  # whole twips, never over the width


def _footnotes_part(word: Any, notes: list[str]) -> None:
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
            f'<w:t xml:space="preserve"> {escape(xml_text(note))}</w:t></w:r></w:p></w:footnote>'
        )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {w}>'
        + "".join(items)
        + "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode("utf-8"), word.part.package
    )
    word.part.relate_to(part, RT.FOOTNOTES)


# -- Nơi nhận and signature ----------------------------------------------------


def _signature(word: Any, doc: RenderedDocument) -> None:
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
