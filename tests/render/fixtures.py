"""A small data repository with one công văn and one kế hoạch, for render tests."""

from __future__ import annotations

FIXTURE = {
    "data/units/ubnd-tinh-a.yaml": """
        id: ubnd-tinh-a
        name: Ủy ban nhân dân tỉnh An Bình
        short_name: UBND tỉnh An Bình
        kind: people-committee
        level: province
        abbreviation: UBND
        locality: An Bình
    """,
    "data/units/so-noi-vu-a.yaml": """
        id: so-noi-vu-a
        name: Sở Nội vụ
        kind: department
        level: province
        parent: ubnd-tinh-a
        abbreviation: SNV
    """,
    "data/units/huyen-b.yaml": """
        id: huyen-b
        name: Ủy ban nhân dân huyện Bình Yên
        short_name: UBND huyện Bình Yên
        kind: people-committee
        level: district
        parent: ubnd-tinh-a
        abbreviation: UBND
        locality: Bình Yên
        valid_to: 2025-06-30
    """,
    "data/units/xa-c.yaml": """
        id: xa-c
        name: Ủy ban nhân dân xã Cát Tiên
        short_name: UBND xã Cát Tiên
        kind: people-committee
        level: commune
        parent: huyen-b
    """,
    "data/models/mot-cua.yaml": """
        id: mot-cua
        title: Một cửa thân thiện
        kind: model
        areas: [administrative-procedures]
        origin: huyen-b
        summary: |
          Bộ phận Một cửa bố trí nước uống, ghế chờ.

          Công chức hướng dẫn tận tình.
        purpose: Tạo sự thoải mái cho người dân.
        requirements: UBND các xã bố trí không gian.
        implementers:
          text: UBND các xã.
          select: [{within: huyen-b, level: commune}]
        monitors:
          text: Phòng Nội vụ.
        basis:
          - number: 12/KH-UBND
            date: 2023-02-05
            issuer: Ủy ban nhân dân Tỉnh
            title: về việc triển khai Mô hình “Một cửa thân thiện”
    """,
    "data/models/luu-dong.yaml": """
        id: luu-dong
        title: Tuyên truyền lưu động
        kind: solution
        areas: [administrative-procedures]
        origin: xa-c
        summary: Tổ lưu động đến từng ấp.
    """,
    "data/documents/cv-nhan-rong.yaml": """
        id: cv-nhan-rong
        type: cong-van
        issuer: ubnd-tinh-a
        drafter: so-noi-vu-a
        number: null
        date: 2023-09
        subject: nhân rộng các mô hình CCHC
        recipients:
          - text: UBND các huyện
            select: [{within: ubnd-tinh-a, level: district, kind: people-committee}]
          - text: UBND các xã
            select: [{within: ubnd-tinh-a, level: commune}]
        body:
          - text: |
              Đoạn mở đầu.
          - heading: Các mô hình
            models: [mot-cua]
            style: summary
          - heading: Các giải pháp
            blocks:
              - heading: "Giải pháp tuyên truyền:"
                models: [luu-dong]
          - heading: Trách nhiệm thực hiện
            blocks:
              - text: |
                  Các cơ quan thực hiện.

                  Đồng thời báo cáo.
              - heading: "Sở Nội vụ:"
                text: |
                  - Theo dõi;
                  - Tổng hợp.
        closing: Yêu cầu nghiêm túc thực hiện./.
        cc: [Như trên (thực hiện), CT và các PCT UBND tỉnh]
        archive: [NC7]
        signer:
          authority: KT
          on_behalf_of: CHỦ TỊCH
          title: PHÓ CHỦ TỊCH
          name: Nguyễn Văn A
    """,
    "data/documents/kh-mo-hinh.yaml": """
        id: kh-mo-hinh
        type: ke-hoach
        issuer: huyen-b
        number: 5
        date: 2024-02-05
        title: Thực hiện các mô hình năm 2024
        basis:
          - number: 114/KH-UBND
            date: 2024-01-11
            issuer: Ủy ban nhân dân huyện
            title: về cải cách hành chính năm 2024
        body:
          - text: Ủy ban nhân dân huyện ban hành Kế hoạch.
          - heading: TRIỂN KHAI MÔ HÌNH
            blocks:
              - text: Tiếp tục thực hiện các mô hình.
            models: [mot-cua]
          - heading: DANH SÁCH
            style: inline
            models: [mot-cua, luu-dong]
        cc: [Sở Nội vụ]
        signer:
          authority: TM
          on_behalf_of: ỦY BAN NHÂN DÂN
          title: CHỦ TỊCH
          name: Trần Văn B
    """,
}
