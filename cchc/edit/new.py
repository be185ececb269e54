"""`cchc new` as functions: the text of a new, commented unit, model or document file.

The id comes from the Vietnamese title (`slugify`); duplicates and near-duplicate titles
are refused before anything is written, and the file is checked like any edit. Options
(codes against the vocabulary, the date) are checked by the command.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ruamel.yaml import YAML

from cchc.errors import UsageError
from cchc.load.files import DataFile
from cchc.schema.base import ID_MAX_LENGTH, ID_RE
from cchc.schema.repository import Repository
from cchc.text import nearly_equal_titles, nfc, slugify


@dataclass
class NewFile:
    file: DataFile
    text: str


def _scalar(value: object) -> str:
    """`value` written as a YAML scalar on one line (quoted only when needed)."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump({"k": value}, stream)
    return stream.getvalue()[3:].rstrip("\n")


def _block(text: str) -> str:
    """A literal block (`|`) for multi-line text, else one scalar."""
    text = text.strip()
    if "\n" not in text:
        return _scalar(text)
    return "|\n" + "".join(
        f"  {line}\n" if line.strip() else "\n" for line in text.splitlines()
    ).rstrip("\n")


def _choose_id(title: str, given: str | None, existing: Mapping[str, object], what: str) -> str:
    item_id = given or slugify(title, max_length=ID_MAX_LENGTH)
    if not item_id or not ID_RE.match(item_id) or len(item_id) > ID_MAX_LENGTH:
        raise UsageError(
            f'mã "{item_id}" không hợp lệ',
            hint="mã gồm chữ thường không dấu, số, nối bằng dấu gạch ngang; tối đa 80 ký tự",
        )
    if item_id in existing:
        raise UsageError(
            f'đã có {what} mã "{item_id}"',
            hint=f"dùng `cchc show` để xem; đặt mã khác bằng --id nếu là hai {what} khác nhau",
        )
    return item_id


def new_model(
    repo: Repository,
    *,
    title: str,
    kind: str,
    areas: list[str],
    origin: str,
    summary: str,
    item_id: str | None = None,
    status: str | None = None,
    day: date | None = None,
) -> NewFile:
    title = nfc(title.strip())
    repo.unit(origin)
    for other in repo.models.values():
        if nearly_equal_titles(title, other.title):
            raise UsageError(
                f"đã có mô hình gần trùng tên: “{other.title}” ({other.id})",
                hint="kiểm tra có phải cùng một mô hình không; nếu là mô hình "
                "khác, đặt tên phân biệt rõ hơn",
            )
    model_id = _choose_id(title, item_id, repo.models, "mô hình")
    lines = [
        "# Mô hình mới do `cchc new model` tạo; bổ sung các trường không bắt buộc nếu cần",
        "# (purpose, requirements, implementers, monitors, basis, indicators, tags).",
        f"id: {model_id}",
        f"title: {_scalar(title)}",
        f"kind: {kind}  # model (mô hình) | solution (giải pháp) | initiative (sáng kiến)",
        f"areas: [{', '.join(dict.fromkeys(areas))}]",
        f"origin: {origin}  # đơn vị xây dựng mô hình",
        "# Nội dung mô hình, như công văn mô tả:",
        f"summary: {_block(nfc(summary))}",
    ]
    if status is not None:
        when = (day or date.today()).isoformat()
        lines += ["history:", f"  - {{date: {when}, status: {status}}}"]
    else:
        lines.append("# history: chưa có sự kiện: mô hình ở tình trạng đề xuất (proposed)")
    return NewFile(DataFile(f"data/models/{model_id}.yaml", "model"), "\n".join(lines) + "\n")


def new_unit(
    repo: Repository,
    *,
    name: str,
    kind: str,
    level: str,
    parent: str | None,
    short_name: str | None = None,
    abbreviation: str | None = None,
    item_id: str | None = None,
) -> NewFile:
    name = nfc(name.strip())
    if parent is not None:
        repo.unit(parent)
    for other in repo.units.values():
        if nearly_equal_titles(name, other.name) and other.parent == parent:
            raise UsageError(
                f"đã có đơn vị gần trùng tên: “{other.name}” ({other.id})",
                hint="kiểm tra có phải cùng một đơn vị không",
            )
    unit_id = _choose_id(name, item_id, repo.units, "đơn vị")
    lines = [
        "# Đơn vị mới do `cchc new unit` tạo; các mô hình đơn vị áp dụng ghi bằng `cchc adopt`.",
        f"id: {unit_id}",
        f"name: {_scalar(name)}  # tên đầy đủ",
    ]
    if short_name:
        lines.append(f"short_name: {_scalar(nfc(short_name.strip()))}  # tên ngắn, dùng trong bảng")
    lines += [
        f"kind: {kind}  # people-committee | department | agency | organization",
        f"level: {level}  # central | province | district | commune",
    ]
    if parent is not None:
        lines.append(f"parent: {parent}  # đơn vị cấp trên trực tiếp")
    if abbreviation:
        lines.append(f"abbreviation: {_scalar(abbreviation.strip())}")
    return NewFile(DataFile(f"data/units/{unit_id}.yaml", "unit"), "\n".join(lines) + "\n")


def new_document(
    repo: Repository,
    *,
    doc_type: str,
    issuer: str,
    when: str,
    subject: str,
    drafter: str | None = None,
    item_id: str | None = None,
) -> NewFile:
    repo.unit(issuer)
    if drafter is not None:
        repo.unit(drafter)
    subject = nfc(subject.strip())
    doc_id = _choose_id(f"{when[:4]} {subject}", item_id, repo.documents, "văn bản")
    key = "subject" if doc_type == "cong-van" else "title"
    lines = [
        "# Văn bản mới do `cchc new document` tạo",
        "# (dự thảo: number là null, ngày có thể là YYYY-MM).",
        f"id: {doc_id}",
        f"type: {doc_type}  # cong-van | ke-hoach | bao-cao",
        f"issuer: {issuer}  # cơ quan ban hành",
    ]
    if drafter is not None:
        lines.append(f"drafter: {drafter}  # cơ quan soạn thảo")
    lines += [
        "number: null",
        f"date: {when}",
        f"{key}: {_scalar(subject)}",
        "# recipients, body, cc, signer: xem docs/format.md",
    ]
    return NewFile(DataFile(f"data/documents/{doc_id}.yaml", "document"), "\n".join(lines) + "\n")
