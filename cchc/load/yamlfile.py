"""Reading one YAML file the fast way, and finding positions only when a finding needs one.

Parsing uses PyYAML's libyaml-backed `CSafeLoader` (pure `SafeLoader` where libyaml is
missing), as pre-commit does. The data format forbids duplicate keys, tags and
anchors/aliases; those are detected without slowing down the common case:

- duplicate keys: a mapping with fewer keys than its node has pairs;
- tags and anchors: only files whose bytes contain ``!``, ``&`` or ``*`` are scanned
  again as a stream of parser events, which is where tags and anchors are visible.

Positions (line, column) come from `Locator`, which composes the file again (C speed) and
walks a location path such as ``("adoptions", 0, "history", 1, "date")``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

LocPath = tuple[str | int, ...]


@dataclass
class Problem:
    """A syntax-level problem found while parsing (before any schema check)."""

    code: str
    message: str
    line: int = 0  # 1-based; 0 = unknown
    col: int = 0
    loc: LocPath | None = None  # where in the data, when known
    hint: str | None = None


@dataclass
class ParsedFile:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
#: Plain scalars YAML 1.1 reads as bool or null; and the first characters of numbers,
#: dates, merge keys (<<), value keys (=) and null (~). Anything else is text.
_WORDS = frozenset(
    {
        *("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE"),
        *("false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"),
        *("y", "Y", "n", "N", "null", "Null", "NULL"),
    }
)
_NUMBER_START = frozenset("+-.0123456789<=~")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader, leaner than PyYAML's constructor, that records duplicate keys.

    Files reach construction only when they hold no tags and no anchors/aliases (see
    `parse_text`), so every node is built exactly once, depth-first, without the
    memo table, generators and merge-key handling of PyYAML's general constructor.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[yaml.Node, str]] = []

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        """Dates fast; a date that does not exist (2024-02-30) stays text for the schema."""
        value = node.value
        if len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return value

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """PyYAML's implicit tags, without its regexes where the answer is plain to see."""
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR  # quoted or block text
            if value in _WORDS or not value or value[0] in _NUMBER_START:
                if value.isascii() and value.isdigit():
                    return _INT
                return super().resolve(kind, value, implicit)
            return _STR
        return _MAP if kind is yaml.MappingNode else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""

    def build(self, node: yaml.Node) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            tag = node.tag
            if tag == _STR:
                return node.value
            if tag == _TIMESTAMP:
                return self.construct_yaml_timestamp(node)
            constructor = self.yaml_constructors.get(tag)
            return node.value if constructor is None else constructor(self, node)
        if cls is yaml.MappingNode:
            build = self.build
            mapping = {build(key): build(value) for key, value in node.value}
            if len(mapping) != len(node.value):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    key = key_node.value
                    if key in seen:
                        self.duplicates.append((key_node, str(key)))
                    seen.add(key)
            return mapping
        return [self.build(item) for item in node.value]

    def load_single(self) -> Any:
        node = self.get_single_node()
        return None if node is None else self.build(node)


def _mark(error: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


_SYNTAX_WORDS = {
    "could not find expected ':'": "thiếu dấu hai chấm ':' sau tên trường",
    "mapping values are not allowed here": "dấu ':' không được phép ở đây "
    "(đặt văn bản có dấu ':' trong ngoặc kép, hoặc dùng khối '|')",
    "found character '\\t' that cannot start any token": (
        "có ký tự tab: YAML chỉ thụt lề bằng dấu cách"
    ),
    "did not find expected key": "sai thụt lề hoặc thiếu tên trường",
    "did not find expected '-' indicator": "sai thụt lề trong danh sách",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng?)",
    "found undefined alias": "dùng bí danh (*alias) chưa định nghĩa",
    "expected a single document in the stream": "tệp có nhiều tài liệu YAML (dấu ---)",
    "found unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi nháy kép",
    "found unexpected ':'": "dấu ':' không hợp lệ ở đây",
    "did not find expected ',' or ']'": (
        "thiếu dấu ']' đóng danh sách hoặc dấu ',' giữa các phần tử"
    ),
    "did not find expected ',' or '}'": "thiếu dấu '}' đóng khối hoặc dấu ',' giữa các cặp",
    "but found another document": "tệp có nhiều tài liệu YAML (dấu ---): mỗi tệp chỉ một",
    "found character that cannot start any token": "có ký tự không hợp lệ ở đầu giá trị "
    "(thường là ký tự tab, hoặc @ ` ở đầu: đặt giá trị trong ngoặc kép)",
    "mapping values are not allowed in this context": "dấu ':' không được phép ở đây "
    "(đặt văn bản có dấu ': ' trong ngoặc kép, hoặc dùng khối '|')",
}


def _syntax_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
    for english, vietnamese in _SYNTAX_WORDS.items():
        if problem.startswith(english):
            return f"lỗi cú pháp YAML: {vietnamese}"
    return f"lỗi cú pháp YAML: {problem}"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _scan_events(text: str, problems: list[Problem]) -> None:
    """Report explicit tags and anchors/aliases, which only parser events show."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    "yaml-alias",
                    f"không dùng bí danh YAML (*{event.anchor})",
                    line,
                    col,
                    hint="chép nội dung ra thay cho bí danh",
                )
            )
            continue
        anchor = getattr(event, "anchor", None)
        if anchor:
            problems.append(
                Problem(
                    "yaml-alias",
                    f"không dùng neo YAML (&{anchor})",
                    line,
                    col,
                    hint="bỏ &tên-neo; mỗi giá trị ghi trực tiếp",
                )
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", (True, True))
        explicit_tag = tag is not None and (
            not isinstance(event, yaml.ScalarEvent) or not any(implicit)
        )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            explicit_tag = tag is not None and not event.implicit
        if explicit_tag:
            problems.append(
                Problem(
                    "yaml-tag",
                    f"không dùng thẻ YAML ({_short_tag(str(tag))})",
                    line,
                    col,
                    hint="bỏ thẻ !...; dữ liệu chỉ gồm chuỗi, số, ngày, danh sách, từ điển",
                )
            )


def parse_text(text: str) -> ParsedFile:
    """Parse one YAML document strictly; never raises for bad input."""
    result = ParsedFile()
    if "!" in text or "&" in text or "*" in text:
        # A syntax error is reported by the full load below, with its position.
        with contextlib.suppress(yaml.YAMLError):
            _scan_events(text, result.problems)
        if result.problems:
            return result  # aliases can blow up later stages; tags are not data
    loader = _Loader(text)
    try:
        result.data = loader.load_single()
    except yaml.MarkedYAMLError as error:
        line, col = _mark(error)
        result.problems.append(Problem("yaml-syntax", _syntax_message(error), line, col))
        return result
    except yaml.YAMLError as error:
        result.problems.append(Problem("yaml-syntax", _syntax_message(error)))
        return result
    except TypeError:
        result.problems.append(
            Problem("yaml-syntax", "khoá (tên trường) phải là chuỗi, không phải danh sách hay khối")
        )
        return result
    except (RecursionError, ValueError, OverflowError) as error:
        result.problems.append(Problem("yaml-syntax", f"không đọc được giá trị: {error}"))
        return result
    finally:
        loader.dispose()
    for key_node, key in loader.duplicates:
        mark = key_node.start_mark
        result.problems.append(
            Problem(
                "duplicate-key",
                f'trường "{key}" bị lặp lại trong cùng một khối',
                mark.line + 1,
                mark.column + 1,
                hint="giữ một lần, xoá các lần lặp",
            )
        )
    return result


def _node_at(root: yaml.Node, loc: Sequence[str | int]) -> tuple[yaml.Node, bool]:
    """The deepest node along `loc`; the flag says whether the whole path was found.

    A path ending at a mapping key names the value node; for an unknown key the caller
    asks with `key=True` semantics through `Locator.position`.
    """
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    found = value_node
            if found is None:
                return node, False
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node, False
            node = node.value[part]
        else:
            return node, False
    return node, True


class Locator:
    """Positions in one file, composing it at most once.

    A top-level key of a block mapping (the usual case: `parent:`, `title:`, `adoptions:`)
    is found by a text search alone, since it starts a line at column 1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: yaml.Node | bool | None = False

    def _top_level(self, loc: Sequence[str | int], key: bool) -> tuple[int, int] | None:
        if len(loc) != 1 or not isinstance(loc[0], str):
            return None
        match = re.search(rf"^{re.escape(loc[0])}[ \t]*:(?:[ \t]+|$)", self.text, re.MULTILINE)
        if match is None:
            return None
        line = self.text.count("\n", 0, match.start()) + 1
        if key:
            return line, 1
        end_of_line = self.text.find("\n", match.end())
        rest = self.text[match.end() : end_of_line if end_of_line >= 0 else len(self.text)]
        if rest.strip() and rest.lstrip()[0] not in "|>#&!*":
            return line, match.end() + 1 - match.start() + (len(rest) - len(rest.lstrip()))
        return None

    def _compose(self) -> yaml.Node | None:
        if self._root is False:
            try:
                self._root = yaml.compose(self.text, Loader=_BaseLoader)
            except yaml.YAMLError:
                self._root = None
        return self._root  # type: ignore[return-value]

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        fast = self._top_level(loc, key)
        if fast is not None:
            return fast
        root = self._compose()
        if root is None:
            return (1, 1) if self.text.strip() == "" else (0, 0)
        if key and loc:
            parent, found = _node_at(root, loc[:-1])
            if found and isinstance(parent, yaml.MappingNode):
                for key_node, _ in parent.value:
                    if key_node.value == str(loc[-1]):
                        return key_node.start_mark.line + 1, key_node.start_mark.column + 1
            node = parent
        else:
            node, _ = _node_at(root, loc)
        return node.start_mark.line + 1, node.start_mark.column + 1
