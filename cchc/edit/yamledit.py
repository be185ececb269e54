"""Round-trip YAML editing: comments, key order and untouched lines stay byte for byte.

`load_document` reads a file with ruamel.yaml's round-trip loader, guessing the
indentation the file uses; `dump_document` writes it back the same way (long lines are
never re-wrapped, quotes are kept). `write_checked` re-checks the new text with the same
single-file checks as `cchc validate` and only then replaces the file atomically: a
temporary file in the same folder, renamed into place with `os.replace`, so an
interrupted command leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from cchc.check.filecheck import check_file
from cchc.check.findings import Finding, Severity
from cchc.errors import DataError, Location
from cchc.load.files import DataFile

#: The layout FORMAT.md uses: "adoptions:\n  - model: x\n    history: ..."
DEFAULT_INDENT = (2, 4, 2)  # mapping, sequence, offset
_SEQ_RE = re.compile(r"^( *)- ")
_KEY_RE = re.compile(r"^( *)[^\s#-][^:#]*:( |$)")


@dataclass
class YamlDocument:
    """A file loaded for round-trip editing."""

    path: Path
    text: str
    data: Any
    indent: tuple[int, int, int]


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation used by `text` (FORMAT.md's when unclear)."""
    mapping = sequence = offset = None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    if first.startswith("- "):  # a top-level list (data/indicators.yaml)
        item = first[2:]
        return 2, 2 + len(item) - len(item.lstrip(" ")), 0
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        key = _KEY_RE.match(line)
        if key and (mapping is None or offset is None) and line.rstrip().endswith(":"):
            # the next content line tells the nested indentation
            for following in lines[number + 1:]:
                rest = following.lstrip(" ")
                if not rest or rest.startswith("#"):
                    continue
                width = len(following) - len(rest) - len(key.group(1))
                if not rest.startswith("- ") and width > 0:
                    mapping = mapping or width
                elif rest.startswith("- ") and offset is None and width >= 0:
                    offset = width
                    item = rest[2:]
                    pad = len(item) - len(item.lstrip(" "))
                    sequence = width + 2 + pad
                break
        if mapping is not None and offset is not None:
            break
    d_map, d_seq, d_off = DEFAULT_INDENT
    mapping = mapping or d_map
    if offset is None:
        offset, sequence = d_off, d_seq
    return mapping, max(sequence or d_seq, offset + 2), offset


def make_yaml(indent: tuple[int, int, int] = DEFAULT_INDENT) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(type(None), _represent_null)
    return yaml


def _represent_null(representer: Any, _data: None) -> Any:
    """Write None as `null` (FORMAT.md writes `number: null`), never as an empty value."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def load_document(path: Path) -> YamlDocument:
    """Load `path` for editing; DataError (exit 3) when it is not readable YAML."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise DataError("tệp không phải văn bản UTF-8, không sửa được",
                        location=Location(path), hint="chạy `cchc validate` để xem lỗi") from None
    except OSError as error:
        raise DataError(f"không đọc được tệp: {error.strerror}", location=Location(path)) from None
    indent = guess_indent(text)
    try:
        data = make_yaml(indent).load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataError("tệp có lỗi cú pháp YAML, không sửa được",
                        location=Location(path, line),
                        hint="sửa lỗi cú pháp trước (chạy `cchc validate`)") from None
    return YamlDocument(path, text, data, indent)


def dump_document(data: Any, indent: tuple[int, int, int] = DEFAULT_INDENT) -> str:
    stream = io.StringIO()
    make_yaml(indent).dump(data, stream)
    return stream.getvalue()


def errors_in(root: Path, file: DataFile, text: str) -> list[Finding]:
    """Error-level findings of the single-file checks on `text` as the content of `file`."""
    result = check_file(root, file, raw=text.encode("utf-8"))
    return [f for f in result.findings if f.severity == Severity.ERROR]


def write_checked(root: Path, file: DataFile, new_text: str, *,
                  old_text: str | None = None) -> None:
    """Check `new_text` as `file`, then replace the file atomically.

    Refuses (DataError, file unchanged) when the new content has an error the old one did
    not have.
    """
    check_new_text(root, file, new_text, old_text=old_text)
    write_atomic(root / file.rel, new_text)


def check_new_text(root: Path, file: DataFile, new_text: str, *,
                   old_text: str | None = None) -> None:
    """DataError when `new_text` has an error (single-file checks) that `old_text` lacks."""
    new_errors = errors_in(root, file, new_text)
    if new_errors:
        old_codes: set[tuple[str, str]] = set()
        if old_text is not None:
            old_codes = {(f.code, f.message) for f in errors_in(root, file, old_text)}
        introduced = [f for f in new_errors if (f.code, f.message) not in old_codes]
        if introduced:
            shown = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}"
                              for f in introduced[:5])
            raise DataError(f"thay đổi sẽ làm tệp có lỗi, chưa ghi gì:\n{shown}",
                            hint="kiểm tra lại các giá trị đã nhập")


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file next to `path`, then rename it into place."""
    data = text.encode("utf-8")
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DataError(f'không ghi được vào thư mục "{folder}": {error.strerror}') from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
