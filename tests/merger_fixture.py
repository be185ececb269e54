"""A data repository with the 2025 reorganisation (FORMAT.md 1.1), for report tests.

Province A (tinh-a) is merged into province B (tinh-b, which continues) on 2025-07-01:

- tinh-a ends 2025-06-30, successor tinh-b (continuing, keeps its dates);
- departments: snv-a → snv-b (continuing), sxd-a → sxd-b (new, valid from 2025-07-01);
  both pairs share a name ("Sở Nội vụ", "Sở Xây dựng"): told apart by their parent;
- districts huyen-1, huyen-2 are abolished on 2025-06-30 without successors;
- communes xa-1 + xa-2 → xa-moi-1, xa-3 + xa-4 → xa-moi-2 (new, under tinh-b, from
  2025-07-01);
- tinh-c is another province (origin of m4).

Directives: cv-a, issued by tinh-a on 2025-01-10 (deadline 2025-06-30, still in force
after its issuer ended): m1, m2 to the communes of tinh-a, m3 to its districts, m4 to its
departments. kh-b, issued by tinh-b on 2025-08-01 (deadline 2025-12-31): m2, m3, m4 to
the departments of tinh-b. Origins: m1 xa-1, m2 tinh-b, m3 snv-b, m4 tinh-c.
"""

from __future__ import annotations

import textwrap


def _unit(uid: str, name: str, kind: str, level: str, parent: str | None, extra: str = "") -> str:
    text = f"id: {uid}\nname: {name}\nshort_name: {name}\nkind: {kind}\nlevel: {level}\n"
    if parent:
        text += f"parent: {parent}\n"
    return text + textwrap.dedent(extra).lstrip("\n")


ENDED = "valid_to: 2025-06-30\n"
NEW = "valid_from: 2025-07-01\n"

MERGER: dict[str, str] = {
    "data/units/tinh-a.yaml": _unit(
        "tinh-a",
        "UBND tỉnh A",
        "people-committee",
        "province",
        None,
        "abbreviation: UBND\nvalid_to: 2025-06-30\nsuccessors: [tinh-b]\n",
    ),
    "data/units/tinh-b.yaml": _unit(
        "tinh-b",
        "UBND tỉnh B",
        "people-committee",
        "province",
        None,
        """
        abbreviation: UBND
        adoptions:
          - model: m2
            history:
              - {date: 2024-01-01, status: effective}
        """,
    ),
    "data/units/tinh-c.yaml": _unit("tinh-c", "UBND tỉnh C", "people-committee", "province", None),
    "data/units/snv-a.yaml": _unit(
        "snv-a",
        "Sở Nội vụ",
        "department",
        "province",
        "tinh-a",
        """
        abbreviation: SNV
        valid_to: 2025-06-30
        successors: [snv-b]
        adoptions:
          - model: m4
            history:
              - {date: 2025-04-01, status: effective, note: Đã áp dụng}
            results:
              - {indicator: ty-le, to: 2025-06-30, numerator: 95, denominator: 100}
            difficulties: Thiếu máy scan.
        """,
    ),
    "data/units/snv-b.yaml": _unit(
        "snv-b",
        "Sở Nội vụ",
        "department",
        "province",
        "tinh-b",
        """
        adoptions:
          - model: m2
            history:
              - {date: 2025-08-15, status: implementing}
            results:
              - {indicator: luot, to: 2025-09-01, value: 50}
        """,
    ),
    "data/units/sxd-a.yaml": _unit(
        "sxd-a",
        "Sở Xây dựng",
        "department",
        "province",
        "tinh-a",
        """
        valid_to: 2025-06-30
        successors: [sxd-b]
        adoptions:
          - model: m4
            history:
              - {date: 2025-05-01, status: suspended, note: Tạm dừng do sắp xếp}
        """,
    ),
    "data/units/sxd-b.yaml": _unit(
        "sxd-b",
        "Sở Xây dựng",
        "department",
        "province",
        "tinh-b",
        """
        valid_from: 2025-07-01
        adoptions:
          - model: m4
            history:
              - {date: 2025-09-01, status: implementing}
            difficulties: Chưa có phần mềm.
        """,
    ),
    "data/units/huyen-1.yaml": _unit(
        "huyen-1", "UBND huyện 1", "people-committee", "district", "tinh-a", ENDED
    ),
    "data/units/huyen-2.yaml": _unit(
        "huyen-2", "UBND huyện 2", "people-committee", "district", "tinh-a", ENDED
    ),
    "data/units/xa-1.yaml": _unit(
        "xa-1",
        "UBND xã 1",
        "people-committee",
        "commune",
        "huyen-1",
        """
        valid_to: 2025-06-30
        successors: [xa-moi-1]
        adoptions:
          - model: m1
            history:
              - {date: 2024-03-01, status: effective}
          - model: m2
            history:
              - {date: 2025-02-01, status: implementing}
        """,
    ),
    "data/units/xa-2.yaml": _unit(
        "xa-2",
        "UBND xã 2",
        "people-committee",
        "commune",
        "huyen-1",
        """
        valid_to: 2025-06-30
        successors: [xa-moi-1]
        adoptions:
          - model: m2
            history:
              - {date: 2025-03-01, status: effective, note: Hiệu quả}
        """,
    ),
    "data/units/xa-3.yaml": _unit(
        "xa-3",
        "UBND xã 3",
        "people-committee",
        "commune",
        "huyen-2",
        """
        valid_to: 2025-06-30
        successors: [xa-moi-2]
        adoptions:
          - model: m1
            history:
              - {date: 2025-02-01, status: planned}
          - model: m2
            history:
              - {date: 2025-02-01, status: not-applicable, note: Không có đối tượng}
        """,
    ),
    "data/units/xa-4.yaml": _unit(
        "xa-4",
        "UBND xã 4",
        "people-committee",
        "commune",
        "huyen-2",
        """
        valid_to: 2025-06-30
        successors: [xa-moi-2]
        adoptions:
          - model: m1
            history:
              - {date: 2025-03-01, status: ineffective, note: Thiếu nhân lực}
        """,
    ),
    "data/units/xa-moi-1.yaml": _unit(
        "xa-moi-1", "UBND xã Mới 1", "people-committee", "commune", "tinh-b", NEW
    ),
    "data/units/xa-moi-2.yaml": _unit(
        "xa-moi-2",
        "UBND xã Mới 2",
        "people-committee",
        "commune",
        "tinh-b",
        """
        valid_from: 2025-07-01
        adoptions:
          - model: m2
            history:
              - {date: 2025-09-15, status: planned}
        """,
    ),
    "data/indicators.yaml": textwrap.dedent("""
        - id: ty-le
          name: Tỷ lệ hồ sơ đúng hạn
          unit: percent
        - id: luot
          name: Số lượt phục vụ
          unit: count
    """).lstrip("\n"),
}


def _model(mid: str, title: str, origin: str) -> str:
    return (
        f"id: {mid}\ntitle: {title}\nkind: model\nareas: [administrative-procedures]\n"
        f"origin: {origin}\nsummary: Tóm tắt.\n"
        "history:\n  - {date: 2024-01-01, status: recognized}\n"
    )


MERGER.update({
    "data/models/m1.yaml": _model("m1", "Một cửa liên thông", "xa-1"),
    "data/models/m2.yaml": _model("m2", "Tiếp dân lưu động", "tinh-b"),
    "data/models/m3.yaml": _model("m3", "Số hóa hồ sơ", "snv-b"),
    "data/models/m4.yaml": _model("m4", "Hẹn giờ trả kết quả", "tinh-c"),
    "data/documents/cv-a.yaml": textwrap.dedent("""
        id: cv-a
        type: cong-van
        issuer: tinh-a
        drafter: snv-a
        number: 12
        date: 2025-01-10
        subject: nhân rộng các mô hình cải cách hành chính
        recipients:
          - text: UBND các xã
            select: [{within: tinh-a, level: commune, kind: people-committee}]
        deadline: 2025-06-30
        body:
          - heading: Các mô hình
            models:
              - m1
              - m2
              - model: m3
                implementers:
                  text: UBND các huyện
                  select: [{within: tinh-a, level: district, kind: people-committee}]
              - model: m4
                implementers:
                  text: Các sở
                  select: [{within: tinh-a, level: province, kind: department}]
    """).lstrip("\n"),
    "data/documents/kh-b.yaml": textwrap.dedent("""
        id: kh-b
        type: ke-hoach
        issuer: tinh-b
        number: 45
        date: 2025-08-01
        title: Nhân rộng mô hình năm 2025
        recipients:
          - text: Các sở
            select: [{within: tinh-b, level: province, kind: department}]
        deadline: 2025-12-31
        body:
          - heading: Các mô hình
            models: [m2, m3, m4]
    """).lstrip("\n"),
})  # fmt: skip
