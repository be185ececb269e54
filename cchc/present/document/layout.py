"""The layout of an official document (Nghị định 30/2020, Phụ lục I), computed once.

`build(repo, document, tables)` turns a document, the models it cites and (for a báo cáo)
the report tables the command computed for its period into a
`RenderedDocument`: every piece of text that appears on the page, with numbering
(I., 1., a)), footnotes, Nơi nhận and signature already worked out. The Markdown, HTML
and Word renderers only lay this structure out; none of them decides wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from cchc.errors import DataError, UsageError
from cchc.periods import Period, parse_period
from cchc.schema import Document, Model, Unit
from cchc.schema.base import BasisDocument
from cchc.schema.document import Block, ModelEntry
from cchc.schema.repository import Repository
from cchc.schema.vocabulary import DOCUMENT_SYMBOLS, DOCUMENT_TYPE, MODEL_KIND
from cchc.text import roman, vietnamese_letter

if TYPE_CHECKING:
    from cchc.present.views.report import Table as ReportTableData

#: Blanks left in a draft for the number and the day (filled in by hand at signing).
DRAFT_BLANK = "      "

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


#: Type abbreviations of Nghị định 30/2020 Phụ lục III, for citing basis documents.
TYPE_BY_SYMBOL = {
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "GM": "Giấy mời",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
}


@dataclass
class Paragraph:
    """One paragraph of the body: `label text[footnote]suffix`.

    level: 0 plain text, 1 heading I., 2 item 1., 3 item a); `bold` for titled headings.
    """

    text: str
    label: str = ""
    level: int = 0
    bold: bool = False
    italic: bool = False
    footnote: int | None = None
    suffix: str = ""

    @property
    def kind(self) -> Literal["paragraph"]:
        """What this body element is (templates tell paragraphs from tables by it)."""
        return "paragraph"

    @property
    def plain(self) -> str:
        """The paragraph as plain text (footnote marks as superscript digits)."""
        mark = superscript(self.footnote) if self.footnote else ""
        head = f"{self.label} " if self.label else ""
        return f"{head}{self.text}{mark}{self.suffix}"


@dataclass
class TableRow:
    """One row of a computed table: cell texts as printed (2.454, 99,6%, 15/06/2024)."""

    cells: list[str]
    subtotal: bool = False  # a group subtotal or total row (bold)


@dataclass
class Table:
    """A computed table of a báo cáo (cchc/present/views/report.py), laid out as text.

    `numeric[i]`: column i holds figures (right-aligned); `widths[i]`: its relative width.
    A table with no rows is not built: the layout writes "(Không có)" instead.
    """

    key: str
    title: str
    headers: list[str]
    rows: list[TableRow]
    numeric: list[bool]
    widths: list[int]

    @property
    def kind(self) -> Literal["table"]:
        return "table"


#: What a document body holds, in order.
BodyElement = Paragraph | Table


@dataclass
class Header:
    parent_lines: list[str]  # cơ quan chủ quản: capitals, upright, not bold
    issuer_lines: list[str]  # cơ quan ban hành: capitals, bold, rule under it
    number_line: str  # "Số: 05/KH-UBND"
    subject_line: str | None  # công văn: "V/v ..."
    date_line: str  # "Hà Nội, ngày 05 tháng 01 năm 2020"
    quoc_hieu: str = QUOC_HIEU
    tieu_ngu: str = TIEU_NGU


@dataclass
class Signature:
    authority_lines: list[str]  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str


@dataclass
class RenderedDocument:
    id: str
    type: str
    header: Header
    type_name: str | None  # "KẾ HOẠCH" (not for công văn)
    title: str | None  # trích yếu under the type name
    recipients: list[str]  # "Kính gửi": already punctuated
    basis: list[str]  # "Căn cứ ..." lines, punctuated
    body: list[BodyElement]  # paragraphs and (báo cáo) computed tables
    footnotes: list[str]
    cc: list[str]  # Nơi nhận lines, with "- " and punctuation
    signature: Signature | None
    draft: bool
    warnings: list[str] = field(default_factory=list)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    return str(n).translate(_SUPERSCRIPT)


# ---------------------------------------------------------------------------
# Dates and numbers
# ---------------------------------------------------------------------------


def long_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2024" (leading zero for days < 10 and months 1, 2)."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def _month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(locality: str | None, value: date | str) -> str:
    if isinstance(value, date):
        text = long_date(value)
    else:
        year, month = value.split("-")
        text = f"ngày{DRAFT_BLANK}tháng {_month(int(month))} năm {year}"
    return f"{locality}, {text}" if locality else text.capitalize()


def symbol(repo: Repository, document: Document) -> str:
    """The ký hiệu: TYPE-ISSUER (KH-UBND) or, for a công văn, ISSUER-DRAFTER (UBND-SNV)."""
    issuer = repo.unit(document.issuer)
    issuer_abbr = issuer.abbreviation or "UBND"
    if document.type == "cong-van":
        drafter = repo.unit(document.drafter) if document.drafter else None
        if drafter is not None and drafter.abbreviation and drafter.id != issuer.id:
            return f"{issuer_abbr}-{drafter.abbreviation}"
        return issuer_abbr
    return f"{DOCUMENT_SYMBOLS[document.type]}-{issuer_abbr}"


def number_line(repo: Repository, document: Document) -> str:
    number = document.number
    if number is None:
        shown = DRAFT_BLANK
    elif isinstance(number, int):
        shown = f"{number:02d}"
    else:
        shown = number.zfill(2) if number.isdigit() else number
    if isinstance(number, str) and "/" in number:
        return f"Số: {number}"
    return f"Số: {shown}/{symbol(repo, document)}"


# ---------------------------------------------------------------------------
# Letterhead, citations
# ---------------------------------------------------------------------------


def letterhead(repo: Repository, unit: Unit) -> tuple[list[str], list[str]]:
    """(cơ quan chủ quản lines, cơ quan ban hành lines), following FORMAT.md's default."""
    if unit.letterhead:
        lines = list(unit.letterhead)
        if unit.kind != "people-committee" and len(lines) > 1:
            return lines[:1], lines[1:]
        return [], lines
    if unit.kind == "people-committee":
        return [], ["ỦY BAN NHÂN DÂN", _place(unit.name).upper()]
    parent = repo.units.get(unit.parent) if unit.parent else None
    own = [unit.name.upper()]
    return ([parent.display_name.upper()] if parent else []), own


def basis_citation(basis: BasisDocument) -> str:
    """ "Kế hoạch số 428/KH-UBND ngày 28 tháng 12 năm 2022 của ..., về việc ..."."""
    kind = document_kind(basis.number)
    head = f"{kind} số {basis.number}" if kind else f"Văn bản số {basis.number}"
    return f"{head} {long_date(basis.date)} của {basis.issuer}, {basis.title}"


def document_kind(number: str) -> str | None:
    symbols = number.split("/")[-1].split("-")
    return TYPE_BY_SYMBOL.get(symbols[0]) if symbols else None


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def cite(repo: Repository, model: Model, *, with_origin: bool = True) -> str:
    """ "Mô hình “<title>” của <origin>" / "Giải pháp <title> của <origin>"."""
    word = MODEL_KIND.label(model.kind, "heading")
    title = f"“{model.title}”" if model.kind == "model" else _lower_first(model.title)
    text = f"{word} {title}"
    if with_origin:
        names = [origin_name(repo, u) for o in model.origins if (u := repo.units.get(o))]
        if names:
            joined = ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else names[0]
            text += f" của {joined}"
    return text


def origin_name(repo: Repository, unit: Unit) -> str:
    """The unit as a document names it: a commune with its district or town ("UBND phường
    Hắc Dịch thuộc thị xã Phú Mỹ"), since commune names repeat across a province."""
    name = unit.display_name
    parent = repo.units.get(unit.parent) if unit.parent else None
    if unit.level == "commune" and parent is not None and parent.kind == "people-committee":
        place = _place(parent.name)
        if place and place.lower() not in name.lower():
            name += f" thuộc {place}"
    return name


def _place(name: str) -> str:
    return re.sub(r"^(Ủy|Uỷ) ban nhân dân\s+", "", name, flags=re.IGNORECASE)


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def paragraphs(text: str | None) -> list[str]:
    """Free text → paragraphs: blank lines separate; a `- ` line is its own paragraph."""
    if not text:
        return []
    found: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        current: list[str] = []
        for line in chunk.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("- ") and current:
                found.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            found.append(" ".join(current))
    return found


def _end_with(text: str, mark: str) -> str:
    text = text.rstrip()
    text = text.rstrip(";.,:")
    return text + mark


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


class _Builder:
    def __init__(
        self, repo: Repository, document: Document, tables: Mapping[str, ReportTableData] | None
    ) -> None:
        self.repo = repo
        self.document = document
        self.body: list[BodyElement] = []
        self.footnotes: list[str] = []
        self.warnings: list[str] = []
        self._tables = tables

    def report_table(self, key: str) -> ReportTableData:
        """A computed table of this báo cáo (given to `build` by the command)."""
        if self.document.type != "bao-cao":
            raise DataError(
                f'văn bản "{self.document.id}" có bảng số liệu (report: {key}) nhưng không '
                "phải báo cáo",
                hint="chỉ văn bản type: bao-cao mới có khối report; bỏ khối này hoặc đổi "
                "loại văn bản",
            )
        if self._tables is None:
            raise ValueError(
                "a báo cáo with report blocks needs its computed tables: see needs_tables()"
            )
        return self._tables[key]

    def footnote(self, model: Model) -> int | None:
        if not model.basis:
            return None
        text = "; ".join(basis_citation(b) for b in model.basis)
        self.footnotes.append(f"Theo {text}")
        return len(self.footnotes)

    def text(self, text: str | None, label: str = "", level: int = 0) -> None:
        for i, para in enumerate(paragraphs(text)):
            self.body.append(Paragraph(para, label if i == 0 else "", level if i == 0 else 0))

    def blocks(self, blocks: list[Block], depth: int, style: str | None, start: int = 0) -> int:
        """Blocks at `depth` (1: I., 2: 1., 3: a)), numbering from `start`; the next number."""
        counter = start
        for block in blocks:
            table = self.report_table(block.report) if block.report else None
            # A table block without its own heading is headed by the table's title,
            # numbered like any other heading ("I. Tổng hợp" → "Tổng hợp").
            heading = block.heading or (_ROMAN_PREFIX.sub("", table.title) if table else None)
            numbered = block.numbered and (depth > 1 or bool(heading))
            label = _label(depth, counter) if numbered else ""
            counter += 1 if numbered else 0
            block_style = block.style or style or self.document.default_style
            paras = paragraphs(block.text)
            inline = block_style == "inline" and bool(block.models)
            if inline:
                names = "; ".join(
                    _heading(
                        e if isinstance(e, ModelEntry) else None,
                        cite(self.repo, self._model(e), with_origin=False),
                        "",
                    )[0]
                    for e in block.models
                )
                if paras:
                    paras[-1] = f"{paras[-1].rstrip()} {names}."
                else:
                    paras = [f"{names}."]
            if heading and inline and not block.text and heading.rstrip().endswith(":"):
                self.body.append(Paragraph(f"{heading.rstrip()} {paras[0]}", label, depth))
            elif heading:
                self.body.append(Paragraph(heading, label, depth, bold=depth <= 2))
                self.body.extend(Paragraph(p) for p in paras)
            elif paras:
                self.body.append(Paragraph(paras[0], label, depth))
                self.body.extend(Paragraph(p) for p in paras[1:])
            if table is not None:
                self.body.append(text_table(table))
            # Nested blocks first, then the models, numbered on from the blocks.
            inner = self.blocks(block.blocks, depth + 1, block_style) if block.blocks else 0
            if not inline:
                for entry in block.models:
                    self.model(entry, depth + 1, _label(depth + 1, inner), block_style)
                    inner += 1
        return counter

    def _model(self, entry: str | ModelEntry) -> Model:
        model_id = entry if isinstance(entry, str) else entry.model
        return self.repo.model(model_id)

    def model(self, entry: str | ModelEntry, depth: int, label: str, style: str) -> None:
        model = self._model(entry)
        override = entry if isinstance(entry, ModelEntry) else None
        if style == "detailed":
            fn = self.footnote(model)
            line, suffix = _heading(override, cite(self.repo, model, with_origin=False), ".")
            self.body.append(Paragraph(line, label, depth, bold=True, footnote=fn, suffix=suffix))
            implementers = (override and override.implementers) or model.implementers
            monitors = (override and override.monitors) or model.monitors
            parts = [
                ("Mục đích", (override and override.purpose) or model.purpose),
                ("Yêu cầu thực hiện", (override and override.requirements) or model.requirements),
                ("Cơ quan thực hiện", implementers.text if implementers else None),
                ("Cơ quan chủ trì theo dõi, kiểm tra", monitors.text if monitors else None),
            ]
            letter = 0
            for name, value in parts:
                paras = paragraphs(value)
                if not paras:
                    continue
                sub = _label(depth + 1, letter)
                letter += 1
                self.body.append(Paragraph(f"{name}: {paras[0]}", sub, depth + 1))
                self.body.extend(Paragraph(p) for p in paras[1:])
            return
        # summary
        word = MODEL_KIND.label(model.kind, "heading")
        line, suffix = _heading(
            override, cite(self.repo, model), "." if model.kind == "model" else ":"
        )
        self.body.append(
            Paragraph(line, label, depth, suffix=suffix, footnote=self.footnote(model))
        )
        summary = paragraphs((override and override.summary) or model.summary)
        if summary:
            self.body.append(Paragraph(f"Nội dung {word.lower()}: {summary[0]}"))
            self.body.extend(Paragraph(p) for p in summary[1:])


_ROMAN_PREFIX = re.compile(r"^[IVXLC]+\.\s+")


def text_table(table: ReportTableData) -> Table | Paragraph:
    """A computed table as text; an empty one as the line "(Không có)"."""
    from cchc.present.views.report import Percent, cell_text

    if not table.rows:
        return Paragraph("(Không có)", italic=True)
    columns = len(table.headers)
    numeric = [
        any(
            isinstance(r.cells[i], int | float | Percent) and not isinstance(r.cells[i], bool)
            for r in table.rows
        )
        for i in range(columns)
    ]
    return Table(
        key=table.key,
        title=table.title,
        headers=list(table.headers),
        rows=[TableRow([cell_text(c) for c in r.cells], r.subtotal) for r in table.rows],
        numeric=numeric,
        widths=list(table.widths) if len(table.widths) == columns else [1] * columns,
    )


def report_period(document: Document) -> Period:
    """The period of a báo cáo (`period: 2024-Q3`, official cut-off); DataError if absent
    or not a period."""
    where = f'báo cáo "{document.id}"'
    if not document.period:
        raise DataError(
            f"{where} chưa có kỳ báo cáo (period), nên chưa tính được các bảng số liệu",
            hint=f"thêm dòng `period: 2024-Q3` (hoặc 2024-H1, 2024) vào "
            f"data/documents/{document.id}.yaml",
        )
    try:
        return parse_period(document.period)
    except UsageError as error:
        raise DataError(
            f'{where}: kỳ báo cáo (period) "{document.period}" không hợp lệ',
            hint=f"{error.hint or 'ghi kỳ dạng 2024-Q3, 2024-H1 hoặc 2024'} "
            f"(sửa data/documents/{document.id}.yaml)",
        ) from None


def needs_tables(document: Document) -> bool:
    """Whether the layout of `document` shows computed tables: a báo cáo with `report:`
    blocks (the command computes them for `report_period` and `report_scope`)."""
    return document.type == "bao-cao" and any(b.report for _, b, _ in document.iter_blocks())


def report_scope(document: Document) -> str:
    """Whose figures a báo cáo reports: its issuer and every unit below it."""
    return document.issuer


def _heading(override: ModelEntry | None, generated: str, suffix: str) -> tuple[str, str]:
    """The citation line and its final punctuation (kept apart so a footnote mark goes
    before it: "… Một cửa¹."). A document's own `heading` is used as written."""
    if override is None or not override.heading:
        return generated, suffix
    text = override.heading.strip()
    if text[-1] in ".:;":
        return text[:-1], text[-1]
    return text, ""


def _label(depth: int, index: int) -> str:
    if depth <= 1:
        return f"{roman(index + 1)}."
    if depth == 2:
        return f"{index + 1}."
    return f"{vietnamese_letter(index)})"


def build(
    repo: Repository, document: Document, tables: Mapping[str, ReportTableData] | None = None
) -> RenderedDocument:
    """The whole document, laid out (pure: reads only `repo`, `document` and, for a báo
    cáo with `report:` blocks, the `tables` computed for its period, keyed by table key)."""
    issuer = repo.unit(document.issuer)
    parent_lines, issuer_lines = letterhead(repo, issuer)
    subject = None
    if document.type == "cong-van" and document.subject:
        subject = f"V/v {document.subject}"
    header = Header(
        parent_lines,
        issuer_lines,
        number_line(repo, document),
        subject,
        date_line(issuer.locality, document.date),
    )

    # "Kính gửi" is a công văn's and a báo cáo's (sent upward); a kế hoạch's recipients
    # are only its target units.
    recipients = (
        [r.text for r in document.recipients] if document.type in ("cong-van", "bao-cao") else []
    )
    if len(recipients) > 1:
        recipients = [f"- {_end_with(r, ';')}" for r in recipients[:-1]] + [
            f"- {_end_with(recipients[-1], '.')}"
        ]
    elif recipients:
        recipients = [_end_with(recipients[0], ".")]

    basis = [f"Căn cứ {basis_citation(b)};" for b in document.basis]
    if basis:
        basis[-1] = _end_with(basis[-1], ".")

    builder = _Builder(repo, document, tables)
    builder.blocks(document.body, 1, None)
    body = builder.body
    closing = paragraphs(document.closing)
    body.extend(Paragraph(p) for p in closing)
    if body and isinstance(body[-1], Paragraph):
        last = body[-1]
        if not last.plain.rstrip().endswith("./."):
            if last.suffix:
                last.suffix = last.suffix.rstrip(".:;") + "./."
            else:
                last.text = _end_with(last.text, ".") + "/."

    cc = list(document.cc)
    if (
        document.type in ("cong-van", "bao-cao")
        and recipients
        and not (cc and cc[0].lower().startswith("như trên"))
    ):
        cc.insert(0, "Như trên")
    keep = ["VT"]
    drafter = repo.unit(document.drafter) if document.drafter else None
    if drafter is not None and drafter.abbreviation:
        keep.append(drafter.abbreviation)
    keep += [a for a in document.archive if a not in keep]
    cc_lines = [f"- {_end_with(c, ';')}" for c in cc] + [f"- Lưu: {', '.join(keep)}."]

    signature = None
    if document.signer is not None:
        signer = document.signer
        lines = []
        if signer.authority:
            lines.append(f"{signer.authority}. {signer.on_behalf_of or ''}".strip())
        elif signer.on_behalf_of:
            lines.append(signer.on_behalf_of)
        lines.append(signer.title)
        signature = Signature(lines, signer.name)

    return RenderedDocument(
        id=document.id,
        type=document.type,
        header=header,
        type_name=None
        if document.type == "cong-van"
        else DOCUMENT_TYPE.label(document.type, "title"),
        title=None if document.type == "cong-van" else document.title,
        recipients=recipients,
        basis=basis,
        body=body,
        footnotes=builder.footnotes,
        cc=cc_lines,
        signature=signature,
        draft=document.number is None or not isinstance(document.date, date),
        warnings=builder.warnings,
    )
