"""`data/models/<id>.yaml`: a reform model (mô hình, giải pháp, sáng kiến)."""

from __future__ import annotations

from pydantic import Field

from cchc.schema.base import BasisDocument, Id, IsoDate, Selector, Strict
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


class Model(Strict):
    id: Id = Field(title="Mã mô hình", description="Trùng tên tệp")
    title: str = Field(title="Tên mô hình", description="Không kèm dấu ngoặc kép")
    kind: ModelKind = Field(title="Loại", description=MODEL_KIND.describe(sep=" | "))
    areas: list[Area] = Field(title="Lĩnh vực cải cách", min_length=1)
    origin: Id = Field(title="Đơn vị xây dựng mô hình")
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

    def status_on(self, day: IsoDate) -> ModelStatus:
        """The model's status on `day` (proposed before any event)."""
        status: ModelStatus = "proposed"
        for event in self.history:
            if event.date > day:
                break
            status = event.status
        return status
