"""Project settings: `cchc.toml` at the repository root (optional).

```toml
[validate]
disable = ["L006", "near-duplicate-title"]   # rule codes or names
fail-on = "warning"                           # error (default) | warning | info
```
"""

from __future__ import annotations

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


def _bad(message: str, hint: str | None = None) -> CchcError:
    return CchcError(f"{SETTINGS_FILE}: {message}", hint=hint, location=Location(SETTINGS_FILE))


def load_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CchcError(f"lỗi cú pháp TOML: {error}", location=Location(path)) from None
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
