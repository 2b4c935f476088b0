"""Template model and its validation (format in docs/TEMPLATES.md).

`parse_template(data, source)` turns a decoded JSON document into a `Template` or raises
`TemplateInvalid` with every problem found, each naming the file and the item, so a person
can fix the file without guessing. Expressions are parsed and type-checked here, once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from inspector_app.checklists.constants import RESULTS
from inspector_app.checklists.expr import (
    BOOL, DATE, LIST, NUMBER, STRING, Expr, ExpressionError, RefType, check_types, parse_expression,
)
from inspector_app.domain.hashing import canonical_json
from inspector_app.i18n import language, tr

FORMAT_VERSION = 1
ITEM_TYPES = ("result", "text", "number", "date", "single", "multiple", "photo", "signature")
ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
VERSION_RE = re.compile(r"^\d+(\.\d+){0,3}$")
TASK_TYPES = ("spot_check", "post_licence", "post_ccc", "routine", "special", "recheck", "responsibility")

# What an answer of each item type looks like inside expressions.
VALUE_TYPES = {
    "result": STRING, "text": STRING, "number": NUMBER, "date": DATE, "single": STRING,
    "multiple": LIST, "photo": NUMBER, "signature": BOOL,
}


@dataclass(frozen=True)
class TemplateError:
    """One problem of one template file: where (file, item) and what."""

    file: str
    item_id: str | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.item_id}]" if self.item_id else "")
        return f"{where}: {self.problem}"


class TemplateInvalid(Exception):
    def __init__(self, errors: list[TemplateError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def pick(text: Any) -> str:
    """The active language's text of a `{"zh_CN", "en"}` pair (or a plain string)."""
    if isinstance(text, dict):
        return text.get(language()) or text.get("zh_CN") or text.get("en") or ""
    return text or ""


@dataclass(frozen=True)
class Option:
    value: str
    label: dict[str, str]


@dataclass
class Item:
    id: str
    type: str
    section_id: str
    index: int
    labels: dict[str, str]
    basis_text: Any = ""
    hint_text: Any = ""
    unit: str = ""
    options: tuple[Option, ...] = ()
    required: bool = False
    required_if: Expr | None = None
    relevant: Expr | None = None
    constraint: Expr | None = None
    constraint_message: dict[str, str] = field(default_factory=dict)
    weight: float = 0.0
    key: bool = False
    allow_na: bool = True
    nonconformity_note: bool = False
    nonconformity_photos: int = 0
    min_photos: int = 1
    signer_role: str = ""

    def label(self) -> str:
        return pick(self.labels)

    def basis(self) -> str:
        return pick(self.basis_text)

    def hint(self) -> str:
        return pick(self.hint_text)

    def option_label(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return pick(option.label)
        return value

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


@dataclass
class Section:
    id: str
    titles: dict[str, str]
    items: list[Item]
    relevant: Expr | None = None

    def title(self) -> str:
        return pick(self.titles)


@dataclass
class Template:
    id: str
    version: str
    titles: dict[str, str]
    task_types: tuple[str, ...]
    sections: list[Section]
    source: str
    canonical: bytes
    description: Any = ""

    def __post_init__(self) -> None:
        self.items: list[Item] = [i for s in self.sections for i in s.items]
        self._by_id = {i.id: i for i in self.items}
        self.sha256 = hashlib.sha256(self.canonical).hexdigest()

    def title(self) -> str:
        return pick(self.titles)

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._by_id

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


# -- parsing and validation -------------------------------------------------------------------
class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.errors: list[TemplateError] = []

    def add(self, item_id: str | None, problem: str) -> None:
        self.errors.append(TemplateError(self.source, item_id, problem))


def _texts(value: Any, where: str | None, what: str, problems: _Problems, required: bool = True) -> dict[str, str]:
    if value is None or value == "":
        if required:
            problems.add(where, tr("缺少{what}（需要 zh_CN 和 en）。", "{what} is missing (zh_CN and en needed).", what=what))
        return {}
    if isinstance(value, str):
        return {"zh_CN": value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.add(where, tr("{what}应为 {{\"zh_CN\": …, \"en\": …}}。", "{what} must be {{\"zh_CN\": …, \"en\": …}}.", what=what))
        return {}
    if required and not (value.get("zh_CN") and value.get("en")):
        problems.add(where, tr("{what}需要中文（zh_CN）和英文（en）两种。", "{what} needs both zh_CN and en.", what=what))
    return dict(value)


def _expr(text: Any, where: str, what: str, problems: _Problems) -> Expr | None:
    if text in (None, ""):
        return None
    try:
        return parse_expression(text)
    except ExpressionError as exc:
        problems.add(where, tr("{what} 表达式有误：{e}", "{what} expression is wrong: {e}", what=what, e=exc))
        return None


def parse_template(data: Any, source: str) -> Template:
    problems = _Problems(source)
    if not isinstance(data, dict):
        raise TemplateInvalid([TemplateError(source, None, tr("模板应为 JSON 对象。", "A template must be a JSON object."))])
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        problems.add(None, tr("不支持的模板格式 {f}（本软件支持 {n}）。", "Unsupported template format {f} (this version reads {n}).",
                              f=data.get("format"), n=FORMAT_VERSION))
    template_id = data.get("id")
    if not isinstance(template_id, str) or not ID_RE.match(template_id):
        problems.add(None, tr("模板 id 缺失或不合规（小写字母、数字、下划线）。", "Template id missing or malformed (lower-case letters, digits, _)."))
        template_id = str(template_id)
    version = data.get("version")
    if isinstance(version, int):
        version = str(version)
    if not isinstance(version, str) or not VERSION_RE.match(version):
        problems.add(None, tr("模板 version 缺失或不合规（例如 \"2026.1\"）。", "Template version missing or malformed (e.g. \"2026.1\")."))
        version = str(version)
    titles = _texts(data.get("title"), None, tr("标题", "title"), problems)
    task_types = data.get("task_types", [])
    if not isinstance(task_types, list) or any(t not in TASK_TYPES for t in task_types):
        problems.add(None, tr("task_types 只能包含：{t}", "task_types may only contain: {t}", t=", ".join(TASK_TYPES)))
        task_types = []
    defaults = data.get("defaults", {}) if isinstance(data.get("defaults", {}), dict) else {}
    default_nc = defaults.get("nonconformity", {"note": True, "photos": 1})

    sections: list[Section] = []
    seen: set[str] = set()
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problems.add(None, tr("模板没有任何部分（sections）。", "The template has no sections."))
        raw_sections = []
    pending_exprs: list[tuple[Item | Section, str, Expr]] = []
    index = 0
    for s_pos, raw_section in enumerate(raw_sections):
        if not isinstance(raw_section, dict):
            problems.add(None, tr("第 {n} 个部分不是对象。", "Section {n} is not an object.", n=s_pos + 1))
            continue
        section_id = raw_section.get("id")
        if not isinstance(section_id, str) or not ID_RE.match(section_id):
            problems.add(None, tr("第 {n} 个部分的 id 缺失或不合规。", "Section {n} has a missing or malformed id.", n=s_pos + 1))
            section_id = f"section_{s_pos + 1}"
        elif section_id in seen:
            problems.add(section_id, tr("id 重复。", "Duplicate id."))
        seen.add(section_id)
        section = Section(section_id, _texts(raw_section.get("title"), section_id, tr("标题", "title"), problems), [])
        section_expr = _expr(raw_section.get("relevant"), section_id, "relevant", problems)
        section.relevant = section_expr
        if section_expr:
            pending_exprs.append((section, "relevant", section_expr))
        raw_items = raw_section.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            problems.add(section_id, tr("该部分没有检查项目。", "The section has no items."))
            raw_items = []
        for raw in raw_items:
            item = _parse_item(raw, section_id, index, default_nc, seen, problems)
            if item is None:
                continue
            index += 1
            section.items.append(item)
            for attr in ("relevant", "constraint", "required_if"):
                if getattr(item, attr) is not None:
                    pending_exprs.append((item, attr, getattr(item, attr)))
        sections.append(section)

    items = {i.id: i for s in sections for i in s.items}

    def resolve(name: str) -> RefType | None:
        item = items.get(name)
        if item is None:
            return None
        enum = frozenset(RESULTS) if item.type == "result" else frozenset(item.option_values) if item.options else None
        return RefType(VALUE_TYPES[item.type], enum, f"${{{name}}}")

    for owner, attr, expr in pending_exprs:
        self_type = resolve(owner.id) if attr == "constraint" else None
        try:
            check_types(expr, resolve, self_type, BOOL)
        except ExpressionError as exc:
            problems.add(owner.id, tr("{what} 表达式有误：{e}", "{what} expression is wrong: {e}", what=attr, e=exc))
            setattr(owner, attr, None)
    _check_cycles(sections, problems)
    if problems.errors:
        raise TemplateInvalid(problems.errors)
    return Template(template_id, version, titles, tuple(task_types), sections, source, canonical_json(data),
                    data.get("description", ""))


def _parse_item(raw: Any, section_id: str, index: int, default_nc: Any, seen: set[str], problems: _Problems) -> Item | None:
    if not isinstance(raw, dict):
        problems.add(section_id, tr("检查项目应为 JSON 对象。", "An item must be a JSON object."))
        return None
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not ID_RE.match(item_id):
        problems.add(section_id, tr("有检查项目 id 缺失或不合规：{i!r}（小写字母开头，字母数字下划线）。",
                                    "An item has a missing or malformed id: {i!r} (lower-case letter first, then letters, digits, _).", i=item_id))
        return None
    if item_id in seen:
        problems.add(item_id, tr("id 重复。", "Duplicate id."))
    seen.add(item_id)
    known = {"id", "type", "label", "basis", "hint", "unit", "options", "required", "relevant", "constraint",
             "constraint_message", "weight", "key", "allow_na", "nonconformity", "min_photos", "signer_role"}
    for extra in sorted(set(raw) - known):
        problems.add(item_id, tr("未知字段“{f}”（拼写错误？）。", "Unknown field '{f}' (a typo?).", f=extra))
    item_type = raw.get("type")
    if item_type not in ITEM_TYPES:
        problems.add(item_id, tr("未知类型 {t!r}；可用：{all}。", "Unknown type {t!r}; use one of {all}.", t=item_type, all=", ".join(ITEM_TYPES)))
        item_type = "text"
    item = Item(item_id, item_type, section_id, index, _texts(raw.get("label"), item_id, tr("标签", "label"), problems))
    item.basis_text = raw.get("basis", "")
    item.hint_text = raw.get("hint", "")
    if not isinstance(item.basis_text, (str, dict)):
        problems.add(item_id, tr("依据（basis）应为文字。", "basis must be text."))
    unit = raw.get("unit", "")
    if unit and item_type != "number":
        problems.add(item_id, tr("只有数字项目可以有单位（unit）。", "Only number items have a unit."))
    item.unit = unit if isinstance(unit, str) else ""
    if item_type in ("single", "multiple"):
        options = raw.get("options")
        parsed: list[Option] = []
        if not isinstance(options, list) or not options:
            problems.add(item_id, tr("选择题需要选项（options）。", "A choice item needs options."))
        else:
            for opt in options:
                value = opt.get("value") if isinstance(opt, dict) else None
                if not isinstance(value, str) or not value:
                    problems.add(item_id, tr("选项需要 value 和 label。", "Each option needs a value and a label."))
                    continue
                if value in {o.value for o in parsed}:
                    problems.add(item_id, tr("选项值重复：{v}", "Duplicate option value: {v}", v=value))
                parsed.append(Option(value, _texts(opt.get("label"), item_id, tr("选项标签", "option label"), problems)))
        item.options = tuple(parsed)
    elif "options" in raw:
        problems.add(item_id, tr("只有选择题可以有选项。", "Only single/multiple choice items have options."))
    required = raw.get("required", item_type == "result")
    if isinstance(required, bool):
        item.required = required
    elif isinstance(required, str):
        item.required_if = _expr(required, item_id, "required", problems)
    else:
        problems.add(item_id, tr("required 应为 true/false 或条件表达式。", "required must be true/false or a condition."))
    item.relevant = _expr(raw.get("relevant"), item_id, "relevant", problems)
    item.constraint = _expr(raw.get("constraint"), item_id, "constraint", problems)
    if item.constraint is not None or "constraint_message" in raw:
        item.constraint_message = _texts(raw.get("constraint_message"), item_id, tr("约束提示（constraint_message）", "constraint_message"), problems)
    weight = raw.get("weight", 1 if item_type == "result" else 0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight < 0:
        problems.add(item_id, tr("weight 应为不小于 0 的数字。", "weight must be a number ≥ 0."))
        weight = 0
    if weight and item_type != "result":
        problems.add(item_id, tr("只有结论（result）项目计分。", "Only result items carry a weight."))
    item.weight = float(weight)
    item.key = bool(raw.get("key", False))
    if item.key and item_type != "result":
        problems.add(item_id, tr("只有结论（result）项目可以是关键项。", "Only result items can be key items."))
    item.allow_na = bool(raw.get("allow_na", True))
    nc = raw.get("nonconformity", default_nc if item_type == "result" else None)
    if nc is not None:
        if item_type != "result":
            problems.add(item_id, tr("nonconformity 只适用于结论（result）项目。", "nonconformity applies to result items only."))
        elif nc is False:
            pass
        elif isinstance(nc, dict) and isinstance(nc.get("note", True), bool) and isinstance(nc.get("photos", 1), int) and nc.get("photos", 1) >= 0:
            item.nonconformity_note = nc.get("note", True)
            item.nonconformity_photos = nc.get("photos", 1)
        else:
            problems.add(item_id, tr("nonconformity 应为 false 或 {\"note\": true, \"photos\": 1}。",
                                     "nonconformity must be false or {\"note\": true, \"photos\": 1}."))
    min_photos = raw.get("min_photos", 1)
    if not isinstance(min_photos, int) or min_photos < 1:
        problems.add(item_id, tr("min_photos 应为正整数。", "min_photos must be a positive integer."))
        min_photos = 1
    item.min_photos = min_photos
    item.signer_role = raw.get("signer_role", "party" if item_type == "signature" else "")
    if item.signer_role and item_type != "signature":
        problems.add(item_id, tr("只有签名项目有 signer_role。", "Only signature items have a signer_role."))
    return item


def _check_cycles(sections: list[Section], problems: _Problems) -> None:
    """Relevance may not depend on itself, directly or through other items."""
    deps: dict[str, set[str]] = {}
    for section in sections:
        section_refs = set(section.relevant.refs) if section.relevant else set()
        for item in section.items:
            deps[item.id] = section_refs | (set(item.relevant.refs) if item.relevant else set())
    state: dict[str, int] = {}
    reported: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(deps.get(node, ())):
            if nxt not in deps:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
                if nxt not in reported:
                    reported.add(nxt)
                    problems.add(nxt, tr("显示条件（relevant）循环依赖：{c}", "relevance depends on itself: {c}", c=" → ".join(cycle)))
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in deps:
        if state.get(node) is None:
            visit(node, [node])


