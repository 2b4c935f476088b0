"""The document commands as a user runs them: demo workspace, render-all, render, verify-document."""

from __future__ import annotations

import json


def test_demo_render_all_and_verify(cli, tmp_path):
    ws = tmp_path / "ws"
    assert cli("demo", "--enterprises", "30", "--tasks", "15", data_dir=ws).returncode == 0
    out = tmp_path / "out"
    proc = cli("render-all", str(out), "--json", data_dir=ws)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["missing"] == []
    assert {d["type"] for d in summary["documents"]} == {
        "sampling_record", "inspection_record", "correction_order", "result_notice",
        "refusal_record", "no_sample_record", "handover_record", "seal_labels"}
    for d in summary["documents"]:
        assert (out / f"{d['type']}.pdf").read_bytes()[:5] == b"%PDF-"

    ok = cli("verify-document", str(out / "result_notice.pdf"), data_dir=ws)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    # render of an issued record re-prints the same bytes
    first = summary["documents"][0]
    again = tmp_path / "again.pdf"
    proc = cli("render", first["type"], first["record_id"], "-o", str(again), "--json", data_dir=ws)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["reprint"] is True
    assert again.read_bytes() == (out / f"{first['type']}.pdf").read_bytes()

    # a changed file fails, with the reason
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes((out / "result_notice.pdf").read_bytes().replace(b"/Producer", b"/Producex", 1))
    bad = cli("verify-document", str(tampered), data_dir=ws)
    assert bad.returncode == 1
    assert "签发" in bad.stdout

    # a PDF from elsewhere is not ours
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    assert cli("verify-document", str(other), data_dir=ws).returncode == 1


def test_verify_against_another_workspace_fails(cli, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for ws in (a, b):
        assert cli("demo", "--enterprises", "20", "--tasks", "10", data_dir=ws).returncode == 0
    assert cli("render-all", str(tmp_path / "out-a"), data_dir=a).returncode == 0
    proc = cli("verify-document", str(tmp_path / "out-a" / "handover_record.pdf"), data_dir=b)
    assert proc.returncode == 1
    assert "没有签发" in proc.stdout


def test_render_unknown_record_is_a_clear_error(cli, tmp_path):
    ws = tmp_path / "ws"
    assert cli("init", data_dir=ws).returncode == 0
    proc = cli("render", "sampling_record", "no-such-id", "-o", str(tmp_path / "x.pdf"), data_dir=ws)
    assert proc.returncode == 1
    assert "no-such-id" in proc.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_preview_renders_without_using_a_number(cli, tmp_path):
    import sqlite3

    ws = tmp_path / "ws"
    assert cli("demo", "--enterprises", "20", "--tasks", "10", data_dir=ws).returncode == 0
    db = sqlite3.connect(ws / "inspector.sqlite3")
    sample_id = db.execute("SELECT id FROM sample ORDER BY id LIMIT 1").fetchone()[0]
    before = db.execute("SELECT sum(next) FROM number_block").fetchone()[0]
    db.close()
    out = tmp_path / "preview.pdf"
    proc = cli("render", "seal_labels", sample_id, "-o", str(out), "--preview", data_dir=ws)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    db = sqlite3.connect(ws / "inspector.sqlite3")
    assert db.execute("SELECT sum(next) FROM number_block").fetchone()[0] == before
    assert db.execute("SELECT count(*) FROM document").fetchone()[0] == 0
    db.close()
    # a preview is not an issued document
    assert cli("verify-document", str(out), data_dir=ws).returncode == 1
