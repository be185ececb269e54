"""`data/documents/<id>.yaml`: a công văn, kế hoạch or báo cáo."""

from __future__ import annotations

from datetime import date as _date  # `date` is also a field name below

from pydantic import Field

from cchc.schema.base import (
    BasisDocument,
    DocumentDate,
    Id,
    IsoDate,
    PeriodText,
    Selector,
    Strict,
)
from cchc.schema.model import Implementers, Monitors
from cchc.schema.vocabulary import (
    AUTHORITIES,
    CITATION_STYLES,
    DIRECTIVE_TYPES,
    DOCUMENT_TYPES,
    Authority,
    CitationStyle,
    DocumentType,
    ReportTable,
)


class ModelEntry(Strict):
    """A model cited in a document, with what this document says differently about it."""

    model: Id = Field(title="Mã mô hình")
    heading: str | None = Field(
        None,
        title="Dòng trích dẫn (riêng văn bản này)",
        description="Thay cho dòng tự sinh “Mô hình “…” của …”, khi văn bản gốc viết khác",
    )
    implementers: Implementers | None = Field(None, title="Cơ quan thực hiện (riêng văn bản này)")
    monitors: Monitors | None = Field(None, title="Cơ quan theo dõi (riêng văn bản này)")
    purpose: str | None = Field(None, title="Mục đích (riêng văn bản này)")
    requirements: str | None = Field(None, title="Yêu cầu thực hiện (riêng văn bản này)")
    summary: str | None = Field(None, title="Nội dung mô hình (riêng văn bản này)")


class Block(Strict):
    """One block of a document body: text, a heading with models and/or nested blocks."""

    heading: str | None = Field(None, title="Đề mục")
    text: str | None = Field(None, title="Nội dung", description="Đoạn cách nhau một dòng trống")
    blocks: list[Block] = Field(default_factory=list, title="Các mục con")
    models: list[Id | ModelEntry] = Field(default_factory=list, title="Các mô hình")
    style: CitationStyle | None = Field(
        None, title="Cách trích dẫn mô hình", description=" | ".join(CITATION_STYLES)
    )
    numbered: bool = Field(True, title="Đánh số mục")
    report: ReportTable | None = Field(None, title="Bảng số liệu (báo cáo)")


class Recipient(Strict):
    text: str = Field(title="Kính gửi", description="Như văn bản ghi")
    select: list[Selector] = Field(default_factory=list, title="Đơn vị được chọn")


class Signer(Strict):
    authority: Authority | None = Field(
        None, title="Thẩm quyền ký", description="|".join(AUTHORITIES)
    )
    on_behalf_of: str | None = Field(None, title="Ký thay/thay mặt", description="Ví dụ CHỦ TỊCH")
    title: str = Field(title="Chức vụ người ký", description="Ví dụ PHÓ CHỦ TỊCH")
    name: str = Field(title="Họ và tên người ký")


class Document(Strict):
    id: Id = Field(title="Mã văn bản", description="Trùng tên tệp")
    type: DocumentType = Field(title="Loại văn bản", description=" | ".join(DOCUMENT_TYPES))
    issuer: Id = Field(title="Cơ quan ban hành")
    drafter: Id | None = Field(None, title="Cơ quan soạn thảo")
    number: int | str | None = Field(None, title="Số", description="null khi còn là dự thảo")
    date: DocumentDate = Field(title="Ngày ban hành", description="YYYY-MM-DD, hoặc YYYY-MM")
    period: PeriodText | None = Field(
        None, title="Kỳ báo cáo", description="2024-Q3, 2024-H1, 2024"
    )
    subject: str | None = Field(None, title="Trích yếu (V/v)")
    title: str | None = Field(None, title="Tên văn bản", description="Dòng dưới tên loại")
    basis: list[BasisDocument] = Field(default_factory=list, title="Căn cứ")
    recipients: list[Recipient] = Field(default_factory=list, title="Kính gửi")
    deadline: IsoDate | None = Field(None, title="Hạn áp dụng")
    valid_to: IsoDate | None = Field(None, title="Hết hiệu lực sau ngày")
    body: list[Block] = Field(default_factory=list, title="Nội dung")
    closing: str | None = Field(None, title="Câu kết")
    cc: list[str] = Field(default_factory=list, title="Nơi nhận")
    archive: list[str] = Field(default_factory=list, title="Lưu (thêm)")
    signer: Signer | None = Field(None, title="Người ký")

    @property
    def start_date(self) -> _date:
        """First day in force (a YYYY-MM date: the first of that month)."""
        if isinstance(self.date, _date):
            return self.date
        year, month = self.date.split("-")
        return _date(int(year), int(month), 1)

    def in_force_on(self, day: _date) -> bool:
        return self.start_date <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_directive(self) -> bool:
        """A công văn or kế hoạch that lists models (FORMAT.md 1.1, "Progress" 1)."""
        return self.type in DIRECTIVE_TYPES and bool(self.iter_model_entries())

    @property
    def default_style(self) -> CitationStyle:
        """How a block cites its models unless it says (a kế hoạch details them)."""
        return "detailed" if self.type == "ke-hoach" else "summary"

    def iter_blocks(self) -> list[tuple[tuple[str | int, ...], Block, CitationStyle]]:
        """Every block of the body, outer before inner, with its location path and the
        citation style in force there (its own, else its parent's, else `default_style`)."""
        found: list[tuple[tuple[str | int, ...], Block, CitationStyle]] = []

        def walk(blocks: list[Block], style: CitationStyle, prefix: tuple[str | int, ...]) -> None:
            for i, block in enumerate(blocks):
                block_style = block.style or style
                found.append(((*prefix, i), block, block_style))
                walk(block.blocks, block_style, (*prefix, i, "blocks"))

        walk(self.body, self.default_style, ("body",))
        return found

    def iter_model_entries(self) -> list[tuple[tuple[str | int, ...], Id | ModelEntry]]:
        """Every models entry in the body with its location path."""
        return [
            ((*loc, "models", j), entry)
            for loc, block, _style in self.iter_blocks()
            for j, entry in enumerate(block.models)
        ]


Block.model_rebuild()


def entry_model_id(entry: Id | ModelEntry) -> str:
    return entry if isinstance(entry, str) else entry.model
