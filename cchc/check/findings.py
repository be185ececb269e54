"""What a check finds: a rule, a place, a Vietnamese message. Printing lives in cchc.present."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

#: Where in a file's data (= `cchc.load.yamlfile.LocPath`, repeated here because importing
#: that module loads the YAML reader, which `cchc validate` answered from the cache never
#: needs; tests/check/test_lean_validate.py checks that the two stay the same).
LocPath = tuple[str | int, ...]


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return {1: "info", 2: "warning", 3: "error"}[self.value]

    @property
    def label_vi(self) -> str:
        return {1: "thông tin", 2: "cảnh báo", 3: "lỗi"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return {"info": cls.INFO, "warning": cls.WARNING, "error": cls.ERROR}[text]


@dataclass(slots=True)
class Finding:
    """One problem at one place. `line`/`col` are 1-based; 0 means not yet located."""

    code: str
    path: str  # POSIX path relative to the repository root
    message: str
    severity: Severity
    line: int = 0
    col: int = 0
    hint: str | None = None
    loc: LocPath | None = None  # where in the data; resolved to line/col before output
    key: bool = False  # locate the key of `loc`, not its value

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)
