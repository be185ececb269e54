"""Specification of cchc.text: Vietnamese text conventions (shared/ND30.md)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cchc.text import (
    compare_key,
    detect_legacy_encoding,
    fix_legacy_encoding,
    fold,
    format_decimal,
    format_figure,
    format_int,
    format_percent,
    format_rate,
    is_nfc,
    nearly_equal_titles,
    nfc,
    normalize_tone_placement,
    roman,
    similarity,
    slugify,
    sort_key,
    vietnamese_letter,
)

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"  # copies of shared/seeds

# Ordinary, correct Vietnamese as found in administrative documents.
REAL_SENTENCES = [
    "Không gian hành chính phục vụ",
    "Ủy ban nhân dân phường Thắng Nhì",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Bà Rịa-Vũng Tàu, ngày 05 tháng 9 năm 2023",
    "Kính gửi: Các cơ quan hành chính cấp tỉnh;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,6%, tăng 2,1% so với cùng kỳ.",
    "Mô hình “Cà phê Doanh nhân - Doanh nghiệp” được người dân đánh giá cao.",
    "Ngày thứ Ba nhanh chóng, ngày thứ Sáu không chờ.",
    "Quý III năm 2024, toàn tỉnh tiếp nhận 209.390 hồ sơ thủ tục hành chính.",
    "Tuyên truyền, phổ biến về chuyển đổi số, thanh toán không dùng tiền mặt.",
    "Hoà Bình, Thuỷ lợi, khoẻ mạnh, uỷ quyền, loà xoà",  # old-style tone placement
    "Hòa Bình, Thủy lợi, khỏe mạnh, ủy quyền, lòa xòa",  # new-style tone placement
    "Người đứng đầu cơ quan chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh.",
    "Giữ gìn kỷ luật, kỷ cương hành chính; quyết liệt, khuyến khích đổi mới sáng tạo.",
    "Thuở ấy, khuya khoắt, người ta vẫn ngoái lại nhìn khuỷu sông.",
    # Only Latin-1 letters: nothing here is "Vietnamese-only" Unicode.
    "Xin chào",
    "Tình hình",
    "Chào anh, em là Mai.",
    "Tôi là Tâm, tôi ở Cà Mau.",
    "Cà Mau, Lào Cai, Yên Bái, Tây Ninh, Gia Lai, Kon Tum, Phú Yên, Long An, Trà Vinh",
    "Thái Bình, Hòa Bình, Hoà Bình, Ninh Bình, An Giang, Kiên Giang",
    "TÌNH HÌNH CHUNG",
    "Là cán bộ, công chức",
]

FOREIGN_SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "UBND, CCHC, TTHC, HĐND - abbreviations and codes: KH-UBND 45/2024",
    "The café served crème brûlée and a naïve coöperation.",
    "Zürich, São Paulo, Ørsted A/S, Straße, El niño y la señora.",
    "Où est la gare ? Très bien, à bientôt, déjà vu.",
    "Thickness 5 µm, temperature 25 °C ± 0.5 °C, 3 × 4 ÷ 2, § 12.",
    "Copyright © 2024 — «quoted» · ¿Qué? ¡Olé!",
    "Müller, Jürgen; Gödel, Kurt; Åsa Öberg; Ærø",
    "Hi µm",
    "5 µm",
]

# Unicode → TCVN3 read as Latin-1, letter by letter (TCVN 5712:1993, VN3).
_UNICODE_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
_TCVN3_LETTERS = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦"
_TO_TCVN3 = dict(zip(_UNICODE_LETTERS, _TCVN3_LETTERS, strict=True))


def as_tcvn3(text: str) -> str:
    """`text` written in TCVN3 and read back as Latin-1.

    TCVN3 has no codes for capitals with a tone mark (those need the
    separate capital fonts), so such letters are written lowercase.
    """
    return "".join(_TO_TCVN3.get(c, c) for c in tcvn3_representable(text))


def tcvn3_representable(text: str) -> str:
    """What survives a TCVN3 round trip: capitals with a tone become lowercase."""
    return "".join(c.lower() if c.isupper() and c.lower() in _TO_TCVN3 else c for c in text)


_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONE_ORDER = ("", _ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)  # VNI keyboard order 1..5
_VNI_TONE = dict(zip(_TONE_ORDER, ("", "ù", "ø", "û", "õ", "ï"), strict=True))
_VNI_CIRCUMFLEX = dict(zip(_TONE_ORDER, "âáàåãä", strict=True))
_VNI_BREVE = dict(zip(_TONE_ORDER, "êéèúüë", strict=True))
_VNI_I = dict(zip(_TONE_ORDER, "iíìæóò", strict=True))


def as_vni(text: str) -> str:
    """`text` written in VNI-Windows and read back as cp1252 (built from NFD)."""
    out: list[str] = []
    for char in text:
        if char in "đĐ":
            out.append("ñ" if char == "đ" else "Ñ")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        lower = base.lower()
        if not marks or lower not in "aeiouy":
            out.append(char)
            continue
        tone = next((m for m in marks if m in _TONE_ORDER), "")
        if lower == "i":
            vni = _VNI_I[tone]
        elif lower == "y" and tone == _DOT:
            vni = "î"
        elif _HORN in marks:
            vni = ("ô" if lower == "o" else "ö") + _VNI_TONE[tone]
        elif _CIRCUMFLEX in marks:
            vni = lower + _VNI_CIRCUMFLEX[tone]
        elif _BREVE in marks:
            vni = lower + _VNI_BREVE[tone]
        else:
            vni = lower + _VNI_TONE[tone]
        out.append(vni.upper() if base.isupper() else vni)
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def seed_paragraphs() -> list[str]:
    if not SEEDS.is_dir():
        return []
    return [p for path in sorted(SEEDS.glob("*.txt")) for p in paragraphs(path.read_text("utf-8"))]


def words_with_diacritics(text: str) -> int:
    return sum(not w.isascii() for w in re.findall(r"[^\W\d_]+", text))


# Words of real Vietnamese, for property tests that need real text.
REAL_WORDS = sorted({w for s in REAL_SENTENCES for w in re.findall(r"[^\W\d_]+", s)})

VI_LOWER = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
VI_LETTERS = VI_LOWER + VI_LOWER.upper()

vietnamese_text = st.text(alphabet=VI_LETTERS + "0123456789 ,.-;:()“”", max_size=60)
real_text = st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=12).map(" ".join)
any_text = st.text(max_size=60)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- NFC -----------------------------------------------------------------


class TestNfc:
    def test_composes_decomposed_text(self) -> None:
        assert nfc("Vie\u0302\u0323t Nam") == "Việt Nam"

    def test_ascii_is_returned_unchanged(self) -> None:
        text = "Plain ASCII"
        assert nfc(text) is text

    def test_ascii_and_composed_text_are_nfc(self) -> None:
        assert is_nfc("abc")
        assert is_nfc("Việt Nam")
        assert is_nfc("")

    def test_decomposed_text_is_not_nfc(self) -> None:
        assert not is_nfc(nfd("Việt Nam"))

    @given(any_text)
    def test_nfc_agrees_with_unicodedata(self, s: str) -> None:
        assert nfc(s) == unicodedata.normalize("NFC", s)
        assert is_nfc(s) == (s == unicodedata.normalize("NFC", s))
        assert is_nfc(nfc(s))


# --- fold ----------------------------------------------------------------


class TestFold:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Không gian hành chính", "khong gian hanh chinh"),
            ("hoà", "hoa"),
            ("hòa", "hoa"),
            ("Đà Nẵng", "da nang"),
            ("ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "doc lap tu do hanh phuc"),
            ("  Mô hình “Cà phê Doanh nhân”;\n\tnăm 2024 ", "mo hinh ca phe doanh nhan nam 2024"),
            ("KH-UBND/45_2024", "kh ubnd 45 2024"),
            ("", ""),
            ("…–—", ""),
        ],
    )
    def test_examples(self, text: str, folded: str) -> None:
        assert fold(text) == folded

    def test_decomposed_input_folds_like_composed(self) -> None:
        assert fold(nfd("Nghị định")) == "nghi dinh"

    @given(vietnamese_text)
    def test_vietnamese_folds_to_lowercase_ascii_words(self, s: str) -> None:
        folded = fold(s)
        assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", folded)

    @given(any_text)
    def test_is_idempotent_and_tidy(self, s: str) -> None:
        folded = fold(s)
        assert fold(folded) == folded
        assert folded == folded.strip()
        assert "  " not in folded

    @given(vietnamese_text)
    def test_ignores_normal_form_and_tone_placement(self, s: str) -> None:
        assert fold(nfd(s)) == fold(s)
        assert fold(normalize_tone_placement(s)) == fold(s)


# --- tone placement ------------------------------------------------------

OLD_AND_NEW_STYLE = [
    ("hoà", "hòa"),
    ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"),
    ("loà", "lòa"),
    ("uỷ", "ủy"),
    ("Uỷ ban", "Ủy ban"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
    ("Thuỷ Nguyên", "Thủy Nguyên"),
    ("xoá bỏ", "xóa bỏ"),
    ("hoạ sĩ", "họa sĩ"),
    ("tuỳ ý", "tùy ý"),
    ("luỹ kế", "lũy kế"),
    ("oà khóc", "òa khóc"),
]

ALREADY_CANONICAL = [
    "quý",  # qu is the initial: the tone sits on the only vowel, y
    "Quý III",
    "giữ",  # gi is the initial
    "gì",  # but a lone gi + tone is g + ì
    "gìn giữ",
    "thuở",  # the tone goes on the vowel with a shape mark
    "thuơ",  # no tone at all
    "hoàn",  # before a final consonant: last vowel
    "toán",
    "huỳnh",
    "quyết",
    "khuyến",
    "người",
    "ngoài",  # three vowels: the middle one
    "khuỷu",
    "ngoẻo",
    "của",
    "mía",
    "Việt Nam",
    "hoa",
    "iPhone",
    "café",  # not a Vietnamese syllable: left alone
]


class TestNormalizeTonePlacement:
    @pytest.mark.parametrize(("old", "new"), OLD_AND_NEW_STYLE)
    def test_old_style_becomes_new_style(self, old: str, new: str) -> None:
        assert normalize_tone_placement(old) == new

    @pytest.mark.parametrize(("old", "new"), OLD_AND_NEW_STYLE)
    def test_new_style_is_kept(self, old: str, new: str) -> None:
        assert normalize_tone_placement(new) == new

    @pytest.mark.parametrize("word", ALREADY_CANONICAL)
    def test_unambiguous_placements_are_untouched(self, word: str) -> None:
        assert normalize_tone_placement(word) == word

    @pytest.mark.parametrize(
        ("misplaced", "fixed"),
        [("hòan", "hoàn"), ("qúy", "quý"), ("gía", "giá"), ("thủơ", "thuở"), ("ngòai", "ngoài")],
    )
    def test_misplaced_tones_move_to_the_canonical_vowel(self, misplaced: str, fixed: str) -> None:
        assert normalize_tone_placement(misplaced) == fixed

    def test_text_around_words_is_kept(self) -> None:
        text = "Điều 5. Hoà giải (thuỷ lợi) – 2024; uỷ-quyền"
        assert normalize_tone_placement(text) == "Điều 5. Hòa giải (thủy lợi) – 2024; ủy-quyền"

    def test_decomposed_input_gives_composed_output(self) -> None:
        assert normalize_tone_placement(nfd("Hoà")) == "Hòa"

    @given(
        initial=st.sampled_from(["", "h", "kh", "th", "l", "t", "x", "ng", "ch", "s", "tr"]),
        nucleus=st.sampled_from(["oa", "oe", "uy"]),
        tone=st.sampled_from([_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT]),
        upper=st.booleans(),
    )
    def test_both_placements_normalise_to_the_first_vowel(
        self, initial: str, nucleus: str, tone: str, upper: bool
    ) -> None:
        first, second = nucleus[0], nucleus[1]
        old = nfc(initial + first + second + tone)
        new = nfc(initial + first + tone + second)
        if upper:
            old, new = old.upper(), new.upper()
        assert normalize_tone_placement(old) == new
        assert normalize_tone_placement(new) == new

    @given(vietnamese_text)
    def test_only_moves_tone_marks(self, s: str) -> None:
        result = normalize_tone_placement(s)
        assert result == normalize_tone_placement(result)
        assert len(result) == len(nfc(s))
        assert [c.isupper() for c in result] == [c.isupper() for c in nfc(s)]
        assert fold(result) == fold(s)

        def shape_only(text: str) -> str:
            return nfc("".join(c for c in nfd(text) if c not in _TONE_ORDER[1:]))

        assert shape_only(result) == shape_only(s)


# --- compare_key ---------------------------------------------------------


class TestCompareKey:
    def test_keeps_diacritics_and_folds_case_space_and_tone_placement(self) -> None:
        assert compare_key("  Hoà   Bình! ") == "hòa bình"
        assert compare_key("hòa bình") == "hòa bình"
        assert compare_key("Hoa Binh") == "hoa binh"

    def test_same_title_in_both_styles_has_one_key(self) -> None:
        assert compare_key("Uỷ ban nhân dân huyện Thuỷ Nguyên") == compare_key(
            "Ủy ban nhân dân huyện Thủy Nguyên"
        )

    def test_distinguishes_diacritics(self) -> None:
        assert compare_key("Bản hành") != compare_key("Ban hành")

    @given(vietnamese_text)
    def test_ignores_normal_form_case_and_tone_placement(self, s: str) -> None:
        key = compare_key(s)
        assert compare_key(nfd(s)) == key
        assert compare_key(s.upper()) == key
        assert compare_key(normalize_tone_placement(s)) == key
        assert compare_key(key) == key
        assert fold(key) == fold(s)


# --- sort_key ------------------------------------------------------------


class TestSortKey:
    def test_vietnamese_letters_come_in_alphabet_order(self) -> None:
        names = ["Đà Nẵng", "Da", "An Giang", "Ăn", "Bình", "Ân", "Ba"]
        assert sorted(names, key=sort_key) == [
            "An Giang",
            "Ăn",
            "Ân",
            "Ba",
            "Bình",
            "Da",
            "Đà Nẵng",
        ]

    def test_tones_are_a_secondary_difference(self) -> None:
        expected = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
        assert sorted(reversed(expected), key=sort_key) == expected
        # ...secondary: a letter difference later in the word wins over tones.
        assert sorted(["Má b", "Ma c"], key=sort_key) == ["Má b", "Ma c"]

    def test_full_alphabet(self) -> None:
        alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz")
        assert sorted(reversed(alphabet), key=sort_key) == alphabet

    def test_digits_before_letters_and_case_ignored(self) -> None:
        assert sorted(["an", "2 Tháng 9", "Ba", "ba", "An"], key=lambda s: sort_key(s)[:2]) == [
            "2 Tháng 9",
            "an",
            "An",
            "Ba",
            "ba",
        ]

    def test_tone_placement_is_ignored_and_raw_string_breaks_ties(self) -> None:
        assert sort_key("Hòa")[:2] == sort_key("Hoà")[:2]
        assert sort_key("Hòa") != sort_key("Hoà")
        assert sorted(["Hòa", "Hoà"], key=sort_key) == sorted(["Hoà", "Hòa"], key=sort_key)

    def test_shorter_word_first(self) -> None:
        assert sorted(["Hà Nội", "Hà", "Hải Phòng"], key=sort_key) == ["Hà", "Hà Nội", "Hải Phòng"]

    @given(vietnamese_text)
    def test_primary_and_secondary_ignore_case_form_and_placement(self, s: str) -> None:
        key = sort_key(s)[:2]
        assert sort_key(s.upper())[:2] == key
        assert sort_key(nfd(s))[:2] == key
        assert sort_key(normalize_tone_placement(s))[:2] == key

    @given(st.lists(any_text, max_size=8))
    def test_order_is_total_and_deterministic(self, names: list[str]) -> None:
        assert sorted(names, key=sort_key) == sorted(reversed(names), key=sort_key)


# --- slugify -------------------------------------------------------------

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class TestSlugify:
    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Không gian hành chính phục vụ", "khong-gian-hanh-chinh-phuc-vu"),
            ("Ủy ban nhân dân phường Thắng Nhì", "uy-ban-nhan-dan-phuong-thang-nhi"),
            ("Đắk Lắk", "dak-lak"),
            ("  Mô hình “Một cửa”  (2024) ", "mo-hinh-mot-cua-2024"),
            ("KH-UBND/45", "kh-ubnd-45"),
            ("---", ""),
        ],
    )
    def test_examples(self, name: str, slug: str) -> None:
        assert slugify(name) == slug

    def test_cuts_at_a_word_boundary(self) -> None:
        name = "Không gian hành chính phục vụ"
        assert slugify(name, max_length=20) == "khong-gian-hanh"
        assert slugify(name, max_length=21) == "khong-gian-hanh-chinh"
        assert slugify(name, max_length=3) == "kho"  # a single long word is cut inside

    def test_max_length_must_be_positive(self) -> None:
        with pytest.raises(ValueError):
            slugify("a", max_length=0)

    @given(any_text, st.integers(min_value=1, max_value=100))
    @example("中文", 80)
    @example("ǅ İ ß ½ ①", 80)
    def test_result_is_a_well_formed_short_slug(self, s: str, max_length: int) -> None:
        slug = slugify(s, max_length)
        assert len(slug) <= max_length
        if any(c.isalnum() for c in s):
            assert SLUG.match(slug), slug
        else:
            assert slug == "" or SLUG.match(slug)
        full = slugify(s, 10_000)
        assert full.startswith(slug)
        assert slug == full or full[len(slug)] == "-" or "-" not in slug

    @given(vietnamese_text)
    def test_slugs_are_fixed_points(self, s: str) -> None:
        slug = slugify(s)
        assert slugify(slug) == slug
        assert slug == fold(s).replace(" ", "-")[: len(slug)]


# --- legacy encodings ----------------------------------------------------


class TestDetectLegacyEncoding:
    @pytest.mark.parametrize(
        "text",
        [
            "Xin chµo",
            "Céng hßa x· héi chñ nghÜa ViÖt Nam",
            "§éc lËp - Tù do - H¹nh phóc",
            "§µ N½ng",
        ],
    )
    def test_recognises_tcvn3(self, text: str) -> None:
        assert detect_legacy_encoding(text) == "TCVN3"

    @pytest.mark.parametrize(
        "text",
        [
            "Xin chaøo",
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            "ÑAØ NAÜNG",
        ],
    )
    def test_recognises_vni(self, text: str) -> None:
        assert detect_legacy_encoding(text) == "VNI"

    def test_recognises_decomposed_unicode(self) -> None:
        assert detect_legacy_encoding(nfd("Xin chào")) == "NFD"
        assert detect_legacy_encoding(nfd("Cộng hòa xã hội chủ nghĩa Việt Nam")) == "NFD"

    @pytest.mark.parametrize("text", REAL_SENTENCES + FOREIGN_SENTENCES + ["", "ASCII only"])
    def test_correct_text_is_not_flagged(self, text: str) -> None:
        assert detect_legacy_encoding(text) is None

    @pytest.mark.skipif(not seed_paragraphs(), reason="shared/seeds not available")
    def test_no_seed_paragraph_is_flagged(self) -> None:
        flagged = [p[:60] for p in seed_paragraphs() if detect_legacy_encoding(p) is not None]
        assert flagged == []

    @pytest.mark.skipif(not seed_paragraphs(), reason="shared/seeds not available")
    @pytest.mark.parametrize(("encode", "name"), [(as_tcvn3, "TCVN3"), (as_vni, "VNI")])
    def test_every_seed_paragraph_is_recognised_once_encoded(
        self, encode: Callable[[str], str], name: str
    ) -> None:
        candidates = [p for p in seed_paragraphs() if words_with_diacritics(p) >= 2]
        missed = [p[:60] for p in candidates if detect_legacy_encoding(encode(p)) != name]
        assert missed == []

    @given(real_text)
    def test_real_vietnamese_words_are_never_flagged(self, s: str) -> None:
        assert detect_legacy_encoding(s) is None

    @given(st.text(alphabet=st.characters(max_codepoint=127)))
    def test_ascii_is_never_flagged(self, s: str) -> None:
        assert detect_legacy_encoding(s) is None


class TestFixLegacyEncoding:
    @pytest.mark.parametrize(
        ("text", "encoding", "fixed"),
        [
            ("Xin chµo", "TCVN3", "Xin chào"),
            ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "TCVN3", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
            ("§éc lËp - Tù do - H¹nh phóc", "TCVN3", "Độc lập - Tự do - Hạnh phúc"),
            ("Xin chaøo", "VNI", "Xin chào"),
            (
                "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
                "VNI",
                "Cộng hòa xã hội chủ nghĩa Việt Nam",
            ),
            ("ÑÖÔØNG ngöôøi ñöôïc", "VNI", "ĐƯỜNG người được"),
            (nfd("Việt Nam"), "NFD", "Việt Nam"),
        ],
    )
    def test_examples(self, text: str, encoding: str, fixed: str) -> None:
        assert fix_legacy_encoding(text, encoding) == fixed

    def test_unknown_encoding_is_an_error(self) -> None:
        with pytest.raises(ValueError):
            fix_legacy_encoding("x", "VISCII")

    @pytest.mark.parametrize("sentence", REAL_SENTENCES)
    def test_round_trips_real_sentences(self, sentence: str) -> None:
        assert fix_legacy_encoding(as_vni(sentence), "VNI") == sentence
        assert fix_legacy_encoding(as_tcvn3(sentence), "TCVN3") == tcvn3_representable(sentence)
        assert fix_legacy_encoding(nfd(sentence), "NFD") == sentence

    @given(vietnamese_text)
    def test_round_trips_any_vietnamese_text(self, s: str) -> None:
        assert fix_legacy_encoding(as_vni(s), "VNI") == s
        assert fix_legacy_encoding(as_tcvn3(s), "TCVN3") == tcvn3_representable(s)

    @given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=12).map(" ".join))
    def test_real_text_is_recognised_once_several_words_are_mangled(self, s: str) -> None:
        # Evidence is a word that holds characters foreign to Vietnamese once
        # encoded ("chµo", "chaøo"). Three different such words are enough to
        # name the encoding; fewer may be ambiguous ("Thuû" is TCVN3 "Thuỷ"
        # or VNI "Thủ") but are never taken for anything else.
        for encode, name in ((as_tcvn3, "TCVN3"), (as_vni, "VNI")):
            encoded = encode(s)
            mangled = {
                w
                for w in encoded.split()
                if any(c not in VI_LETTERS for c in w) and re.search("[aeiouy]", fold(w))
            }
            verdict = detect_legacy_encoding(encoded)
            if len(mangled) >= 3:
                assert verdict == name
            else:
                assert verdict in (None, "TCVN3", "VNI")

    @given(vietnamese_text)
    def test_any_text_gets_a_known_verdict(self, s: str) -> None:
        assert detect_legacy_encoding(s) in (None, "TCVN3", "VNI")
        assert detect_legacy_encoding(nfd(s)) in (None, "NFD")


# --- numbers -------------------------------------------------------------


def half_up(value: Decimal, digits: int) -> str:
    """Reference: round half-up, then swap to Vietnamese separators."""
    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


class TestNumbers:
    @pytest.mark.parametrize(
        ("n", "text"),
        [(0, "0"), (999, "999"), (2454, "2.454"), (209390, "209.390"), (-1000, "-1.000")],
    )
    def test_format_int(self, n: int, text: str) -> None:
        assert format_int(n) == text

    @given(st.integers(min_value=-(10**15), max_value=10**15))
    def test_format_int_groups_thousands_with_dots(self, n: int) -> None:
        assert format_int(n) == f"{n:,}".replace(",", ".")

    @pytest.mark.parametrize(
        ("x", "digits", "text"),
        [
            (99.6, 1, "99,6"),
            (72.83, 2, "72,83"),
            (72.834, 2, "72,83"),
            (100, 1, "100,0"),
            (12345.65, 1, "12.345,7"),
            (0.25, 1, "0,3"),  # half-up, not banker's (0,2)
            (2.675, 2, "2,68"),  # the decimal value written, not the binary float
            (-0.04, 1, "0,0"),  # no negative zero
            (-1234.5, 0, "-1.235"),
            (Decimal("1.05"), 1, "1,1"),
        ],
    )
    def test_format_decimal(self, x: float | Decimal, digits: int, text: str) -> None:
        assert format_decimal(x, digits) == text

    @pytest.mark.parametrize(
        ("x", "text"),
        [(2454, "2.454"), (2454.0, "2.454"), (12.5, "12,5"), (99.75, "99,75"), (1234.5, "1.234,5")],
    )
    def test_format_figure(self, x: float, text: str) -> None:
        """A recorded figure (the `cchc result` confirmation, the import summary)."""
        assert format_figure(x) == text

    @given(
        st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
        st.integers(min_value=0, max_value=3),
    )
    def test_format_decimal_rounds_half_up(self, x: Decimal, digits: int) -> None:
        assert format_decimal(x, digits) == half_up(x, digits)

    def test_format_decimal_rejects_bad_input(self) -> None:
        with pytest.raises(ValueError):
            format_decimal(1.0, -1)
        with pytest.raises(ValueError):
            format_decimal(float("nan"))

    @pytest.mark.parametrize(
        ("ratio", "digits", "text"),
        [
            (0.996, 1, "99,6%"),
            (1.0, 1, "100%"),
            (1, 2, "100%"),
            (0.0, 1, "0%"),
            (0.5, 1, "50,0%"),
            (0.99996, 1, "100,0%"),  # rounds to 100 but is not all: keeps its decimal
            (0.00125, 2, "0,13%"),  # half-up
            (1.25, 1, "125,0%"),
            (12.345, 0, "1.235%"),
            (None, 1, "–"),
        ],
    )
    def test_format_percent(self, ratio: float | None, digits: int, text: str) -> None:
        assert format_percent(ratio, digits) == text

    @pytest.mark.parametrize(
        ("numerator", "denominator", "digits", "text"),
        [
            (744, 747, 1, "99,6%"),
            (747, 747, 1, "100%"),
            (0, 747, 1, "0%"),
            (1, 8, 1, "12,5%"),
            (1, 16, 1, "6,3%"),  # 6.25 → half-up
            (2, 3, 2, "66,67%"),
            (5, 0, 1, "–"),
        ],
    )
    def test_format_rate(self, numerator: int, denominator: int, digits: int, text: str) -> None:
        assert format_rate(numerator, denominator, digits) == text

    @given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
    def test_format_rate_is_the_percentage_of_the_ratio(self, num: int, den: int) -> None:
        text = format_rate(num, den)
        if num in (0, den):
            assert text == ("0%" if num == 0 else "100%")
        else:
            assert text == half_up(Decimal(num) * 100 / Decimal(den), 1) + "%"


# --- roman numerals and list letters -------------------------------------

ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def parse_roman(numeral: str) -> int:
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


class TestRoman:
    @pytest.mark.parametrize(
        ("n", "numeral"),
        [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"), (1994, "MCMXCIV")],
    )
    def test_examples(self, n: int, numeral: str) -> None:
        assert roman(n) == numeral

    @pytest.mark.parametrize("n", [0, -1, 4000])
    def test_out_of_range(self, n: int) -> None:
        with pytest.raises(ValueError):
            roman(n)

    @given(st.integers(min_value=1, max_value=3999))
    def test_canonical_and_round_trips(self, n: int) -> None:
        numeral = roman(n)
        assert parse_roman(numeral) == n
        assert re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", numeral)


class TestVietnameseLetter:
    def test_follows_nghi_dinh_30_list_order(self) -> None:
        letters = [vietnamese_letter(i) for i in range(23)]
        assert letters == list("abcdđeghiklmnopqrstuvxy")

    def test_letters_are_in_vietnamese_alphabet_order(self) -> None:
        letters = [vietnamese_letter(i) for i in range(23)]
        assert sorted(letters, key=sort_key) == letters

    @pytest.mark.parametrize("i", [-1, 23, 100])
    def test_beyond_the_list_is_an_error(self, i: int) -> None:
        with pytest.raises(ValueError):
            vietnamese_letter(i)


# --- near-duplicate titles -----------------------------------------------


class TestNearlyEqualTitles:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Mô hình Hoà giải ở cơ sở", "Mô hình Hòa giải ở cơ sở"),  # tone placement
            ("Mô hình Hoà giải ở cơ sở", "Mo hinh Hoa giai o co so"),  # diacritics
            ("Không gian hành chính phục vụ", "  KHÔNG GIAN HÀNH CHÍNH PHỤC VỤ. "),
            ("Kế hoạch cải cách hành chính năm 2024", "Kế hoạch cải cách hành chính năm 2025"),
        ],
    )
    def test_nearly_equal(self, a: str, b: str) -> None:
        assert nearly_equal_titles(a, b)

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Ngày thứ Ba nhanh chóng", "Ngày thứ Hai không viết, ngày thứ Sáu không chờ"),
            ("Cà phê Doanh nhân", "Thư xin lỗi"),
        ],
    )
    def test_not_nearly_equal(self, a: str, b: str) -> None:
        assert not nearly_equal_titles(a, b)

    def test_threshold(self) -> None:
        a, b = "Kế hoạch năm 2024", "Kế hoạch năm 2025"
        assert nearly_equal_titles(a, b, threshold=0.9)
        assert not nearly_equal_titles(a, b, threshold=0.99)
        with pytest.raises(ValueError):
            nearly_equal_titles(a, b, threshold=1.5)

    def test_identical_folded_titles_have_similarity_one(self) -> None:
        assert similarity("Thuỷ lợi", "thủy lợi") == 1.0
        assert similarity("Thuỷ lợi", "Thuy loi") == 1.0

    @given(vietnamese_text, vietnamese_text)
    def test_similarity_is_a_symmetric_score(self, a: str, b: str) -> None:
        score = similarity(a, b)
        assert 0.0 <= score <= 1.0
        assert similarity(b, a) == score
        assert similarity(a, a) == 1.0

    @given(vietnamese_text)
    def test_variants_of_one_title_are_nearly_equal(self, s: str) -> None:
        assert nearly_equal_titles(s, normalize_tone_placement(s))
        assert nearly_equal_titles(s, fold(s))
        assert nearly_equal_titles(s, nfd(s.upper()))
