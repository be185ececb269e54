"""Project settings: `cchc.toml` at the repository root (optional).

```toml
[validate]
disable = ["L006", "near-duplicate-title"]   # rule codes or names
fail-on = "warning"                           # error (default) | warning | info
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cchc.check import rules
from cchc.errors import CchcError, Location

SETTINGS_FILE = "cchc.toml"
FAIL_ON = ("error", "warning", "info")


@dataclass(frozen=True)
class Settings:
    disable: frozenset[str] = field(default_factory=frozenset)  # rule codes
    fail_on: str = "error"


_TOML_REASONS = {
    "Unclosed array": "thiếu dấu ] đóng danh sách",
    "Unclosed table": "thiếu dấu ] đóng tên mục",
    "Expected '=' after a key": "thiếu dấu = sau tên khoá",
    "Invalid value": "giá trị không hợp lệ (chuỗi phải đặt trong ngoặc kép)",
    "Invalid statement": "dòng không hợp lệ",
    "Cannot declare": "khai báo trùng",
}


def _bad(message: str, hint: str | None = None) -> CchcError:
    return CchcError(f"{SETTINGS_FILE}: {message}", hint=hint, location=Location(SETTINGS_FILE))


def load_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "Expected ... (at line 2, column 9)": keep the place, say it in Vietnamese
        text = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)", text)
        line, col = (int(where.group(1)), int(where.group(2))) if where else (0, 0)
        if "at end of document" in text:
            line, col = source.count("\n") + 1, 1
        reason = next((vi for en, vi in _TOML_REASONS.items() if text.startswith(en)), "")
        raise CchcError(
            "lỗi cú pháp TOML trong tệp thiết lập" + (f": {reason}" if reason else ""),
            hint='ví dụ đúng: [validate] rồi dòng disable = ["L006"]',
            location=Location(SETTINGS_FILE, line, col),
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CchcError(f"không đọc được tệp: {error}", location=Location(path)) from None
    section = data.get("validate", {})
    unknown = set(section) - {"disable", "fail-on"}
    if unknown or not isinstance(section, dict):
        raise _bad(
            f"mục [validate] có khoá không hỗ trợ: {', '.join(sorted(unknown))}",
            "chỉ dùng disable và fail-on (xem docs/rules.md)",
        )
    disable = set()
    for name in section.get("disable", []):
        try:
            disable.add(rules.resolve(str(name)).code)
        except KeyError:
            raise _bad(f'không có luật "{name}"', "xem danh sách bằng `cchc rules`") from None
    fail_on = section.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise _bad(f'fail-on = "{fail_on}" không hợp lệ', "chọn error, warning hoặc info")
    return Settings(frozenset(disable), fail_on)
