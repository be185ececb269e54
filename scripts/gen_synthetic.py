#!/usr/bin/env python3
"""Generate a synthetic cchc data repository (FORMAT.md, version 1) for benchmarks.

    python scripts/gen_synthetic.py --scale national --out bench-data/national
    python scripts/gen_synthetic.py --scale province --out bench-data/province --seed 7

The output is deterministic for a given seed and set of options, valid by FORMAT.md
(no errors; the lint rules that depend only on the data are avoided as well), and written
with string templates rather than a YAML dumper so that the national scale (4,000 units
with 30 adoption records each, 2,000 models) takes seconds.

Shape of the generated repository, per province:

- the provincial people's committee (level province), ten departments (Văn phòng UBND and
  Sở), one agency (Trung tâm Phục vụ hành chính công) and one organization (Bưu điện);
- districts (level district, ``valid_to: 2025-06-30``) with two departments each, and
  the communes that existed before the 2025 reform below them (same ``valid_to``, with
  ``successors``);
- the communes of the two-tier government, directly below the province. They carry no
  ``valid_from`` because their adoption records start in 2022 (a record dated before a
  unit existed is lint L009);
- two documents: a công văn (2023) and a kế hoạch (2024) that cite about 20 models each.

Every model is adopted by at least one unit (lint L005); a unit targeted by a document
with a deadline never stays ``planned`` for that model (lint L007). Adoption events fall
between 2022-01-01 and ``--end`` (default 2025-06-14, the cut-off of the 6-month report).
Text avoids ``!``, ``&`` and ``*`` except in a few model files, where "HĐND&UBND" is
written as users write it (those bytes send a file through the slower tag/anchor scan).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MARKER = ".cchc-synthetic.json"

SCALES: dict[str, dict[str, int]] = {
    "national": {"units": 4000, "models": 2000, "adoptions": 30, "provinces": 34},
    "province": {"units": 150, "models": 300, "adoptions": 10, "provinces": 1},
}

START = date(2022, 1, 1)
DEFAULT_END = date(2025, 6, 14)
REFORM_END = "2025-06-30"  # last day of districts and of the communes they held


def nfc(items: Sequence[str]) -> list[str]:
    return [unicodedata.normalize("NFC", item) for item in items]


# --- vocabulary ----------------------------------------------------------------------

#: The 34 provinces and cities of the two-tier government (2025); the first word says
#: whether the people's committee is "tỉnh" or "thành phố".
PROVINCES = nfc(
    [
        "tỉnh Đồng Tháp",
        "tỉnh Lai Châu",
        "tỉnh Điện Biên",
        "tỉnh Sơn La",
        "tỉnh Lạng Sơn",
        "tỉnh Quảng Ninh",
        "tỉnh Thanh Hóa",
        "tỉnh Nghệ An",
        "tỉnh Hà Tĩnh",
        "tỉnh Cao Bằng",
        "tỉnh Tuyên Quang",
        "tỉnh Lào Cai",
        "tỉnh Thái Nguyên",
        "tỉnh Phú Thọ",
        "tỉnh Bắc Ninh",
        "tỉnh Hưng Yên",
        "tỉnh Ninh Bình",
        "tỉnh Quảng Trị",
        "tỉnh Quảng Ngãi",
        "tỉnh Gia Lai",
        "tỉnh Khánh Hòa",
        "tỉnh Lâm Đồng",
        "tỉnh Đắk Lắk",
        "tỉnh Đồng Nai",
        "tỉnh Tây Ninh",
        "tỉnh Vĩnh Long",
        "tỉnh Cà Mau",
        "tỉnh An Giang",
        "thành phố Hà Nội",
        "thành phố Huế",
        "thành phố Hải Phòng",
        "thành phố Đà Nẵng",
        "thành phố Hồ Chí Minh",
        "thành phố Cần Thơ",
    ]
)

SYLLABLES = nfc(
    [
        "An",
        "Bình",
        "Phú",
        "Thạnh",
        "Hòa",
        "Tân",
        "Long",
        "Đông",
        "Tây",
        "Nam",
        "Bắc",
        "Hưng",
        "Thịnh",
        "Phước",
        "Lộc",
        "Mỹ",
        "Vĩnh",
        "Xuân",
        "Thuận",
        "Thanh",
        "Quang",
        "Hải",
        "Sơn",
        "Trung",
        "Đức",
        "Hiệp",
        "Lợi",
        "Hà",
        "Kim",
        "Ngọc",
        "Cát",
        "Thái",
        "Bảo",
        "Gia",
        "Khánh",
        "Định",
        "Hồng",
        "Lạc",
        "Lâm",
        "Minh",
        "Nghĩa",
        "Phong",
        "Quý",
        "Tiến",
        "Trường",
        "Yên",
        "Châu",
        "Điền",
        "Đồng",
        "Giang",
        "Hậu",
        "Hiếu",
        "Hội",
        "Hợp",
        "Khê",
        "Lập",
        "Linh",
        "Lương",
        "Mai",
        "Nhơn",
        "Ninh",
        "Phụng",
        "Phúc",
        "Quới",
        "Tài",
        "Tâm",
        "Thắng",
        "Thạch",
        "Thọ",
        "Thới",
        "Thủy",
        "Tiên",
        "Tín",
        "Trà",
        "Trí",
        "Tường",
        "Uyên",
        "Vân",
        "Việt",
        "Cường",
        "Dương",
        "Hoàng",
        "Khương",
        "Liên",
        "Nhân",
        "Quế",
        "Sa",
        "Tú",
        "Vọng",
        "Xương",
        "Chánh",
        "Đạo",
        "Cẩm",
        "Diên",
        "Hưởng",
        "Kiến",
        "Mậu",
        "Nhuận",
        "Phổ",
        "Sông",
        "Tịnh",
    ]
)
SUFFIXES = nfc(["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ"])

PROVINCE_OFFICES = nfc(
    [
        # (kind, name prefix, short name, abbreviation)
        "department|Văn phòng Ủy ban nhân dân|Văn phòng UBND|VP",
        "department|Sở Nội vụ|Sở Nội vụ|SNV",
        "department|Sở Tư pháp|Sở Tư pháp|STP",
        "department|Sở Tài chính|Sở Tài chính|STC",
        "department|Sở Khoa học và Công nghệ|Sở Khoa học và Công nghệ|SKHCN",
        "department|Sở Y tế|Sở Y tế|SYT",
        "department|Sở Giáo dục và Đào tạo|Sở Giáo dục và Đào tạo|SGDĐT",
        "department|Sở Xây dựng|Sở Xây dựng|SXD",
        "department|Sở Nông nghiệp và Môi trường|Sở Nông nghiệp và Môi trường|SNNMT",
        "department|Sở Công Thương|Sở Công Thương|SCT",
        "agency|Trung tâm Phục vụ hành chính công|Trung tâm Phục vụ hành chính công|TTPVHCC",
        "organization|Bưu điện|Bưu điện|BĐ",
    ]
)
DISTRICT_OFFICES = nfc(
    [
        "Phòng Nội vụ|PNV",
        "Văn phòng HĐND và UBND|VP",
    ]
)

#: Model titles are concept + domain + qualifier, chosen as a Latin square
#: (concept = (domain + qualifier) mod len(CONCEPTS)), so two titles share at most one of
#: the three parts and are never near-duplicates (lint L008).
CONCEPTS = nfc(
    [
        "Một cửa thân thiện",
        "Một cửa liên thông điện tử",
        "Dịch vụ công trực tuyến toàn trình",
        "Chữ ký số cá nhân",
        "Không gian hành chính phục vụ",
        "Số hóa hồ sơ, kết quả giải quyết",
        "Thanh toán trực tuyến phí, lệ phí",
        "Tổ công nghệ số cộng đồng",
        "Tiếp nhận hồ sơ lưu động",
        "Trả kết quả tại nhà",
        "Ngày thứ Bảy vì dân",
        "Cà phê doanh nhân",
        "Đối thoại trực tiếp với người dân",
        "Hẹn giờ giải quyết thủ tục",
        "Phiếu đánh giá sự hài lòng điện tử",
        "Camera giám sát bộ phận một cửa",
        "Kiosk tra cứu thủ tục hành chính",
        "Mã QR tra cứu hồ sơ",
        "Định danh điện tử VNeID",
        "Liên thông khai sinh, thường trú, bảo hiểm y tế",
        "Bưu điện tiếp nhận hồ sơ",
        "Hỗ trợ nộp hồ sơ trực tuyến",
        "Chính quyền thân thiện",
        "Văn phòng không giấy",
        "Họp trực tuyến không giấy tờ",
        "Cơ sở dữ liệu hộ tịch điện tử",
        "Nhắn tin thông báo kết quả",
        "Tổng đài hỗ trợ thủ tục hành chính",
        "Công khai tiến độ giải quyết hồ sơ",
        "Chấm điểm công chức một cửa",
        "Xin lỗi người dân khi trễ hẹn",
        "Tiếp công dân trực tuyến",
        "Bản đồ số dịch vụ hành chính",
        "Sổ tay thủ tục hành chính điện tử",
        "Trợ lý ảo giải đáp thủ tục",
        "Chứng thực bản sao điện tử",
        "Ví điện tử an sinh xã hội",
        "Hộp thư góp ý điện tử",
        "Giao ban trực tuyến cải cách hành chính",
        "Quản lý văn bản điều hành liên thông",
        "Khoán chi hành chính",
        "Tự chủ tài chính đơn vị sự nghiệp",
        "Tinh gọn đầu mối bộ phận",
        "Luân chuyển công chức tiếp dân",
        "Rà soát, đơn giản hóa thủ tục",
        "Tủ hồ sơ thông minh",
        "Phòng họp không giấy",
        "Sổ hộ tịch số",
        "Thư viện văn bản pháp luật số",
        "Bảng điện tử xếp hàng tự động",
        "Giải quyết thủ tục hành chính lưu động",
        "Gộp thủ tục hành chính liên quan",
        "Lãnh đạo gặp gỡ người dân",
        "Tờ rơi tuyên truyền dịch vụ công",
        "Thư chúc mừng, thư chia buồn",
        "Ngày thứ Ba nhanh chóng",
        "Hòm thư phản ánh kiến nghị",
        "Biên nhận hồ sơ điện tử",
        "Sổ theo dõi hồ sơ điện tử",
        "Điểm hỗ trợ dịch vụ công tự phục vụ",
    ]
)
DOMAINS = nfc(
    [
        "lĩnh vực đất đai",
        "về hộ tịch",
        "trong đăng ký kinh doanh",
        "cấp phép xây dựng",
        "về bảo trợ xã hội",
        "ngành tư pháp",
        "về thuế",
        "giới thiệu việc làm",
        "ngành y tế",
        "ngành giáo dục",
        "lĩnh vực nông nghiệp",
        "về môi trường",
        "về giao thông vận tải",
        "lĩnh vực công thương",
        "ngành văn hóa",
        "về chứng thực",
        "đăng ký cư trú",
        "chính sách người có công",
        "chi trả lương hưu",
        "quản lý tài chính công",
        "cho người cao tuổi",
        "cho hộ kinh doanh",
        "cho doanh nghiệp nhỏ và vừa",
        "cho đồng bào dân tộc thiểu số",
        "cho người khuyết tật",
        "cho thanh niên",
        "cho phụ nữ",
        "cho hộ nghèo",
        "cho người lao động",
        "cho nông dân",
        "cho học sinh, sinh viên",
        "cho cựu chiến binh",
        "cho hợp tác xã",
        "cho người ở xa",
        "cho ngư dân",
        "cho gia đình chính sách",
        "cho trẻ em dưới 6 tuổi",
        "cho người nước ngoài",
        "cho nhà đầu tư",
        "cho tổ chức tôn giáo",
    ]
)
QUALIFIERS = nfc(
    [
        "gắn với chuyển đổi số",
        "qua ứng dụng Zalo",
        "tại nhà văn hóa ấp",
        "ngoài giờ hành chính",
        "không hẹn ngày trả",
        "trong ngày làm việc",
        "có đánh giá sau giải quyết",
        "với Đoàn Thanh niên tham gia",
        "theo phương châm bốn tại chỗ",
        "bằng mã QR",
        "qua tổng đài hỗ trợ",
        "trên nền tảng di động",
        "có phiếu hẹn điện tử",
        "gắn với thi đua khen thưởng",
        "với hướng dẫn viên tình nguyện",
        "theo cụm liên xã",
        "vào ngày cuối tuần",
        "ở vùng sâu, vùng xa",
        "với nhân viên bưu điện",
        "qua Cổng Dịch vụ công quốc gia",
        "phối hợp Hội Liên hiệp Phụ nữ",
        "kết hợp tuyên truyền pháp luật",
        "gắn với xây dựng nông thôn mới",
        "theo tiêu chí xanh, sạch, đẹp",
        "có công an xã hỗ trợ",
        "với cán bộ phụ trách địa bàn",
        "theo lịch cố định hằng tuần",
        "có ghi âm, ghi hình",
        "lấy người dân làm trung tâm",
        "bằng tiếng dân tộc",
        "với biểu mẫu điền sẵn",
        "qua điểm bưu điện văn hóa xã",
        "kết nối ngân hàng",
        "có tin nhắn nhắc hạn",
        "với đường dây nóng",
        "phối hợp nhà trường",
        "ở phiên chợ quê",
        "trong giờ nghỉ trưa của công nhân",
        "lồng ghép khám sức khỏe định kỳ",
        "ở các làng chài ven biển",
        "tại nhà người dân",
        "trên xe lưu động",
        "theo nhóm Zalo khu phố",
        "với chatbot trả lời tự động",
        "có bảng theo dõi công khai",
        "qua loa truyền thanh cơ sở",
        "do tổ tự quản thực hiện",
        "gắn với chấm điểm hằng tháng",
        "theo quy trình năm bước",
        "có hỗ trợ phí bưu chính",
        "với camera thông minh",
        "theo khung giờ vàng",
    ]
)

AREAS = [
    "administrative-procedures",
    "digital-government",
    "institutions",
    "organization",
    "civil-service",
    "public-finance",
]
AREA_WEIGHTS = [40, 30, 8, 8, 8, 6]
KIND_WORDS = {"model": "Mô hình", "solution": "Giải pháp", "initiative": "Sáng kiến"}
TAGS = [
    "mot-cua",
    "chuyen-doi-so",
    "dich-vu-cong",
    "chu-ky-so",
    "so-hoa",
    "nhan-rong",
    "ho-tro-nguoi-dan",
    "cong-vu",
]

INDICATORS: list[tuple[str, str, str, bool]] = [
    (iid, unicodedata.normalize("NFC", name), unit, higher)
    for iid, name, unit, higher in [
        ("ty-le-ho-so-dung-han", "Tỷ lệ hồ sơ giải quyết đúng và trước hạn", "percent", True),
        ("ty-le-hai-long", "Tỷ lệ người dân, doanh nghiệp hài lòng", "percent", True),
        ("ty-le-ho-so-truc-tuyen-toan-trinh", "Tỷ lệ hồ sơ trực tuyến toàn trình", "percent", True),
        ("ty-le-ho-so-so-hoa", "Tỷ lệ hồ sơ được số hóa khi tiếp nhận", "percent", True),
        ("ty-le-thanh-toan-truc-tuyen", "Tỷ lệ hồ sơ thanh toán phí trực tuyến", "percent", True),
        ("ty-le-ho-so-tre-han", "Tỷ lệ hồ sơ giải quyết trễ hạn", "percent", False),
        ("so-nguoi-cai-chu-ky-so", "Số người được hỗ trợ cài đặt chữ ký số", "count", True),
        ("so-tai-khoan-dinh-danh", "Số tài khoản định danh điện tử được kích hoạt", "count", True),
        ("so-luot-ho-tro", "Số lượt người dân được hỗ trợ", "count", True),
        ("so-phan-anh-kien-nghi", "Số phản ánh, kiến nghị về thủ tục hành chính", "count", False),
    ]
]
INDICATOR_UNIT = {iid: unit for iid, _, unit, _ in INDICATORS}
INDICATOR_HIGHER = {iid: higher for iid, _, _, higher in INDICATORS}
INDICATOR_IDS = [iid for iid, _, _, _ in INDICATORS]

SURNAMES = nfc(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
    ]
)
MIDDLE_NAMES = nfc(["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc", "Hoàng"])
GIVEN_NAMES = nfc(
    [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hùng",
        "Lan",
        "Mai",
        "Nam",
        "Phương",
        "Sơn",
        "Thông",
        "Tuấn",
        "Hà",
        "Hạnh",
        "Long",
        "Trung",
        "Thảo",
        "Vinh",
    ]
)

OPENINGS = nfc(
    [
        "{K} “{t}” do {o} xây dựng và áp dụng từ năm {y}.",
        "{K} “{t}” được {o} triển khai thí điểm từ năm {y}, sau đó áp dụng chính thức.",
        "Từ năm {y}, {o} triển khai {k} “{t}” nhằm tạo thuận lợi cho người dân, doanh nghiệp "
        "khi thực hiện thủ tục hành chính.",
        "{K} “{t}” ra đời từ thực tế tiếp nhận, giải quyết hồ sơ tại {o} trong năm {y}.",
    ]
)
CONTENT = nfc(
    [
        "Công chức Bộ phận tiếp nhận và trả kết quả hướng dẫn tận tình, đầy đủ thành phần hồ sơ "
        "ngay từ lần đầu, tránh để người dân phải đi lại nhiều lần.",
        "Đơn vị bố trí bàn hướng dẫn, máy tính, máy quét và đường truyền để người dân tự nộp hồ "
        "sơ trực tuyến dưới sự hỗ trợ của công chức.",
        "Hồ sơ được số hóa ngay khi tiếp nhận, kết quả giải quyết được lưu trữ điện tử để tái sử "
        "dụng cho các lần sau.",
        "Người dân được thông báo tiến độ giải quyết hồ sơ qua tin nhắn và có thể tra cứu trên "
        "Cổng Dịch vụ công của tỉnh.",
        "Mỗi tháng đơn vị tổng hợp ý kiến đánh giá của người dân để điều chỉnh cách phục vụ.",
        "Trường hợp hồ sơ trễ hạn, đơn vị gửi thư xin lỗi và hẹn lại thời gian trả kết quả cụ thể.",
        "Đoàn viên thanh niên được phân công hỗ trợ người cao tuổi cài đặt và sử dụng ứng dụng "
        "định danh điện tử.",
        "Lãnh đạo đơn vị trực tiếp kiểm tra, đôn đốc việc giải quyết hồ sơ vào đầu giờ mỗi sáng "
        "thứ Hai.",
        "Quy trình nội bộ được rút gọn, giảm ít nhất một bước trung gian so với quy định.",
        "Các biểu mẫu được điền sẵn thông tin từ Cơ sở dữ liệu quốc gia về dân cư, người dân chỉ "
        "cần kiểm tra và ký xác nhận.",
        "Phí, lệ phí được thanh toán trực tuyến qua ngân hàng hoặc ví điện tử, không phải nộp "
        "tiền mặt.",
        "Kết quả giải quyết được chuyển trả qua dịch vụ bưu chính công ích đến tận nhà người dân.",
        "Đơn vị công khai số điện thoại đường dây nóng để tiếp nhận phản ánh, kiến nghị về thái "
        "độ phục vụ của công chức.",
        "Thông tin về thủ tục hành chính được niêm yết đầy đủ, rõ ràng tại trụ sở và trên trang "
        "thông tin điện tử.",
        "Tổ công nghệ số cộng đồng ở thôn, ấp, khu phố hỗ trợ người dân tạo tài khoản và nộp hồ "
        "sơ trực tuyến.",
        "Việc giải quyết hồ sơ được gắn với đánh giá, xếp loại công chức hằng tháng.",
    ]
)
BULLETS = nfc(
    [
        "Giảm thời gian chờ đợi của người dân tại Bộ phận Một cửa;",
        "Tăng tỷ lệ hồ sơ nộp trực tuyến toàn trình;",
        "Không để hồ sơ trễ hạn, tồn đọng;",
        "Nâng cao mức độ hài lòng của người dân, doanh nghiệp;",
        "Tiết kiệm chi phí đi lại, in ấn giấy tờ;",
        "Công khai, minh bạch quá trình giải quyết hồ sơ;",
        "Nâng cao kỹ năng số của người dân;",
        "Tăng cường trách nhiệm của công chức trong thực thi công vụ;",
        "Giảm số lượng hồ sơ phải bổ sung, điều chỉnh;",
    ]
)
RESULT_LINES = nfc(
    [
        "Qua {n} tháng triển khai, đơn vị đã tiếp nhận {a} hồ sơ, trong đó {b} hồ sơ được giải "
        "quyết đúng và trước hạn.",
        "Sau {n} tháng áp dụng, đã hỗ trợ {a} lượt người dân; không có phản ánh, kiến nghị về "
        "thái độ phục vụ.",
        "Kết quả khảo sát sau {n} tháng cho thấy {b} trên {a} người được hỏi hài lòng với cách "
        "phục vụ mới.",
    ]
)
PURPOSES = nfc(
    [
        "Cụ thể hóa nhiệm vụ cải cách hành chính của địa phương; tạo chuyển biến rõ nét về tinh "
        "thần, thái độ phục vụ của cán bộ, công chức.",
        "Nhân rộng cách làm hay đã được kiểm chứng trong thực tiễn, góp phần nâng cao Chỉ số hài "
        "lòng về sự phục vụ hành chính.",
        "Đẩy mạnh chuyển đổi số trong tiếp nhận, giải quyết thủ tục hành chính, giảm chi phí tuân "
        "thủ cho người dân, doanh nghiệp.",
    ]
)
REQUIREMENTS = nfc(
    [
        "Triển khai đồng bộ, tiết kiệm, phù hợp với điều kiện thực tế của từng cơ quan, đơn vị; "
        "định kỳ báo cáo kết quả thực hiện.",
        "Phân công rõ người phụ trách, thời gian hoàn thành; lồng ghép với nhiệm vụ chuyên môn, "
        "không phát sinh thủ tục mới.",
    ]
)
SCHEDULES = nfc(
    [
        "Định kỳ sáng thứ Hai hằng tuần, từ 10 đến 11 giờ",
        "Sáng thứ Bảy hằng tuần",
        "Ngày 15 hằng tháng",
        "Trong giờ hành chính các ngày làm việc",
    ]
)
DIFFICULTIES = nfc(
    [
        "Một số người dân lớn tuổi chưa có điện thoại thông minh.",
        "Đường truyền Internet tại trụ sở đôi khi chập chờn, ảnh hưởng đến việc tiếp nhận hồ sơ "
        "trực tuyến.",
        "Kinh phí trang bị thiết bị còn hạn chế.",
        "Công chức kiêm nhiệm nhiều việc nên thời gian hỗ trợ người dân chưa nhiều.",
        "Người dân còn thói quen nộp hồ sơ giấy trực tiếp.",
        "Phần mềm một cửa điện tử chưa kết nối đầy đủ với cơ sở dữ liệu chuyên ngành.",
        "Địa bàn rộng, dân cư phân tán, đi lại khó khăn vào mùa mưa.",
        "Chưa có hướng dẫn cụ thể về định mức chi cho hoạt động hỗ trợ.",
    ]
)
NOTES: dict[str, list[str]] = {
    "planned": nfc(
        [
            "Đã ban hành kế hoạch triển khai",
            "Đưa vào kế hoạch cải cách hành chính năm {y}",
            "Đang chuẩn bị trang thiết bị",
        ]
    ),
    "implementing": nfc(
        [
            "Triển khai từ tháng {m}/{y}",
            "Bắt đầu áp dụng tại Bộ phận Một cửa",
            "Đã tập huấn cho công chức",
        ]
    ),
    "effective": nfc(
        [
            "{a}/{b} hồ sơ đúng và trước hạn",
            "Người dân đánh giá hài lòng",
            "Được Chủ tịch UBND khen thưởng",
            "Duy trì ổn định",
        ]
    ),
    "ineffective": nfc(
        ["Ít người dân sử dụng", "Chưa bố trí được nhân lực", "Thiết bị hư hỏng chưa được thay thế"]
    ),
    "suspended": nfc(["Tạm dừng do sắp xếp đơn vị hành chính", "Tạm dừng để nâng cấp phần mềm"]),
    "not-applicable": nfc(
        [
            "Địa phương không có đối tượng áp dụng",
            "Không phù hợp điều kiện thực tế của đơn vị",
            "Đơn vị không tiếp nhận thủ tục hành chính thuộc lĩnh vực này",
            "Trùng với mô hình đơn vị đang thực hiện",
        ]
    ),
}
#: Adoption histories (status sequences) and their weights.
PATTERNS: list[tuple[tuple[str, ...], int]] = [
    (("planned",), 6),
    (("implementing",), 10),
    (("planned", "implementing"), 12),
    (("implementing", "effective"), 18),
    (("planned", "implementing", "effective"), 20),
    (("effective",), 8),
    (("implementing", "ineffective"), 6),
    (("planned", "implementing", "ineffective"), 4),
    (("implementing", "suspended"), 3),
    (("implementing", "effective", "suspended"), 2),
    (("not-applicable",), 5),
    (("planned", "not-applicable"), 2),
]
#: For a unit targeted by a document with a deadline: never left at "planned" (lint L007).
TARGET_PATTERNS = [(p, w) for p, w in PATTERNS if "planned" not in p]


# --- helpers -------------------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 80) -> str:
    """An id from a Vietnamese name: no diacritics, đ → d, kebab-case, at most `limit`."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit]
        slug = slug[: slug.rfind("-")] if "-" in slug else slug
    return slug


_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`0123456789+.~ ")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "y", "n", "null", "~"}


def scalar(text: str) -> str:
    """`text` as a YAML scalar in block context: plain when safe, else double-quoted."""
    if (
        text
        and text[0] not in _PLAIN_UNSAFE_START
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
        and "\n" not in text
        and text.lower() not in _RESERVED
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int) -> str:
    """`text` as a literal block scalar (`|`) whose lines are indented by `indent`."""
    pad = " " * indent
    lines = [pad + line if line else "" for line in text.split("\n")]
    return "|\n" + "\n".join(lines)


def upper(text: str) -> str:
    return unicodedata.normalize("NFC", text.upper())


@dataclass
class Unit:
    id: str
    name: str
    short_name: str
    kind: str
    level: str
    province: str  # id of the province people's committee it belongs to (not written)
    parent: str | None = None
    abbreviation: str | None = None
    locality: str | None = None
    letterhead: list[str] | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    successors: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


@dataclass
class Province:
    unit: Unit
    place: str  # "Đồng Tháp"
    kind_word: str  # "tỉnh" or "thành phố"
    slug: str  # "dong-thap"
    offices: dict[str, Unit] = field(default_factory=dict)  # abbreviation -> unit
    communes: list[Unit] = field(default_factory=list)


@dataclass
class Model:
    id: str
    title: str
    kind: str
    origin: Unit
    indicators: list[str]
    has_implementers: bool


class Generator:
    def __init__(
        self, *, units: int, models: int, adoptions: int, provinces: int, seed: int, end: date
    ) -> None:
        self.n_units = units
        self.n_models = models
        self.n_adoptions = min(adoptions, models)
        self.n_provinces = max(1, min(provinces, units))
        self.rng = random.Random(seed)
        self.start_ord = START.toordinal()
        self.end_ord = end.toordinal()
        if self.end_ord <= self.start_ord + 60:
            raise SystemExit("--end must be at least two months after 2022-01-01")
        self.dates = [
            date.fromordinal(o).isoformat()
            for o in range(self.start_ord - 4000, self.end_ord + 800)
        ]
        self.date_base = self.start_ord - 4000
        self.used_places: set[str] = set()
        self.units: list[Unit] = []
        self.provinces: list[Province] = []
        self.models: list[Model] = []
        self.targets: set[tuple[str, str]] = set()  # (province id, model id) with a deadline
        self.documents: list[str] = []  # rendered document texts, by id below
        self.document_ids: list[str] = []
        self.district_names: dict[str, tuple[str, str]] = {}  # id -> (kind word, place)
        self.province_index: dict[str, Province] = {}

    # -- dates and names --

    def iso(self, ordinal: int) -> str:
        return self.dates[ordinal - self.date_base]

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(SURNAMES)} {r.choice(MIDDLE_NAMES)} {r.choice(GIVEN_NAMES)}"

    def place(self) -> str:
        r = self.rng
        for attempt in range(10_000):
            name = f"{r.choice(SYLLABLES)} {r.choice(SYLLABLES)}"
            if attempt > 200 or r.random() < 0.12:
                name += f" {r.choice(SUFFIXES)}"
            words = name.split()
            if len(set(words)) != len(words):
                continue
            slug = slugify(name)
            if slug not in self.used_places:
                self.used_places.add(slug)
                return name
        raise SystemExit("ran out of place names")

    # -- units --

    def build_units(self) -> None:
        names = list(PROVINCES)
        self.rng.shuffle(names)
        while len(names) < self.n_provinces:
            names.append(f"tỉnh {self.place()}")
        for name in names:
            self.used_places.add(slugify(name.removeprefix("tỉnh ").removeprefix("thành phố ")))
        base, extra = divmod(self.n_units, self.n_provinces)
        for i in range(self.n_provinces):
            self.build_province(names[i], base + (1 if i < extra else 0))

    def build_province(self, full: str, budget: int) -> None:
        r = self.rng
        kind_word, place = (
            ("thành phố", full.removeprefix("thành phố "))
            if full.startswith("thành phố")
            else ("tỉnh", full.removeprefix("tỉnh "))
        )
        short = f"UBND {kind_word} {place}"
        head = Unit(
            id=slugify(short),
            name=f"Ủy ban nhân dân {kind_word} {place}",
            short_name=short,
            kind="people-committee",
            level="province",
            province="",
            abbreviation="UBND",
            locality=place,
            letterhead=["ỦY BAN NHÂN DÂN", upper(f"{kind_word} {place}")],
        )
        head.province = head.id
        prov = Province(unit=head, place=place, kind_word=kind_word, slug=slugify(place))
        self.provinces.append(prov)
        made = [head]
        for spec in PROVINCE_OFFICES:
            if len(made) >= budget:
                break
            kind, prefix, short_name, abbr = spec.split("|")
            name = f"{prefix} {kind_word} {place}"
            if prefix == "Văn phòng Ủy ban nhân dân":
                short_name = f"Văn phòng UBND {kind_word}"
            unit = Unit(
                id=slugify(name),
                name=name,
                short_name=short_name,
                kind=kind,
                level="province",
                province=head.id,
                parent=None if kind == "organization" else head.id,
                abbreviation=abbr,
            )
            if r.random() < 0.5:
                unit.letterhead = [upper(f"UBND {kind_word} {place}"), upper(short_name)]
            if r.random() < 0.3:
                unit.owners = [f"@so-noi-vu/{prov.slug}"]
            prov.offices[abbr] = unit
            made.append(unit)
        rest = budget - len(made)
        if rest > 0:
            n_districts = max(1, round(rest / 15)) if rest >= 8 else 0
            n_district_offices = 2 if rest >= 30 else 0
            n_communes = rest - n_districts * (1 + n_district_offices)
            n_old = round(n_communes * 2 / 3) if n_districts else 0
            n_new = n_communes - n_old
            new_communes = [self.commune(prov, None, new=True) for _ in range(n_new)]
            districts = [self.district(prov) for _ in range(n_districts)]
            for d in districts:
                dtype, dplace = self.district_names[d.id]
                for office in DISTRICT_OFFICES[:n_district_offices]:
                    prefix, abbr = office.split("|")
                    name = f"{prefix} {dtype} {dplace}"
                    made.append(
                        Unit(
                            id=slugify(name),
                            name=name,
                            short_name=prefix,
                            kind="department",
                            level="district",
                            province=head.id,
                            parent=d.id,
                            abbreviation=abbr,
                            valid_to=REFORM_END,
                        )
                    )
            old_communes = []
            for i in range(n_old):
                parent = districts[i % n_districts]
                unit = self.commune(prov, parent, new=False)
                if new_communes:
                    unit.successors = [new_communes[(i // 2) % len(new_communes)].id]
                old_communes.append(unit)
            for d in districts:
                succ = sorted({s for c in old_communes if c.parent == d.id for s in c.successors})
                d.successors = succ[:6]
            made += districts + old_communes + new_communes
            prov.communes = old_communes + new_communes
        self.units += made

    def district(self, prov: Province) -> Unit:
        r = self.rng
        place = self.place()
        dtype = r.choices(["huyện", "thị xã", "thành phố"], [75, 10, 15])[0]
        short = f"UBND {'TP.' if dtype == 'thành phố' else dtype} {place}"
        unit = Unit(
            id=slugify(short),
            name=f"Ủy ban nhân dân {dtype} {place}",
            short_name=short,
            kind="people-committee",
            level="district",
            province=prov.unit.id,
            parent=prov.unit.id,
            abbreviation="UBND",
            locality=place,
            valid_to=REFORM_END,
        )
        if r.random() < 0.3:
            unit.letterhead = ["ỦY BAN NHÂN DÂN", upper(f"{dtype} {place}")]
        self.district_names[unit.id] = (dtype, place)
        return unit

    def commune(self, prov: Province, parent: Unit | None, *, new: bool) -> Unit:
        r = self.rng
        place = self.place()
        if new:
            ctype = r.choices(["xã", "phường"], [75, 25])[0]
        else:
            ctype = r.choices(["xã", "phường", "thị trấn"], [70, 20, 10])[0]
        short = f"UBND {ctype} {place}"
        unit = Unit(
            id=slugify(short),
            name=f"Ủy ban nhân dân {ctype} {place}",
            short_name=short,
            kind="people-committee",
            level="commune",
            province=prov.unit.id,
            parent=parent.id if parent else prov.unit.id,
            abbreviation="UBND",
        )
        if not new:
            unit.valid_to = REFORM_END
            if r.random() < 0.05:
                unit.valid_from = "2020-01-01"
        if r.random() < 0.4:
            unit.locality = place
        if r.random() < 0.1:
            unit.letterhead = ["ỦY BAN NHÂN DÂN", upper(f"{ctype} {place}")]
        if r.random() < 0.2:
            unit.owners = [f"@so-noi-vu/{prov.slug}"]
        return unit

    # -- models --

    def build_models(self) -> None:
        r = self.rng
        nd, nq, nc = len(DOMAINS), len(QUALIFIERS), len(CONCEPTS)
        cells = r.sample(range(nd * nq), min(self.n_models, nd * nq))
        titles = []
        for cell in cells:
            d, q = divmod(cell, nq)
            titles.append(f"{CONCEPTS[(d + q) % nc]} {DOMAINS[d]} {QUALIFIERS[q]}")
        while len(titles) < self.n_models:  # beyond the Latin square: add a place
            d, q = divmod(r.randrange(nd * nq), nq)
            titles.append(
                f"{CONCEPTS[(d + q) % nc]} {DOMAINS[d]} {QUALIFIERS[q]} tại xã {self.place()}"
            )
        used: set[str] = set()
        for title in titles:
            mid = slugify(title)
            n = 2
            while mid in used:
                mid = f"{slugify(title, 76)}-{n}"
                n += 1
            used.add(mid)
            kind = r.choices(["model", "solution", "initiative"], [60, 25, 15])[0]
            indicators = (
                sorted(r.sample(INDICATOR_IDS, r.randint(1, 2))) if r.random() < 0.5 else []
            )
            self.models.append(
                Model(
                    id=mid,
                    title=title,
                    kind=kind,
                    origin=r.choice(self.units),
                    indicators=indicators,
                    has_implementers=r.random() < 0.4,
                )
            )

    def province_of(self, unit: Unit) -> Province:
        return self.province_index[unit.province]

    def render_model(self, m: Model) -> str:
        r = self.rng
        prov = self.province_of(m.origin)
        origin_name = m.origin.short_name
        k_word = KIND_WORDS[m.kind]
        recognized = r.randint(date(2019, 1, 1).toordinal(), date(2021, 12, 31).toordinal())
        year = self.iso(recognized - r.randint(60, 400))[:4]
        paragraphs = [
            r.choice(OPENINGS).format(K=k_word, k=k_word.lower(), t=m.title, o=origin_name, y=year)
        ]
        paragraphs.append(" ".join(r.sample(CONTENT, r.randint(2, 4))))
        if r.random() < 0.5:
            paragraphs.append("\n".join("- " + b for b in r.sample(BULLETS, r.randint(2, 4))))
        if r.random() < 0.7:
            a = r.randint(200, 9000)
            paragraphs.append(
                r.choice(RESULT_LINES).format(
                    n=r.randint(6, 36),
                    a=f"{a:,}".replace(",", "."),
                    b=f"{r.randint(a * 8 // 10, a):,}".replace(",", "."),
                )
            )
        out = [
            f"id: {m.id}",
            f"title: {scalar(m.title)}",
            f"kind: {m.kind}",
            "areas: ["
            + ", ".join(sorted(set(r.choices(AREAS, AREA_WEIGHTS, k=r.randint(1, 2)))))
            + "]",
            f"origin: {m.origin.id}",
            "summary: " + block("\n\n".join(paragraphs), 2),
        ]
        if r.random() < 0.4:
            out.append("purpose: " + block(r.choice(PURPOSES), 2))
        if r.random() < 0.3:
            out.append("requirements: " + block(r.choice(REQUIREMENTS), 2))
        if m.has_implementers:
            out += [
                "implementers:",
                f"  text: {scalar(f'Ủy ban nhân dân các xã, phường trên địa bàn {prov.kind_word} {prov.place}')}",  # noqa: E501
                "  select:",
                f"    - {{within: {prov.unit.id}, level: commune, kind: people-committee}}",
            ]
        if r.random() < 0.3 and "SNV" in prov.offices and "VP" in prov.offices:
            vp = "Văn phòng HĐND&UBND" if r.random() < 0.15 else "Văn phòng UBND"
            out += [
                "monitors:",
                f"  text: {scalar(f'Sở Nội vụ phối hợp với {vp} {prov.kind_word}.')}",
                f"  units: [{prov.offices['SNV'].id}, {prov.offices['VP'].id}]",
            ]
        if r.random() < 0.1:
            out.append(f"schedule: {scalar(r.choice(SCHEDULES))}")
        ref = None
        if r.random() < 0.35:
            ref = f"{r.randint(10, 2999)}/{r.choice(['KH', 'QĐ'])}-UBND"
            basis_date = self.iso(recognized - r.randint(5, 60))
            out += [
                "basis:",
                f"  - number: {ref}",
                f"    date: {basis_date}",
                f"    issuer: {scalar(prov.unit.name)}",
                "    title: "
                + scalar(f"về việc triển khai thực hiện {k_word} “{m.title}” tại {origin_name}"),
            ]
        if m.indicators:
            out.append(f"indicators: [{', '.join(m.indicators)}]")
        out.append("history:")
        if r.random() < 0.3:
            out.append(
                f"  - {{date: {self.iso(recognized - r.randint(90, 360))}, status: piloting}}"
            )
        out.append(
            f"  - {{date: {self.iso(recognized)}, status: recognized"
            + (f", ref: {ref}}}" if ref else "}")
        )
        if r.random() < 0.02:
            retired = max(self.end_ord + 17, date(2025, 7, 1).toordinal()) + r.randint(0, 120)
            out += [
                f"  - date: {date.fromordinal(retired).isoformat()}",
                "    status: retired",
                f"    note: {scalar('Được thay thế bằng quy trình trên Cổng Dịch vụ công quốc gia')}",  # noqa: E501
            ]
        if r.random() < 0.3:
            out.append(f"tags: [{', '.join(sorted(r.sample(TAGS, r.randint(1, 2))))}]")
        return "\n".join(out) + "\n"

    # -- documents --

    def build_documents(self) -> None:
        r = self.rng
        by_province: dict[str, list[Model]] = {}
        for m in self.models:
            by_province.setdefault(m.origin.province, []).append(m)
        for prov in self.provinces:
            if not prov.communes or "SNV" not in prov.offices:
                continue
            local = by_province.get(prov.unit.id, [])
            for doc_type, year in (("cong-van", 2023), ("ke-hoach", 2024)):
                n = min(len(self.models), r.randint(16, 24))
                chosen = r.sample(local, min(len(local), n * 2 // 3))
                ids = {m.id for m in chosen}
                while len(chosen) < n:
                    m = r.choice(self.models)
                    if m.id not in ids:
                        ids.add(m.id)
                        chosen.append(m)
                for m in chosen:  # the document's deadline applies to these targets
                    target = m.origin.province if m.has_implementers else prov.unit.id
                    self.targets.add((target, m.id))
                doc_id, text = self.render_document(prov, doc_type, year, chosen)
                self.document_ids.append(doc_id)
                self.documents.append(text)

    def render_document(
        self, prov: Province, doc_type: str, year: int, chosen: list[Model]
    ) -> tuple[str, str]:
        r = self.rng
        snv = prov.offices["SNV"]
        where = f"{prov.kind_word} {prov.place}"
        signed = r.random() < 0.5
        month = r.randint(2, 9)
        doc_date = f"{year}-{month:02d}-{r.randint(1, 28):02d}" if signed else f"{year}-{month:02d}"
        if doc_type == "cong-van":
            doc_id = f"{prov.slug}-{year}-nhan-rong-mo-hinh"
            head = [
                f"id: {doc_id}",
                "type: cong-van",
                f"issuer: {prov.unit.id}",
                f"drafter: {snv.id}",
                f"number: {r.randint(100, 4999) if signed else 'null'}",
                f"date: {doc_date}",
                "subject: "
                + scalar(
                    "triển khai nhân rộng, áp dụng các mô hình sáng kiến, "
                    f"cách làm hay trong công tác CCHC trên địa bàn {where}"
                ),
            ]
            style, heading = "summary", "Các mô hình sáng kiến trong công tác CCHC"
        else:
            doc_id = f"{prov.slug}-{year}-ke-hoach-mo-hinh-cchc"
            head = [
                f"id: {doc_id}",
                "type: ke-hoach",
                f"issuer: {prov.unit.id}",
                f"drafter: {snv.id}",
                f"number: {r.randint(100, 4999) if signed else 'null'}",
                f"date: {doc_date}",
                f"title: {scalar(f'Thực hiện các mô hình cải cách hành chính năm {year}')}",
            ]
            style, heading = "detailed", "Nội dung thực hiện"
        basis_date = date(year, 1, r.randint(5, 25)).isoformat()
        head += [
            "basis:",
            f"  - number: {r.randint(10, 999)}/KH-UBND",
            f"    date: {basis_date}",
            f"    issuer: {scalar(prov.unit.name)}",
            f"    title: {scalar(f'về cải cách hành chính năm {year}')}",
            "recipients:",
            "  - text: Các cơ quan hành chính cấp tỉnh",
            "    select:",
            f"      - {{within: {prov.unit.id}, level: province, kind: department}}",
            "  - text: UBND các xã, phường, thị trấn",
            "    select:",
            f"      - {{within: {prov.unit.id}, level: commune, kind: people-committee}}",
            f"deadline: {year}-12-31",
        ]
        if r.random() < 0.5:
            head.append("valid_to: 2026-12-31")
        intro = (
            f"Qua Hội nghị sơ kết công tác cải cách hành chính (CCHC) năm {year - 1} trên địa "
            f"bàn {where}, nhiều cơ quan, đơn vị đã đề ra những mô hình, sáng kiến, cách làm "
            "hay, thiết thực, góp phần nâng cao chất lượng phục vụ người dân, doanh nghiệp."
            "\n\n"
            "Để tiếp tục phát huy kết quả đã đạt được, Chủ tịch UBND "
            f"{prov.kind_word} yêu cầu các cơ quan, đơn vị triển khai, áp dụng nhân rộng các "
            "mô hình sau đây, bảo đảm hiệu quả, đồng bộ, tiết kiệm, phù hợp với tình hình thực "
            "tế. Cụ thể như sau:"
        )
        body = [
            "body:",
            "  - text: " + block(intro, 6),
            f"  - heading: {scalar(heading)}",
            "    models:",
        ]
        for m in chosen:
            if doc_type == "ke-hoach" and r.random() < 0.15 and not m.has_implementers:
                body += [
                    f"      - model: {m.id}",
                    "        implementers:",
                    "          text: Ủy ban nhân dân các xã, phường",
                    "          select:",
                    f"            - {{within: {prov.unit.id}, level: commune, "
                    "kind: people-committee}",
                ]
            else:
                body.append(f"      - {m.id}")
        body += [
            f"    style: {style}",
            "  - heading: Tổ chức thực hiện",
            "    blocks:",
            f"      - heading: {scalar(snv.name)}",
            "        text: "
            + block(
                "Chủ trì, theo dõi, hướng dẫn các cơ quan, đơn vị triển khai; tổng hợp kết quả "
                f"báo cáo UBND {prov.kind_word} trước ngày 15 tháng 12 năm {year}.",
                10,
            ),
            "      - heading: Các cơ quan, đơn vị, UBND các xã, phường",
            "        text: "
            + block(
                "Căn cứ điều kiện thực tế, xây dựng kế hoạch áp dụng các mô hình; định kỳ cập "
                "nhật tình trạng và kết quả thực hiện vào dữ liệu cải cách hành chính.",
                10,
            ),
        ]
        on_behalf = r.random() < 0.7
        tail = [
            "closing: "
            + scalar(
                "Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, phường nghiêm "
                "túc thực hiện./."
            ),
            "cc:",
            "  - Như trên (thực hiện)" if doc_type == "cong-van" else "  - Như trên",
            f"  - CT và các PCT UBND {prov.kind_word}",
            f"  - {scalar(prov.offices['VP'].short_name if 'VP' in prov.offices else 'VP')}",
            f"  - Cổng thông tin điện tử {prov.kind_word}",
        ]
        if r.random() < 0.5:
            tail.append("archive: [NC7]")
        tail += [
            "signer:",
            f"  authority: {'KT' if on_behalf else 'TM'}",
            f"  on_behalf_of: {'CHỦ TỊCH' if on_behalf else 'ỦY BAN NHÂN DÂN'}",
            f"  title: {'PHÓ CHỦ TỊCH' if on_behalf else 'CHỦ TỊCH'}",
            f"  name: {self.person()}",
        ]
        return doc_id, "\n".join(head + body + tail) + "\n"

    # -- adoptions --

    def model_stream(self) -> Iterator[int]:
        order = list(range(len(self.models)))
        while True:
            self.rng.shuffle(order)
            yield from order

    def render_unit(self, u: Unit, picks: list[int]) -> str:
        r = self.rng
        out = [
            f"id: {u.id}",
            f"name: {scalar(u.name)}",
            f"short_name: {scalar(u.short_name)}",
            f"kind: {u.kind}",
            f"level: {u.level}",
        ]
        if u.parent:
            out.append(f"parent: {u.parent}")
        if u.abbreviation:
            out.append(f"abbreviation: {scalar(u.abbreviation)}")
        if u.locality:
            out.append(f"locality: {scalar(u.locality)}")
        if u.letterhead:
            out.append("letterhead:")
            out += [f"  - {scalar(line)}" for line in u.letterhead]
        if u.valid_from:
            out.append(f"valid_from: {u.valid_from}")
        if u.valid_to:
            out.append(f"valid_to: {u.valid_to}")
        if u.successors:
            out.append(f"successors: [{', '.join(u.successors)}]")
        if u.owners:
            out.append("owners: [" + ", ".join(f'"{o}"' for o in u.owners) + "]")
        if not picks:
            return "\n".join(out) + "\n"
        out.append("adoptions:")
        start, end = self.start_ord, self.end_ord
        patterns = [p for p, _ in PATTERNS]
        weights = [w for _, w in PATTERNS]
        target_patterns = [p for p, _ in TARGET_PATTERNS]
        target_weights = [w for _, w in TARGET_PATTERNS]
        rand = r.random
        randint = r.randint
        for index in picks:
            m = self.models[index]
            if (u.province, m.id) in self.targets:
                statuses = r.choices(target_patterns, target_weights)[0]
            else:
                statuses = r.choices(patterns, weights)[0]
            days = sorted(r.sample(range(start, end + 1), len(statuses)))
            out.append(f"  - model: {m.id}")
            out.append("    history:")
            for day, status in zip(days, statuses, strict=True):
                d = self.dates[day - self.date_base]
                note = None
                if status == "not-applicable" or rand() < 0.2:
                    note = r.choice(NOTES[status])
                    if "{" in note:
                        b = randint(20, 2000)
                        note = note.format(y=d[:4], m=int(d[5:7]), a=randint(b * 9 // 10, b), b=b)
                if note is not None:
                    out.append(f"      - date: {d}")
                    out.append(f"        status: {status}")
                    out.append(f"        note: {scalar(note)}")
                elif rand() < 0.05:
                    out.append(
                        f"      - {{date: {d}, status: {status}, ref: {randint(10, 2999)}/KH-UBND}}"
                    )
                else:
                    out.append(f"      - {{date: {d}, status: {status}}}")
            if statuses[-1] in ("effective", "ineffective") or (
                "implementing" in statuses and rand() < 0.5
            ):
                first = next(
                    (
                        day
                        for day, status in zip(days, statuses, strict=True)
                        if status in ("implementing", "effective", "ineffective")
                    ),
                    days[0],
                )
                n_results = 1 if rand() < 0.6 else 2
                ids = m.indicators or INDICATOR_IDS
                lines = ["    results:"]
                for ind in r.sample(ids, min(n_results, len(ids))):
                    if first >= end:
                        break
                    to = randint(first + 1, end)
                    lines.append(f"      - indicator: {ind}")
                    if INDICATOR_UNIT[ind] == "percent":
                        frm = randint(first, to - 1)
                        den = int(r.lognormvariate(5.5, 1.1)) + 1
                        rate = (0.55 + 0.45 * rand()) if INDICATOR_HIGHER[ind] else 0.15 * rand()
                        lines += [
                            f"        from: {self.dates[frm - self.date_base]}",
                            f"        to: {self.dates[to - self.date_base]}",
                            f"        numerator: {min(den, int(den * rate))}",
                            f"        denominator: {den}",
                        ]
                    else:
                        if rand() < 0.5:
                            lines.append(
                                f"        from: {self.dates[randint(first, to - 1) - self.date_base]}"  # noqa: E501
                            )
                        lines += [
                            f"        to: {self.dates[to - self.date_base]}",
                            f"        value: {int(r.lognormvariate(5, 1.2))}",
                        ]
                if len(lines) > 1:
                    out += lines
            if rand() < 0.15:
                out.append(f"    difficulties: {scalar(r.choice(DIFFICULTIES))}")
        return "\n".join(out) + "\n"

    # -- output --

    def write(self, out: Path) -> dict[str, int]:
        data = out / "data"
        for sub in ("units", "models", "documents"):
            (data / sub).mkdir(parents=True, exist_ok=True)
        counts = {"units": 0, "models": 0, "documents": 0, "indicators": 1, "bytes": 0}

        def put(path: Path, text: str) -> None:
            raw = text.encode("utf-8")
            path.write_bytes(raw)
            counts["bytes"] += len(raw)

        self.build_units()
        self.province_index = {p.unit.id: p for p in self.provinces}
        self.build_models()
        self.build_documents()
        for m in self.models:
            put(data / "models" / f"{m.id}.yaml", self.render_model(m))
            counts["models"] += 1
        for doc_id, text in zip(self.document_ids, self.documents, strict=True):
            put(data / "documents" / f"{doc_id}.yaml", text)
            counts["documents"] += 1
        stream = self.model_stream()
        carry: list[int] = []
        for u in self.units:
            picks: list[int] = []
            seen: set[int] = set()
            pending, carry = carry, []
            while len(picks) < self.n_adoptions:
                index = pending.pop() if pending else next(stream)
                if index in seen:
                    carry.append(index)
                    continue
                seen.add(index)
                picks.append(index)
            carry += pending
            put(data / "units" / f"{u.id}.yaml", self.render_unit(u, picks))
            counts["units"] += 1
        lines = []
        for iid, name, unit, higher in INDICATORS:
            lines += [
                f"- id: {iid}",
                f"  name: {scalar(name)}",
                f"  unit: {unit}",
                f"  higher_is_better: {'true' if higher else 'false'}",
            ]
        put(data / "indicators.yaml", "\n".join(lines) + "\n")
        return counts


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--out", type=Path, required=True, help="repository root to write")
    parser.add_argument("--units", type=int, help="number of units (overrides the scale)")
    parser.add_argument("--models", type=int, help="number of models (overrides the scale)")
    parser.add_argument("--adoptions", type=int, help="adoption records per unit")
    parser.add_argument("--provinces", type=int, help="number of provinces")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--end",
        type=date.fromisoformat,
        default=DEFAULT_END,
        help="last day of adoption events and results (default 2025-06-14)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty OUT this script did not write (replaces OUT/data)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    params = dict(SCALES[args.scale])
    for key in ("units", "models", "adoptions", "provinces"):
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    if params["units"] < 1 or params["models"] < 1 or params["adoptions"] < 0:
        print("--units and --models must be positive", file=sys.stderr)
        return 2
    out: Path = args.out
    marker = out / MARKER
    if out.is_dir() and any(out.iterdir()) and not marker.exists() and not args.force:
        print(
            f"{out} is not empty and was not written by this script; choose an empty or "
            "new folder (or use --force to replace its data/)",
            file=sys.stderr,
        )
        return 2
    if (out / "data").exists():
        shutil.rmtree(out / "data")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    gen = Generator(seed=args.seed, end=args.end, **params)
    counts = gen.write(out)
    elapsed = time.perf_counter() - started
    info = {
        "scale": args.scale,
        "seed": args.seed,
        "end": args.end.isoformat(),
        **params,
        **counts,
        "seconds": round(elapsed, 2),
    }
    marker.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    files = counts["units"] + counts["models"] + counts["documents"] + counts["indicators"]
    print(
        f"{out}: {files} files ({counts['units']} units, {counts['models']} models, "
        f"{counts['documents']} documents, indicators.yaml), "
        f"{counts['bytes'] / 1e6:.1f} MB, {params['adoptions']} adoptions/unit, "
        f"seed {args.seed}, {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
