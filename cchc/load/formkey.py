"""The key that signs Excel forms (`cchc form`) and checks them (`cchc import`).

A form's hidden sheet says which unit it is for. An officer who edits it could make their
workbook write into another unit's file; the signature (`cchc.compute.forms.form_signature`)
stops that. The key is 32 random bytes kept per user, outside every data repository (a pull
request cannot bring one): `$XDG_CONFIG_HOME/cchc/form-key`, by default
`~/.config/cchc/form-key`, readable by its owner only. Forms made on one machine are checked
on the same machine; a form made elsewhere is refused unless `cchc import --accept-unsigned`
(docs/forms.md, "Chữ ký").
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cchc.errors import DataError

KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def key_path() -> Path:
    """Where the key lives (it may not exist yet)."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return folder / "cchc" / "form-key"


def _read(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataError(
            f"không đọc được khoá ký biểu mẫu {path}: {error.strerror}",
            hint="kiểm tra quyền của tệp, hoặc xoá nó để cchc tạo khoá mới "
            "(biểu mẫu đã gửi đi sẽ phải nhập bằng --accept-unsigned)",
        ) from None
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(4 * KEY_BYTES)
    try:
        key = bytes.fromhex(raw.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise DataError(
            f"tệp khoá ký biểu mẫu {path} bị hỏng",
            hint="xoá tệp đó để cchc tạo khoá mới (biểu mẫu đã gửi đi sẽ phải nhập bằng "
            "--accept-unsigned)",
        )
    return key


def load_key() -> bytes | None:
    """The key, or None when this user has none yet (no form was made here)."""
    return _read(key_path())


def ensure_key() -> bytes:
    """The key, created (owner-only, never replacing one) when there is none yet."""
    path = key_path()
    found = _read(path)
    if found is not None:
        return found
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:  # made meanwhile by another run: use that one
        return _read(path) or key
    except OSError as error:
        raise DataError(
            f"không tạo được khoá ký biểu mẫu {path}: {error.strerror}",
            hint="đặt XDG_CONFIG_HOME là một thư mục ghi được",
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key
