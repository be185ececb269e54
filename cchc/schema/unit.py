"""`data/units/<id>.yaml`: a government unit and its adoption records."""

from __future__ import annotations

from datetime import date

from pydantic import Field, JsonValue

from cchc.schema.base import MAX_NUMBER, Id, IsoDate, Strict
from cchc.schema.vocabulary import (
    ADOPTION_STATUSES,
    NOT_STARTED,
    STATUS,
    AdoptionStatus,
    Level,
    UnitKind,
)

_BOUNDED: dict[str, JsonValue] = {"maximum": MAX_NUMBER, "minimum": -MAX_NUMBER}  # S025


class AdoptionEvent(Strict):
    date: IsoDate = Field(title="Ngày")
    status: AdoptionStatus = Field(
        title="Tình trạng",
        description=STATUS.describe(ADOPTION_STATUSES, notes={"not-applicable": ": cần ghi note"}),
    )
    ref: str | None = Field(None, title="Văn bản", description="Số, ký hiệu văn bản quyết định")
    note: str | None = Field(None, title="Ghi chú")


class Result(Strict):
    indicator: Id = Field(title="Chỉ tiêu", description="Mã chỉ tiêu trong data/indicators.yaml")
    from_: IsoDate | None = Field(None, alias="from", title="Từ ngày")
    to: IsoDate = Field(title="Đến ngày")
    value: int | float | None = Field(
        None,
        title="Giá trị",
        description="Với chỉ tiêu đếm; với chỉ tiêu tỷ lệ: tỷ lệ % (0 – 100) khi nguồn không có "
        "tử số, mẫu số",
        json_schema_extra=_BOUNDED,
    )
    numerator: int | None = Field(
        None, title="Tử số", ge=0, json_schema_extra={"maximum": MAX_NUMBER}
    )
    denominator: int | None = Field(
        None, title="Mẫu số", gt=0, json_schema_extra={"maximum": MAX_NUMBER}
    )
    note: str | None = Field(None, title="Ghi chú")

    @property
    def rate(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator


class Adoption(Strict):
    model: Id = Field(title="Mô hình", description="Mã mô hình trong data/models/")
    history: list[AdoptionEvent] = Field(
        title="Diễn biến", description="Các sự kiện theo thứ tự ngày, ít nhất một", min_length=1
    )
    results: list[Result] = Field(default_factory=list, title="Kết quả")
    difficulties: str | None = Field(None, title="Khó khăn, vướng mắc")

    def status_on(self, day: date) -> tuple[str, date | None]:
        """(status, date of the event that set it) on `day`: the last event dated on or
        before it; ("not-started", None) before the first (FORMAT.md, "Events")."""
        status: str = NOT_STARTED
        since: date | None = None
        for event in self.history:
            if event.date > day:
                break
            status, since = event.status, event.date
        return status, since


class Unit(Strict):
    id: Id = Field(title="Mã đơn vị", description="Trùng tên tệp, ví dụ phuong-thang-nhi")
    name: str = Field(title="Tên đầy đủ", description="Ví dụ: Ủy ban nhân dân phường Thắng Nhì")
    short_name: str | None = Field(None, title="Tên ngắn", description="Dùng trong bảng")
    kind: UnitKind = Field(
        title="Loại đơn vị",
        description="people-committee (UBND), department (sở, phòng, văn phòng), "
        "agency (cơ quan, đơn vị sự nghiệp khác), organization (đoàn thể, đối tác)",
    )
    level: Level = Field(title="Cấp", description="central | province | district | commune")
    parent: Id | None = Field(None, title="Đơn vị cấp trên trực tiếp")
    abbreviation: str | None = Field(None, title="Chữ viết tắt trong ký hiệu văn bản")
    locality: str | None = Field(None, title="Địa danh ghi ở dòng ngày tháng")
    letterhead: list[str] | None = Field(None, title="Tên cơ quan ở góc trái văn bản")
    valid_from: IsoDate | None = Field(None, title="Có hiệu lực từ ngày")
    valid_to: IsoDate | None = Field(None, title="Ngày cuối cùng tồn tại")
    successors: list[Id] = Field(default_factory=list, title="Đơn vị kế thừa")
    owners: list[str] = Field(default_factory=list, title="Người/nhóm được sửa tệp (CODEOWNERS)")
    adoptions: list[Adoption] = Field(default_factory=list, title="Áp dụng mô hình")

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
