"""Live evaluation: relevance, required, constraints, the 不符合 rule, progress, score, and
incremental re-evaluation giving exactly what a full pass gives."""

from __future__ import annotations

import datetime as dt
import random

from inspector_app.checklists import Answer, Evaluator, catalog, parse_template
from inspector_app.i18n import set_language


def label(zh: str) -> dict:
    return {"zh_CN": zh, "en": zh}


DOC = {
    "format": 1, "id": "engine_demo", "version": "3", "title": label("引擎"), "task_types": ["routine"],
    "sections": [
        {"id": "gate", "title": label("入口"), "items": [
            {"id": "kind", "type": "single", "label": label("类型"), "required": True,
             "options": [{"value": "producer", "label": label("生产者")}, {"value": "seller", "label": label("销售者")}]},
            {"id": "count", "type": "number", "label": label("人数"), "unit": "人", "required": True,
             "constraint": ". >= 2", "constraint_message": {"zh_CN": "不少于2人", "en": "At least 2"}},
        ]},
        {"id": "prod", "title": label("生产"), "relevant": "${kind} = 'producer'", "items": [
            {"id": "marking", "type": "result", "label": label("标识"), "basis": "《产品质量法》第二十七条", "weight": 2},
            {"id": "obsolete", "type": "result", "label": label("淘汰"), "key": True, "basis": "《产品质量法》第二十九条"},
            {"id": "batches", "type": "number", "label": label("批次"), "required": "${marking} = '符合'",
             "constraint": ". <= ${count} * 10", "constraint_message": label("过多")},
            {"id": "detail", "type": "text", "label": label("说明"), "relevant": "${marking} = '不符合'", "required": True},
            {"id": "detail_more", "type": "text", "label": label("补充"), "relevant": "answered(${detail})"},
            {"id": "optional_na", "type": "result", "label": label("可选"), "allow_na": False, "nonconformity": False, "required": False},
        ]},
        {"id": "end", "title": label("结束"), "items": [
            {"id": "when", "type": "date", "label": label("日期"), "constraint": ". <= today()", "constraint_message": label("不能是将来")},
            {"id": "pics", "type": "photo", "label": label("照片"), "min_photos": 2},
            {"id": "sign", "type": "signature", "label": label("签名"), "required": True, "signer_role": "party"},
            {"id": "followup", "type": "text", "label": label("跟进"), "relevant": "answered(${detail_more})"},
        ]},
    ],
}
TODAY = dt.date(2026, 11, 21)


def evaluator(**kwargs) -> Evaluator:
    return Evaluator(parse_template(DOC, "engine_demo.json"), today=TODAY, **kwargs)


def codes(ev: Evaluator, item_id: str) -> list[str]:
    return [i.code for i in ev.state(item_id).issues]


def test_section_relevance_hides_and_shows_items():
    ev = evaluator()
    assert not ev.state("marking").relevant and ev.state("marking").status == "hidden"
    changed = ev.set_answer("kind", value="producer")
    assert {"marking", "obsolete", "batches", "optional_na"} <= changed
    assert ev.state("marking").relevant and codes(ev, "marking") == ["missing"]
    assert not ev.state("detail").relevant  # its own condition is still false


def test_relevance_chain_propagates_and_hidden_answers_read_as_empty():
    ev = evaluator(answers={"kind": Answer(value="producer"), "marking": Answer(result="不符合"),
                            "detail": Answer(value="说明文字")})
    assert ev.state("detail").relevant and ev.state("detail_more").relevant
    changed = ev.set_answer("kind", value="seller")
    # the section disappears, so `detail` reads as unanswered and `detail_more` hides too
    assert {"marking", "detail", "detail_more"} <= changed
    assert not ev.state("detail_more").relevant
    assert ev.value("detail") is None
    assert ev.score().nonconforming == []  # hidden results do not count


def test_required_condition_and_cross_item_constraint():
    ev = evaluator(answers={"kind": Answer(value="producer"), "count": Answer(value=2)})
    assert not ev.state("batches").required
    ev.set_answer("marking", result="符合")
    assert ev.state("batches").required and codes(ev, "batches") == ["missing"]
    ev.set_answer("batches", value=30)
    assert codes(ev, "batches") == ["constraint"]
    assert ev.state("batches").issues[0].message == "过多"
    changed = ev.set_answer("count", value=3)  # the limit depends on another item
    assert "batches" in changed and codes(ev, "batches") == []


def test_constraint_message_follows_language():
    ev = evaluator(answers={"count": Answer(value=1)})
    issue = ev.state("count").issues[0]
    assert issue.message == "不少于2人"
    set_language("en")
    try:
        assert issue.message == "At least 2"
    finally:
        set_language("zh_CN")


def test_nonconformity_needs_facts_and_a_photo():
    ev = evaluator(answers={"kind": Answer(value="producer")})
    ev.set_answer("obsolete", result="不符合")
    assert codes(ev, "obsolete") == ["facts_missing", "photo_missing"]
    ev.set_answer("obsolete", result="不符合", note="现场发现淘汰型号 XY-1 成品 20 台")
    assert codes(ev, "obsolete") == ["photo_missing"]
    ev.set_evidence("obsolete", 1)
    assert codes(ev, "obsolete") == []
    ev.set_answer("obsolete", result="符合", note="")
    assert codes(ev, "obsolete") == []


def test_nonconformity_rule_can_be_switched_off_and_na_refused():
    ev = evaluator(answers={"kind": Answer(value="producer")})
    ev.set_answer("optional_na", result="不符合")
    assert codes(ev, "optional_na") == []  # "nonconformity": false
    ev.set_answer("optional_na", result="不适用")
    assert codes(ev, "optional_na") == ["na_not_allowed"]
    ev.set_answer("optional_na", result=None)
    assert codes(ev, "optional_na") == [] and ev.state("optional_na").status == "empty"


def test_photos_signatures_and_dates():
    ev = evaluator()
    assert codes(ev, "pics") == []  # optional
    ev.set_evidence("pics", 1)
    assert codes(ev, "pics") == ["photos_short"]
    ev.set_evidence("pics", 2)
    assert codes(ev, "pics") == []
    assert codes(ev, "sign") == ["missing"]
    assert "sign" in ev.set_signatures("party", 1)
    assert ev.state("sign").status == "ok"
    ev.set_answer("when", value="2026-12-01")
    assert codes(ev, "when") == ["constraint"]
    ev.set_answer("when", value="2026-11-20")
    assert codes(ev, "when") == []


def test_progress_and_score():
    ev = evaluator(answers={"kind": Answer(value="producer"), "count": Answer(value=2)})
    progress = ev.progress()
    assert progress.sections["gate"].answered == 2 and progress.sections["gate"].complete
    assert progress.sections["prod"].total == 2 and not progress.sections["prod"].complete  # optional items not counted
    assert progress.sections["end"].total == 1  # only the signature is required; followup is hidden
    assert progress.text == "2/5"
    ev.set_answer("when", value="2026-11-01")  # an optional answer counts once given
    assert ev.progress().text == "3/6"
    ev.set_answer("marking", result="符合")  # makes `batches` required
    assert ev.progress().sections["prod"].total == 3 and ev.progress().sections["prod"].answered == 1
    ev.set_answer("obsolete", result="不符合", note="事实")
    score = ev.score()
    assert (score.earned, score.possible, score.percent) == (2.0, 3.0, 66.7)
    assert score.key_failures == ["obsolete"]
    ev.set_answer("obsolete", result="不适用")
    assert ev.score().percent == 100.0 and ev.score().not_applicable == ["obsolete"]


def test_issues_are_in_template_order():
    ev = evaluator(answers={"kind": Answer(value="producer")})
    items = [i.item_id for i in ev.issues()]
    order = [i.id for i in ev.template.items]
    assert items == sorted(items, key=order.index)
    assert items[0] == "count"


def test_visibility_flip_spreads_along_a_chain():
    ev = evaluator(answers={"kind": Answer(value="producer"), "marking": Answer(result="不符合"),
                            "detail": Answer(value="说明"), "detail_more": Answer(value="补充")})
    assert ev.state("followup").relevant
    changed = ev.set_answer("marking", result="符合")  # hides detail → hides detail_more → hides followup
    assert {"detail", "detail_more", "followup"} <= changed
    assert not ev.state("followup").relevant


def test_incremental_equals_full_evaluation_on_random_edits():
    """Every shipped template and the test template: random edits, incremental state == a fresh full evaluation."""
    rng = random.Random(7)
    for template in [*catalog(), parse_template(DOC, "engine_demo.json")]:
        ev = Evaluator(template, today=TODAY)
        for _ in range(300):
            item = rng.choice(template.items)
            if item.type == "photo" or rng.random() < 0.1:
                ev.set_evidence(item.id, rng.randint(0, 3))
                continue
            if item.type == "signature":
                ev.set_signatures(item.signer_role, rng.randint(0, 1))
                continue
            result = value = None
            if item.type == "result":
                result = rng.choice(["符合", "不符合", "不适用", None])
            elif item.type == "single":
                value = rng.choice([*item.option_values, None])
            elif item.type == "multiple":
                value = rng.sample(item.option_values, rng.randint(0, min(2, len(item.option_values))))
            elif item.type == "number":
                value = rng.choice([None, 0, 1, 2, 5, 40, 1000])
            elif item.type == "date":
                value = rng.choice([None, "2026-01-01", "2027-01-01"])
            else:
                value = rng.choice([None, "", "现场发现问题若干项"])
            ev.set_answer(item.id, result, value, rng.choice(["", "事实"]))
            full = Evaluator(template, ev.answers, ev.photos, ev.signatures, today=TODAY)
            assert ev.states == full.states, (template.id, item.id)
