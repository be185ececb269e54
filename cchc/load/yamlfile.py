"""Reading one YAML file the fast way, and finding positions only when a finding needs one.

Parsing uses PyYAML's libyaml-backed `CSafeLoader` (pure `SafeLoader` where libyaml is
missing), as pre-commit does. The data format forbids duplicate keys, tags and
anchors/aliases; those are detected without slowing down the common case:

- duplicate keys: a mapping with fewer keys than its node has pairs;
- tags and anchors: only files whose bytes contain ``!``, ``&`` or ``*`` are scanned
  again as a stream of parser events, which is where tags and anchors are visible; such a
  file is still composed, so a syntax error in it is reported too, but never built;
- a list or mapping used as a key (`? [a, b]`): found, with its position, only when
  building the data fails on it;
- nesting deeper than `MAX_DEPTH` and numbers longer than `MAX_NUMBER_CHARS` become
  located problems instead of RecursionError or Python's int-string conversion limit.

Every libyaml message is translated (`syntax_message`): no English reaches a user.

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


#: Nesting deeper than this is refused: the data format needs fewer than ten levels, and
#: Python's recursion (here and in later stages) must never be the limit.
MAX_DEPTH = 100
#: A number written with more characters than this is refused (Python cannot even print
#: an integer of more than 4300 digits); no field needs one longer than a few digits.
MAX_NUMBER_CHARS = 100


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader, leaner than PyYAML's constructor, that records duplicate keys.

    Files reach construction only when they hold no tags and no anchors/aliases (see
    `parse_text`), so every node is built exactly once, depth-first, without the
    memo table, generators and merge-key handling of PyYAML's general constructor.
    Values it cannot build (too deep, a number too long) become `problems`.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[yaml.Node, str]] = []
        self.problems: list[Problem] = []
        self._too_deep_seen = False

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

    def _bad_number(self, node: yaml.Node) -> str:
        mark = node.start_mark
        value = node.value
        shown = value if len(value) <= 20 else f"{value[:10]}…{value[-5:]}"
        self.problems.append(
            Problem(
                "yaml-syntax",
                f"không đọc được số {shown} ({len(value)} ký tự)",
                mark.line + 1,
                mark.column + 1,
                hint="số quá dài hoặc viết sai; nếu là văn bản, đặt trong ngoặc kép",
            )
        )
        return str(value)

    def _too_deep(self, node: yaml.Node) -> None:
        if not self._too_deep_seen:
            self._too_deep_seen = True
            mark = node.start_mark
            self.problems.append(
                Problem(
                    "yaml-syntax",
                    f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} cấp danh sách, khối)",
                    mark.line + 1,
                    mark.column + 1,
                    hint="dữ liệu cchc chỉ cần vài cấp; kiểm tra ngoặc [ ] { } và thụt lề",
                )
            )

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            tag = node.tag
            if tag == _STR:
                return node.value
            if tag == _TIMESTAMP:
                return self.construct_yaml_timestamp(node)
            constructor = self.yaml_constructors.get(tag)
            if constructor is None:
                return node.value
            if tag == _INT and len(node.value) > MAX_NUMBER_CHARS:
                return self._bad_number(node)
            try:
                return constructor(self, node)
            except (ValueError, OverflowError):  # "0b_", an overlong sexagesimal, ...
                return self._bad_number(node)
        if depth >= MAX_DEPTH:
            self._too_deep(node)
            return None
        depth += 1
        if cls is yaml.MappingNode:
            build = self.build
            mapping = {build(key, depth): build(value, depth) for key, value in node.value}
            if len(mapping) != len(node.value):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    key = key_node.value
                    if key in seen:
                        self.duplicates.append((key_node, str(key)))
                    seen.add(key)
            return mapping
        return [self.build(item, depth) for item in node.value]


def _complex_keys(root: yaml.Node) -> list[Problem]:
    """Mapping keys that are lists or mappings (`? [a, b]`, `{[1]: 2}`), with positions."""
    problems: list[Problem] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    mark = key_node.start_mark
                    what = "danh sách" if isinstance(key_node, yaml.SequenceNode) else "khối"
                    problems.append(
                        Problem(
                            "key-not-text",
                            f"tên trường phải là chữ, không phải {what}",
                            mark.line + 1,
                            mark.column + 1,
                            hint="viết tên trường rồi dấu ':' (ví dụ  title: ...); "
                            "bỏ dấu '?' và ngoặc [ ] { } quanh tên trường",
                        )
                    )
                else:
                    stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    problems.sort(key=lambda p: (p.line, p.col))
    return problems


#: libyaml's (and PyYAML's pure-Python parser's) problem messages, by how they begin; the
#: first match wins, so longer beginnings come before shorter ones that share them.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên trường"),
    ("could not find expected directive name", "thiếu tên chỉ thị sau dấu '%'"),
    (
        "mapping values are not allowed",
        "dấu ':' không được phép ở đây "
        "(đặt văn bản có dấu ': ' trong ngoặc kép, hoặc dùng khối '|')",
    ),
    ("mapping keys are not allowed", "không được đặt tên trường ('?') ở đây"),
    (
        "block sequence entries are not allowed",
        "không được bắt đầu mục danh sách '-' ở đây "
        "(sai thụt lề, hoặc đặt văn bản bắt đầu bằng '-' trong ngoặc kép)",
    ),
    (
        "sequence entries are not allowed",
        "không được bắt đầu mục danh sách '-' ở đây "
        "(sai thụt lề, hoặc đặt văn bản bắt đầu bằng '-' trong ngoặc kép)",
    ),
    (
        "found character '\\t' that cannot start any token",
        "có ký tự tab: YAML chỉ thụt lề bằng dấu cách",
    ),
    (
        "found character",
        "có ký tự không được đứng đầu giá trị "
        "(thường là tab, hoặc @ ` %: đặt giá trị trong ngoặc kép)",
    ),
    ("found a tab character", "có ký tự tab ở chỗ thụt lề: YAML chỉ thụt lề bằng dấu cách"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng?)"),
    (
        "found unexpected document indicator",
        "dòng bắt đầu bằng '---' hoặc '...' nằm giữa một chuỗi (dấu nháy chưa đóng?)",
    ),
    (
        "found unexpected document separator",
        "dòng bắt đầu bằng '---' hoặc '...' nằm giữa một chuỗi (dấu nháy chưa đóng?)",
    ),
    ("found undefined alias", "dùng bí danh (*tên) chưa được định nghĩa"),
    ("second occurrence", "tên neo (&tên) bị đặt hai lần"),
    ("found duplicate anchor", "tên neo (&tên) bị đặt hai lần"),
    ("expected a single document", "tệp có nhiều tài liệu YAML (dấu ---): mỗi tệp chỉ một"),
    ("but found another document", "tệp có nhiều tài liệu YAML (dấu ---): mỗi tệp chỉ một"),
    (
        "found unknown escape character",
        "ký tự thoát (\\) không hợp lệ trong chuỗi nháy kép "
        "(viết \\\\ cho một dấu \\, hoặc dùng nháy đơn)",
    ),
    (
        "found invalid Unicode character escape code",
        "mã ký tự Unicode (\\u, \\U) trong chuỗi nháy kép không hợp lệ",
    ),
    (
        "did not find expected hexdecimal number",
        "sau \\x, \\u, \\U trong chuỗi nháy kép phải là chữ số thập lục phân",
    ),
    (
        "expected escape sequence of",
        "sau \\x, \\u, \\U trong chuỗi nháy kép phải là chữ số thập lục phân",
    ),
    ("found unexpected ':'", "dấu ':' không hợp lệ ở đây"),
    (
        "did not find expected ',' or ']'",
        "thiếu dấu ']' đóng danh sách hoặc dấu ',' giữa các phần tử",
    ),
    ("expected ',' or ']'", "thiếu dấu ']' đóng danh sách hoặc dấu ',' giữa các phần tử"),
    ("did not find expected ',' or '}'", "thiếu dấu '}' đóng khối hoặc dấu ',' giữa các cặp"),
    ("expected ',' or '}'", "thiếu dấu '}' đóng khối hoặc dấu ',' giữa các cặp"),
    ("did not find expected '-' indicator", "sai thụt lề trong danh sách"),
    ("did not find expected key", "sai thụt lề hoặc thiếu tên trường"),
    ("expected <block end>", "sai thụt lề hoặc thiếu tên trường"),
    (
        "did not find expected node content",
        "thiếu giá trị ở đây, hoặc giá trị bắt đầu bằng ký tự không hợp lệ",
    ),
    (
        "expected the node content",
        "thiếu giá trị ở đây, hoặc giá trị bắt đầu bằng ký tự không hợp lệ",
    ),
    (
        "did not find expected <document start>",
        "nội dung đặt sai chỗ: sau chỉ thị '%' hoặc "
        "dấu kết thúc '...' phải có dòng '---' mở đầu tài liệu",
    ),
    (
        "expected '<document start>'",
        "nội dung đặt sai chỗ: sau chỉ thị '%' hoặc dấu kết thúc "
        "'...' phải có dòng '---' mở đầu tài liệu",
    ),
    ("did not find expected <stream-start>", "tệp không bắt đầu đúng cách"),
    (
        "did not find expected comment or line break",
        "có nội dung thừa sau giá trị trên cùng dòng (sau giá trị chỉ được có chú thích '#')",
    ),
    (
        "expected a comment or a line break",
        "có nội dung thừa sau giá trị trên cùng dòng (sau giá trị chỉ được có chú thích '#')",
    ),
    ("did not find expected whitespace or line break", "thiếu dấu cách sau ký hiệu"),
    ("did not find expected whitespace", "thiếu dấu cách"),
    ("expected ' '", "thiếu dấu cách"),
    (
        "did not find expected alphabetic or numeric character",
        "tên neo, bí danh hoặc thẻ phải gồm chữ cái, chữ số",
    ),
    (
        "expected alphabetic or numeric character",
        "tên neo, bí danh hoặc thẻ phải gồm chữ cái, chữ số",
    ),
    ("found unexpected non-alphabetical character", "tiền tố thẻ có ký tự không hợp lệ"),
    ("did not find expected tag URI", "thẻ thiếu địa chỉ (URI)"),
    ("expected URI", "thẻ thiếu địa chỉ (URI)"),
    ("did not find URI escaped octet", "mã %XX trong thẻ không hợp lệ"),
    ("did not find expected '!'", "thiếu dấu '!' trong thẻ"),
    ("expected '!'", "thiếu dấu '!' trong thẻ"),
    ("did not find the expected '>'", "thiếu dấu '>' đóng thẻ !<...>"),
    ("expected '>'", "thiếu dấu '>' đóng thẻ !<...>"),
    ("found undefined tag handle", "thẻ dùng tiền tố chưa khai báo"),
    ("found duplicate %TAG directive", "chỉ thị %TAG bị lặp lại"),
    ("found duplicate tag handle", "chỉ thị %TAG bị lặp lại"),
    ("found duplicate %YAML directive", "chỉ thị %YAML bị lặp lại"),
    ("found duplicate YAML directive", "chỉ thị %YAML bị lặp lại"),
    (
        "found unknown directive name",
        "chỉ thị không xác định (YAML chỉ có %YAML và %TAG; nếu là văn bản, đặt trong ngoặc kép)",
    ),
    ("expected a directive name", "thiếu tên chỉ thị sau dấu '%'"),
    ("found incompatible YAML document", "phiên bản YAML không được hỗ trợ (bỏ dòng %YAML)"),
    ("did not find expected version number", "thiếu số phiên bản sau %YAML"),
    ("did not find expected digit or '.' character", "số phiên bản sau %YAML không hợp lệ"),
    ("found extremely long version number", "số phiên bản sau %YAML quá dài"),
    ("expected a digit", "số phiên bản sau %YAML không hợp lệ"),
    (
        "found an indentation indicator equal to 0",
        "chỉ số thụt lề sau '|' hoặc '>' phải từ 1 đến 9",
    ),
    ("expected indentation indicator", "chỉ số thụt lề sau '|' hoặc '>' phải từ 1 đến 9"),
    (
        "expected chomping or indentation indicators",
        "sau '|' hoặc '>' chỉ được có '+', '-' hoặc một chữ số 1–9",
    ),
    (
        "exceeded maximum nesting depth",
        f"dữ liệu lồng nhau quá sâu (hơn {MAX_DEPTH} cấp danh sách, khối)",
    ),
    ("control characters are not allowed", "có ký tự điều khiển không được phép"),
    ("special characters are not allowed", "có ký tự điều khiển không được phép"),
    ("found unhashable key", "tên trường phải là chữ, không phải danh sách hay khối"),
)
#: Byte-level problems of libyaml's reader (unreachable from decoded text, but translated).
_READER_WORDS = ("UTF-8", "UTF-16", "Unicode character", "surrogate", "input")
#: What libyaml was reading when it met the problem.
_CONTEXTS: tuple[tuple[str, str | None], ...] = (
    ("while scanning a quoted scalar", "chuỗi trong dấu nháy"),
    ("while parsing a quoted scalar", "chuỗi trong dấu nháy"),
    ("while scanning a plain scalar", "giá trị"),
    ("while scanning a simple key", "tên trường"),
    ("while scanning a block scalar", "khối văn bản '|' hoặc '>'"),
    ("while scanning a %YAML directive", "chỉ thị %YAML"),
    ("while scanning a %TAG directive", "chỉ thị %TAG"),
    ("while parsing a %TAG directive", "chỉ thị %TAG"),
    ("while scanning a tag directive", "chỉ thị %TAG"),
    ("while parsing a tag directive", "chỉ thị %TAG"),
    ("while scanning a directive", "chỉ thị '%'"),
    ("while scanning a tag", "thẻ '!'"),
    ("while parsing a tag", "thẻ '!'"),
    ("while scanning an alias", "bí danh '*'"),
    ("while scanning an anchor", "neo '&'"),
    ("while parsing a block collection", "danh sách"),
    ("while parsing a block sequence", "danh sách"),
    ("while parsing a block mapping", "khối trường"),
    ("while parsing a flow sequence", "danh sách trong ngoặc [ ]"),
    ("while parsing a flow mapping", "khối trong ngoặc { }"),
    ("while constructing a mapping", "khối trường"),
    ("while composing a mapping", "khối trường"),
    ("found duplicate anchor", "neo '&'"),
    ("expected a single document", None),
    ("while", None),  # a node, the next token, increasing the nesting level: no detail
)


def _vietnamese(table: Sequence[tuple[str, str | None]], english: str) -> str | None:
    for beginning, vietnamese in table:
        if english.startswith(beginning):
            return vietnamese
    return None


def syntax_message(error: yaml.YAMLError) -> str:
    """Vietnamese for a PyYAML/libyaml error: the problem, and where its context began."""
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    text = _vietnamese(_PROBLEMS, problem) if problem else None
    if text is None and problem and any(w in problem for w in _READER_WORDS):
        text = "tệp có ký tự không hợp lệ"
    if text is None and context and not problem:
        text = _vietnamese(_PROBLEMS, context)
    message = f"lỗi cú pháp YAML: {text}" if text else "lỗi cú pháp YAML"
    where = _vietnamese(_CONTEXTS, context) if context else None
    mark, problem_mark = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    if where and mark is not None:
        same = problem_mark is not None and (mark.line, mark.column) == (
            problem_mark.line,
            problem_mark.column,
        )
        if not same:
            return f"{message}; {where} bắt đầu từ dòng {mark.line + 1}, cột {mark.column + 1}"
    if where and not text:
        return f"{message} ({where})"
    return message


def _mark(error: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


#: Characters YAML does not allow in a file (C0/C1 controls other than tab, LF, CR, NEL;
#: surrogates; U+FFFE/U+FFFF).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reader_problem(text: str) -> Problem:
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return Problem("yaml-syntax", "lỗi cú pháp YAML: tệp có ký tự không hợp lệ", 1, 1)
    index = match.start()
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(
        "yaml-syntax",
        f"lỗi cú pháp YAML: có ký tự điều khiển không được phép (U+{ord(match.group()):04X})",
        line,
        col,
        hint="xoá ký tự này (thường lẫn vào khi chép từ Word, PDF hay trang web)",
    )


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
    """Parse one YAML document strictly; never raises for bad input.

    Tags and anchors/aliases are reported together with any syntax error; a file with
    them is composed (to find syntax errors) but never built into data, since aliases
    can blow up later stages and tags are not data.
    """
    result = ParsedFile()
    marks: list[Problem] = []
    if "!" in text or "&" in text or "*" in text:
        # Events up to a syntax error are still scanned; the error itself comes below.
        with contextlib.suppress(yaml.YAMLError, UnicodeError):
            _scan_events(text, marks)
    try:
        loader = _Loader(text)
    except (UnicodeError, yaml.YAMLError):  # unpaired surrogates (not from a decoded file)
        result.problems.append(_reader_problem(text))
        return result
    try:
        node = loader.get_single_node()
        if marks or node is None:
            result.problems.extend(marks)
            return result
        try:
            result.data = loader.build(node)
        except TypeError:  # a list or mapping as a mapping key: unhashable
            result.problems.extend(_complex_keys(node))
            return result
    except yaml.reader.ReaderError:
        result.problems.append(_reader_problem(text))
    except yaml.MarkedYAMLError as error:
        duplicate_anchor = str(getattr(error, "context", "")).startswith("found duplicate anchor")
        if not (duplicate_anchor and marks):  # the anchors are reported already
            line, col = _mark(error)
            result.problems.append(Problem("yaml-syntax", syntax_message(error), line, col))
    except yaml.YAMLError as error:
        result.problems.append(Problem("yaml-syntax", syntax_message(error), 1, 1))
    except (ValueError, RecursionError, OverflowError):  # pragma: no cover - pure-Python parser
        result.problems.append(Problem("yaml-syntax", "lỗi cú pháp YAML: không đọc được tệp", 1, 1))
    finally:
        loader.dispose()
    if result.problems or marks:
        result.problems.extend(marks)
        result.data = None
        return result
    result.problems.extend(loader.problems)
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
    if result.problems:
        result.data = None
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
