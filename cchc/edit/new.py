"""`cchc new` as functions: the text of a new, commented unit, model or document file.

The id comes from the Vietnamese title (`slugify`); duplicate ids are refused before
anything is written, near-duplicate titles unless the caller allows them (`allow_similar`,
after the user confirmed), and the file is checked like any edit. Options (codes against
the vocabulary, the dates) are checked by the command.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ruamel.yaml import YAML

from cchc.errors import UsageError
from cchc.load.files import DataFile
from cchc.schema.base import ID_MAX_LENGTH, ID_RE
from cchc.schema.repository import Repository
from cchc.text import fold, nearly_equal_titles, nfc, slugify

#: Leading words (folded) that say what kind of body a unit is, not which one: "Ủy ban
#: nhân dân xã Tây Vinh" and "Ủy ban nhân dân xã Tây Giang" differ only in "tây vinh" /
#: "tây giang", and that is the part to compare. Longest first.
_KIND_WORDS = sorted(
    (
        tuple(words.split())
        for words in (
            "uy ban nhan dan",
            "ubnd",
            "hoi dong nhan dan",
            "hdnd",
            "xa",
            "phuong",
            "thi tran",
            "dac khu",
            "huyen",
            "quan",
            "thi xa",
            "thanh pho",
            "tp",
            "tinh",
            "so",
            "ban",
            "phong",
            "van phong",
            "chi cuc",
            "cuc",
            "trung tam",
            "bo",
        )
    ),
    key=len,
    reverse=True,
)
_NUMBER_RE = re.compile(r"\d+")


class NearDuplicateError(UsageError):
    """A new unit or model whose name nearly equals an existing one's: the user may confirm
    it is another one (`cchc new --yes`, or the question asked at a terminal)."""


def distinctive_name(name: str) -> str:
    """The part of a unit's name that tells it from its siblings, folded: "Ủy ban nhân dân
    phường Thắng Nhì" → "thang nhi", "Sở Nội vụ" → "noi vu" (the whole name when it is
    nothing but such words)."""
    words = fold(name).split()
    stripped = True
    while stripped:
        stripped = False
        for prefix in _KIND_WORDS:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words = words[len(prefix) :]
                stripped = True
                break
    return " ".join(words)


def near_duplicate_names(first: str, second: str) -> bool:
    """Whether two unit names nearly name the same unit: their distinctive parts are equal
    (ignoring diacritics) or nearly equal with the same numbers ("phường 1" and "phường 2",
    "xã Tây Vinh" and "xã Tây Giang" are siblings, not duplicates)."""
    part_a, part_b = distinctive_name(first), distinctive_name(second)
    if part_a == part_b:
        return True
    if _NUMBER_RE.findall(part_a) != _NUMBER_RE.findall(part_b):
        return False
    return nearly_equal_titles(part_a, part_b)


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
    allow_similar: bool = False,
) -> NewFile:
    title = nfc(title.strip())
    repo.unit(origin)
    for other in repo.models.values():
        if not allow_similar and nearly_equal_titles(title, other.title):
            raise NearDuplicateError(
                f"đã có mô hình gần trùng tên: “{other.title}” ({other.id})",
                hint="kiểm tra có phải cùng một mô hình không; nếu là mô hình "
                "khác, đặt tên phân biệt rõ hơn, hoặc thêm --yes để vẫn tạo",
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
    locality: str | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    item_id: str | None = None,
    allow_similar: bool = False,
) -> NewFile:
    name = nfc(name.strip())
    if parent is not None:
        repo.unit(parent)
    for other in repo.units.values():
        if not allow_similar and other.parent == parent and near_duplicate_names(name, other.name):
            raise NearDuplicateError(
                f"đã có đơn vị cùng cấp trên gần trùng tên: “{other.name}” ({other.id})",
                hint="kiểm tra có phải cùng một đơn vị không; nếu là đơn vị khác, "
                "thêm --yes để vẫn tạo",
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
        lines.append(f"abbreviation: {_scalar(nfc(abbreviation.strip()))}  # phần ký hiệu văn bản")
    if locality:
        lines.append(f"locality: {_scalar(nfc(locality.strip()))}  # địa danh ở dòng ngày tháng")
    if valid_from is not None:
        lines.append(f"valid_from: {valid_from.isoformat()}")
    if valid_to is not None:
        lines.append(f"valid_to: {valid_to.isoformat()}  # ngày cuối cùng tồn tại")
    return NewFile(DataFile(f"data/units/{unit_id}.yaml", "unit"), "\n".join(lines) + "\n")


def new_document(
    repo: Repository,
    *,
    doc_type: str,
    issuer: str,
    when: str,
    subject: str,
    drafter: str | None = None,
    number: int | str | None = None,
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
        "number: null" if number is None else f"number: {_scalar(number)}",
        f"date: {when}",
        f"{key}: {_scalar(subject)}",
        "# recipients, body, cc, signer: xem docs/format.md",
    ]
    return NewFile(DataFile(f"data/documents/{doc_id}.yaml", "document"), "\n".join(lines) + "\n")
