"""`cchc schema`: the data format as JSON Schema, for editors (VS Code YAML) and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel

import cchc
from cchc.commands.common import OutputOption, output_stream
from cchc.errors import ExitCode, UsageError
from cchc.schema import Document, IndicatorList, Model, Unit

KINDS: dict[str, type[BaseModel]] = {
    "unit": Unit,
    "model": Model,
    "document": Document,
    "indicators": IndicatorList,
}
#: Vietnamese title and description of each schema object (class docstrings are English).
_TEXTS: dict[str, tuple[str, str]] = {
    "Unit": (
        "Đơn vị",
        "Một cơ quan, đơn vị (data/units/<mã>.yaml) và các bản ghi áp dụng mô hình.",
    ),
    "Adoption": ("Bản ghi áp dụng", "Việc một đơn vị áp dụng một mô hình: diễn biến và kết quả."),
    "AdoptionEvent": ("Sự kiện áp dụng", "Tình trạng áp dụng từ một ngày."),
    "Result": ("Kết quả", "Số liệu của một chỉ tiêu trong một khoảng thời gian."),
    "Model": ("Mô hình", "Một mô hình, giải pháp, sáng kiến (data/models/<mã>.yaml)."),
    "ModelEvent": ("Sự kiện mô hình", "Tình trạng của mô hình từ một ngày."),
    "Implementers": ("Cơ quan thực hiện", "Văn bản ghi và các đơn vị phải áp dụng."),
    "Monitors": ("Cơ quan chủ trì theo dõi, kiểm tra", "Văn bản ghi và mã các đơn vị."),
    "BasisDocument": ("Văn bản căn cứ", "Số, ngày, cơ quan ban hành và trích yếu."),
    "Selector": (
        "Bộ chọn đơn vị",
        "Các đơn vị liệt kê (units), hoặc các đơn vị trực thuộc (within) lọc theo cấp, loại.",
    ),
    "Document": ("Văn bản", "Công văn, kế hoạch hoặc báo cáo (data/documents/<mã>.yaml)."),
    "Block": ("Khối nội dung", "Đoạn văn, đề mục, các mô hình và các mục con."),
    "ModelEntry": (
        "Mô hình trong văn bản",
        "Mô hình được trích dẫn, với nội dung riêng của văn bản này.",
    ),
    "Recipient": ("Nơi nhận (Kính gửi)", "Văn bản ghi và các đơn vị được chọn."),
    "Signer": ("Người ký", "Thẩm quyền ký, chức vụ, họ tên."),
    "Indicator": ("Chỉ tiêu", "Chỉ tiêu mà kết quả áp dụng đo lường."),
    "IndicatorList": ("Danh sách chỉ tiêu", "Nội dung data/indicators.yaml."),
}


def _localise(node: Any) -> None:
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str) and title in _TEXTS:
            node["title"], node["description"] = _TEXTS[title]
        for value in node.values():
            _localise(value)
    elif isinstance(node, list):
        for value in node:
            _localise(value)


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with Vietnamese titles and descriptions."""
    schema = KINDS[kind].model_json_schema(by_alias=True)
    _localise(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # A URN, not a web address: cchc publishes no schema site (check-jsonschema and the
    # VS Code YAML extension read the files themselves).
    schema["$id"] = f"urn:cchc:schema:{cchc.__version__}:{kind}"
    return schema


def render(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def command(
    kind: Annotated[
        str, typer.Argument(metavar="LOẠI", help="Loại tệp: unit, model, document, indicators.")
    ],
    output: OutputOption = None,
) -> int:
    """In JSON Schema của một loại tệp dữ liệu (tiêu đề, mô tả tiếng Việt).

    Dùng cho tiện ích YAML của VS Code (xem .vscode/settings.json và thư mục schemas/)
    hoặc công cụ khác như check-jsonschema. Mã thoát: 0; 2 khi loại tệp không hợp lệ.
    """
    if kind not in KINDS:
        raise UsageError(
            f'không có loại tệp "{kind}"', hint="chọn unit, model, document hoặc indicators"
        )
    with output_stream(output) as stream:
        stream.write(render(kind))
    return ExitCode.OK


def write_all(directory: Path) -> list[Path]:
    """Write every kind's schema as DIR/<kind>.schema.json (used to refresh schemas/)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = directory / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
