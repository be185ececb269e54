"""Rendering the two seed documents from the shipped data reproduces them (shared/seeds)."""

from __future__ import annotations

import difflib
import re

import pytest

from cchc.commands.render import report_tables
from cchc.pipeline import load_repository
from cchc.present.document import render
from tests.helpers import REPO_ROOT

#: Copies of the seed documents (../shared/seeds), so the test runs on any machine.
SEEDS = REPO_ROOT / "tests" / "fixtures" / "seeds"
CASES = [
    ("brvt-2023-nhan-rong-mo-hinh", "000_*.txt"),
    ("hong-ngu-2024-mo-hinh-cchc", "003_*.txt"),
]
THRESHOLD = 0.97

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _clean(text: str) -> str:
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"\[\^\d+\]", "", text)
    text = re.sub(f"[{_SUP}]", "", text)
    text = text.replace("\\\n", "\n")
    return " ".join(text.split())


def _from_start(paras: list[str]) -> list[str]:
    """From the "Số:" line on: the letterhead and Quốc hiệu are missing from the seed text."""
    for i, para in enumerate(paras):
        if para.startswith("Số:"):
            return paras[i:]
    return paras


def rendered_paragraphs(markdown: str) -> tuple[list[str], list[str]]:
    chunks = re.split(r"\n\s*\n", markdown)
    notes = [line for c in chunks if c.lstrip().startswith("[^") for line in c.splitlines()]
    body = [_clean(c) for c in chunks if c.strip() and not c.lstrip().startswith("[^")]
    return _from_start(body), [_clean(re.sub(r"^\s*\[\^\d+\]:", "", n)) for n in notes]


def seed_paragraphs(text: str) -> tuple[list[str], list[str]]:
    chunks = [c for c in re.split(r"\n\s*\n", text) if c.strip()]
    notes = [c for c in chunks if c.strip()[0] in _SUP]
    paras: list[str] = []
    for chunk in chunks:
        if chunk in notes:
            continue
        para = _clean(chunk)
        # A paragraph cut by a page break continues with a lower-case word.
        if (
            paras
            and not re.search(r"[.;:!?”)]$", paras[-1])
            and para[:1].islower()
            and not re.match(r"[a-zđ]\) ", para)
        ):
            paras[-1] += " " + para
        else:
            paras.append(para)
    return _from_start(paras), [_clean(n) for n in notes]


def fidelity(markdown: str, seed: str) -> tuple[float, float, list[str]]:
    """(similarity, exact paragraph ratio, diff) of the rendered body against the seed.

    difflib aligns the two paragraph lists; paragraphs that match exactly count in full,
    paragraphs replaced one by another count by their character similarity, weighted by
    length; added or missing paragraphs count zero.
    """
    ours, our_notes = rendered_paragraphs(markdown)
    theirs, their_notes = seed_paragraphs(seed)
    a, b = theirs + their_notes, ours + our_notes
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = 0.0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same += sum(len(p) for p in a[i1:i2]) * 2
        elif tag == "replace":
            left, right = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            pair = difflib.SequenceMatcher(None, left, right, autojunk=False)
            same += pair.ratio() * (len(left) + len(right))
    total = sum(map(len, a)) + sum(map(len, b))
    diff = list(difflib.unified_diff(a, b, "seed", "rendered", lineterm="", n=0))
    return same / total, matcher.ratio(), diff


@pytest.mark.parametrize(("document_id", "pattern"), CASES)
def test_seed_documents_are_reproduced(document_id: str, pattern: str) -> None:
    seeds = sorted(SEEDS.glob(pattern))
    assert seeds, f"missing seed copy {SEEDS / pattern}"
    repo = load_repository(REPO_ROOT)
    document = repo.document(document_id)
    markdown = render(repo, document, "md", report_tables(repo, document))
    assert isinstance(markdown, str)
    ratio, exact, diff = fidelity(markdown, seeds[0].read_text(encoding="utf-8"))
    print(f"{document_id}: similarity {ratio:.4f}, identical paragraphs ratio {exact:.4f}")
    assert ratio >= THRESHOLD, f"{document_id}: {ratio:.4f} < {THRESHOLD}\n" + "\n".join(diff)
