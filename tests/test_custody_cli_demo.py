"""CLI contract of the custody commands and the demo workspace's samples."""

from __future__ import annotations

import json

import pytest

from inspector_app.custody.status import STAGES
from inspector_app.store import open_store
from tests.custody_helpers import signed_sample


@pytest.fixture
def ws(tmp_path):
    root = tmp_path / "ws"
    store = open_store(root)
    sample = signed_sample(store)
    store.close()
    return root, sample


def test_custody_add_refuses_wrong_order_naming_the_step(ws, cli):
    root, sample = ws
    data = json.dumps({"seal_intact": True, "packaging_intact": True, "quantity_sufficient": True, "state_normal": True,
                       "documents_ok": True, "accepted": True, "lab": "质检院"})
    zh = cli("custody", "add", sample["number"], "LAB_RECEIVED", "--data", data, "--actor", "陈静:lab_receiver:LAB-1", data_dir=root)
    assert zh.returncode == 1 and "寄送/送样" in zh.stderr
    en = cli("--lang", "en", "custody", "add", sample["number"], "LAB_RECEIVED", "--data", data, "--actor", "陈静:lab_receiver", data_dir=root)
    assert en.returncode == 1 and "missing the step 'shipped'" in en.stderr
    ok = cli("custody", "add", sample["number"], "SHIPPED", "--data", '{"method": "by_hand"}', "--actor", "张伟:sampler:1", data_dir=root)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["seq"] == 4
    allowed = cli("custody", "allowed", sample["number"], data_dir=root)
    assert "LAB_RECEIVED\tboth" in allowed.stdout
    listed = [json.loads(line) for line in cli("samples", "list", "--json", data_dir=root).stdout.splitlines()]
    assert listed[0]["number"] == sample["number"] and (listed[0]["test"], listed[0]["backup"]) == ("shipped", "shipped")
    assert cli("verify-custody", sample["number"], data_dir=root).stdout.strip() == "OK 4 events"


def test_verify_unknown_sample_is_a_clear_error(ws, cli):
    root, _ = ws
    result = cli("verify-custody", "NO-SUCH", data_dir=root)
    assert result.returncode == 1 and "找不到抽样单" in result.stderr


def test_demo_has_every_stage_and_records(demo_store):
    from inspector_app.custody.listing import list_rows, site_record_rows
    from inspector_app.custody.verify import verify_all

    db = demo_store.read()
    rows = list_rows(db)
    stages = {r["test"] for r in rows} | {r["backup"] for r in rows}
    assert set(STAGES) - stages == set(), set(STAGES) - stages
    assert {r["mode"] for r in rows} == {"production", "retail", "online"}
    assert any(r["objection_until"] for r in rows)
    assert all(result.ok for _, result in verify_all(db))
    kinds = [(r["kind"], r["state"]) for r in site_record_rows(db)]
    assert {("refusal", "finalized"), ("no_sample", "finalized"), ("refusal", "draft"), ("no_sample", "draft")} <= set(kinds)


def test_demo_is_deterministic_by_seed(tmp_path):
    from inspector_app.demo import build_demo

    def snapshot(path):
        store = open_store(path)
        build_demo(store, enterprises=40, tasks=25)
        db = store.read()
        out = (db.execute("SELECT id, number, data, sampled_at FROM sample ORDER BY id").fetchall(),
               db.execute("SELECT id, type, part, at, data FROM custody_event ORDER BY id").fetchall())
        store.close()
        return out

    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
