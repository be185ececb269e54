"""`cchc fmt` as a function: the canonical form of a data file.

Canonical form: keys in the order of FORMAT.md (the order of the schema's fields, unknown
keys last, as written), text in Unicode NFC, indentation mapping 2 / sequence 4 /
offset 2, one newline at the end. Comments, quotes, flow style (`{date: ..}`), long lines,
a UTF-8 BOM and CRLF line endings are kept. Formatting is idempotent.
"""

from __future__ import annotations

import typing
import unicodedata
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from cchc.edit.yamledit import (
    BOM,
    DEFAULT_INDENT,
    dump_document,
    guess_indent,
    make_yaml,
    newline_of,
)
from cchc.schema import Document, Indicator, Model, Unit

#: A top-level list (data/indicators.yaml) starts at column 0: "- id: ..."
LIST_INDENT = (2, 2, 0)
ROOTS: dict[str, type[BaseModel] | None] = {
    "unit": Unit,
    "model": Model,
    "document": Document,
    "indicators": Indicator,
}


def _field_order(cls: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in cls.model_fields.items()]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold (through list, Union, Annotated ...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _children(cls: type[BaseModel]) -> dict[str, type[BaseModel]]:
    out: dict[str, type[BaseModel]] = {}
    for name, info in cls.model_fields.items():
        models = _models_in(info.annotation)
        if models:
            out[info.alias or name] = models[0]
    return out


def _reorder(node: Any, cls: type[BaseModel] | None) -> None:
    if isinstance(node, CommentedSeq):
        for item in node:
            _reorder(item, cls)
        return
    if not isinstance(node, CommentedMap) or cls is None:
        return
    order = _field_order(cls)
    known = [k for k in order if k in node]
    unknown = [k for k in node if k not in order]
    if list(node.keys()) != known + unknown:
        _move_keys(node, known + unknown)
    children = _children(cls)
    for key, value in node.items():
        if key in children:
            _reorder(value, children[key])


def _move_keys(node: CommentedMap, wanted: list[str]) -> None:
    """Reorder `node` to `wanted`, keeping each key's end-of-line comment with it.

    ruamel stores the comment lines that follow a mapping's last value on that last key,
    together with its end-of-line comment: the end-of-line part stays with the key, the
    following lines stay at the end of the mapping.
    """
    last_before = list(node.keys())[-1]
    for key in wanted:
        node.move_to_end(key)
    last_after = wanted[-1]
    if last_before == last_after:
        return
    entry = node.ca.items.get(last_before)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or "\n" not in token.value:
        return
    eol, rest = token.value.split("\n", 1)
    token.value = eol + "\n"
    if not rest:
        return
    target = node.ca.items.setdefault(last_after, [None, None, None, None])
    if target[2] is None:
        target[2] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        target[2].value = target[2].value + rest


def format_text(text: str, kind: str) -> str:
    """`text` (the content of a data file of `kind`) in canonical form.

    A UTF-8 BOM stays; every line ends as most lines of `text` do (CRLF or LF).
    """
    bom = BOM if text.startswith(BOM) else ""
    newline = newline_of(text)
    text = unicodedata.normalize("NFC", text.removeprefix(BOM))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    data = make_yaml(guess_indent(text)).load(text)
    if data is None:
        out = text
    else:
        _reorder(data, ROOTS.get(kind))
        out = dump_document(data, LIST_INDENT if isinstance(data, list) else DEFAULT_INDENT)
        out = out.rstrip("\n") + "\n"
    return bom + out.replace("\n", newline)
