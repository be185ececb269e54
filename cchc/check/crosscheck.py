"""Checks across files: references, the unit hierarchy, and lint rules on the whole programme.

They run on `FileFacts` only (never on full objects), so a warm run with every file's facts
in the cache does them without reading YAML.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeGuard

from cchc import text as vtext
from cchc.check.filecheck import CITABLE, REFORM_DAY, DocumentFacts, FileFacts
from cchc.check.findings import Finding
from cchc.check.rules import BY_CODE
from cchc.load.yamlfile import LocPath
from cchc.periods import last_complete_periods
from cchc.schema.selection import SelectorSpec, UnitTree, find_cycles
from cchc.schema.vocabulary import DIRECTIVE_TYPES

_REF_RULES = {"unit": "R001", "model": "R002", "indicator": "R005"}
_REF_WORDS = {"unit": "đơn vị", "model": "mô hình", "indicator": "chỉ tiêu"}
_REF_DIRS = {"unit": "data/units", "model": "data/models"}


def _finding(
    code: str,
    path: str,
    message: str,
    loc: LocPath | None,
    *,
    key: bool = False,
    hint: str | None = None,
) -> Finding:
    return Finding(code, path, message, BY_CODE[code].severity, 0, 0, hint, loc, key)


def _status_on(events: Iterable[tuple[date, str]], day: date) -> str | None:
    status = None
    for event_day, event_status in events:
        if event_day > day:
            break
        status = event_status
    return status


def cross_check(facts: dict[str, FileFacts], today: date) -> list[Finding]:
    """Every cross-file finding, located by data path (resolved to line/col later)."""
    units = {rel: f for rel, f in facts.items() if f.kind == "unit"}
    models = {f.id: (rel, f) for rel, f in facts.items() if f.kind == "model" and f.id}
    known: dict[str, set[str]] = {
        "unit": {f.id for f in units.values() if f.id},
        "model": set(models),
    }
    indicator_files = [f for f in facts.values() if f.kind == "indicators"]
    # FORMAT.md: a result naming an indicator not listed in data/indicators.yaml is a
    # warning, with or without that (optional) file; `cchc result` says the same.
    known["indicator"] = {i for f in indicator_files for i in f.indicator_ids}
    tree = UnitTree(f.unit for f in units.values() if f.unit is not None)
    out: list[Finding] = []
    # A unit file that did not validate may hold the units or adoptions these rules look
    # for: they wait until it is fixed rather than report errors that are not there.
    complete = not any(f.partial for f in units.values())
    out += _references(facts, known, has_indicator_file=bool(indicator_files))
    out += _cycles(units)
    out += _successor_cycles(units)
    if complete:
        out += _selectors(facts, tree)
    out += _parent_validity(units, tree)
    out += _model_adoption(units, models, today, report_unadopted=complete)
    out += _stale_units(units, today)
    if complete:
        out += _planned_past_deadline(facts, units, models, tree, today)
    out += _near_duplicates(models)
    out += _future_dates(units, today)
    out += _incomplete_documents(facts, units, models)
    out += _percent_values(units, indicator_files)
    out += _successor_gaps(units, tree)
    if complete:
        out += _directives(facts, units, models, tree, today)
    return out


def _percent_values(units: dict[str, FileFacts], indicator_files: list[FileFacts]) -> list[Finding]:
    """S029: a `value` given for a percent indicator is a rate in percent (FORMAT.md 1.1)."""
    percent = {i for f in indicator_files for i in f.percent_ids}
    out = []
    for rel, f in units.items():
        for adoption in f.adoptions:
            for indicator, value, loc in adoption.values:
                if indicator in percent and not 0 <= value <= 100:
                    shown = f"{value:g}".replace(".", ",")
                    out.append(
                        _finding(
                            "S029",
                            rel,
                            f'chỉ tiêu tỷ lệ "{indicator}": value {shown} nằm ngoài 0 – 100 (%)',
                            loc,
                            hint="value của chỉ tiêu tỷ lệ là tỷ lệ phần trăm (ví dụ 99.3); "
                            "nếu có số hồ sơ, ghi numerator và denominator",
                        )
                    )
    return out


def _successor_gaps(units: dict[str, FileFacts], tree: UnitTree) -> list[Finding]:
    """L017: a successor must be valid on the day after its predecessor's valid_to."""
    out = []
    for rel, f in sorted(units.items()):
        node = f.unit
        if node is None or node.valid_to is None or not f.successors:
            continue
        day = node.valid_to + timedelta(days=1)
        for successor in f.successors:
            other = tree.nodes.get(successor)
            if other is None or other.valid_on(day):
                continue  # an unknown id is R001
            span = f"{other.valid_from or '…'} – {other.valid_to or '…'}"
            out.append(
                _finding(
                    "L017",
                    rel,
                    f'đơn vị kế thừa "{successor}" không có hiệu lực vào ngày {day} (ngày sau '
                    f"valid_to {node.valid_to}); thời gian tồn tại của nó: {span}",
                    ("successors", f.successors.index(successor)),
                    hint=f"đơn vị mới hình thành do sắp xếp ghi valid_from: {day}; "
                    "kiểm tra valid_to của đơn vị này",
                )
            )
    return out


def _is_directive(doc: DocumentFacts | None) -> TypeGuard[DocumentFacts]:
    """FORMAT.md 1.1, "Directive": a công văn or kế hoạch that lists models."""
    return doc is not None and doc.type in DIRECTIVE_TYPES and bool(doc.entries)


def _directives(
    facts: dict[str, FileFacts],
    units: dict[str, FileFacts],
    models: dict[str, tuple[str, FileFacts]],
    tree: UnitTree,
    today: date,
) -> list[Finding]:
    """L018, L019, L020: directives whose targets the reorganisation left behind."""
    out = []
    for rel, f in sorted(facts.items()):
        doc = f.document
        if not _is_directive(doc) or doc.start > today:
            continue
        in_force = doc.valid_to is None or today <= doc.valid_to
        issuer = tree.nodes.get(doc.issuer)
        if (
            doc.valid_to is None
            and issuer is not None
            and issuer.valid_to is not None
            and issuer.valid_to < today
        ):
            out.append(
                _finding(
                    "L020",
                    rel,
                    f'cơ quan ban hành "{doc.issuer}" đã chấm dứt (valid_to {issuer.valid_to}) '
                    "mà văn bản chưa ghi valid_to: văn bản vẫn được tính là còn hiệu lực",
                    ("issuer",),
                    hint="nếu văn bản đã được thay thế hoặc hết hiệu lực, ghi valid_to; nếu "
                    "vẫn còn hiệu lực, thêm `# cchc: disable=L020` cạnh issuer",
                )
            )
        picked_first: set[str] = set()
        targets: set[str] = set()
        district_now: set[str] = set()
        district_asked: list[tuple[str, LocPath]] = []
        for model_id, own, loc in doc.entries:
            model = models.get(model_id)
            specs = _targets(own, model[1] if model else None, doc.recipients)
            first = tree.select(specs, doc.start)
            picked_first |= first
            if in_force:
                now = tree.select(specs, today) | tree.standing_for(first, today)
                targets |= now
                if today >= REFORM_DAY:
                    district_now |= {u for u in now if tree.nodes[u].level == "district"}
            if doc.start >= REFORM_DAY and _asks_district(specs, tree):
                district_asked.append((model_id, loc))
        if in_force and picked_first and not targets:
            out.append(
                _finding(
                    "L018",
                    rel,
                    f"văn bản còn hiệu lực nhưng vào ngày {today} không còn đơn vị nào phải "
                    f"áp dụng: {len(picked_first)} đơn vị được chọn khi ban hành đều đã chấm "
                    "dứt mà không có đơn vị kế thừa còn hiệu lực",
                    ("id",),
                    key=True,
                    hint="ghi successors cho các đơn vị đã chấm dứt, hoặc ghi valid_to cho "
                    "văn bản nếu nó đã hết hiệu lực",
                )
            )
        if district_asked:
            names = ", ".join(m for m, _ in district_asked)
            out.append(
                _finding(
                    "L019",
                    rel,
                    f"văn bản ban hành sau 30/6/2025 (chính quyền địa phương hai cấp) vẫn chọn "
                    f"đơn vị cấp huyện làm đối tượng áp dụng (mô hình: {names})",
                    district_asked[0][1],
                    hint="chọn các xã, phường hoặc các sở, ngành (level: commune, province)",
                )
            )
        elif district_now:
            listed = ", ".join(sorted(district_now)[:5])
            more = f" và {len(district_now) - 5} đơn vị khác" if len(district_now) > 5 else ""
            out.append(
                _finding(
                    "L019",
                    rel,
                    f"vào ngày {today} (sau 30/6/2025) văn bản vẫn có đối tượng áp dụng là đơn "
                    f"vị cấp huyện: {listed}{more}",
                    ("id",),
                    key=True,
                    hint="ghi valid_to: 2025-06-30 và successors cho các đơn vị cấp huyện đó "
                    "(xem L001)",
                )
            )
    return out


def _asks_district(specs: Iterable[SelectorSpec], tree: UnitTree) -> bool:
    """Whether a selector names the district level: `level: district`, or lists (or looks
    within) a district-level unit."""
    for spec in specs:
        if "district" in spec.levels:
            return True
        named = [*spec.units, *([spec.within] if spec.within else [])]
        if any((n := tree.nodes.get(u)) is not None and n.level == "district" for u in named):
            return True
    return False


def _incomplete_documents(
    facts: dict[str, FileFacts],
    units: dict[str, FileFacts],
    models: dict[str, tuple[str, FileFacts]],
) -> list[Finding]:
    """L016, the part that needs other files: the issuer's locality (the date line) and
    what each citation style takes from the models it cites."""
    localities = {f.id: f.unit_has_locality for f in units.values() if f.id and not f.partial}
    hint = "bổ sung trước khi xuất văn bản để ký (xem `cchc render --check`)"
    out: list[Finding] = []
    for rel, f in sorted(facts.items()):
        doc = f.document
        if doc is None:
            continue
        if localities.get(doc.issuer) is False:
            out.append(
                _finding(
                    "L016",
                    rel,
                    f'cơ quan ban hành "{doc.issuer}" chưa có locality '
                    "(địa danh ở dòng ngày tháng)",
                    ("issuer",),
                    hint=hint,
                )
            )
        for model_id, style, own, loc in doc.citations:
            found = models.get(model_id)
            if found is None or found[1].partial:
                continue  # R002, or the model file's own errors, say it already
            have = own | found[1].model_filled
            needed: tuple[str, ...] = ("summary",) if style == "summary" else ()
            if style == "detailed":
                needed = ("purpose", "requirements", "implementers", "monitors")
            for name in needed:
                if name not in have:
                    message = f'mô hình "{model_id}" chưa có {CITABLE[name]} ({name})'
                    out.append(_finding("L016", rel, message, loc, hint=hint))
    return out


def unknown_indicator(
    indicator_id: str, declared: set[str], *, has_indicator_file: bool
) -> tuple[str, str]:
    """The message and hint of R005 (unknown-indicator) for `indicator_id`, which
    data/indicators.yaml (holding `declared`, if it exists) does not list: one wording for
    `cchc validate` and the warning of `cchc result`."""
    close = _closest(indicator_id, declared)
    if close:
        hint = f'có phải ý bạn là "{close}"?'
    elif has_indicator_file:
        hint = "thêm chỉ tiêu vào data/indicators.yaml"
    else:
        hint = "tạo tệp data/indicators.yaml khai báo chỉ tiêu (id, name, unit; xem docs/format.md)"
    return f'chỉ tiêu "{indicator_id}" chưa có trong data/indicators.yaml', hint


def _references(
    facts: dict[str, FileFacts], known: dict[str, set[str]], *, has_indicator_file: bool
) -> list[Finding]:
    out: list[Finding] = []
    for rel, f in facts.items():
        for kind, ref_id, loc in f.refs:
            ids = known.get(kind)
            if ids is None or ref_id in ids:
                continue
            if kind == "indicator":
                message, hint = unknown_indicator(
                    ref_id, ids, has_indicator_file=has_indicator_file
                )
                out.append(_finding(_REF_RULES[kind], rel, message, loc, hint=hint))
                continue
            close = _closest(ref_id, ids)
            hint = (
                f'có phải ý bạn là "{close}"?'
                if close
                else (
                    f"tạo tệp {_REF_DIRS[kind]}/{ref_id}.yaml"
                    if kind in _REF_DIRS
                    else "thêm chỉ tiêu vào data/indicators.yaml"
                )
            )
            where = "data/indicators.yaml" if kind == "indicator" else f"{_REF_DIRS[kind]}/"
            out.append(
                _finding(
                    _REF_RULES[kind],
                    rel,
                    f'không có {_REF_WORDS[kind]} "{ref_id}" trong {where}',
                    loc,
                    hint=hint,
                )
            )
    return out


def _closest(word: str, options: set[str]) -> str | None:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.75)
    return close[0] if close else None


def _cycles(units: dict[str, FileFacts]) -> list[Finding]:
    by_id = {f.id: rel for rel, f in units.items() if f.id}
    parents = {f.unit.id: f.unit.parent for f in units.values() if f.unit is not None}
    out = []
    for cycle in find_cycles(parents):
        chain = " → ".join([*cycle, cycle[0]])
        out.append(
            _finding(
                "R003",
                by_id[cycle[0]],
                f"vòng lặp đơn vị cấp trên: {chain}",
                ("parent",),
                hint="sửa parent của một đơn vị trong vòng",
            )
        )
    return out


def _successor_cycles(units: dict[str, FileFacts]) -> list[Finding]:
    """R009: one finding per group of units whose `successors` lead back to each other
    (a strongly connected component), naming one cycle through its smallest id."""
    rel_of = {f.id: rel for rel, f in units.items() if f.id and f.unit is not None}
    graph = {uid: [s for s in units[rel].successors if s in rel_of] for uid, rel in rel_of.items()}
    out = []
    for group in _strong_components(graph):
        start = min(group)
        cycle = _shortest_cycle(graph, start, group)
        chain = " → ".join([*cycle, start])
        f = units[rel_of[start]]
        out.append(
            _finding(
                "R009",
                rel_of[start],
                f"vòng lặp đơn vị kế thừa (successors): {chain}",
                ("successors", f.successors.index(cycle[1])),
                hint="đơn vị kế thừa là đơn vị tiếp nhận công việc sau valid_to; bỏ một "
                "mục successors trong vòng",
            )
        )
    return out


def _strong_components(graph: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph[node]
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _shortest_cycle(graph: dict[str, list[str]], start: str, group: set[str]) -> list[str]:
    """The shortest path start → ... → start inside `group`, without the final start."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in graph[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return path[::-1]
            if nxt in group and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start]  # pragma: no cover - a component always has a cycle through start


def _selectors(facts: dict[str, FileFacts], tree: UnitTree) -> list[Finding]:
    out = []
    for rel, f in facts.items():
        for spec, loc, day in f.selectors:
            if not (spec.units or spec.within) or tree.select([spec], day):
                continue
            if day is not None and tree.select([spec], None):
                message = f"bộ chọn không chọn được đơn vị nào còn hiệu lực vào ngày {day}"
            else:
                message = "bộ chọn không chọn được đơn vị nào"
            out.append(
                _finding(
                    "R006",
                    rel,
                    message,
                    loc,
                    hint="kiểm tra within, level, kind và valid_from/valid_to",
                )
            )
    return out


def _parent_validity(units: dict[str, FileFacts], tree: UnitTree) -> list[Finding]:
    out = []
    for rel, f in units.items():
        node = f.unit
        if node is None or node.parent is None:
            continue
        parent = tree.nodes.get(node.parent)
        if parent is None:
            continue
        if parent.valid_to is not None and (
            node.valid_to is None or node.valid_to > parent.valid_to
        ):
            until = f"đến {node.valid_to}" if node.valid_to else "không thời hạn"
            out.append(
                _finding(
                    "L002",
                    rel,
                    f"đơn vị còn hiệu lực ({until}) sau khi đơn vị cấp trên "
                    f'"{parent.id}" hết hiệu lực ({parent.valid_to})',
                    ("valid_to",) if node.valid_to else ("parent",),
                    hint="thêm valid_to, hoặc đổi parent sang đơn vị kế thừa",
                )
            )
        elif (
            parent.valid_from is not None
            and node.valid_from is not None
            and node.valid_from < parent.valid_from
        ):
            out.append(
                _finding(
                    "L002",
                    rel,
                    f"đơn vị có hiệu lực từ {node.valid_from}, trước khi đơn vị cấp trên "
                    f'"{parent.id}" thành lập ({parent.valid_from})',
                    ("valid_from",),
                )
            )
    return out


def _model_adoption(
    units: dict[str, FileFacts],
    models: dict[str, tuple[str, FileFacts]],
    today: date,
    report_unadopted: bool = True,
) -> list[Finding]:
    adopted: set[str] = set()
    out = []
    for rel, f in units.items():
        for adoption in f.adoptions:
            adopted.add(adoption.model)
            model = models.get(adoption.model)
            if model is None:
                continue
            retired = [d for d, s in model[1].model_events if s == "retired"]
            if not retired:
                continue
            for i, (day, _status) in enumerate(adoption.events):
                if day > retired[-1] and _status_on(model[1].model_events, day) == "retired":
                    out.append(
                        _finding(
                            "L010",
                            rel,
                            f'ghi áp dụng ngày {day} khi mô hình "{adoption.model}" đã '
                            f"dừng áp dụng từ {retired[-1]}",
                            ("adoptions", adoption.index, "history", i, "date"),
                        )
                    )
                    break
    for model_id, (rel, f) in sorted(models.items()):
        status = _status_on(f.model_events, today) or "proposed"
        if report_unadopted and model_id not in adopted and status in ("recognized", "piloting"):
            out.append(
                _finding(
                    "L005",
                    rel,
                    "chưa đơn vị nào có bản ghi áp dụng mô hình này",
                    ("id",),
                    hint="thêm bản ghi adoptions vào tệp đơn vị đã áp dụng "
                    "(cchc adopt), hoặc bỏ qua nếu mô hình mới được công nhận",
                )
            )
    return out


def _stale_units(units: dict[str, FileFacts], today: date) -> list[Finding]:
    periods = last_complete_periods(today, 2)
    if len(periods) < 2:
        return []
    since = periods[-1].start
    out = []
    for rel, f in units.items():
        node = f.unit
        if node is None or not node.valid_on(today) or not f.adoptions:
            continue
        active = [a for a in f.adoptions if a.events[-1][1] not in ("not-applicable", "suspended")]
        if not active:
            continue
        last = max(a.last_update for a in active)
        if last < since:
            out.append(
                _finding(
                    "L006",
                    rel,
                    f"không cập nhật tình hình áp dụng mô hình từ {last} (hai kỳ báo cáo "
                    f"gần nhất: {periods[-1].label}, {periods[0].label})",
                    ("adoptions",),
                    key=True,
                    hint="thêm sự kiện hoặc kết quả mới (cchc adopt, cchc result)",
                )
            )
    return out


def _targets(
    entry_specs: tuple[SelectorSpec, ...] | None,
    model: FileFacts | None,
    recipients: tuple[SelectorSpec, ...],
) -> tuple[SelectorSpec, ...]:
    if entry_specs:
        return entry_specs
    if model is not None and model.model_implementers:
        return model.model_implementers
    return recipients


def _planned_past_deadline(
    facts: dict[str, FileFacts],
    units: dict[str, FileFacts],
    models: dict[str, tuple[str, FileFacts]],
    tree: UnitTree,
    today: date,
) -> list[Finding]:
    rel_by_unit = {f.id: rel for rel, f in units.items() if f.id}
    out = []
    for _doc_rel, f in sorted(facts.items()):
        doc = f.document
        if doc is None or doc.deadline is None or doc.deadline >= today:
            continue
        for model_id, own, _loc in doc.entries:
            model = models.get(model_id)
            specs = _targets(own, model[1] if model else None, doc.recipients)
            for unit_id in sorted(tree.select(specs, doc.deadline)):
                rel = rel_by_unit.get(unit_id)
                if rel is None:
                    continue
                for adoption in units[rel].adoptions:
                    if (
                        adoption.model == model_id
                        and _status_on(adoption.events, today) == "planned"
                    ):
                        out.append(
                            _finding(
                                "L007",
                                rel,
                                f'vẫn "planned" (mới có kế hoạch) sau hạn {doc.deadline} '
                                f'của văn bản "{f.id}"',
                                ("adoptions", adoption.index, "history"),
                                hint="cập nhật tình trạng (cchc adopt ... --status implementing)",
                            )
                        )
    return out


NEAR_DUPLICATE_THRESHOLD = 0.9


def _could_be_near(a: str, b: str, counts: dict[str, Counter[str]]) -> bool:
    """Cheap upper bounds of difflib's ratio (its real_quick_ratio and quick_ratio, with
    character counts computed once per title), so the full comparison runs only when needed."""
    total = len(a) + len(b)
    if not total or 2 * min(len(a), len(b)) / total < NEAR_DUPLICATE_THRESHOLD:
        return False
    common = (counts[a] & counts[b]).total()
    return 2 * common / total >= NEAR_DUPLICATE_THRESHOLD


def _near_duplicates(models: dict[str, tuple[str, FileFacts]]) -> list[Finding]:
    """Titles that fold to nearly the same text: neighbours in sorted order (both ends)."""
    titles = [
        (vtext.fold(f.model_title), model_id)
        for model_id, (_, f) in models.items()
        if f.model_title  # an unreadable file has no title to compare
    ]
    pairs: set[tuple[str, str]] = set()
    counts = {folded: Counter(folded) for folded, _ in titles}
    for key in (lambda t: t[0], lambda t: t[0][::-1]):
        ordered = sorted(titles, key=key)
        for i, (folded, model_id) in enumerate(ordered):
            for other_folded, other_id in ordered[i + 1 : i + 6]:
                if folded == other_folded or (
                    _could_be_near(folded, other_folded, counts)
                    and vtext.nearly_equal_titles(
                        models[model_id][1].model_title or "",
                        models[other_id][1].model_title or "",
                        NEAR_DUPLICATE_THRESHOLD,
                    )
                ):
                    pairs.add((min(model_id, other_id), max(model_id, other_id)))
    out = []
    for first, second in sorted(pairs):
        rel, f = models[second]
        other_title = models[first][1].model_title
        out.append(
            _finding(
                "L008",
                rel,
                f'tên "{f.model_title}" gần trùng mô hình "{first}" ("{other_title}")',
                ("title",),
                hint="nếu là một mô hình, gộp hai tệp; nếu khác, đặt tên phân biệt "
                "rõ hơn (hoặc # cchc: disable=L008)",
            )
        )
    return out


def _future_dates(units: dict[str, FileFacts], today: date) -> list[Finding]:
    out = []
    for rel, f in units.items():
        for adoption in f.adoptions:
            if adoption.last_update > today:
                out.append(
                    _finding(
                        "L011",
                        rel,
                        f"ngày {adoption.last_update} nằm sau hôm nay ({today})",
                        adoption.last_loc,
                        hint="kiểm tra năm; hoặc chạy với --today",
                    )
                )
    return out
