"""Round-trip editing keeps files byte for byte; writes are checked and atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.check.rules import EXAMPLE_REPO
from cchc.edit.fmt import format_text
from cchc.edit.yamledit import dump_document, guess_indent, load_document, write_checked
from cchc.errors import DataError
from cchc.load.files import DataFile
from tests.helpers import REPO_ROOT, write_tree

STYLES = {
    "offset 2": "id: x\nlist:\n  - a: 1\n    b: [1, 2]\n  - a: 2\n",
    "offset 0": "id: x\nlist:\n- a: 1\n  b: 'q'\n- a: 2\n",
    "indent 4": 'id: x\nm:\n    k: "v"\n    l:\n        - 1\n',
    "top-level list": "# c\n- id: a\n  name: A\n- id: b\n  name: B\n",
    "comments and long line": (
        "id: x  # eol\n# block\nt: " + " ".join(["chữ"] * 300) + "\nn: null\n"
    ),
}


@pytest.mark.parametrize("text", STYLES.values(), ids=STYLES.keys())
def test_round_trip_is_byte_for_byte(tmp_path: Path, text: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert dump_document(doc.data, doc.indent) == text


def test_guess_indent() -> None:
    assert guess_indent(STYLES["offset 2"]) == (2, 4, 2)
    assert guess_indent(STYLES["offset 0"]) == (2, 2, 0)
    assert guess_indent(STYLES["indent 4"])[0] == 4
    assert guess_indent(STYLES["top-level list"]) == (2, 2, 0)


@pytest.mark.parametrize("rel", sorted(EXAMPLE_REPO))
def test_example_files_round_trip(tmp_path: Path, rel: str) -> None:
    write_tree(tmp_path, {rel: EXAMPLE_REPO[rel]})
    doc = load_document(tmp_path / rel)
    assert dump_document(doc.data, doc.indent) == EXAMPLE_REPO[rel]


def test_every_shipped_file_round_trips() -> None:
    files = sorted((REPO_ROOT / "data").rglob("*.yaml"))
    if not files:
        pytest.skip("no shipped data")
    for path in files:
        doc = load_document(path)
        assert dump_document(doc.data, doc.indent) == doc.text, path


def test_format_is_idempotent_on_examples() -> None:
    for rel, text in EXAMPLE_REPO.items():
        kind = "indicators" if rel.endswith("indicators.yaml") else rel.split("/")[1][:-1]
        once = format_text(text, kind)
        assert format_text(once, kind) == once


def test_write_checked_refuses_an_error_and_keeps_the_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path, EXAMPLE_REPO)
    file = DataFile("data/units/xa-b.yaml", "unit")
    before = (root / file.rel).read_bytes()
    bad = before.decode().replace("level: commune", "level: hamlet")
    with pytest.raises(DataError, match="chưa ghi gì"):
        write_checked(root, file, bad, old_text=before.decode())
    assert (root / file.rel).read_bytes() == before
    assert sorted(p.name for p in (root / "data/units").iterdir()) == [
        "so-noi-vu-a.yaml",
        "tinh-a.yaml",
        "xa-b.yaml",
    ]


def test_write_checked_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    root = write_tree(tmp_path, EXAMPLE_REPO)
    file = DataFile("data/units/xa-b.yaml", "unit")
    path = root / file.rel
    path.chmod(0o640)
    new = path.read_text(encoding="utf-8").replace(
        "name: Ủy ban nhân dân xã B", "name: Ủy ban nhân dân xã Bê"
    )
    write_checked(root, file, new)
    assert path.read_text(encoding="utf-8") == new
    assert path.stat().st_mode & 0o777 == 0o640
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_syntax_error_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nname: [\n", encoding="utf-8")
    with pytest.raises(DataError, match="lỗi cú pháp YAML"):
        load_document(path)
