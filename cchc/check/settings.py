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


_TOML_TYPES = {
    bool: "true/false",
    int: "số nguyên",
    float: "số",
    str: "chuỗi",
    list: "danh sách",
    dict: "mục (bảng)",
}


def _toml_type(value: object) -> str:
    return _TOML_TYPES.get(type(value), "ngày giờ")


def _position(source: str, key: str | None) -> tuple[int, int]:
    """Line and column in cchc.toml of `validate.<key>` (of `[validate]` itself when `key`
    is None): the value after "=", else the start of the line; (0, 0) if not found.

    Written as `[validate]` then `key = ...`, as `validate.key = ...`, or as an inline
    table `validate = {key = ...}`. Good enough for the messages: tomllib keeps no
    positions of what it read correctly.
    """
    table = ""
    fallback = (0, 0)
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[\[?\s*(.+?)\s*\]\]?", text)
        if header:
            table = header.group(1).strip("\"'")
            if key is None and table == "validate":
                return number, line.index("[") + 1
            continue
        names: tuple[str, ...]
        if table == "validate" and key is not None:
            names = (key, f'"{key}"', f"'{key}'")
        elif table == "":
            names = ("validate",) if key is None else (f"validate.{key}",)
        else:
            continue
        match = re.match(r"\s*([^=]+?)\s*=\s*", line)
        if match is None:
            continue
        name = re.sub(r"\s*\.\s*", ".", match.group(1))
        if name in names:
            return number, match.end() + 1
        if table == "" and key is not None and name == "validate" and key in line:
            fallback = fallback if fallback[0] else (number, line.index(key) + 1)
    return fallback


class _Settings:
    """Errors of one cchc.toml, located in its text."""

    def __init__(self, source: str) -> None:
        self.source = source

    def bad(self, key: str | None, message: str, hint: str | None = None) -> CchcError:
        line, col = _position(self.source, key)
        if not line and key is not None:
            line, col = _position(self.source, None)
        return CchcError(message, hint=hint, location=Location(SETTINGS_FILE, line, col))


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
    toml = _Settings(source)
    section = data.get("validate", {})
    if not isinstance(section, dict):
        raise toml.bad(
            None,
            f"[validate] phải là một mục (bảng) thiết lập, không phải {_toml_type(section)}",
            'viết dòng [validate], rồi các dòng disable = ["L006"] và fail-on = "error"',
        )
    unknown = sorted(set(section) - {"disable", "fail-on"})
    if unknown:
        raise toml.bad(
            unknown[0],
            f"mục [validate] có khoá không hỗ trợ: {', '.join(unknown)}",
            "chỉ dùng disable và fail-on (xem docs/rules.md)",
        )
    names = section.get("disable", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        example = f'disable = ["{names}"]' if isinstance(names, str) else 'disable = ["L006"]'
        if isinstance(names, list):
            odd = next(n for n in names if not isinstance(n, str))
            what = f"danh sách có mục là {_toml_type(odd)}"
        else:
            what = _toml_type(names)
        raise toml.bad(
            "disable",
            f"disable trong [validate] phải là danh sách mã hoặc tên luật (chuỗi), không phải "
            f"{what}",
            f"viết {example}",
        )
    disable = set()
    for name in names:
        try:
            disable.add(rules.resolve(name).code)
        except KeyError:
            raise toml.bad(
                "disable", f'không có luật "{name}"', "xem danh sách bằng `cchc rules`"
            ) from None
    fail_on = section.get("fail-on", "error")
    if not isinstance(fail_on, str):
        raise toml.bad(
            "fail-on",
            f"fail-on trong [validate] phải là chuỗi, không phải {_toml_type(fail_on)}",
            'viết fail-on = "error" (hoặc "warning", "info")',
        )
    if fail_on not in FAIL_ON:
        raise toml.bad(
            "fail-on", f'fail-on = "{fail_on}" không hợp lệ', "chọn error, warning hoặc info"
        )
    return Settings(frozenset(disable), fail_on)
