"""`cchc render --check`: what a document still lacks before it can be rendered and signed."""

from __future__ import annotations

from cchc.errors import DataError
from cchc.present.document.layout import report_period
from cchc.schema import Document
from cchc.schema.document import Block, ModelEntry, entry_model_id
from cchc.schema.repository import Repository
from cchc.schema.selection import spec_of


def missing(repo: Repository, document: Document) -> list[str]:
    """Vietnamese descriptions of what the document lacks (empty: ready to render)."""
    found: list[str] = []
    issuer = repo.units.get(document.issuer)
    if issuer is None:
        found.append(f'cơ quan ban hành "{document.issuer}" không có trong data/units')
    elif not issuer.locality:
        found.append(f'cơ quan ban hành "{issuer.id}" chưa có locality '
                     "(địa danh ở dòng ngày tháng)")
    if document.signer is None:
        found.append("chưa có người ký (signer)")
    if document.type == "cong-van":
        if not document.subject:
            found.append("công văn chưa có trích yếu (subject, dòng V/v)")
        if not document.recipients:
            found.append("công văn chưa có nơi gửi (recipients, Kính gửi)")
        if document.drafter is None:
            found.append("công văn chưa có cơ quan soạn thảo (drafter, phần cuối ký hiệu)")
    elif not document.title:
        found.append("chưa có tên văn bản (title, dòng dưới tên loại)")
    if not document.body:
        found.append("chưa có nội dung (body)")
    found.extend(_report(document))
    day = document.start_date
    for recipient in document.recipients:
        if recipient.select and not repo.tree.select([spec_of(s) for s in recipient.select], day):
            found.append(f'nơi gửi "{recipient.text}": bộ chọn không chọn được đơn vị nào '
                         f"vào ngày {day:%d/%m/%Y}")
    _models(repo, document, document.body, None, found)
    return found


def _models(repo: Repository, document: Document, blocks: list[Block], style: str | None,
            found: list[str]) -> None:
    default = "detailed" if document.type == "ke-hoach" else "summary"
    for block in blocks:
        block_style = block.style or style or default
        for entry in block.models:
            model = repo.models.get(entry_model_id(entry))
            if model is None:
                found.append(f'mô hình "{entry_model_id(entry)}" không có trong data/models')
                continue
            override = entry if isinstance(entry, ModelEntry) else None
            where = f'mô hình "{model.id}"'
            if block_style == "summary" and not ((override and override.summary)
                                                 or model.summary.strip()):
                found.append(f"{where} chưa có nội dung (summary)")
            if block_style == "detailed":
                for field, label in (("purpose", "mục đích"), ("requirements", "yêu cầu thực hiện"),
                                     ("implementers", "cơ quan thực hiện"),
                                     ("monitors", "cơ quan chủ trì theo dõi, kiểm tra")):
                    if not ((override and getattr(override, field)) or getattr(model, field)):
                        found.append(f"{where} chưa có {label} ({field})")
            implementers = (override and override.implementers) or model.implementers
            if implementers and implementers.select and not repo.tree.select(
                    [spec_of(s) for s in implementers.select], document.start_date):
                found.append(f"{where}: bộ chọn cơ quan thực hiện không chọn được đơn vị nào")
        _models(repo, document, block.blocks, block_style, found)


def _report_blocks(blocks: list[Block]) -> list[str]:
    return [key for b in blocks for key in ([b.report] if b.report else [])
            + _report_blocks(b.blocks)]


def _report(document: Document) -> list[str]:
    """A báo cáo's tables need a valid `period`; only a báo cáo has tables."""
    tables = _report_blocks(document.body)
    if document.type != "bao-cao":
        return [f"khối bảng số liệu (report: {key}) chỉ dùng trong báo cáo" for key in tables]
    if not tables and not document.period:
        return []
    try:
        report_period(document)
    except DataError as error:
        if not document.period:
            return ["báo cáo chưa có kỳ báo cáo (period, ví dụ 2024-Q3), nên chưa tính được "
                    "các bảng số liệu"]
        return [f'kỳ báo cáo (period) "{document.period}" không hợp lệ: {error.hint}']
    return []
