"""Checklist speed: opening a 200-item inspection, saving one answer, re-evaluating after a change.

Prints one JSON object. The baseline (`naive_evaluate_ms`) is a full re-evaluation of every
item after each change, measured in the same run as the incremental path (`evaluate_ms`).
Usage: python bench/bench_checklists.py [--items 200] [--repeat 200]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspector_app import checklists as cl  # noqa: E402
from inspector_app.checklists import workflow  # noqa: E402
from inspector_app.domain.identifiers import make_uscc  # noqa: E402
from inspector_app.store import open_store  # noqa: E402
from inspector_app.store.reference import add_enterprise, bulk_upsert_tasks, upsert_inspector  # noqa: E402


def label(zh: str, en: str) -> dict:
    return {"zh_CN": zh, "en": en}


def big_template(n_items: int) -> dict:
    """A realistic large template: sections gated by a choice, chains of conditional items, constraints."""
    sections = []
    per_section = 20
    n_sections = max(1, n_items // per_section)
    count = 0
    for s in range(n_sections):
        items = []
        for k in range(per_section):
            count += 1
            item_id = f"i{count:03d}"
            kind = ("result", "result", "result", "number", "text", "single", "date", "result", "multiple", "photo")[k % 10]
            item = {"id": item_id, "type": kind, "label": label(f"检查项目{count}", f"Item {count}"),
                    "basis": f"《中华人民共和国产品质量法》第{26 + k % 14}条"}
            if kind == "number":
                item.update(unit="件", required=True, constraint=". >= 0 and . <= 1000",
                            constraint_message=label("0–1000", "0–1000"))
            if kind == "single":
                item["options"] = [{"value": v, "label": label(v, v)} for v in ("a", "b", "c")]
            if kind == "multiple":
                item["options"] = [{"value": v, "label": label(v, v)} for v in ("x", "y", "z", "none")]
                item["constraint"] = "not (selected(., 'none') and count-selected(.) > 1)"
                item["constraint_message"] = label("冲突", "conflict")
            if kind == "date":
                item["constraint"] = ". <= today()"
                item["constraint_message"] = label("不能是将来", "not in the future")
            if k in (4, 5, 7) and k > 0:
                previous = f"i{count - 1:03d}"
                item["relevant"] = f"answered(${{{previous}}})" if k != 7 else f"${{i{count - 7:03d}}} != '不适用'"
            items.append(item)
        section = {"id": f"s{s:02d}", "title": label(f"第{s + 1}部分", f"Part {s + 1}"), "items": items}
        if s > 0:
            section["relevant"] = "${gate} != 'skip'"
        sections.append(section)
    sections[0]["items"].insert(0, {"id": "gate", "type": "single", "label": label("范围", "Scope"), "required": True,
                                    "basis": "《中华人民共和国产品质量法》第十五条",
                                    "options": [{"value": "all", "label": label("全部", "All")},
                                                {"value": "skip", "label": label("跳过", "Skip")}]})
    return {"format": 1, "id": "bench_big", "version": "1", "title": label("大模板", "Big template"),
            "task_types": ["routine"], "sections": sections}


def answer_for(item, rng: random.Random):
    if item.type == "result":
        return {"result": rng.choice(["符合", "符合", "符合", "不适用"])}
    if item.type == "number":
        return {"value": rng.randint(0, 500)}
    if item.type == "text":
        return {"value": "现场检查记录文字" * rng.randint(1, 4)}
    if item.type == "single":
        return {"value": rng.choice(item.option_values)}
    if item.type == "multiple":
        return {"value": ["x", "y"]}
    if item.type == "date":
        return {"value": "2026-10-01"}
    return None


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        forms = Path(tmp) / "forms"
        forms.mkdir()
        (forms / "bench_big.json").write_text(json.dumps(big_template(args.items), ensure_ascii=False), encoding="utf-8")
        t0 = time.perf_counter()
        template = cl.Catalog(cl.load_templates(forms)).get("bench_big")
        parse_ms = (time.perf_counter() - t0) * 1000
        store = open_store(Path(tmp) / "ws")

        def setup(txn):
            a = upsert_inspector(txn, {"name": "王明"})
            b = upsert_inspector(txn, {"name": "李华"})
            e = add_enterprise(txn, {"name": "基准测试企业", "uscc": make_uscc("91370102MA3C5Y0X1")})
            bulk_upsert_tasks(txn, [{"id": "bench-task", "type": "routine", "enterprise_id": e["id"], "inspector_ids": [a["id"], b["id"]]}],
                              source="bench")

        store.write_sync(setup)
        iid = store.write_sync(cl.start_inspection, "bench-task", template=template)
        store.write_sync(cl.set_answer, iid, "gate", value="all")

        def fill(txn):  # one transaction for the set-up only; the measured path below is one write per answer
            for item in template.items:
                answer = answer_for(item, rng)
                if answer and item.id != "gate":
                    cl.set_answer(txn, iid, item.id, **answer)

        store.write_sync(fill)

        # open: cold (template parsed from the workspace) and warm (parsed template cached)
        workflow._pinned.clear()
        t0 = time.perf_counter()
        session = cl.open_inspection(store.read(), iid)
        session.progress(), session.score()
        open_cold_ms = (time.perf_counter() - t0) * 1000
        opens = []
        for _ in range(max(20, args.repeat // 4)):
            t0 = time.perf_counter()
            session = cl.open_inspection(store.read(), iid)
            session.progress(), session.score()
            opens.append(time.perf_counter() - t0)

        # one answer change: incremental vs naive full re-evaluation (both followed by progress + score)
        targets = [i for i in template.items if i.type == "result"]
        incremental, naive = [], []
        for n in range(args.repeat):
            item = targets[n % len(targets)]
            result = "不适用" if n % 2 else "符合"
            t0 = time.perf_counter()
            session.apply(item.id, result=result)
            session.progress(), session.score()
            incremental.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            session.evaluator.set_answer(item.id, result, None, "", full=True)
            session.progress(), session.score()
            naive.append(time.perf_counter() - t0)
        gate_flip = []
        for n in range(20):
            t0 = time.perf_counter()
            session.apply("gate", value="skip" if n % 2 == 0 else "all")
            gate_flip.append(time.perf_counter() - t0)

        # saving one answer through the writer (one transaction incl. outbox + audit, fsync'd)
        saves = []
        for n in range(min(args.repeat, 100)):
            item = targets[n % len(targets)]
            t0 = time.perf_counter()
            store.write_sync(cl.set_answer, iid, item.id, result="不适用" if n % 2 else "符合")
            saves.append(time.perf_counter() - t0)
        store.close()

    print(json.dumps({
        "items": len(template.items),
        "template_parse_ms": round(parse_ms, 3),
        "open_200_items_cold_ms": round(open_cold_ms, 3),
        "open_200_items_ms": median_ms(opens),
        "set_answer_ms": median_ms(saves),
        "evaluate_ms": median_ms(incremental),
        "naive_evaluate_ms": median_ms(naive),
        "evaluate_speedup": round(statistics.median(naive) / statistics.median(incremental), 1),
        "section_toggle_ms": median_ms(gate_flip),
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
