"""YAML syntax through `cchc validate` and `cchc report`, measured with the YAML test suite.

tests/fixtures/yaml-test-suite/inputs.json holds the 402 inputs (`in.yaml`) of the official
YAML test suite (github.com/yaml/yaml-test-suite, data branch, MIT licence, see LICENSE
there), and `EXTRA` below adds edge cases the suite does not cover (huge numbers, deep
nesting, control characters, ...). Each input is dropped into a valid repository as a
model file: every one must give located, Vietnamese findings, never an internal error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc.check.rules import EXAMPLE_REPO
from cchc.load.yamlfile import MAX_DEPTH, syntax_message
from tests.helpers import REPO_ROOT, run_cli, write_tree

SUITE = json.loads(
    (REPO_ROOT / "tests/fixtures/yaml-test-suite/inputs.json").read_text(encoding="utf-8")
)
DEEP = 495
EXTRA: dict[str, str] = {
    "deep-flow-sequence": "id: " + "[" * DEEP + "]" * DEEP + "\n",
    "deep-flow-mapping": "id: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
    "deep-block-mapping": "".join("  " * i + f"k{i}:\n" for i in range(DEEP))
    + "  " * DEEP
    + "v: 1\n",
    "deep-block-sequence": "- " * DEEP + "x\n",
    "deeper-than-libyaml": "id: " + "[" * 1200 + "]" * 1200 + "\n",
    "int-5000-digits": "id: " + "9" * 5000 + "\n",
    "int-5000-digits-nested": "id: x\nhistory:\n  - date: " + "1" * 5000 + "\n",
    "negative-int-5000-digits": "title: -" + "9" * 5000 + "\n",
    "hex-5000-digits": "title: 0x" + "f" * 5000 + "\n",
    "binary-20000-digits": "title: 0b" + "1" * 20000 + "\n",
    "binary-without-digits": "title: 0b_\n",
    "hex-without-digits": "title: 0x_\n",
    "float-overflow": "title: 1e99999\n",
    "float-5000-digits": "title: " + "9" * 5000 + ".5\n",
    "sexagesimal": "title: 190:20:30\n",
    "complex-key-list": "? [a, b]\n: 1\n",
    "complex-key-flow": "{[1]: 2}\n",
    "complex-key-mapping": "? {a: 1}\n: 2\n",
    "complex-key-nested": "id: x\nhistory:\n  - {[1]: 2}\n",
    "complex-key-in-list-item": "- ? [a]\n  : b\n",
    "int-key": "1: a\n",
    "bool-key": "true: a\nid: x\n",
    "date-key": "2024-01-01: a\n",
    "float-key": "1.5: x\n",
    "null-key": "? \n: 1\n",
    "empty-flow-key": "{: 1}\n",
    "merge-key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "value-key": "=: 1\n",
    "yaml-1.3": "%YAML 1.3\n---\nid: x\n",
    "yaml-2.0": "%YAML 2.0\n---\nid: x\n",
    "yaml-directive-without-document": "%YAML 1.1\nid: x\n",
    "duplicate-yaml-directive": "%YAML 1.1\n%YAML 1.1\n---\nid: x\n",
    "tag-directive": "%TAG !e! tag:example.com,2000:\n---\nid: !e!foo x\n",
    "reserved-directive": "%FOO bar\n---\nid: x\n",
    "undefined-tag-handle": "id: !e!foo x\n",
    "bad-tag-uri": "id: !<tag:%zz> x\n",
    "unclosed-verbatim-tag": "id: !<tag:x x\n",
    "python-tag": "id: !!python/object/apply:os.system [ls]\n",
    "tag-then-syntax-error": 'a: !foo 1\nb: "unclosed\n',
    "anchor-then-syntax-error": "a: &x 1\nb: [1, 2\n",
    "alias-then-syntax-error": "a: *nope\nb: [\n",
    "duplicate-anchor": "a: &x 1\nb: &x 2\n",
    "undefined-alias": "a: *nope\n",
    "empty-anchor": "a: & 1\n",
    "anchor-on-key": "&a id: x\n",
    "unclosed-double-quote": 'id: "abc\n',
    "unclosed-single-quote": "id: 'abc\n",
    "unknown-escape": 'id: "a\\qb"\n',
    "bad-hex-escape": 'id: "\\uZZZZ"\n',
    "escape-out-of-range": 'id: "\\U0011FFFF"\n',
    "surrogate-escape": 'id: "\\ud800"\n',
    "tab-indentation": "id: x\n\ttitle: y\n",
    "tab-in-block-scalar-indent": "id: |\n\tx\n",
    "colon-in-plain-value": "id: a: b\n",
    "colon-in-flow": "id: [a:b, :c]\n",
    "two-documents": "id: x\n---\nid: y\n",
    "document-end-then-content": "id: x\n...\nid: y\n",
    "document-marker-in-quote": 'id: "a\n---\nb"\n',
    "only-document-start": "---\n",
    "only-document-end": "...\n",
    "unclosed-flow-sequence": "id: [a, b\n",
    "unclosed-flow-mapping": "id: {a: b\n",
    "block-scalar-indent-zero": "id: |0\n  x\n",
    "block-scalar-bad-header": "id: |x\n  x\n",
    "bad-list-indent": "id:\n  - a\n - b\n",
    "list-after-value": "id: a\n- b\n",
    "missing-colon": "id: x\ntitle\nkind: model\n",
    "at-sign": "id: @x\n",
    "backtick": "id: `x\n",
    "percent-value": "id: %x\n",
    "control-character": "id: a\x07b\n",
    "escape-character": "id: a\x1bb\n",
    "del-character": "id: a\x7fb\n",
    "next-line-character": "id: a\x85b\n",
    "byte-order-mark-inside": "id: a\ufeffb\n",
    "no-break-space-after-colon": "id:\u00a0x\n",
    "carriage-returns-only": "id: x\rtitle: y\r",
    "long-key": "k" * 2000 + ": 1\n",
    "long-implicit-key": "id: x\n" + "a" * 1100 + ": 1\n",
    "key-without-value-in-flow": "{a, b: c}\n",
    "trailing-content-after-flow": "id: [a] b\n",
    "comment-without-space": "id: x#y\ntitle: a #b\n",
}
CASES: dict[str, str] = {
    **{f"suite-{name}": case["yaml"] for name, case in SUITE.items()},
    **{f"extra-{name}": text for name, text in EXTRA.items()},
}
MODEL = "data/models/yts.yaml"
#: English that libyaml's messages are made of; none may reach a user.
ENGLISH = re.compile(
    r"\b(found|expected|while|could not|did not|not allowed|cannot|unexpected|scanning"
    r"|parsing|character|token|scalar|mapping|sequence|document|stream|directive|indicator"
    r"|alias|anchor|escape|octet|surrogate|exceeded|depth|input|invalid|incomplete)\b",
    re.IGNORECASE,
)


def _rejected_by_libyaml(text: str) -> bool:
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        # PyYAML refuses an anchor name used twice (YAML allows it); S006 reports anchors.
        return not str(getattr(error, "context", "")).startswith("found duplicate anchor")
    return False


@pytest.fixture(scope="module")
def suite_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("suite") / "repo", EXAMPLE_REPO)


def _findings(capsys: pytest.CaptureFixture[str], root: Path) -> list[dict[str, Any]]:
    run = run_cli(
        capsys,
        "validate",
        "--root",
        root,
        "--format",
        "json",
        "--no-cache",
        "--today",
        "2024-10-01",
    )
    assert run.code in (0, 1), run.err
    assert "nội bộ" not in run.err and "Traceback" not in run.err
    return [f for f in run.json()["findings"] if f["path"] == MODEL]


def test_corpus_is_the_whole_suite() -> None:
    assert len(SUITE) == 402
    assert len(EXTRA) >= 60


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_every_input_gives_located_vietnamese_findings(
    capsys: pytest.CaptureFixture[str], suite_repo: Path, text: str
) -> None:
    (suite_repo / MODEL).write_text(text, encoding="utf-8", newline="")
    findings = _findings(capsys, suite_repo)
    for finding in findings:
        assert finding["line"] and finding["column"], finding
    syntax = [f for f in findings if f["code"] == "S001"]
    for finding in syntax:
        assert not ENGLISH.search(finding["message"].replace("YAML", "")), finding["message"]
    if _rejected_by_libyaml(text):
        assert syntax, findings  # the syntax error is never hidden by another finding


def test_report_on_every_input_is_a_data_error_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = {
        f"data/models/yts-{number}.yaml": text.encode("utf-8")
        for number, text in enumerate(CASES.values())
    }
    root = write_tree(write_tree(tmp_path / "repo", EXAMPLE_REPO), files)
    run = run_cli(capsys, "report", "--root", root, "--quarter", "2024-Q3")
    assert run.code == 3, run.err
    assert "nội bộ" not in run.err and "Traceback" not in run.err


@pytest.mark.parametrize(
    ("text", "tag_code", "tag_line"),
    [
        ('a: !foo 1\nb: "unclosed\n', "S005", 1),
        ("a: &x 1\nb: [1, 2\n", "S006", 1),
        ("a: &x 1\nb: *x\nc: [\n", "S006", 2),
    ],
    ids=["tag", "anchor", "alias"],
)
def test_syntax_error_is_reported_with_tags_and_anchors(
    capsys: pytest.CaptureFixture[str], suite_repo: Path, text: str, tag_code: str, tag_line: int
) -> None:
    (suite_repo / MODEL).write_text(text, encoding="utf-8")
    codes = {(f["code"], f["line"]) for f in _findings(capsys, suite_repo)}
    assert (tag_code, tag_line) in codes
    assert any(code == "S001" and line >= 2 for code, line in codes)


@pytest.mark.parametrize(
    ("text", "position", "what"),
    [
        ("? [a, b]\n: 1\n", (1, 3), "danh sách"),
        ("{[1]: 2}\n", (1, 2), "danh sách"),
        ("? {a: 1}\n: 2\n", (1, 3), "khối"),
        ("id: x\nhistory:\n  - {[1]: 2}\n", (3, 6), "danh sách"),
    ],
    ids=["explicit-list", "flow-list", "explicit-mapping", "nested"],
)
def test_list_or_mapping_as_key_is_located(
    capsys: pytest.CaptureFixture[str],
    suite_repo: Path,
    text: str,
    position: tuple[int, int],
    what: str,
) -> None:
    (suite_repo / MODEL).write_text(text, encoding="utf-8")
    (finding,) = _findings(capsys, suite_repo)
    assert finding["code"] == "S028"
    assert (finding["line"], finding["column"]) == position
    assert finding["message"] == f"tên trường phải là chữ, không phải {what}"


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("id: x\ntitle: " + "9" * 5000 + "\n", (2, 8), "không đọc được số"),
        ("id: x\ntitle: 0x" + "f" * 5000 + "\n", (2, 8), "không đọc được số"),
        ("id: x\ntitle: 0b_\n", (2, 8), "không đọc được số"),
        ("id: " + "[" * DEEP + "]" * DEEP + "\n", (1, 5 + MAX_DEPTH - 1), "lồng nhau quá sâu"),
        ("a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(DEEP)), None, "quá sâu"),
        ("id: " + "[" * 1200 + "]" * 1200 + "\n", None, "quá sâu"),
    ],
    ids=["int-5000-digits", "hex-5000-digits", "binary-no-digits", "flow-495", "block-495", "1200"],
)
def test_huge_number_or_deep_nesting_is_a_located_finding(
    capsys: pytest.CaptureFixture[str],
    suite_repo: Path,
    text: str,
    position: tuple[int, int] | None,
    words: str,
) -> None:
    (suite_repo / MODEL).write_text(text, encoding="utf-8")
    (finding,) = _findings(capsys, suite_repo)
    assert finding["code"] == "S001"
    assert words in finding["message"]
    assert finding["line"] and finding["column"]
    if position is not None:
        assert (finding["line"], finding["column"]) == position


#: Every problem and context message in libyaml 0.2.5/0.2.6 and PyYAML's composer.
LIBYAML_PROBLEMS = [
    "block sequence entries are not allowed in this context",
    "control characters are not allowed",
    "could not find expected ':'",
    "could not find expected directive name",
    "did not find URI escaped octet",
    "did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "did not find expected <stream-start>",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
    "did not find expected digit or '.' character",
    "did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected tag URI",
    "did not find expected version number",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "exceeded maximum nesting depth",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "found extremely long version number",
    "found incompatible YAML document",
    "found invalid Unicode character escape code",
    "found undefined tag handle",
    "found unexpected ':'",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unexpected non-alphabetical character",
    "found unknown directive name",
    "found unknown escape character",
    "incomplete UTF-16 character",
    "incomplete UTF-16 surrogate pair",
    "incomplete UTF-8 octet sequence",
    "input error",
    "input is too long",
    "invalid Unicode character",
    "invalid leading UTF-8 octet",
    "invalid length of a UTF-8 sequence",
    "invalid trailing UTF-8 octet",
    "unexpected low surrogate area",
    "expected low surrogate area",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "found undefined alias",
    "second occurrence",
    "but found another document",
]
LIBYAML_CONTEXTS = [
    "while increasing block level",
    "while increasing flow level",
    "while parsing a %TAG directive",
    "while parsing a block collection",
    "while parsing a block mapping",
    "while parsing a block node",
    "while parsing a flow mapping",
    "while parsing a flow node",
    "while parsing a flow sequence",
    "while parsing a node",
    "while parsing a quoted scalar",
    "while parsing a tag",
    "while parsing a tag directive",
    "while scanning a %TAG directive",
    "while scanning a %YAML directive",
    "while scanning a block scalar",
    "while scanning a directive",
    "while scanning a plain scalar",
    "while scanning a quoted scalar",
    "while scanning a simple key",
    "while scanning a tag",
    "while scanning a tag directive",
    "while scanning an alias",
    "while scanning an anchor",
    "while scanning for the next token",
    "found duplicate anchor; first occurrence",
    "expected a single document in the stream",
]


@pytest.mark.parametrize("context", [None, *LIBYAML_CONTEXTS])
def test_every_libyaml_message_is_vietnamese(context: str | None) -> None:
    # libyaml builds its marks with buffer and pointer None; the stub's `pointer: int` is wrong
    start = yaml.Mark("f", 0, 0, 0, None, None)  # type: ignore[arg-type]
    end = yaml.Mark("f", 0, 2, 4, None, None)  # type: ignore[arg-type]
    for problem in LIBYAML_PROBLEMS:
        error = yaml.MarkedYAMLError(context, start, problem, end)
        message = syntax_message(error)
        assert message.startswith("lỗi cú pháp YAML: "), (problem, message)
        assert not ENGLISH.search(message.replace("YAML", "")), (problem, context, message)
