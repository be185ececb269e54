"""`data/models/<id>.yaml`: a reform model (mô hình, giải pháp, sáng kiến)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from cchc.schema.base import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    BasisDocument,
    Id,
    IsoDate,
    Selector,
    Strict,
)
from cchc.schema.vocabulary import MODEL_KIND, MODEL_STATUS, Area, ModelKind, ModelStatus


class ModelEvent(Strict):
    date: IsoDate = Field(title="Ngày")
    status: ModelStatus = Field(
        title="Tình trạng mô hình",
        description=MODEL_STATUS.describe(notes={"recognized": ", nhân rộng"}),
    )
    ref: str | None = Field(None, title="Văn bản")
    note: str | None = Field(None, title="Ghi chú")


class Implementers(Strict):
    text: str = Field(title="Cơ quan thực hiện", description="Như văn bản ghi")
    select: list[Selector] = Field(default_factory=list, title="Đơn vị phải áp dụng")


class Monitors(Strict):
    text: str = Field(title="Cơ quan chủ trì theo dõi, kiểm tra", description="Như văn bản ghi")
    units: list[Id] = Field(default_factory=list, title="Mã các đơn vị theo dõi")


def _to_origins(value: Any) -> Any:
    # FORMAT.md 1.1: `origin` is one unit id or a list of them
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ValueError("phải là một mã đơn vị, hoặc danh sách mã đơn vị")
    return value


#: `origin` as written: one id, or a list of at least one id (a model piloted at several
#: units at once); held as a list.
Origins = Annotated[
    list[Id],
    BeforeValidator(_to_origins),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH},
                    "minItems": 1,
                },
            ]
        }
    ),
]


class Model(Strict):
    id: Id = Field(title="Mã mô hình", description="Trùng tên tệp")
    title: str = Field(title="Tên mô hình", description="Không kèm dấu ngoặc kép")
    kind: ModelKind = Field(title="Loại", description=MODEL_KIND.describe(sep=" | "))
    areas: list[Area] = Field(title="Lĩnh vực cải cách", min_length=1)
    origins: Origins = Field(
        alias="origin",
        title="Đơn vị xây dựng mô hình",
        description="Một mã đơn vị, hoặc danh sách mã khi mô hình được thí điểm ở nhiều đơn vị",
    )
    summary: str = Field(title="Nội dung mô hình")
    purpose: str | None = Field(None, title="Mục đích")
    requirements: str | None = Field(None, title="Yêu cầu thực hiện")
    implementers: Implementers | None = Field(None, title="Cơ quan thực hiện")
    monitors: Monitors | None = Field(None, title="Cơ quan chủ trì theo dõi, kiểm tra")
    schedule: str | None = Field(None, title="Lịch thực hiện")
    basis: list[BasisDocument] = Field(default_factory=list, title="Văn bản làm căn cứ")
    indicators: list[Id] = Field(default_factory=list, title="Chỉ tiêu cần báo cáo")
    history: list[ModelEvent] = Field(default_factory=list, title="Diễn biến")
    tags: list[str] = Field(default_factory=list, title="Nhãn")

    @property
    def origin(self) -> str:
        """The first (or only) origin unit; `origins` lists them all."""
        return self.origins[0]

    def status_on(self, day: IsoDate) -> ModelStatus:
        """The model's status on `day` (proposed before any event)."""
        status: ModelStatus = "proposed"
        for event in self.history:
            if event.date > day:
                break
            status = event.status
        return status
