"""One data file from bytes to validated objects: decode → YAML → shape → pydantic.

`parse_file` goes as far as the file allows and says where it stopped (`Loaded.stage`):
each problem is a `Problem` of a kind (`binary`, `not-utf8`, the YAML kinds of
`cchc.load.yamlfile`, ...), with a position where one is known. Parsing judges nothing
beyond what parsing needs: turning problems into findings with rule codes, and every rule
about the content, is the work of `cchc.check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from cchc.load.files import FileKind
from cchc.load.yamlfile import Problem, parse_text
from cchc.schema import Document, Model, Unit
from cchc.schema.indicator import IndicatorList

#: The pydantic model of each kind of data file.
SCHEMAS: dict[str, type[BaseModel]] = {
    "unit": Unit,
    "model": Model,
    "document": Document,
    "indicators": IndicatorList,
}

#: How far a file got: it stopped at its bytes, its YAML, because it holds no data,
#: because its top level has the wrong shape, at the schema, or it loaded ("ok").
Stage = Literal["bytes", "yaml", "empty", "shape", "schema", "ok"]


@dataclass(slots=True)
class Loaded:
    """What `parse_file` made of one file."""

    stage: Stage = "bytes"
    text: str | None = None  # the decoded text (without BOM), from stage "yaml" on
    problems: list[Problem] = field(default_factory=list)  # of bytes and YAML
    data: Any = None  # the plain YAML data, from stage "empty" on
    error: ValidationError | None = None  # stage "schema": why the data is not valid
    #: stage "ok": the Unit, Model or Document (for an indicators file, its list)
    obj: Any = None


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """The text of a data file (UTF-8, BOM dropped), or the problem that prevents it."""
    if b"\x00" in raw:
        return None, Problem("binary", "tệp nhị phân, không phải văn bản YAML", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = "tệp không phải UTF-8 (có thể lưu bằng bảng mã cũ như TCVN3, VNI, Windows-1258)"
        return None, Problem("not-utf8", message, line, col)
    return text.removeprefix("\ufeff"), None


def parse_file(kind: FileKind, raw: bytes) -> Loaded:
    """Decode, parse and validate the bytes of a data file of `kind`; never raises."""
    loaded = Loaded()
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        loaded.problems.append(problem)
        return loaded
    loaded.stage, loaded.text = "yaml", text
    parsed = parse_text(text)
    if parsed.problems:
        loaded.problems = parsed.problems
        return loaded
    loaded.data = parsed.data
    if parsed.data is None:
        loaded.stage = "empty"
        return loaded
    if not isinstance(parsed.data, list if kind == "indicators" else dict):
        loaded.stage = "shape"
        return loaded
    try:
        obj = SCHEMAS[kind].model_validate(parsed.data)
    except ValidationError as error:
        loaded.stage, loaded.error = "schema", error
        return loaded
    loaded.stage = "ok"
    loaded.obj = obj.root if kind == "indicators" else obj  # type: ignore[attr-defined]
    return loaded
