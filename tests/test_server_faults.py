"""Server faults: a 500 after the work was committed, a SIGKILL mid-stream; nothing lost or doubled."""

from __future__ import annotations

import threading

from tests.server_process import Api, change, inspection_row, running_server, sample_row


def test_500_after_commit_then_resend_is_duplicate(tmp_path):
    with running_server(tmp_path, extra_args=("--fault", "push:1:after", "--fault", "manifest:1"),
                        demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1")
        task = api.my_tasks()[0]
        batch = [change("inspection", inspection_row(task)), change("sample", sample_row(task))]
        status, body = api.post("/push", {"device_id": api.device_id, "changes": batch})
        assert status == 500 and body["error"]["code"] == "server_error" and body["error"]["message"]
        results = api.push(batch)
        assert [r["status"] for r in results] == ["duplicate", "duplicate"]
        assert all(r["reason"] == "original:applied" for r in results)
        status, body = api.post("/manifest", {"records": []})
        assert status == 500  # injected before any work
        assert api.post("/manifest", {"records": []})[0] == 200
        stats = srv.stats()
        assert stats["inspections"] == 1 and stats["samples"] == 1


def test_server_killed_during_pushes_loses_and_doubles_nothing(tmp_path):
    with running_server(tmp_path, demo_password="demo-pass-1") as srv:
        api = Api(srv, "insp1")
        tasks = api.my_tasks()
        batches = [[change("inspection", inspection_row(tasks[(b * 50 + i) % 3])) for i in range(50)] for b in range(20)]
        answered: dict[str, str] = {}

        def pusher():
            for batch in batches:
                try:
                    status, body = api.post("/push", {"device_id": api.device_id, "changes": batch})
                except Exception:
                    return
                if status == 200:
                    answered.update({r["change_id"]: r["status"] for r in body["results"]})

        th = threading.Thread(target=pusher)
        th.start()
        while len(answered) < 150 and th.is_alive():
            threading.Event().wait(0.01)
        srv.kill()
        th.join()
        srv.start()
        api = Api(srv, "insp1")
        results = [r for batch in batches for r in api.push(batch)]
        statuses = {r["change_id"]: r["status"] for r in results}
        assert set(statuses.values()) <= {"applied", "duplicate"}
        for change_id, status in answered.items():
            assert statuses[change_id] == "duplicate"  # everything acknowledged before the kill survived
        assert srv.stats()["inspections"] == 1000
        ids = [c["entity_id"] for c in api.pull_all()[0] if c["entity"] == "inspection"]
        assert len(ids) == len(set(ids)) == 1000
