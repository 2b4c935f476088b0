"""Live evaluation of one inspection: relevance, required, constraints, the 不符合 rule,
progress and score.

The evaluator keeps a dependency graph (which items read which answers), so when one answer
changes only the items that read it — and, when their visibility flips, the items that read
*them* — are evaluated again, in dependency order. `evaluate_all` is the naive full pass
(used once when an inspection opens, and as the benchmark baseline).
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

from inspector_app.checklists.constants import RESULT_CONFORM, RESULT_NA, RESULT_NONCONFORM
from inspector_app.checklists.expr import Context
from inspector_app.checklists.template import Item, Template, pick
from inspector_app.i18n import tr


@dataclass
class Answer:
    result: str | None = None
    value: Any = None
    note: str = ""


@dataclass(frozen=True)
class Issue:
    """Something that blocks finalization; `message` is rendered in the active language."""

    code: str
    item_id: str | None = None
    section_id: str | None = None
    field: str | None = None  # header field for header issues
    params: tuple[tuple[str, Any], ...] = ()
    custom: Any = None  # the template's constraint message {zh_CN, en}

    @property
    def message(self) -> str:
        if self.custom:
            return pick(self.custom)
        zh, en = ISSUE_TEXTS[self.code]
        return tr(zh, en, **dict(self.params))

    def __str__(self) -> str:
        return f"{self.item_id or self.field}: {self.message}"


ISSUE_TEXTS = {
    "missing": ("必填项目尚未填写。", "This required item has no answer yet."),
    "na_not_allowed": ("该项目不能判定为“不适用”。", "This item cannot be marked 不适用 (not applicable)."),
    "constraint": ("答案不符合要求。", "The answer is not acceptable."),
    "facts_missing": ("判定“不符合”时必须写明事实（备注）。", "A 不符合 (non-conformity) needs the facts written in the note."),
    "photo_missing": ("判定“不符合”时至少需要 {n} 张照片作为证据。", "A 不符合 (non-conformity) needs at least {n} photo(s) as evidence."),
    "photos_short": ("至少需要 {n} 张照片。", "At least {n} photo(s) are needed."),
    "bad_value": ("答案格式不正确：{v}", "The answer has the wrong form: {v}"),
    "inspectors": ("现场检查人员不得少于 2 名（执法人员）。", "At least 2 inspectors (law-enforcement officers) must be recorded."),
    "started_at": ("未填写检查开始时间。", "The start time of the inspection is missing."),
}


@dataclass
class ItemState:
    relevant: bool = True
    required: bool = False
    answered: bool = False
    issues: tuple[Issue, ...] = ()

    @property
    def status(self) -> str:
        """hidden | missing | invalid | ok | empty (optional, unanswered)."""
        if not self.relevant:
            return "hidden"
        if any(i.code == "missing" for i in self.issues):
            return "missing"
        if self.issues:
            return "invalid"
        return "ok" if self.answered else "empty"


@dataclass
class SectionProgress:
    answered: int = 0
    total: int = 0
    missing: int = 0
    invalid: int = 0
    relevant: bool = True

    @property
    def complete(self) -> bool:
        return self.missing == 0 and self.invalid == 0


@dataclass
class Progress:
    answered: int
    total: int
    sections: dict[str, SectionProgress] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return f"{self.answered}/{self.total}"


@dataclass
class Score:
    earned: float
    possible: float
    percent: float | None
    conforming: list[str]
    nonconforming: list[str]
    not_applicable: list[str]
    key_failures: list[str]


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class Evaluator:
    """Item states of one inspection; `set_answer` / `set_evidence` re-evaluate incrementally."""

    def __init__(self, template: Template, answers: dict[str, Answer] | None = None,
                 photos: dict[str, int] | None = None, signatures: dict[str, int] | None = None,
                 today: dt.date | None = None):
        self.template = template
        self.answers: dict[str, Answer] = dict(answers or {})
        self.photos: dict[str, int] = dict(photos or {})
        self.signatures: dict[str, int] = dict(signatures or {})
        self.today = today
        self.graph = _graph_for(template)
        self.states: dict[str, ItemState] = {}
        self._raw: dict[str, Any] = {}
        self._ctx = Context(self.value, None, today)
        self.evaluate_all()

    # -- values ---------------------------------------------------------------------------
    def raw_value(self, item: Item) -> Any:
        """The answer as expressions see it (None when unanswered)."""
        if item.type == "photo":
            count = self.photos.get(item.id, 0)
            return count or None
        if item.type == "signature":
            return True if self.signatures.get(item.signer_role, 0) > 0 else None
        answer = self.answers.get(item.id)
        if answer is None:
            return None
        if item.type == "result":
            return answer.result or None
        value = answer.value
        if item.type == "date":
            return _parse_date(value)
        if value == "" or value == []:
            return None
        return value

    def value(self, item_id: str) -> Any:
        """Effective value: hidden items read as unanswered."""
        state = self.states.get(item_id)
        if state is not None and not state.relevant:
            return None
        return self._raw.get(item_id)

    # -- evaluation -----------------------------------------------------------------------
    def _relevant(self, item: Item) -> bool:
        section_expr = self.graph.section_expr[item.id]
        if section_expr is not None and not section_expr.test(self._ctx):
            return False
        return item.relevant is None or item.relevant.test(self._ctx)

    def _issues(self, item: Item, state: ItemState) -> tuple[Issue, ...]:
        if not state.relevant:
            return ()
        raw = self._raw.get(item.id)
        sid = item.section_id
        issues: list[Issue] = []
        if not state.answered:
            if state.required:
                issues.append(Issue("missing", item.id, sid))
            return tuple(issues)
        answer = self.answers.get(item.id) or Answer()
        if item.type == "date" and raw is None:
            issues.append(Issue("bad_value", item.id, sid, params=(("v", answer.value),)))
        if item.type == "result":
            if raw == RESULT_NA and not item.allow_na:
                issues.append(Issue("na_not_allowed", item.id, sid))
            if raw == RESULT_NONCONFORM:
                if item.nonconformity_note and not (answer.note or "").strip():
                    issues.append(Issue("facts_missing", item.id, sid))
                if self.photos.get(item.id, 0) < item.nonconformity_photos:
                    issues.append(Issue("photo_missing", item.id, sid, params=(("n", item.nonconformity_photos),)))
        if item.type == "photo" and (raw or 0) < item.min_photos:
            issues.append(Issue("photos_short", item.id, sid, params=(("n", item.min_photos),)))
        if item.constraint is not None:
            self._ctx.self_value = raw
            ok = item.constraint.test(self._ctx)
            self._ctx.self_value = None
            if not ok:
                issues.append(Issue("constraint", item.id, sid, custom=item.constraint_message or None))
        return tuple(issues)

    def _evaluate_item(self, item: Item, relevance: bool = True) -> ItemState:
        old = self.states.get(item.id)
        relevant = self._relevant(item) if relevance or old is None else old.relevant
        state = ItemState(relevant=relevant)
        state.answered = self._raw.get(item.id) is not None
        if relevant:
            state.required = item.required or (item.required_if is not None and item.required_if.test(self._ctx))
        self.states[item.id] = state  # visible before _issues so constraints read this item's value
        state.issues = self._issues(item, state)
        return state

    def evaluate_all(self) -> None:
        """Naive full pass: every item, in dependency order."""
        self._raw = {item.id: self.raw_value(item) for item in self.template.items}
        self.states = {}
        for item in self.graph.order:
            self._evaluate_item(item)

    def set_answer(self, item_id: str, result: Any = None, value: Any = None, note: Any = None, *, full: bool = False) -> set[str]:
        """Replace one item's answer; returns the ids whose state (visibility, required, issues) changed."""
        self.answers[item_id] = Answer(result, value, note or "")
        return self._changed(item_id, full)

    def set_evidence(self, item_id: str, photos: int) -> set[str]:
        self.photos[item_id] = photos
        return self._changed(item_id, False)

    def set_signatures(self, role: str, count: int) -> set[str]:
        self.signatures[role] = count
        changed: set[str] = set()
        for item in self.template.items:
            if item.type == "signature" and item.signer_role == role:
                changed |= self._changed(item.id, False)
        return changed

    def _changed(self, item_id: str, full: bool) -> set[str]:
        if full:
            before = dict(self.states)
            self.evaluate_all()
            return {k for k, v in self.states.items() if before.get(k) != v}
        template = self.template
        item = template.item(item_id)
        before: dict[str, ItemState] = {}
        new_raw = self.raw_value(item)
        value_changed = new_raw != self._raw.get(item_id)
        self._raw[item_id] = new_raw
        before[item_id] = self.states[item_id]
        self._evaluate_item(item, relevance=False)
        if value_changed:
            # Items reading a changed value, in dependency order; a visibility flip spreads further.
            order = self.graph.position
            heap: list[tuple[int, str]] = []
            queued: set[str] = set()
            for dep in self.graph.dependents.get(item_id, ()):
                heapq.heappush(heap, (order[dep], dep))
                queued.add(dep)
            while heap:
                _, dep_id = heapq.heappop(heap)
                queued.discard(dep_id)
                dep_item = template.item(dep_id)
                old = self.states[dep_id]
                before.setdefault(dep_id, old)
                new = self._evaluate_item(dep_item)
                if new.relevant != old.relevant and self._raw.get(dep_id) is not None:
                    for nxt in self.graph.dependents.get(dep_id, ()):
                        if nxt not in queued:
                            heapq.heappush(heap, (order[nxt], nxt))
                            queued.add(nxt)
        return {k for k, old in before.items() if self.states[k] != old}

    # -- summaries ------------------------------------------------------------------------
    def state(self, item_id: str) -> ItemState:
        return self.states[item_id]

    def visible_items(self) -> list[Item]:
        return [i for i in self.template.items if self.states[i.id].relevant]

    def progress(self) -> Progress:
        sections: dict[str, SectionProgress] = {}
        answered = total = 0
        for section in self.template.sections:
            sp = SectionProgress()
            for item in section.items:
                state = self.states[item.id]
                if not state.relevant or not (state.required or state.answered):
                    continue  # optional items count once they are answered, so m/m means "done"
                sp.total += 1
                sp.answered += state.answered
                if state.issues:
                    if state.issues[0].code == "missing":
                        sp.missing += 1
                    else:
                        sp.invalid += 1
            sp.relevant = any(self.states[i.id].relevant for i in section.items)
            sections[section.id] = sp
            answered += sp.answered
            total += sp.total
        return Progress(answered, total, sections)

    def score(self) -> Score:
        earned = possible = 0.0
        conf: list[str] = []
        nonconf: list[str] = []
        na: list[str] = []
        key_failures: list[str] = []
        for item in self.template.items:
            if item.type != "result":
                continue
            raw = self.value(item.id)
            if raw == RESULT_CONFORM:
                earned += item.weight
                possible += item.weight
                conf.append(item.id)
            elif raw == RESULT_NONCONFORM:
                possible += item.weight
                nonconf.append(item.id)
                if item.key:
                    key_failures.append(item.id)
            elif raw == RESULT_NA:
                na.append(item.id)
        percent = round(100.0 * earned / possible, 1) if possible else None
        return Score(earned, possible, percent, conf, nonconf, na, key_failures)

    def issues(self) -> list[Issue]:
        """Every item issue, in template order."""
        return [issue for item in self.template.items for issue in self.states[item.id].issues]


@dataclass
class _Graph:
    order: list[Item]
    position: dict[str, int]
    dependents: dict[str, list[str]]
    section_expr: dict[str, Any]


_graph_cache: dict[str, _Graph] = {}


def _graph_for(template: Template) -> _Graph:
    """Dependency graph of a template (cached by content hash)."""
    cached = _graph_cache.get(template.sha256)
    if cached is not None:  # same content hash → same items and expressions, whichever object parsed them
        return cached
    section_expr: dict[str, Any] = {}
    rel_deps: dict[str, set[str]] = {}
    dependents: dict[str, set[str]] = {}
    for section in template.sections:
        for item in section.items:
            section_expr[item.id] = section.relevant
            rel = set(section.relevant.refs) if section.relevant else set()
            if item.relevant:
                rel |= item.relevant.refs
            rel_deps[item.id] = rel
            reads = set(rel)
            for expr in (item.constraint, item.required_if):
                if expr is not None:
                    reads |= expr.refs
            reads.discard(item.id)  # an item's own constraint is re-checked with the item itself
            for ref in reads:
                dependents.setdefault(ref, set()).add(item.id)
    order: list[Item] = []
    done: set[str] = set()

    def visit(item: Item) -> None:
        if item.id in done:
            return
        done.add(item.id)
        for ref in sorted(rel_deps[item.id]):
            visit(template.item(ref))
        order.append(item)

    for item in template.items:
        visit(item)
    position = {item.id: n for n, item in enumerate(order)}
    graph = _Graph(order, position, {k: sorted(v, key=position.get) for k, v in dependents.items()}, section_expr)
    _graph_cache[template.sha256] = graph
    return graph
