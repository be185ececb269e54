"""`data/indicators.yaml`: the indicators that adoption results measure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from cchc.schema.base import Id, Strict


class Indicator(Strict):
    id: Id = Field(title="Mã chỉ tiêu")
    name: str = Field(title="Tên chỉ tiêu")
    unit: Literal["percent", "count"] = Field(
        title="Đơn vị",
        description="percent (tử số/mẫu số, hoặc value là tỷ lệ %) | count (số lượng)",
    )
    higher_is_better: bool = Field(True, title="Càng cao càng tốt")


class IndicatorList(RootModel[list[Indicator]]):
    pass
