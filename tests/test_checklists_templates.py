"""Template files: the shipped ones load and are complete; broken ones are refused with
file, item and problem while the good ones still load."""

from __future__ import annotations

import copy
import json

import pytest

from inspector_app.checklists import DEFAULT_TEMPLATE_FOR_TASK_TYPE, Catalog, catalog, load_templates, parse_template
from inspector_app.checklists.template import TemplateInvalid
from inspector_app.domain.states import TaskType
from inspector_app.i18n import set_language

MINIMAL = {
    "format": 1,
    "id": "mini",
    "version": "1",
    "title": {"zh_CN": "小模板", "en": "Mini"},
    "task_types": ["routine"],
    "sections": [
        {"id": "s1", "title": {"zh_CN": "第一部分", "en": "Part one"}, "items": [
            {"id": "a", "type": "result", "label": {"zh_CN": "甲", "en": "A"}, "basis": "《产品质量法》第二十七条"},
            {"id": "b", "type": "number", "label": {"zh_CN": "乙", "en": "B"}, "unit": "件",
             "relevant": "${a} = '不符合'", "constraint": ". > 0",
             "constraint_message": {"zh_CN": "应大于0", "en": "Must be above 0"}},
        ]},
    ],
}


def broken(**changes):
    doc = copy.deepcopy(MINIMAL)
    items = doc["sections"][0]["items"]
    for key, value in changes.items():
        item_id, _, field = key.partition("__")
        target = next(i for i in items if i["id"] == item_id)
        if value is None:
            target.pop(field, None)
        else:
            target[field] = value
    return doc


def problems(doc) -> list:
    with pytest.raises(TemplateInvalid) as info:
        parse_template(doc, "bad.json")
    return info.value.errors


def test_minimal_template_parses():
    template = parse_template(MINIMAL, "mini.json")
    assert [i.id for i in template.items] == ["a", "b"]
    a, b = template.items
    assert a.required and a.weight == 1 and a.nonconformity_note and a.nonconformity_photos == 1  # defaults for result items
    assert not b.required and b.weight == 0 and b.unit == "件"
    assert b.relevant.refs == {"a"}
    assert len(template.sha256) == 64


@pytest.mark.parametrize("changes, item_id, fragment", [
    ({"b__relevant": "${zz} = 1"}, "b", "unknown item ${zz}"),
    ({"b__relevant": "${a} = 'pass'"}, "b", "'pass' is not a possible answer"),
    ({"b__relevant": "${a} >"}, "b", "relevant"),
    ({"b__constraint": ". > 'x'"}, "b", "cannot compare a number with a string"),
    ({"b__constraint_message": None}, "b", "constraint_message"),
    ({"b__type": "slider"}, "b", "Unknown type 'slider'"),
    ({"a__label": {"zh_CN": "甲"}}, "a", "needs both zh_CN and en"),
    ({"a__weight": -1}, "a", "weight"),
    ({"b__colour": "red"}, "b", "Unknown field 'colour'"),
    ({"a__relevant": "${b} > 1"}, "a", "relevance depends on itself"),
    ({"a__nonconformity": {"photos": "many"}}, "a", "nonconformity"),
    ({"b__options": [{"value": "x", "label": {"zh_CN": "x", "en": "x"}}]}, "b", "Only single/multiple choice"),
])
def test_broken_items_are_named(changes, item_id, fragment):
    set_language("en")
    try:
        errors = problems(broken(**changes))
    finally:
        set_language("zh_CN")
    assert any(e.file == "bad.json" and e.item_id == item_id and fragment in e.problem for e in errors), errors


def test_duplicate_ids_and_template_level_problems():
    doc = copy.deepcopy(MINIMAL)
    doc["sections"][0]["items"][1]["id"] = "a"
    doc["version"] = "v1"
    errors = problems(doc)
    assert any(e.item_id == "a" for e in errors)
    assert any(e.item_id is None and "version" in e.problem for e in errors)


def test_relevance_cycle_through_three_items_is_refused():
    doc = copy.deepcopy(MINIMAL)
    doc["sections"][0]["items"] = [
        {"id": "x", "type": "text", "label": {"zh_CN": "x", "en": "x"}, "relevant": "${z} = 'go'"},
        {"id": "y", "type": "text", "label": {"zh_CN": "y", "en": "y"}, "relevant": "${x} = 'go'"},
        {"id": "z", "type": "text", "label": {"zh_CN": "z", "en": "z"}, "relevant": "${y} = 'go'"},
    ]
    errors = problems(doc)
    assert any("→" in e.problem for e in errors)


def test_section_relevance_counts_for_cycles():
    doc = copy.deepcopy(MINIMAL)
    doc["sections"][0]["relevant"] = "${a} = '符合'"  # `a` would hide itself
    errors = problems(doc)
    assert any(e.item_id == "a" and "relevan" in e.problem for e in errors)


def test_folder_keeps_good_templates_and_reports_bad_ones(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps(MINIMAL, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad_expr.json").write_text(json.dumps(broken(b__relevant="${ghost} = 1") | {"id": "other"}), encoding="utf-8")
    (tmp_path / "not_json.json").write_text("{ this is not json", encoding="utf-8")
    duplicate = copy.deepcopy(MINIMAL)
    duplicate["title"]["en"] = "Same id and version, different body"
    (tmp_path / "zz_duplicate.json").write_text(json.dumps(duplicate), encoding="utf-8")
    result = load_templates(tmp_path)
    assert [t.id for t in result.templates] == ["mini"]
    by_file = {e.file: e for e in result.errors}
    assert set(by_file) == {"bad_expr.json", "not_json.json", "zz_duplicate.json"}
    assert by_file["bad_expr.json"].item_id == "b" and "ghost" in by_file["bad_expr.json"].problem
    assert "line 1" in by_file["not_json.json"].problem or "第 1 行" in by_file["not_json.json"].problem
    assert "good.json" in by_file["zz_duplicate.json"].problem


def test_catalog_picks_latest_version_and_task_template(tmp_path):
    v2 = copy.deepcopy(MINIMAL)
    v2["version"] = "1.10"
    (tmp_path / "a.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(v2), encoding="utf-8")
    cat = Catalog(load_templates(tmp_path))
    assert cat.get("mini").version == "1.10"
    assert cat.get("mini", "1").version == "1"
    assert cat.for_task({"type": "routine", "template_id": ""}).version == "1.10"
    assert cat.for_task({"type": "routine", "template_id": "mini@1"}).version == "1"


# -- the shipped templates --------------------------------------------------------------------
def test_every_shipped_template_loads_without_errors():
    result = load_templates()
    assert result.errors == []
    assert {t.id for t in result.templates} == set(DEFAULT_TEMPLATE_FOR_TASK_TYPE.values())


@pytest.mark.parametrize("template", list(catalog()), ids=lambda t: t.id)
def test_shipped_template_is_complete(template):
    assert len(template.items) >= 15
    for item in template.items:
        assert item.labels.get("zh_CN") and item.labels.get("en"), item.id
        assert item.basis(), f"{template.id}.{item.id} has no legal basis"
        assert "《" in item.basis(), f"{template.id}.{item.id}: basis should cite a regulation"
    assert template.task_types
    assert any(i.type == "signature" for i in template.items)
    assert any(i.type == "photo" for i in template.items)


@pytest.mark.parametrize("task_type", list(TaskType))
def test_every_task_type_has_a_template(task_type):
    template = catalog().for_task_type(task_type)
    assert task_type.value in template.task_types


def test_spot_check_covers_the_preconditions_and_refusal_grounds():
    template = catalog().get("spot_check_sampling")
    exclusions = template.item("exclusions").option_values
    for case in ("not_in_notice", "not_for_sale", "contract_no_standard", "export_only", "trial_marked", "lot_below_plan"):
        assert case in exclusions
    grounds = template.item("refusal_grounds").option_values
    for ground in ("few_samplers", "no_notice", "mismatch", "fee"):
        assert ground in grounds
    assert template.item("samplers_count").constraint.source == ". >= 2"


def test_responsibility_template_covers_order_75():
    template = catalog().get("quality_safety_responsibility")
    text = " ".join(i.labels["zh_CN"] for i in template.items)
    for phrase in ("质量安全总监", "质量安全员", "风险管控清单", "日管控", "周排查", "月调度"):
        assert phrase in text
    assert all("第75号" in i.basis() for i in template.items if i.section_id != "closing")


def test_damaged_templates_are_refused_never_crash():
    """Random damage to the shipped files: each result is a template or a TemplateInvalid, nothing else."""
    import random
    from pathlib import Path

    from inspector_app.store.paths import forms_dir

    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(forms_dir()).glob("*.json"))]
    values = [None, 1, -1, 2.5, True, "x", "", [], {}, "${zz} = 1", ". > 1", "((", {"zh_CN": 1}, [1, 2]]

    def paths(value, prefix=()):
        yield prefix
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in children:
            yield from paths(child, prefix + (key,))

    rng = random.Random(3)
    refused = 0
    for _ in range(600):
        doc = copy.deepcopy(rng.choice(docs))
        path = rng.choice(list(paths(doc))[1:])
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.2:
            del parent[path[-1]]
        else:
            parent[path[-1]] = rng.choice(values)
        try:
            parse_template(doc, "damaged.json")
        except TemplateInvalid as exc:
            refused += 1
            assert all(e.file == "damaged.json" and e.problem for e in exc.errors)
    assert refused > 300
