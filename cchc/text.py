"""Vietnamese text helpers: normalisation, comparison keys, ordering, slugs,
legacy-encoding repair and number formatting in Vietnamese conventions.

Everything here is pure (no I/O) and deterministic. The hot paths (`nfc`,
`is_nfc`, `fold`, `compare_key`) have an ASCII fast path or a bounded
per-token memo over ``str.translate`` tables and regular expressions built
once at import time; no per-character Python loops.

Conventions (see shared/ND30.md, "Vietnamese conventions"):

* Text is stored as Unicode NFC, exactly as written.
* Comparison and search fold old-style ("hoà", "thuỷ") and new-style
  ("hòa", "thủy") tone placement together; see `normalize_tone_placement`.
* Numbers use a decimal comma and a thousands dot: 99,6%; 2.454.
* Names sort in Vietnamese alphabetical order, tone marks being a secondary
  difference; see `sort_key`.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import babel.numbers

__all__ = [
    "LEGACY_ENCODINGS",
    "SortKey",
    "compare_key",
    "detect_legacy_encoding",
    "fix_legacy_encoding",
    "fold",
    "format_decimal",
    "format_int",
    "format_percent",
    "format_rate",
    "is_nfc",
    "nearly_equal_titles",
    "nfc",
    "normalize_tone_placement",
    "roman",
    "similarity",
    "slugify",
    "sort_key",
    "vietnamese_letter",
]

# ---------------------------------------------------------------------------
# Vietnamese letters, tones and syllable structure
# ---------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Split a space-separated literal list (keeps the tables below readable)."""
    return text.split()


# Tone numbers, in the order used as the secondary sort difference:
# none, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_MARK_SET = frozenset(_TONE_MARKS[1:])

# The twelve vowel letters (with their shape marks, without a tone).
_VOWELS = "aăâeêioôơuưy"
# Vowels whose shape mark makes them the main vowel of a syllable.
_MARKED_VOWELS = frozenset("ăâêôơư")


def _build_tone_tables() -> tuple[dict[tuple[str, int], str], dict[str, tuple[str, int]]]:
    toned: dict[tuple[str, int], str] = {}
    untoned: dict[str, tuple[str, int]] = {}
    for base in _VOWELS + _VOWELS.upper():
        for tone, mark in enumerate(_TONE_MARKS):
            char = unicodedata.normalize("NFC", base + mark)
            toned[base, tone] = char
            untoned[char] = (base, tone)
    return toned, untoned


# (vowel, tone) -> precomposed letter, and back, for both cases.
_TONED, _UNTONED = _build_tone_tables()

# All Vietnamese vowel letters (any tone, any case) as a string.
_ALL_VOWEL_CHARS = "".join(sorted(_UNTONED))

# Vietnamese letters that are not in Latin-1: seeing any of them means the
# text is real Unicode Vietnamese, not TCVN3/VNI read as cp1252.
_UNICODE_ONLY_VI_RE = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")

_INITIALS = sorted(
    _words("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"),
    key=len,
    reverse=True,
)
_FINALS = frozenset(["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"])
_STOP_FINALS = frozenset(["c", "ch", "k", "p", "t"])
_SAC, _NANG = 4, 5

# Vowel clusters (nuclei) of Vietnamese syllables, written without tone.
_NUCLEI = frozenset(
    _words(
        "a ă â e ê i o ô ơ u ư y "
        "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo uâ ua uê ui uô uơ uy "
        "ưa ưi ươ ưu yê "
        "iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu"
    )
)
# Nuclei that only occur before a final consonant ("ăn", "tiên", "muốn").
_NEEDS_FINAL = frozenset(_words("ă â oă uâ iê yê uô ươ uyê oo"))
# Nuclei that end in a glide and so never take a final consonant.
_NO_FINAL = frozenset(
    _words(
        "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui uơ ưa ưi ưu "
        "iêu yêu oai oay oeo uây uôi ươi ươu uya uyu"
    )
)
# "ch" and "nh" only follow these nuclei ("sách", "ếch", "tình", "oanh", "huỳnh").
_PALATAL_NUCLEI = frozenset(_words("a ê i y oa uy uê"))


@dataclass(frozen=True, slots=True)
class _Syllable:
    initial: str
    nucleus: str
    final: str


def _parse_syllable(plain: str) -> _Syllable | None:
    """Split a lowercase, tone-less word into initial + nucleus + final.

    Returns None when the word is not shaped like a Vietnamese syllable.
    "gi" and "qu" count as initials when a vowel follows ("giữ", "quý");
    a lone "gi" + consonant is g + i ("gìn", "gì").
    """
    initial = ""
    for candidate in _INITIALS:
        if plain.startswith(candidate):
            initial = candidate
            break
    rest = plain[len(initial) :]
    if initial == "gi" and (not rest or rest[0] not in _VOWELS):
        initial, rest = "g", "i" + rest
    end = 0
    while end < len(rest) and rest[end] in _VOWELS:
        end += 1
    nucleus, final = rest[:end], rest[end:]
    if nucleus not in _NUCLEI or final not in _FINALS:
        return None
    return _Syllable(initial, nucleus, final)


def _tone_position(syllable: _Syllable) -> int:
    """Index in the nucleus of the vowel that carries the tone mark.

    The canonical ("hòa", "thủy") placement rule:

    1. A vowel with a shape mark (ă â ê ô ơ ư) carries the tone; in "ươ" it
       is the ơ ("người", "thuở", "tuổi", "khuyến").
    2. A single vowel carries it ("quý", "giữ", "gì").
    3. Before a final consonant the last vowel carries it ("hoàn", "huỳnh").
    4. Otherwise two vowels: the first ("hòa", "khỏe", "thủy", "mía", "tài");
       three vowels: the middle one ("ngoài", "khuỷu", "ngoẻo").

    The old style differs only in rule 4 for oa/oe/uy ("hoà", "khoẻ",
    "thuỷ"), so both styles map onto one placement.
    """
    nucleus = syllable.nucleus
    for index in range(len(nucleus) - 1, -1, -1):
        if nucleus[index] in _MARKED_VOWELS:
            return index
    if len(nucleus) == 1:
        return 0
    if syllable.final:
        return len(nucleus) - 1
    return 0 if len(nucleus) == 2 else 1


def _split_tone(word: str) -> tuple[str, list[tuple[int, int]]] | None:
    """Lowercase tone-less form of `word` and the (index, tone) of each tone mark."""
    lower = word.lower()
    if len(lower) != len(word):
        return None
    plain: list[str] = []
    tones: list[tuple[int, int]] = []
    for index, char in enumerate(lower):
        entry = _UNTONED.get(char)
        if entry is None:
            plain.append(char)
            continue
        plain.append(entry[0])
        if entry[1]:
            tones.append((index, entry[1]))
    return "".join(plain), tones


@functools.lru_cache(maxsize=65536)
def _canonical_word(word: str) -> str:
    """`word` (NFC) with its tone mark moved to the canonical vowel."""
    split = _split_tone(word)
    if split is None:
        return word
    plain, tones = split
    if len(tones) != 1:
        return word
    syllable = _parse_syllable(plain)
    if syllable is None:
        return word
    current, tone = tones[0]
    target = len(syllable.initial) + _tone_position(syllable)
    if target == current:
        return word
    chars = list(word)
    chars[current] = _TONED[_UNTONED[chars[current]][0], 0]
    chars[target] = _TONED[chars[target], tone]
    return "".join(chars)


@functools.lru_cache(maxsize=65536)
def _is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (any case, NFC) is spelt like one Vietnamese syllable.

    Used only as evidence when detecting legacy encodings, so it is strict:
    known initial, nucleus and final; at most one tone; stop finals
    (c, ch, p, t) only with sắc or nặng; k/gh/ngh only before i e ê y.
    """
    split = _split_tone(word)
    if split is None:
        return False
    plain, tones = split
    if len(tones) > 1 or not plain.isalpha():
        return False
    if any(not ("a" <= c <= "z" or c in _VOWELS or c == "đ") or c in "fjwz" for c in plain):
        return False
    syllable = _parse_syllable(plain)
    if syllable is None:
        return False
    initial, nucleus, final = syllable.initial, syllable.nucleus, syllable.final
    tone = tones[0][1] if tones else 0
    if final and nucleus in _NO_FINAL:
        return False
    if not final and nucleus in _NEEDS_FINAL:
        return False
    if final in ("ch", "nh") and nucleus not in _PALATAL_NUCLEI:
        return False
    if final in _STOP_FINALS and tone not in (_SAC, _NANG):
        return False
    front = nucleus[0] in "ieêy"
    if initial in ("k", "gh", "ngh") and not front:
        return False
    if initial in ("c", "ng") and front:
        return False
    return not (initial == "g" and nucleus[0] in "eê")


# ---------------------------------------------------------------------------
# NFC
# ---------------------------------------------------------------------------


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC (ASCII is returned unchanged)."""
    if s.isascii():
        return s
    return unicodedata.normalize("NFC", s)


def is_nfc(s: str) -> bool:
    """Whether `s` is already in Unicode NFC (ASCII always is)."""
    return s.isascii() or unicodedata.is_normalized("NFC", s)


# ---------------------------------------------------------------------------
# Folding and comparison keys
# ---------------------------------------------------------------------------

# Runs of characters that are neither letters/digits nor combining marks
# (combining marks are kept so that a stray one never splits a word).
_NON_WORD_RE = re.compile(r"(?:[^\w\u0300-\u036f]|_)+")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for start, stop in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, stop):
            decomposed = unicodedata.normalize("NFD", chr(code))
            base = decomposed[0]
            if (
                len(decomposed) > 1
                and base.isascii()
                and base.isalpha()
                and all(unicodedata.combining(c) for c in decomposed[1:])
            ):
                table[code] = base.lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    for code in range(0x0300, 0x0370):
        table[code] = None
    # General punctuation (dashes, quotes, special spaces) becomes a space;
    # invisible joiners disappear.
    for code in range(0x2000, 0x2070):
        table[code] = " "
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[code] = None
    return table


_FOLD_TABLE = _build_fold_table()


def _fold_token(token: str) -> str:
    folded = token.translate(_FOLD_TABLE)
    if not folded.isascii():
        # Rare: letters outside the precomputed blocks (Greek, Cyrillic, ...).
        folded = _COMBINING_RE.sub("", unicodedata.normalize("NFD", folded)).lower()
    return _NON_WORD_RE.sub(" ", folded).strip()


# Keys are computed per whitespace-separated token and memoised: a corpus of
# Vietnamese text has few distinct tokens, so after warm-up a key costs one
# str.split, one dict lookup per token and one join. The caches are bounded.
_TOKEN_CACHE_LIMIT = 200_000
_FOLD_CACHE: dict[str, str] = {}
_COMPARE_CACHE: dict[str, str] = {}


def _key_by_token(text: str, cache: dict[str, str], key: Callable[[str], str]) -> str:
    get = cache.get
    parts: list[str] = []
    for token in text.split():
        value = get(token)
        if value is None:
            value = key(token)
            if len(cache) >= _TOKEN_CACHE_LIMIT:
                cache.clear()
            cache[token] = value
        if value:
            parts.append(value)
    return " ".join(parts)


def fold(s: str) -> str:
    """Search key without diacritics: "Không gian hành chính" → "khong gian hanh chinh".

    NFD with combining marks dropped, đ → d, lowercase, every run of
    characters other than letters and digits replaced by one space, stripped.
    Both tone placements fold together ("hoà", "hòa" → "hoa").
    """
    return _key_by_token(s, _FOLD_CACHE, _fold_token)


# Letter runs containing a toned vowel next to another vowel: the only words
# whose tone placement can differ between the old and the new style (or be
# misplaced). Everything else is left alone without a Python-level call.
_TONED_VOWEL_CHARS = "".join(c for c, (_, tone) in _UNTONED.items() if tone)
_PLACEMENT_CANDIDATE_RE = re.compile(
    rf"(?<![^\W\d_])[^\W\d_]*?"
    rf"(?:[{_TONED_VOWEL_CHARS}][{_ALL_VOWEL_CHARS}]|[{_ALL_VOWEL_CHARS}][{_TONED_VOWEL_CHARS}])"
    rf"[^\W\d_]*"
)


def _place_tones(text: str) -> str:
    return _PLACEMENT_CANDIDATE_RE.sub(lambda m: _canonical_word(m.group()), text)


def normalize_tone_placement(s: str) -> str:
    """Move every tone mark to its canonical ("hòa", "thủy", "ủy") vowel.

    Old-style placements ("hoà", "thuỷ", "khoẻ", "loà", "uỷ") become
    "hòa", "thủy", "khỏe", "lòa", "ủy"; case and all other diacritics are
    kept. Only words spelt like a Vietnamese syllable with exactly one tone
    mark are touched; see `_tone_position` for the rule. "quý", "giữ",
    "thuở" and "hoàn" are already canonical and stay as they are. The
    result is NFC.
    """
    if s.isascii():
        return s
    return _place_tones(nfc(s))


def _compare_token(token: str) -> str:
    key = token.lower()
    if not key.isascii():
        key = _place_tones(key)
    return _NON_WORD_RE.sub(" ", key).strip()


def compare_key(s: str) -> str:
    """Comparison key that keeps diacritics: "Hoà  bình!" → "hòa bình".

    NFC, lowercase, tone placement normalised, and (as in `fold`) every run of
    characters other than letters and digits collapsed to one space, stripped.
    """
    return _key_by_token(nfc(s), _COMPARE_CACHE, _compare_token)


# ---------------------------------------------------------------------------
# Vietnamese alphabetical order
# ---------------------------------------------------------------------------

_ALPHABET = _words("a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y f j w z")

#: A `sort_key` value: (primary letters, secondary tones, raw string).
SortKey = tuple[str, str, str]

# Ranks are encoded as characters so that keys compare as plain strings:
# word separator < digits < letters in Vietnamese order < any other character.
_SEPARATOR_RANK = "\x01"


def _build_primary_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for digit in range(10):
        table[ord(str(digit))] = chr(0x10 + digit)
    letter_rank = {letter: chr(0x30 + index) for index, letter in enumerate(_ALPHABET)}
    # Other Latin letters with diacritics rank as their base letter ("ü" as "u").
    for start, stop in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, stop):
            base = unicodedata.normalize("NFD", chr(code))[0].lower()
            if base in letter_rank:
                table[code] = letter_rank[base]
    for letter, rank in letter_rank.items():
        table[ord(letter)] = rank
        table[ord(letter.upper())] = rank
    for char, (base, _tone) in _UNTONED.items():
        table[ord(char)] = letter_rank[base.lower()]
    table[ord(" ")] = _SEPARATOR_RANK
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_PRIMARY_TABLE = _build_primary_table()
_TONED_CHAR_RE = re.compile(f"[{_TONED_VOWEL_CHARS}]")


def _word_tone(word: str) -> str:
    match = _TONED_CHAR_RE.search(word)
    return str(_UNTONED[match.group()][1]) if match else "0"


def sort_key(s: str) -> SortKey:
    """Key for sorting names in Vietnamese alphabetical order.

    Primary: letters in the order a ă â b c d đ e ê g h i k l m n o ô ơ p q r
    s t u ư v x y, then the foreign f j w z; digits before letters; case and
    punctuation ignored (punctuation separates words like a space).
    Secondary: the tone of each word, none < huyền < hỏi < ngã < sắc < nặng,
    wherever the mark sits ("Hòa" and "Hoà" are equal here).
    Tertiary: the raw string, so that the order is total and deterministic.
    """
    text = _NON_WORD_RE.sub(" ", nfc(s).lower()).strip()
    primary = text.translate(_PRIMARY_TABLE)
    tones = "".join(map(_word_tone, text.split(" ")))
    return (primary, tones, s)


# ---------------------------------------------------------------------------
# Slugs
# ---------------------------------------------------------------------------

# Letters that have no decomposition but an obvious ASCII spelling.
_SLUG_EXTRA = str.maketrans(
    {"đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "ð": "d", "þ": "th", "ı": "i"}
)
_SLUG_RUN_RE = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def _slug_piece(char: str) -> str:
    """ASCII spelling of one character for a slug ("" for a combining mark)."""
    if unicodedata.combining(char):
        return ""
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    spelled = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).lower())
    spelled = "".join(c for c in spelled if not unicodedata.combining(c))
    spelled = spelled.translate(_SLUG_EXTRA).lower()
    if any(c.isascii() and c.isalnum() for c in spelled):
        return spelled
    if char.isalnum():
        # A letter with no ASCII spelling (e.g. CJK) becomes its code point,
        # so that different names keep different slugs.
        return f" u{ord(char):x} "
    return " "


def slugify(s: str, max_length: int = 80) -> str:
    """Identifier from a name: "Ủy ban nhân dân" → "uy-ban-nhan-dan".

    No diacritics, đ → d, lowercase; every run of other characters becomes
    one "-", none leading or trailing. Longer results are cut at the last
    word boundary within `max_length` (inside the first word only if that
    word alone is too long). Matches ^[a-z0-9]+(-[a-z0-9]+)*$ whenever `s`
    has a letter or digit; otherwise the result is "".
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, not {max_length}")
    spelled = s.lower() if s.isascii() else "".join(map(_slug_piece, nfc(s)))
    slug = _SLUG_RUN_RE.sub("-", spelled).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    return slug[:cut] if cut > 0 else slug[:max_length]


# ---------------------------------------------------------------------------
# Legacy encodings: TCVN3 (ABC) and VNI-Windows read as cp1252 / Latin-1
# ---------------------------------------------------------------------------

#: Values `detect_legacy_encoding` can return (and `fix_legacy_encoding` accepts).
LEGACY_ENCODINGS = ("TCVN3", "VNI", "NFD")

# TCVN 5712:1993 VN3 ("ABC", fonts .VnTime): one byte per letter. Lowercase
# letters with tones and the seven uppercase letters Ă Â Ê Ô Ơ Ư Đ occupy
# 0xA1-0xFE; bytes 0x00-0x7F are ASCII. Read as Latin-1/cp1252 each byte
# shows as the character on the left (0xAD, ư, is the soft hyphen).
_TCVN3_TO_UNICODE: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô",
    "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô",
    "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ",
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip
_TCVN3_TABLE = str.maketrans(_TCVN3_TO_UNICODE)

# VNI-Windows: ASCII base vowel followed by a mark byte. Read as cp1252 the
# marks show as: tones ù (sắc) ø (huyền) û (hỏi) õ (ngã) ï (nặng);
# â = circumflex, á à å ã ä = circumflex + sắc/huyền/hỏi/ngã/nặng;
# ê = breve, é è ú ü ë = breve + sắc/huyền/hỏi/ngã/nặng.
# Single bytes: ô = ơ, ö = ư, ñ = đ, í ì æ ó ò = í ì ỉ ĩ ị, î = ỵ.
# Uppercase letters use the uppercase forms of the same characters.
_VNI_TONE_MARKS = {"ù": 4, "ø": 1, "û": 2, "õ": 3, "ï": 5}
_VNI_SHAPE_MARKS = {
    "â": ("circumflex", 0), "á": ("circumflex", 4), "à": ("circumflex", 1),
    "å": ("circumflex", 2), "ã": ("circumflex", 3), "ä": ("circumflex", 5),
    "ê": ("breve", 0), "é": ("breve", 4), "è": ("breve", 1),
    "ú": ("breve", 2), "ü": ("breve", 3), "ë": ("breve", 5),
}  # fmt: skip
_VNI_SINGLES = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_SHAPED = {("a", "circumflex"): "â", ("e", "circumflex"): "ê", ("o", "circumflex"): "ô",
           ("a", "breve"): "ă"}  # fmt: skip


def _build_vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for single, letter in _VNI_SINGLES.items():
        table[single] = letter
        table[single.upper()] = letter.upper()

    def add_pair(vni_base: str, mark: str, letter: str) -> None:
        # The case of the base decides the case of the letter; the mark may
        # come in either case.
        for mark_case in (mark, mark.upper()):
            table[vni_base + mark_case] = letter
            table[vni_base.upper() + mark_case] = letter.upper()

    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    for vni_base, base in bases.items():
        for mark, tone in _VNI_TONE_MARKS.items():
            add_pair(vni_base, mark, _TONED[base, tone])
        for mark, (shape, tone) in _VNI_SHAPE_MARKS.items():
            shaped = _SHAPED.get((vni_base, shape))
            if shaped is not None:
                add_pair(vni_base, mark, _TONED[shaped, tone])
    return table


_VNI_TO_UNICODE = _build_vni_table()
_VNI_RE = re.compile(
    "|".join(re.escape(key) for key in sorted(_VNI_TO_UNICODE, key=len, reverse=True))
)

_TCVN3_CHARS = frozenset(_TCVN3_TO_UNICODE)
_VNI_CHARS = frozenset("".join(_VNI_TO_UNICODE)) - frozenset("aeouyAEOUY")


def _tcvn3_decode(s: str) -> str:
    return s.translate(_TCVN3_TABLE)


def _vni_decode(s: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_TO_UNICODE[m.group()], s)


def _token_re(chars: frozenset[str]) -> re.Pattern[str]:
    # Words are runs of letters of any script plus the encoding's characters
    # (some of which are symbols: "x·", "h¬n"), so a word is judged whole.
    return re.compile(r"(?:[^\W\d_]|[" + "".join(re.escape(c) for c in sorted(chars)) + "])+")


_TCVN3_TOKEN_RE = _token_re(_TCVN3_CHARS)
_VNI_TOKEN_RE = _token_re(_VNI_CHARS)

# A Vietnamese combining mark (tone or shape) right after a letter.
_DECOMPOSED_VI_RE = re.compile(
    r"[A-Za-z\u00c0-\u024f\u1ea0-\u1ef9][\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]"
)


@dataclass(frozen=True, slots=True)
class _Evidence:
    tokens: int  # words (runs of letters and the encoding's characters)
    valid_after: int  # words that are Vietnamese syllables once decoded
    hits: int  # words invalid as they stand that decode to a syllable
    misses: int  # words with encoding characters that are invalid either way
    strong_hit: bool  # some hit has at least two ASCII letters ("chµo")

    def flags(self) -> bool:
        if self.hits == 0 or self.valid_after * 2 < self.tokens:
            return False
        if self.hits >= 2:
            return self.hits > self.misses
        # A single hit is enough only in a short text that reads as Vietnamese
        # throughout once decoded ("Xin chµo").
        return (
            self.strong_hit
            and self.misses == 0
            and self.valid_after >= 2
            and self.valid_after * 5 >= self.tokens * 4
        )


_VOWEL_RE = re.compile(f"[{_ALL_VOWEL_CHARS}]")


def _natural_case(word: str) -> bool:
    """Lowercase, Capitalised or UPPERCASE (not "chÝnh", "lƯ")."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _gather_evidence(
    s: str,
    token_re: re.Pattern[str],
    chars: frozenset[str],
    decode: Callable[[str], str],
    *,
    decoded_case_matters: bool,
) -> _Evidence:
    tokens = valid_after = hits = misses = 0
    strong_hit = False
    for match in token_re.finditer(s):
        token = match.group()
        decoded = decode(token)
        decoded_valid = _is_vietnamese_syllable(decoded) and (
            not decoded_case_matters or _natural_case(decoded)
        )
        if not decoded_valid and (decoded.isupper() or not _VOWEL_RE.search(decoded)):
            continue  # abbreviations ("UBND", "N§" for "NĐ") are no evidence either way
        tokens += 1
        valid_after += decoded_valid
        if not any(c in chars for c in token):
            continue
        ascii_letters = sum(c.isascii() for c in token)
        valid_as_is = _natural_case(token) and _is_vietnamese_syllable(token)
        # A hit needs a letter: "«" alone would read as TCVN3 "ô".
        if (ascii_letters or token.isalpha()) and decoded_valid and not valid_as_is:
            hits += 1
            strong_hit = strong_hit or ascii_letters >= 2
        elif not decoded_valid:
            misses += 1
    return _Evidence(tokens, valid_after, hits, misses, strong_hit)


def detect_legacy_encoding(s: str) -> str | None:
    """Name the legacy form `s` is in: "TCVN3", "VNI", "NFD", or None.

    * "NFD": decomposed Unicode (a Vietnamese combining mark after a letter).
    * "TCVN3" / "VNI": text in those 8-bit encodings that was read as
      cp1252/Latin-1 ("Xin chµo", "Xin chaøo" for "Xin chào").

    Evidence is counted per word: a word is a *hit* when it contains the
    encoding's characters, is not a valid Vietnamese syllable as it stands
    and becomes one when decoded ("hßa" → "hòa", "hoøa" → "hòa"). Text that
    contains letters only real Unicode Vietnamese has (ă đ ơ ư ĩ ũ, U+1EA0-
    U+1EF9) is never legacy, ASCII never is, and a verdict needs at least two
    hits (more hits than undecodable words; most words Vietnamese once
    decoded), or one hit in a short text that is entirely Vietnamese once
    decoded.
    """
    if s.isascii():
        return None
    if not is_nfc(s) and _DECOMPOSED_VI_RE.search(s):
        return "NFD"
    if _UNICODE_ONLY_VI_RE.search(s):
        return None
    # TCVN3 has no capitals with tones (capital fonts reuse the lowercase
    # codes), so a decoded TCVN3 word may mix cases ("CộNG"); a VNI one may not.
    tcvn3 = _gather_evidence(
        s, _TCVN3_TOKEN_RE, _TCVN3_CHARS, _tcvn3_decode, decoded_case_matters=False
    )
    vni = _gather_evidence(s, _VNI_TOKEN_RE, _VNI_CHARS, _vni_decode, decoded_case_matters=True)
    # When both readings fit, the one that leaves fewer words undecodable
    # wins, then the one with more hits; a full tie (a few words that read
    # well both ways, "Thuû" = "Thuỷ" or "Thủ") goes to TCVN3, the national
    # standard that older government files use.
    candidates = [
        (e.valid_after - e.tokens, e.hits, preference, name)
        for preference, name, e in ((1, "TCVN3", tcvn3), (0, "VNI", vni))
        if e.flags()
    ]
    if not candidates:
        return None
    return max(candidates)[3]


def fix_legacy_encoding(s: str, encoding: str) -> str:
    """Convert `s` from a legacy form named by `detect_legacy_encoding` to NFC Unicode.

    "TCVN3" and "VNI" decode the mis-read characters; "NFD" recomposes.
    Raises ValueError for any other name.
    """
    if encoding == "TCVN3":
        return unicodedata.normalize("NFC", _tcvn3_decode(s))
    if encoding == "VNI":
        return unicodedata.normalize("NFC", _vni_decode(s))
    if encoding == "NFD":
        return unicodedata.normalize("NFC", s)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

# Babel is the maintained Python implementation of the Unicode CLDR locale
# data, so "vi_VN" gives the official Vietnamese symbols (decimal comma,
# grouping dot, percent sign) instead of hand-written separators. Rounding is
# done here first, half-up, so Babel's own (half-even) rounding never applies.
_LOCALE = "vi_VN"
_NOT_AVAILABLE = "–"


def _decimal(x: float | Decimal) -> Decimal:
    value = x if isinstance(x, Decimal) else Decimal(str(x))
    if not value.is_finite():
        raise ValueError(f"cannot format {x!r}")
    return value


def _round_half_up(value: Decimal, digits: int) -> Decimal:
    if digits < 0:
        raise ValueError(f"digits must be >= 0, not {digits}")
    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # no "-0,0"


def _pattern(digits: int) -> str:
    return "#,##0." + "0" * digits if digits else "#,##0"


def format_int(n: int) -> str:
    """Integer with a thousands dot: 2454 → "2.454", -1000 → "-1.000"."""
    return babel.numbers.format_decimal(n, format="#,##0", locale=_LOCALE)


def format_decimal(x: float | Decimal, digits: int = 1) -> str:
    """Number with exactly `digits` decimals, half-up: 99.6 → "99,6"; 72.834, 2 → "72,83"."""
    value = _round_half_up(_decimal(x), digits)
    return babel.numbers.format_decimal(value, format=_pattern(digits), locale=_LOCALE)


def format_figure(x: float) -> str:
    """A recorded figure as a person reads it: a whole number with thousands dots
    ("2.454"), else at most two decimals without trailing zeros ("12,5", "99,75")."""
    if float(x).is_integer():
        return format_int(int(x))
    return format_decimal(x, 2).rstrip("0").rstrip(",")


def _format_ratio(ratio: Decimal, digits: int) -> str:
    if ratio == 1:
        return babel.numbers.format_percent(1, format="#,##0%", locale=_LOCALE)
    if ratio == 0:
        return babel.numbers.format_percent(0, format="#,##0%", locale=_LOCALE)
    percent = _round_half_up(ratio * 100, digits)
    return babel.numbers.format_percent(
        percent.scaleb(-2), format=_pattern(digits) + "%", locale=_LOCALE
    )


def format_percent(ratio: float | Decimal | None, digits: int = 1) -> str:
    """Ratio as a percentage with `digits` decimals: 0.996 → "99,6%".

    Exactly 1 and 0 print as "100%" and "0%"; anything else keeps `digits`
    decimals, so 0.99996 prints "100,0%" (not all, but rounds to it).
    None prints "–".
    """
    if ratio is None:
        return _NOT_AVAILABLE
    return _format_ratio(_decimal(ratio), digits)


def format_rate(numerator: int, denominator: int, digits: int = 1) -> str:
    """`numerator`/`denominator` as a percentage: 744, 747 → "99,6%"; "–" if denominator is 0."""
    if denominator == 0:
        return _NOT_AVAILABLE
    return _format_ratio(Decimal(numerator) / Decimal(denominator), digits)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(n: int) -> str:
    """Roman numeral for 1..3999 (quarters: "Quý III"): 4 → "IV", 14 → "XIV"."""
    if not 1 <= n <= 3999:
        raise ValueError(f"roman numerals cover 1..3999, not {n}")
    parts: list[str] = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        parts.append(numeral * count)
    return "".join(parts)


_LIST_LETTERS = _words("a b c d đ e g h i k l m n o p q r s t u v x y")


def vietnamese_letter(i: int) -> str:
    """List-item letter number `i` (from 0) in Nghị định 30 order: a, b, c, d, đ, e, g, ..., y."""
    if not 0 <= i < len(_LIST_LETTERS):
        raise ValueError(f"no list letter for index {i}; there are {len(_LIST_LETTERS)}")
    return _LIST_LETTERS[i]


# ---------------------------------------------------------------------------
# Near-duplicate titles
# ---------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    # SequenceMatcher is not symmetric; a fixed argument order makes this so.
    first, second = sorted((a, b))
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def nearly_equal_titles(a: str, b: str, threshold: float = 0.9) -> bool:
    """Whether two titles are near duplicates: equal keys, or `similarity` ≥ `threshold`.

    Titles that differ only in diacritics or tone placement are always
    nearly equal.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], not {threshold}")
    return similarity(a, b) >= threshold


def similarity(a: str, b: str) -> float:
    """Similarity of two titles in [0, 1], ignoring case, punctuation and tone placement.

    The higher of the `difflib.SequenceMatcher` ratios of their `fold` keys
    (diacritics removed) and of their `compare_key` keys (diacritics kept);
    1.0 when the `fold` keys are equal. Symmetric in `a` and `b`.
    """
    folded_a, folded_b = fold(a), fold(b)
    if folded_a == folded_b:
        return 1.0
    keyed_a, keyed_b = compare_key(a), compare_key(b)
    return max(_ratio(folded_a, folded_b), _ratio(keyed_a, keyed_b))
