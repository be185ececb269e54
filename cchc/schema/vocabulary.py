"""The domain vocabulary: every closed set of codes of the data format (FORMAT.md), the
Vietnamese words users see for each code, and the sets of codes that carry a meaning.

Each enumeration is declared here once, as a `Literal` type (what the pydantic models
accept) with the tuple of its values in display order. Its Vietnamese labels are declared
here once too, in named *forms*, because the screens spell the same code differently
(the report's column "Không phù hợp" is `cchc show`'s "không phù hợp điều kiện thực tế"):

- ``text``: running text, lower case, the full meaning ("đang triển khai",
  "không phù hợp điều kiện thực tế", "mô hình"): `cchc show`, `cchc diff`, legends.
- ``heading``: capitalised, as short as a table column allows ("Đang triển khai",
  "Không phù hợp", "Mô hình"): report tables, and a word starting a sentence.
- ``symbol``: the matrix cell of `cchc matrix` ("TK"; "·" for not started).
- ``abbreviation``: a narrow column header of the terminal report ("TK"; "Chưa").
- ``title``: the type name printed as a document's title (Nghị định 30/2020: "KẾ HOẠCH").

Not every enumeration has every form; `Vocabulary.forms` says which it has, and each of
its values has a label in each of them (tests/schema/test_vocabulary.py). No other module
of `cchc` declares a label of these codes. This module is in the schema layer and imports
nothing else of `cchc`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, get_args

# -- the enumerations (FORMAT.md) ------------------------------------------------------

UnitKind = Literal["people-committee", "department", "agency", "organization"]
Level = Literal["central", "province", "district", "commune"]
#: Status of an adoption event (FORMAT.md, "Adoption records").
AdoptionStatus = Literal[
    "planned", "implementing", "effective", "ineffective", "suspended", "not-applicable"
]
#: Status of a (unit, model) pair on a day: the status of the unit's last adoption event
#: on or before it, or `NOT_STARTED` (no record, or no event yet).
Status = Literal[AdoptionStatus, "not-started"]
ModelStatus = Literal["proposed", "piloting", "recognized", "retired"]
ModelKind = Literal["model", "solution", "initiative"]
#: The six areas of the 2021–2030 master programme (Nghị quyết 76/NQ-CP).
Area = Literal[
    "institutions",
    "administrative-procedures",
    "organization",
    "civil-service",
    "public-finance",
    "digital-government",
]
DocumentType = Literal["cong-van", "ke-hoach", "bao-cao"]
CitationStyle = Literal["summary", "detailed", "inline"]
Authority = Literal["TM", "KT", "Q", "TL", "TUQ"]
#: Computed tables a báo cáo body block may ask for (docs/format.md).
ReportTable = Literal["summary", "models", "units", "overdue", "results", "new-models"]

UNIT_KINDS: Final[tuple[str, ...]] = get_args(UnitKind)
LEVELS: Final[tuple[str, ...]] = get_args(Level)
ADOPTION_STATUSES: Final[tuple[str, ...]] = get_args(AdoptionStatus)
#: Every status a (unit, model) pair can have on a day, in table order.
STATUSES: Final[tuple[str, ...]] = get_args(Status)
NOT_STARTED: Final = "not-started"
MODEL_STATUSES: Final[tuple[str, ...]] = get_args(ModelStatus)
MODEL_KINDS: Final[tuple[str, ...]] = get_args(ModelKind)
AREAS: Final[tuple[str, ...]] = get_args(Area)
DOCUMENT_TYPES: Final[tuple[str, ...]] = get_args(DocumentType)
CITATION_STYLES: Final[tuple[str, ...]] = get_args(CitationStyle)
AUTHORITIES: Final[tuple[str, ...]] = get_args(Authority)
REPORT_TABLES: Final[tuple[str, ...]] = get_args(ReportTable)
#: What `cchc show` and `cchc search` find (not a field of the data: the kind of a file).
ItemKind = Literal["unit", "model", "document"]
ITEM_KINDS: Final[tuple[str, ...]] = get_args(ItemKind)

# -- sets that carry a meaning ---------------------------------------------------------

#: **Adopted** ("đã áp dụng", the units that replicate a model: "nhân rộng"): implementing
#: or effective. The numerator of the replication rate (tỷ lệ nhân rộng, FORMAT.md 1.1,
#: "Progress" 4); the `adopted` figures of `cchc report`; `adopters` / `adoptions` of
#: `cchc list models|units` ("Số đơn vị áp dụng", "Số mô hình áp dụng").
ADOPTED: Final[frozenset[str]] = frozenset({"implementing", "effective"})
#: **Started** ("đang hoặc đã triển khai"): the unit has begun applying the model, whether
#: or not it still does or does it well. What the totals of `cchc matrix` count ("Tổng: số
#: ô đang hoặc đã triển khai (TK, HQ, CHQ, TD)"). Not "adopted": an ineffective or
#: suspended unit is one to follow up (FORMAT.md 1.1, "Progress" 5).
STARTED: Final[frozenset[str]] = frozenset(
    {"implementing", "effective", "ineffective", "suspended"}
)
#: **Directive** document types (văn bản chỉ đạo): a công văn or kế hoạch that lists models
#: orders them replicated (FORMAT.md 1.1, "Progress" 1); a báo cáo never does.
DIRECTIVE_TYPES: Final[frozenset[str]] = frozenset({"cong-van", "ke-hoach"})

# -- labels ----------------------------------------------------------------------------

LabelForm = Literal["text", "heading", "symbol", "abbreviation", "title"]


@dataclass(frozen=True)
class Vocabulary:
    """One enumeration: its codes in display order and the label of each code in each of
    its `forms` (`table[code]` lists the labels in the order of `forms`)."""

    values: tuple[str, ...]
    forms: tuple[LabelForm, ...]
    table: Mapping[str, tuple[str, ...]]

    def label(self, value: str, form: LabelForm = "text") -> str:
        """The label of `value` in `form`; the code itself for a code outside the set (an
        older revision compared by `cchc diff` may hold one)."""
        index = self.forms.index(form)  # ValueError: a form this vocabulary lacks (a bug)
        row = self.table.get(value)
        return row[index] if row is not None else value

    def labels(self, form: LabelForm = "text") -> Mapping[str, str]:
        """Code → label in `form`, in display order."""
        return MappingProxyType({v: self.label(v, form) for v in self.values})

    def describe(
        self,
        values: tuple[str, ...] | None = None,
        *,
        sep: str = ", ",
        notes: Mapping[str, str] | None = None,
    ) -> str:
        """The codes with their labels, for a schema description: "code (label), ...";
        `notes[code]` follows the label inside the brackets: "not-applicable (không
        phù hợp điều kiện thực tế: cần ghi note)"."""
        notes = notes or {}
        return sep.join(f"{v} ({self.label(v)}{notes.get(v, '')})" for v in (values or self.values))


#: Status of a (unit, model) pair (adoption statuses and not started).
STATUS: Final = Vocabulary(
    STATUSES,
    ("text", "heading", "symbol", "abbreviation"),
    MappingProxyType({
        "planned": ("đã có kế hoạch", "Đã có kế hoạch", "KH", "KH"),
        "implementing": ("đang triển khai", "Đang triển khai", "TK", "TK"),
        "effective": ("triển khai hiệu quả", "Triển khai hiệu quả", "HQ", "HQ"),
        "ineffective": ("triển khai chưa hiệu quả", "Triển khai chưa hiệu quả", "CHQ", "CHQ"),
        "suspended": ("tạm dừng", "Tạm dừng", "TD", "TD"),
        "not-applicable": ("không phù hợp điều kiện thực tế", "Không phù hợp", "KPH", "KPH"),
        "not-started": ("chưa triển khai", "Chưa triển khai", "·", "Chưa"),
    }),
)  # fmt: skip
MODEL_STATUS: Final = Vocabulary(
    MODEL_STATUSES,
    ("text", "heading"),
    MappingProxyType({
        "proposed": ("đề xuất", "Đề xuất"),
        "piloting": ("thí điểm", "Thí điểm"),
        "recognized": ("được công nhận", "Được công nhận"),
        "retired": ("không còn áp dụng", "Không còn áp dụng"),
    }),
)  # fmt: skip
MODEL_KIND: Final = Vocabulary(
    MODEL_KINDS,
    ("text", "heading"),
    MappingProxyType({
        "model": ("mô hình", "Mô hình"),
        "solution": ("giải pháp", "Giải pháp"),
        "initiative": ("sáng kiến", "Sáng kiến"),
    }),
)  # fmt: skip
DOCUMENT_TYPE: Final = Vocabulary(
    DOCUMENT_TYPES,
    ("title", "heading"),
    MappingProxyType({
        "cong-van": ("CÔNG VĂN", "Công văn"),
        "ke-hoach": ("KẾ HOẠCH", "Kế hoạch"),
        "bao-cao": ("BÁO CÁO", "Báo cáo"),
    }),
)  # fmt: skip
UNIT_KIND: Final = Vocabulary(
    UNIT_KINDS,
    ("text", "heading"),
    MappingProxyType({
        "people-committee": ("ủy ban nhân dân", "Ủy ban nhân dân"),
        "department": ("cơ quan chuyên môn", "Cơ quan chuyên môn"),
        "agency": ("cơ quan, đơn vị khác", "Cơ quan, đơn vị khác"),
        "organization": ("tổ chức, đoàn thể", "Tổ chức, đoàn thể"),
    }),
)  # fmt: skip
LEVEL: Final = Vocabulary(
    LEVELS,
    ("text", "heading"),
    MappingProxyType({
        "central": ("trung ương", "Trung ương"),
        "province": ("cấp tỉnh", "Tỉnh"),
        "district": ("cấp huyện", "Huyện"),
        "commune": ("cấp xã", "Xã"),
    }),
)  # fmt: skip
#: The six areas of Nghị quyết 76/NQ-CP: the running text names the reform ("cải cách thủ
#: tục hành chính"), the heading only its object.
AREA: Final = Vocabulary(
    AREAS,
    ("text", "heading"),
    MappingProxyType({
        "institutions": ("cải cách thể chế", "Thể chế"),
        "administrative-procedures": ("cải cách thủ tục hành chính", "Thủ tục hành chính"),
        "organization": ("cải cách tổ chức bộ máy", "Tổ chức bộ máy"),
        "civil-service": ("cải cách chế độ công vụ", "Công vụ"),
        "public-finance": ("cải cách tài chính công", "Tài chính công"),
        "digital-government": ("xây dựng chính phủ điện tử, chính phủ số", "Chính phủ số"),
    }),
)  # fmt: skip
ITEM_KIND: Final = Vocabulary(
    ITEM_KINDS,
    ("text", "heading"),
    MappingProxyType({
        "unit": ("đơn vị", "Đơn vị"),
        "model": ("mô hình", "Mô hình"),
        "document": ("văn bản", "Văn bản"),
    }),
)  # fmt: skip
#: The abbreviation of a document type in a document's number (Nghị định 30/2020, Phụ lục
#: III: "428/KH-UBND"); a công văn has none (its number ends with the drafter's).
DOCUMENT_SYMBOLS: Final[Mapping[str, str]] = MappingProxyType({"ke-hoach": "KH", "bao-cao": "BC"})

#: Every vocabulary with labels (for tests and generated documentation).
VOCABULARIES: Final[Mapping[str, Vocabulary]] = MappingProxyType({
    "status": STATUS,
    "model_status": MODEL_STATUS,
    "model_kind": MODEL_KIND,
    "document_type": DOCUMENT_TYPE,
    "unit_kind": UNIT_KIND,
    "level": LEVEL,
    "area": AREA,
    "item_kind": ITEM_KIND,
})  # fmt: skip
