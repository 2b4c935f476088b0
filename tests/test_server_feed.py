"""Server pull feed (paging, visibility, own changes left out) and number blocks."""

from __future__ import annotations

import threading

from tests.server_process import Api, any_server, change, inspection_row, server  # noqa: F401


def test_pull_pages_without_gaps_or_repeats(any_server):
    a = Api(any_server, "insp1", device_id="laptop-a")
    tasks = a.my_tasks()
    assert len(tasks) == 3
    pushed = [inspection_row(tasks[i % 3]) for i in range(23)]
    assert {r["status"] for r in a.push([change("inspection", p) for p in pushed])} == {"applied"}

    partner = Api(any_server, "insp2", device_id="laptop-b")
    whole, top = partner.pull_all(limit=1000)
    paged, top2 = partner.pull_all(limit=4)
    assert [c["cursor"] for c in paged] == [c["cursor"] for c in whole] and top == top2
    assert len({c["cursor"] for c in paged}) == len(paged)
    assert [c["entity_id"] for c in paged if c["entity"] == "inspection"] == [p["id"] for p in pushed]
    status, body = partner.get("/pull", cursor=top, limit=10)
    assert body == {"changes": [], "next_cursor": top, "has_more": False}
    # the pushing laptop does not get its own changes back
    own, _ = a.pull_all(device_id="laptop-a")
    assert not [c for c in own if c["entity"] == "inspection"]
    # reference data: the pair's tasks, their enterprises, the inspector directory
    kinds = {c["entity"] for c in whole}
    assert {"task", "enterprise", "inspector", "inspection"} <= kinds
    enterprise_ids = {c["entity_id"] for c in whole if c["entity"] == "enterprise"}
    assert {t["enterprise_id"] for t in tasks} == enterprise_ids


def test_new_task_brings_its_enterprise_to_new_assignees(any_server):
    any_server.cli("user", "add", "insp5", "--password", "other-pass-5", "--role", "inspector")
    any_server.cli("user", "add", "insp6", "--password", "other-pass-6", "--role", "inspector")
    newcomer = Api(any_server, "insp5", password="other-pass-5")
    before, cursor = newcomer.pull_all()
    assert not [c for c in before if c["entity"] in ("task", "enterprise")]
    any_server.cli("task", "add", "--enterprise", "济南泉城塑料制品厂", "--type", "recheck", "--inspectors", "insp5,insp6",
                   "--due", "2026-12-31", "--product", "塑料购物袋")
    after, _ = newcomer.pull_all(cursor=cursor)
    tasks = [c["payload"] for c in after if c["entity"] == "task"]
    enterprises = [c["payload"] for c in after if c["entity"] == "enterprise"]
    assert len(tasks) == 1 and tasks[0]["due_date"] == "2026-12-31" and tasks[0]["type"] == "recheck"
    assert [e["name"] for e in enterprises] == ["济南泉城塑料制品厂"]
    assert tasks[0]["enterprise_id"] == enterprises[0]["id"]
    assert tasks[0]["version"] == tasks[0]["server_version"] == 1


def test_number_blocks_never_overlap(any_server):
    apis = [Api(any_server, "insp1", device_id="laptop-a"), Api(any_server, "insp2", device_id="laptop-b")]
    blocks, errors = [], []

    def grab(api):
        for _ in range(10):
            status, body = api.post("/number-blocks", {"device_id": api.device_id, "doc_type": "sampling_record",
                                                       "year": 2026, "count": 25})
            (blocks if status == 200 else errors).append(body)

    threads = [threading.Thread(target=grab, args=(api,)) for api in apis for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    numbers = [n for b in blocks for n in range(b["start"], b["end"] + 1)]
    assert len(numbers) == 40 * 25 and len(set(numbers)) == len(numbers)
    assert min(numbers) == 1 and max(numbers) == 1000
    # other types and years count separately; a retried request gets the same block back
    status, other = apis[0].post("/number-blocks", {"device_id": "laptop-a", "doc_type": "sampling_record", "year": 2027, "count": 5})
    assert (other["start"], other["end"]) == (1, 5)
    req = {"device_id": "laptop-a", "doc_type": "correction_order", "year": 2026, "count": 10, "request_id": "r-1"}
    first = apis[0].post("/number-blocks", req)[1]
    assert apis[0].post("/number-blocks", req)[1] == first
    status, body = apis[0].post("/number-blocks", dict(req, count=0, request_id="r-2"))
    assert status == 422 and body["error"]["code"] == "validation_failed"


def test_cli_import_enterprises_and_stats(tmp_path):
    from inspector_app.domain.identifiers import make_uscc
    from tests.server_process import running_server

    good = make_uscc("91370102MA3F00001")
    csv_path = tmp_path / "ent.csv"
    csv_path.write_text(
        "name,uscc,address,legal_rep,products,risk_class\n"
        f"济南新泉食品有限公司,{good},济南市历下区 1 号,孙立,饼干;面包,B\n"
        "坏代码公司,91370102MA3F00002X,济南,,,B\n"
        ",,,,,\n"
        f"重复公司,{good},济南,,,B\n", encoding="utf-8")
    with running_server(tmp_path) as srv:
        out = srv.cli("import-enterprises", str(csv_path), check=False)
        assert out.returncode == 1
        import json

        result = json.loads(out.stdout)
        assert result["imported"] == 1 and result["skipped_existing"] == 1
        assert [e["line"] for e in result["errors"]] == [3, 4]
        assert "校验位" in result["errors"][0]["error"]
        again = json.loads(srv.cli("import-enterprises", str(csv_path), check=False).stdout)
        assert again["imported"] == 0 and again["skipped_existing"] == 2
        stats = srv.stats()
        for key in ("inspections", "samples", "custody_events", "blobs", "incomplete_manifests", "conflicts"):
            assert stats[key] == 0
        assert stats["records"] == {"enterprise": 1}
