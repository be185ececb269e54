"""A document's own citation line (`heading` of a models entry) replaces the generated one."""

from __future__ import annotations

from typing import cast

from cchc.pipeline import load_repository
from cchc.present.document.layout import Paragraph, build
from tests.helpers import REPO_ROOT


def test_detailed_heading_keeps_the_footnote_before_its_period() -> None:
    repo = load_repository(REPO_ROOT)
    rendered = build(repo, repo.document("hong-ngu-2024-mo-hinh-cchc"))
    body = cast(list[Paragraph], rendered.body)  # not a báo cáo: no tables
    item = next(
        p for p in body if p.text.endswith("tại Bộ phận Một cửa") and "Không gian" in p.text
    )
    assert item.text == "Mô hình “Không gian hành chính phục vụ” tại Bộ phận Một cửa"
    assert item.footnote is not None and item.suffix == "."
    plain = next(p for p in body if "Zalo Official" in p.text and p.label == "9.")
    assert plain.suffix == ""  # written without a final period in the plan


def test_inline_list_uses_each_entry_as_written() -> None:
    repo = load_repository(REPO_ROOT)
    rendered = build(repo, repo.document("hong-ngu-2024-mo-hinh-cchc"))
    body = cast(list[Paragraph], rendered.body)  # not a báo cáo: no tables
    item = next(p for p in body if p.text.startswith("Tiếp tục triển khai"))
    assert "; Đề án chuyển giao nhiệm vụ, dịch vụ hành chính công;" in item.text
    assert "; Mô hình “Hẹn giờ thực hiện thủ tục hành chính tại nhà người dân”;" in item.text


def test_entries_without_heading_are_cited_from_the_model() -> None:
    repo = load_repository(REPO_ROOT)
    rendered = build(repo, repo.document("brvt-2023-nhan-rong-mo-hinh"))
    body = cast(list[Paragraph], rendered.body)  # not a báo cáo: no tables
    first = next(p for p in body if "lưu động" in p.text and p.label == "1.")
    assert first.text.startswith("Mô hình “Giải quyết hồ sơ thủ tục hành chính lưu động")
    assert first.text.endswith("của UBND huyện Côn Đảo")
