"""Demo inspections: a few tasks that are 进行中 get a half-filled draft, so the drafts banner,
the inspection screen and an enterprise's history show real checklists from the first start.

Only drafts are made here: a finalized inspection needs photos and signatures, which the
evidence area's demo step provides.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from inspector_app import checklists as cl

if TYPE_CHECKING:
    from inspector_app.demo import DemoOptions
    from inspector_app.store.db import Store

DRAFTS = 3
NOTES = ("现场查看产品标识，记录完整。", "抽查出厂检验记录 3 批，记录齐全。", "查阅质量管理制度文件，已建立。")


def _answer(item: cl.Item, rng: random.Random) -> dict | None:
    if item.type == "result":
        return {"result": cl.RESULT_CONFORM, "note": rng.choice(NOTES) if rng.random() < 0.3 else ""}
    if item.type == "number":
        return {"value": rng.choice((2, 3, 5, 20, 60))}
    if item.type == "single":
        return {"value": item.option_values[0]}
    if item.type == "multiple":
        return {"value": [item.option_values[0]]}
    if item.type == "date":
        return {"value": "2026-10-08"}
    if item.type == "text":
        return {"value": rng.choice(NOTES)}
    return None  # photos and signatures come from the evidence area


def add_inspection_drafts(store: "Store", rng: random.Random, options: "DemoOptions") -> dict:
    tasks = store.read().execute(
        "SELECT id FROM task WHERE state = 'in_progress' AND type IN ('routine', 'post_licence', 'responsibility', 'post_ccc')"
        " ORDER BY id LIMIT ?", [DRAFTS]).fetchall()
    made = 0
    for (task_id,) in tasks:
        inspection_id = store.write_sync(cl.start_inspection, task_id)
        session = cl.open_inspection(store.read(), inspection_id)
        wanted = len(session.template.items) // 2

        def fill(txn):
            done = 0
            for item in session.template.items:  # in order, so answers open up the sections they gate
                answer = _answer(item, rng)
                if done >= wanted or not answer or not session.state(item.id).relevant:
                    continue
                cl.set_answer(txn, inspection_id, item.id, **answer)
                session.apply(item.id, **answer)
                done += 1

        store.write_sync(fill)
        made += 1
    return {"inspection_drafts": made}
