"""The domain vocabulary (cchc/schema/vocabulary.py): complete, NFC, and the only place
where a code of the data format gets its Vietnamese label."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cchc.schema.vocabulary import (
    ADOPTED,
    ADOPTION_STATUSES,
    AREAS,
    DOCUMENT_SYMBOLS,
    DOCUMENT_TYPES,
    LEVELS,
    MODEL_KINDS,
    MODEL_STATUSES,
    NOT_STARTED,
    STARTED,
    STATUS,
    STATUSES,
    UNIT_KINDS,
    VOCABULARIES,
    Vocabulary,
)
from cchc.text import is_nfc

PACKAGE = Path(__file__).resolve().parents[2] / "cchc"
VOCABULARY_MODULE = PACKAGE / "schema" / "vocabulary.py"


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_value_has_every_label_form(name: str) -> None:
    vocabulary = VOCABULARIES[name]
    assert vocabulary.forms, name
    assert list(vocabulary.table) == list(vocabulary.values)
    for value in vocabulary.values:
        labels = vocabulary.table[value]
        assert len(labels) == len(vocabulary.forms), value
        for form in vocabulary.forms:
            label = vocabulary.label(value, form)
            assert label.strip() == label and label, (value, form)


def _all_labels() -> list[str]:
    labels = [label for v in VOCABULARIES.values() for row in v.table.values() for label in row]
    return labels + list(DOCUMENT_SYMBOLS.values())


@pytest.mark.parametrize("label", _all_labels())
def test_labels_are_nfc(label: str) -> None:
    assert is_nfc(label)


def test_meaning_sets() -> None:
    assert (*ADOPTION_STATUSES, NOT_STARTED) == STATUSES
    assert set(ADOPTED) == {"implementing", "effective"}  # FORMAT.md 1.1, Progress 4
    assert ADOPTED < STARTED <= set(ADOPTION_STATUSES)
    assert set(DOCUMENT_SYMBOLS) < set(DOCUMENT_TYPES)


def test_label_forms_keep_the_spellings_each_screen_shows() -> None:
    # `cchc show` / `cchc diff` write the full meaning; report tables the short heading.
    assert STATUS.label("not-applicable") == "không phù hợp điều kiện thực tế"
    assert STATUS.label("not-applicable", "heading") == "Không phù hợp"
    assert STATUS.label("not-started", "symbol") == "·"
    assert STATUS.labels("symbol")["effective"] == "HQ"
    assert STATUS.label("unknown-code") == "unknown-code"
    with pytest.raises(ValueError):
        STATUS.label("planned", "title")


def test_describe_for_schema_descriptions() -> None:
    vocabulary = Vocabulary(("a", "b"), ("text",), {"a": ("chữ a",), "b": ("chữ b",)})
    assert vocabulary.describe(sep=" | ", notes={"b": ": ghi chú"}) == (
        "a (chữ a) | b (chữ b: ghi chú)"
    )


# -- no label declared elsewhere ---------------------------------------------------------

#: Sets of codes: a dict literal keyed by (a part of) one of them, mapping to text, is a
#: label table and belongs in the vocabulary.
CODE_SETS = {
    "status": frozenset(STATUSES),
    "model status": frozenset(MODEL_STATUSES),
    "model kind": frozenset(MODEL_KINDS),
    "document type": frozenset(DOCUMENT_TYPES),
    "unit kind": frozenset(UNIT_KINDS),
    "level": frozenset(LEVELS),
    "area": frozenset(AREAS),
}


def _label_tables(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        # Keys written as text; other keys (a constant such as NOT_STARTED) do not count.
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        if len(keys) < 2 or not all(isinstance(k, str) for k in keys):
            continue
        if not any(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values):
            continue
        for name, codes in CODE_SETS.items():
            if keys <= codes:
                found.append((node.lineno, name))
    return found


def test_the_detector_finds_a_label_table() -> None:
    tree = ast.parse(
        'NAMES = {"model": "Mô hình", "solution": "Giải pháp"}\n'
        'SYMBOLS = {"planned": "KH", "effective": "HQ", NOT_STARTED: "·"}\n'
        'OTHER = {"summary": {"a": 1}, "models": []}\n'
    )
    assert _label_tables(tree) == [(1, "model kind"), (2, "status")]


def test_no_module_but_the_vocabulary_declares_labels_of_codes() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == VOCABULARY_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
            for line, name in _label_tables(tree)
        ]
    assert offenders == []
