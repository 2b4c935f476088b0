"""Tamper tests: an attacker edits the SQLite file directly (dropping the append-only triggers
with plain sqlite3 first) and `inspector-app verify-custody` names the first broken event."""

from __future__ import annotations

import json
import sqlite3

import pytest

from inspector_app.custody import chain, service
from inspector_app.store import open_store
from tests.custody_helpers import courier_ship, receive, signed_sample


@pytest.fixture
def workspace(tmp_path):
    """A sample with 7 events (DRAWN … LAB_RECEIVED … BLIND_CODED), store closed."""
    root = tmp_path / "ws"
    store = open_store(root)
    sample = signed_sample(store)
    courier_ship(store, sample["id"])
    receive(store, sample["id"])
    store.write_sync(lambda t: service.append_event(t, sample["id"], "BLIND_CODED", "test", data={"blind_code": "BM-2026-0007"}))
    events = service.events_of(store.read(), sample["id"])
    store.close()
    assert [e["type"] for e in events] == ["DRAWN", "SEALED", "SIGNED", "SHIPPED", "LAB_RECEIVED", "BLIND_CODED"]
    return root, sample, events


def attacker(root) -> sqlite3.Connection:
    conn = sqlite3.connect(str(root / "inspector.sqlite3"))
    for name in ("custody_event_no_update", "custody_event_no_delete", "sample_finalized_immutable"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def verify(cli, root, sample, *extra):
    return cli("verify-custody", sample["number"], *extra, data_dir=root)


def broken(cli, root, sample) -> dict:
    result = verify(cli, root, sample, "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    return json.loads(result.stdout)["broken"]


def test_intact_chain_verifies(workspace, cli):
    root, sample, events = workspace
    result = verify(cli, root, sample)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"OK {len(events)} events"
    by_seal = cli("verify-custody", "ft-0002", data_dir=root)
    assert by_seal.stdout.strip() == f"OK {len(events)} events"


def test_changed_field_is_named(workspace, cli):
    root, sample, events = workspace
    with attacker(root) as conn:
        conn.execute("UPDATE custody_event SET data = json_set(data, '$.method', 'courier') WHERE id = ?", [events[3]["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["seq"], b["event_id"]) == ("changed", 4, events[3]["id"])
    text = verify(cli, root, sample)
    assert text.returncode == 1 and events[3]["id"] in text.stdout and "changed" in text.stdout


def test_changed_field_with_recomputed_hash_is_named(workspace, cli):
    root, sample, events = workspace
    target = dict(events[1])
    target["note"] = "封条完好（事后补写）"
    new_hash = chain.event_hash(target)
    with attacker(root) as conn:
        conn.execute("UPDATE custody_event SET note = ?, hash = ? WHERE id = ?", [target["note"], new_hash, target["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["seq"], b["event_id"]) == ("changed", 2, events[1]["id"])


def _forged(after: dict, seq: int) -> dict:
    forged = {**after, "id": "0190f1c0-dead-7000-8000-00000000beef", "seq": seq, "type": "SHIPPED", "note": "forged",
              "prev_hash": after["hash"], "server_at": None}
    forged["hash"] = chain.event_hash(forged)
    return forged


def _insert(conn, event: dict) -> None:
    row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in event.items()}
    cols = ", ".join(row)
    conn.execute(f"INSERT INTO custody_event({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))


def test_inserted_event_is_named(workspace, cli):
    root, sample, events = workspace
    forged = _forged(events[2], 4)
    with attacker(root) as conn:
        for event in reversed(events[3:]):
            conn.execute("UPDATE custody_event SET seq = seq + 1 WHERE id = ?", [event["id"]])
        _insert(conn, forged)
    b = broken(cli, root, sample)
    assert (b["kind"], b["event_id"]) == ("inserted", forged["id"])


def test_event_appended_at_the_end_is_caught(workspace, cli):
    root, sample, events = workspace
    forged = _forged(events[-1], len(events) + 1)
    with attacker(root) as conn:
        _insert(conn, forged)
    b = broken(cli, root, sample)
    assert (b["kind"], b["event_id"]) == ("inserted", forged["id"])


def test_removed_event_is_named(workspace, cli):
    root, sample, events = workspace
    with attacker(root) as conn:
        conn.execute("DELETE FROM custody_event WHERE id = ?", [events[2]["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["seq"], b["event_id"], b["type"]) == ("removed", 3, events[2]["id"], "SIGNED")


def test_removed_and_renumbered_event_is_named(workspace, cli):
    root, sample, events = workspace
    with attacker(root) as conn:
        conn.execute("DELETE FROM custody_event WHERE id = ?", [events[2]["id"]])
        for event in events[3:]:
            conn.execute("UPDATE custody_event SET seq = seq - 1 WHERE id = ?", [event["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["event_id"]) == ("removed", events[2]["id"])


def test_removed_last_event_is_named(workspace, cli):
    root, sample, events = workspace
    with attacker(root) as conn:
        conn.execute("DELETE FROM custody_event WHERE id = ?", [events[-1]["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["seq"], b["event_id"]) == ("removed", len(events), events[-1]["id"])


def test_reordered_events_are_named(workspace, cli):
    root, sample, events = workspace
    a, b_ = events[3], events[4]
    with attacker(root) as conn:
        conn.execute("UPDATE custody_event SET seq = -1 WHERE id = ?", [a["id"]])
        conn.execute("UPDATE custody_event SET seq = ? WHERE id = ?", [a["seq"], b_["id"]])
        conn.execute("UPDATE custody_event SET seq = ? WHERE id = ?", [b_["seq"], a["id"]])
    b = broken(cli, root, sample)
    assert (b["kind"], b["event_id"]) == ("reordered", b_["id"])


def test_changed_sampling_record_is_caught(workspace, cli):
    root, sample, events = workspace
    with attacker(root) as conn:
        conn.execute("UPDATE sample SET data = json_set(data, '$.quantity.amount', 5) WHERE id = ?", [sample["id"]])
    b = broken(cli, root, sample)
    assert b["kind"] == "record_changed"


def test_doctor_verifies_every_chain(workspace, cli):
    root, sample, events = workspace
    healthy = cli("doctor", "--json", data_dir=root)
    assert json.loads(healthy.stdout)["checks"]["check_custody"] == []
    with attacker(root) as conn:
        conn.execute("DELETE FROM custody_event WHERE id = ?", [events[1]["id"]])
    sick = cli("doctor", data_dir=root)
    assert sick.returncode == 1
    assert "check_custody" in sick.stdout and events[1]["id"] in sick.stdout and sample["number"] in sick.stdout


def test_triggers_refuse_edits_without_tampering(workspace):
    root, sample, events = workspace
    conn = sqlite3.connect(str(root / "inspector.sqlite3"))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM custody_event WHERE id = ?", [events[0]["id"]])
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE custody_event SET note = 'x' WHERE id = ?", [events[0]["id"]])
    conn.close()
