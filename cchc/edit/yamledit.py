"""Round-trip YAML editing: comments, key order and untouched lines stay byte for byte.

`load_document` reads a file with ruamel.yaml's round-trip loader, guessing the
indentation the file uses; `dump_document` writes it back the same way (long lines are
never re-wrapped, quotes are kept). `YamlDocument.render` then splices the lines the edit
added or changed into the file's own bytes: every other line keeps its bytes exactly
(indentation, trailing spaces, CRLF or LF), a UTF-8 BOM stays, and new lines use the
file's line ending; an edit whose lines cannot be placed so (mixed indentation around
them) is refused. `write_checked` re-checks the new text with the same single-file checks
as `cchc validate` and only then replaces the file atomically (`cchc.atomic`).
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from cchc.atomic import ANY, NoCheck, remove_leftovers, write_atomic
from cchc.check.filecheck import check_file
from cchc.check.findings import Finding, Severity
from cchc.errors import DataError, Location
from cchc.load.files import KIND_DIRS, DataFile

#: The layout FORMAT.md uses: "adoptions:\n  - model: x\n    history: ..."
DEFAULT_INDENT = (2, 4, 2)  # mapping, sequence, offset
_SEQ_RE = re.compile(r"^( *)- ")
_KEY_RE = re.compile(r"^( *)[^\s#-][^:#]*:( |$)")
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+\Z")
BOM = "\ufeff"


@dataclass
class YamlDocument:
    """A file loaded for round-trip editing."""

    path: Path
    text: str  # as in the file (with its BOM and line endings)
    data: Any
    indent: tuple[int, int, int]
    raw: bytes = b""  # the file's bytes when it was read
    rendered: str = ""  # ruamel's rendering of the unedited data

    def render(self) -> str:
        """The edited data as the file's new text, keeping the bytes of untouched lines."""
        return splice(
            self.path, self.text, self.rendered, dump_document(self.data, self.indent), self.indent
        )


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
            for following in lines[number + 1 :]:
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
    yaml.representer.add_representer(str, _represent_str)
    return yaml


_STR_TAG = "tag:yaml.org,2002:str"
#: How the data's reader (PyYAML, YAML 1.1) types a plain scalar.
_YAML11 = pyyaml.resolver.Resolver()


def _represent_str(representer: Any, data: str) -> Any:
    """Quote a text YAML 1.1 would read as something else ("Yes", "off", "1:20"):
    ruamel (YAML 1.2) would write it plain, and `cchc validate` would then read a
    true/false or a number."""
    tag = _YAML11.resolve(pyyaml.ScalarNode, data, (True, False))  # type: ignore[no-untyped-call]
    if tag != _STR_TAG:
        return representer.represent_scalar(_STR_TAG, data, style="'")
    return representer.represent_str(data)


def _represent_null(representer: Any, _data: None) -> Any:
    """Write None as `null` (FORMAT.md writes `number: null`), never as an empty value."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def plain(text: str) -> str:
    """`text` without its BOM, with LF line endings (what ruamel reads and writes)."""
    return text.removeprefix(BOM).replace("\r\n", "\n")


def newline_of(text: str) -> str:
    """The line ending most lines of `text` use (LF when as many use LF)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def splice(path: Path, original: str, before: str, after: str, indent: tuple[int, int, int]) -> str:
    """The file's new text: `original` changed as ruamel's `before` -> `after`.

    `before` is ruamel's rendering of `original` (its lines correspond one to one);
    lines the edit did not change keep the bytes of `original`, new ones come from
    `after` with the file's line ending. DataError (file unchanged) when the result would
    not read as `after`, i.e. the edit cannot keep the file's own layout.
    """
    bom = original.startswith(BOM)
    old_lines = _LINE_RE.findall(original.removeprefix(BOM))
    before_lines = _LINE_RE.findall(before)
    after_lines = _LINE_RE.findall(after)
    refused = DataError(
        "tệp viết thụt lề hoặc xuống dòng không thống nhất: thêm dòng mới vào chỗ này sẽ "
        "phải viết lại các dòng khác, chưa ghi gì",
        location=Location(path),
        hint="chạy `cchc fmt` cho tệp để đưa về dạng chuẩn rồi chạy lại lệnh, hoặc sửa trực "
        "tiếp tệp",
    )
    if len(old_lines) != len(before_lines):
        raise refused
    newline = newline_of(original)
    pieces: list[str] = []
    matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.extend(old_lines[i1:i2])
        else:
            pieces.extend(line.replace("\n", newline) for line in after_lines[j1:j2])
    for number, piece in enumerate(pieces[:-1]):
        if not piece.endswith("\n"):  # the old last line had no line ending
            pieces[number] = piece + newline
    text = (BOM if bom else "") + "".join(pieces)
    if plain(text) != after:  # the file's own layout somewhere: check it reads the same
        try:
            same = make_yaml(indent).load(plain(text)) == make_yaml(indent).load(after)
        except YAMLError:
            same = False
        if not same:
            raise refused
    return text


def load_document(path: Path) -> YamlDocument:
    """Load `path` for editing; DataError (exit 3) when it is not readable YAML."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(
            "tệp không phải văn bản UTF-8, không sửa được",
            location=Location(path),
            hint="chạy `cchc validate` để xem lỗi",
        ) from None
    except OSError as error:
        raise DataError(f"không đọc được tệp: {error.strerror}", location=Location(path)) from None
    indent = guess_indent(plain(text))
    try:
        data = make_yaml(indent).load(plain(text))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataError(
            "tệp có lỗi cú pháp YAML, không sửa được",
            location=Location(path, line),
            hint="sửa lỗi cú pháp trước (chạy `cchc validate`)",
        ) from None
    return YamlDocument(path, text, data, indent, raw, dump_document(data, indent))


def dump_document(data: Any, indent: tuple[int, int, int] = DEFAULT_INDENT) -> str:
    stream = io.StringIO()
    make_yaml(indent).dump(data, stream)
    return stream.getvalue()


def errors_in(root: Path, file: DataFile, text: str) -> list[Finding]:
    """Error-level findings of the single-file checks on `text` as the content of `file`."""
    result = check_file(root, file, raw=text.encode("utf-8"))
    return [f for f in result.findings if f.severity == Severity.ERROR]


def write_checked(
    root: Path,
    file: DataFile,
    new_text: str,
    *,
    old_text: str | None = None,
    expected: bytes | NoCheck | None = ANY,
) -> None:
    """Check `new_text` as `file`, then replace the file atomically.

    Refuses (DataError, file unchanged) when the new content has an error the old one did
    not have. `expected`: the file's bytes when the command read it (None: it did not
    exist); a file changed meanwhile is not overwritten (`cchc.atomic.write_atomic`).
    """
    check_new_text(root, file, new_text, old_text=old_text)
    write_data_file(root, file, new_text, expected=expected)


def write_data_file(
    root: Path, file: DataFile, text: str, *, expected: bytes | NoCheck | None = ANY
) -> None:
    """Write a data file atomically, first removing temporary files that killed edits left
    in the data folders."""
    for folder in ("", *KIND_DIRS):
        remove_leftovers(root / "data" / folder)
    write_atomic(root / file.rel, text.encode("utf-8"), expected=expected)


def check_new_text(
    root: Path, file: DataFile, new_text: str, *, old_text: str | None = None
) -> None:
    """DataError when `new_text` has an error (single-file checks) that `old_text` lacks."""
    new_errors = errors_in(root, file, new_text)
    if new_errors:
        old_codes: set[tuple[str, str]] = set()
        if old_text is not None:
            old_codes = {(f.code, f.message) for f in errors_in(root, file, old_text)}
        introduced = [f for f in new_errors if (f.code, f.message) not in old_codes]
        if introduced:
            shown = "\n".join(
                f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in introduced[:5]
            )
            raise DataError(
                f"thay đổi sẽ làm tệp có lỗi, chưa ghi gì:\n{shown}",
                hint="kiểm tra lại các giá trị đã nhập",
            )
