"""A small data repository whose progress report is computed by hand (tests of `cchc report`).

Quý III năm 2024 (official): 15/6/2024 – 14/9/2024; the previous quarter ends 14/6/2024.

- cv1 (công văn, 2024-02, deadline 2024-06-30) directs m1 to the communes of the province.
- kh2 (kế hoạch, issued 2024-08-01 within the period, deadline 2024-12-31) directs m2 to
  the Sở (m2's own implementers: snv, stp).
- cv3 (dated 2024-10-01, after the period) directs m3: not in force, ignored.
- xa-a3 ceased on 2024-08-31 (not a target at the end of Q3, a target in Q2);
  xa-b1 exists from 2024-07-01 (a target in Q3, not in Q2).
- xa-a1 became effective on 2024-09-14, the last day; xa-a2 becomes implementing on
  2024-09-15, the day after (still planned at the end).
"""

from __future__ import annotations

import textwrap

FIXTURE: dict[str, str] = {
    "data/units/tinh.yaml": """
        id: tinh
        name: Ủy ban nhân dân tỉnh T
        short_name: UBND tỉnh
        kind: people-committee
        level: province
        abbreviation: UBND
        locality: T
    """,
    "data/units/snv.yaml": """
        id: snv
        name: Sở Nội vụ tỉnh T
        short_name: Sở Nội vụ
        kind: department
        level: province
        parent: tinh
        abbreviation: SNV
        adoptions:
          - model: m2
            history:
              - {date: 2024-08-15, status: implementing}
            results:
              - indicator: so-luot-tiep-dan
                to: 2024-08-31
                value: 120
    """,
    "data/units/stp.yaml": """
        id: stp
        name: Sở Tư pháp tỉnh T
        short_name: Sở Tư pháp
        kind: department
        level: province
        parent: tinh
    """,
    "data/units/huyen-a.yaml": """
        id: huyen-a
        name: Ủy ban nhân dân huyện A
        short_name: UBND huyện A
        kind: people-committee
        level: district
        parent: tinh
        valid_to: 2025-06-30
    """,
    "data/units/huyen-b.yaml": """
        id: huyen-b
        name: Ủy ban nhân dân huyện B
        short_name: UBND huyện B
        kind: people-committee
        level: district
        parent: tinh
        valid_to: 2025-06-30
    """,
    "data/units/xa-a1.yaml": """
        id: xa-a1
        name: Ủy ban nhân dân xã A1
        short_name: UBND xã A1
        kind: people-committee
        level: commune
        parent: huyen-a
        adoptions:
          - model: m1
            history:
              - {date: 2024-03-01, status: implementing}
              - {date: 2024-09-14, status: effective}
            results:
              - indicator: ty-le-ho-so-dung-han
                from: 2024-03-01
                to: 2024-09-14
                numerator: 744
                denominator: 747
    """,
    "data/units/xa-a2.yaml": """
        id: xa-a2
        name: Ủy ban nhân dân xã A2
        short_name: UBND xã A2
        kind: people-committee
        level: commune
        parent: huyen-a
        adoptions:
          - model: m1
            history:
              - {date: 2024-05-01, status: planned}
              - {date: 2024-09-15, status: implementing}
            results:
              - indicator: so-luot-tiep-dan
                to: 2024-09-30
                value: 2454
    """,
    "data/units/xa-a3.yaml": """
        id: xa-a3
        name: Ủy ban nhân dân xã A3
        short_name: UBND xã A3
        kind: people-committee
        level: commune
        parent: huyen-a
        valid_to: 2024-08-31
        adoptions:
          - model: m1
            history:
              - {date: 2024-03-01, status: effective}
    """,
    "data/units/xa-b1.yaml": """
        id: xa-b1
        name: Ủy ban nhân dân xã B1
        short_name: UBND xã B1
        kind: people-committee
        level: commune
        parent: huyen-b
        valid_from: 2024-07-01
    """,
    "data/units/xa-b2.yaml": """
        id: xa-b2
        name: Ủy ban nhân dân xã B2
        short_name: UBND xã B2
        kind: people-committee
        level: commune
        parent: huyen-b
        adoptions:
          - model: m1
            history:
              - {date: 2024-06-01, status: ineffective}
    """,
    "data/models/m1.yaml": """
        id: m1
        title: Một cửa thân thiện
        kind: model
        areas: [administrative-procedures]
        origin: xa-a1
        summary: Bộ phận Một cửa đón tiếp, hướng dẫn người dân tận tình.
        history:
          - {date: 2024-01-10, status: recognized}
    """,
    "data/models/m2.yaml": """
        id: m2
        title: Bộ phận tiếp dân
        kind: solution
        areas: [administrative-procedures]
        origin: snv
        summary: Tiếp dân theo lịch cố định.
        implementers:
          text: Sở Nội vụ, Sở Tư pháp
          select: [{units: [snv, stp]}]
        history:
          - {date: 2023-05-01, status: recognized}
    """,
    "data/models/m3.yaml": """
        id: m3
        title: Số hóa hồ sơ
        kind: initiative
        areas: [digital-government]
        origin: xa-a1
        summary: Số hóa hồ sơ khi tiếp nhận.
        history:
          - {date: 2024-07-01, status: proposed}
    """,
    "data/documents/cv1.yaml": """
        id: cv1
        type: cong-van
        issuer: tinh
        drafter: snv
        number: 12
        date: 2024-02
        subject: nhân rộng mô hình Một cửa thân thiện
        recipients:
          - text: UBND các xã
            select: [{within: tinh, level: commune, kind: people-committee}]
        deadline: 2024-06-30
        body:
          - heading: Mô hình nhân rộng
            models: [m1]
    """,
    "data/documents/kh2.yaml": """
        id: kh2
        type: ke-hoach
        issuer: tinh
        drafter: snv
        number: 45
        date: 2024-08-01
        title: Nhân rộng giải pháp Bộ phận tiếp dân
        recipients:
          - text: Các sở
            select: [{within: tinh, level: province, kind: department}]
        deadline: 2024-12-31
        body:
          - heading: Giải pháp
            models: [m2]
    """,
    "data/documents/cv3.yaml": """
        id: cv3
        type: cong-van
        issuer: tinh
        drafter: snv
        number: 99
        date: 2024-10-01
        subject: thí điểm Số hóa hồ sơ
        recipients:
          - text: UBND các xã
            select: [{within: tinh, level: commune}]
        body:
          - heading: Sáng kiến
            models: [m3]
    """,
    "data/indicators.yaml": """
        - id: ty-le-ho-so-dung-han
          name: Tỷ lệ hồ sơ giải quyết đúng và trước hạn
          unit: percent
        - id: so-luot-tiep-dan
          name: Số lượt tiếp dân
          unit: count
    """,
}


def fixture_files() -> dict[str, str]:
    return {path: textwrap.dedent(text).lstrip("\n") for path, text in FIXTURE.items()}
