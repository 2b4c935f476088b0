"""`inspector-app templates / drafts / inspection` in a fresh process, as an administrator runs them."""

from __future__ import annotations

import json

from inspector_app import checklists as cl
from tests.conftest_checklists import fill_all, make_workspace


def test_templates_command_reports_broken_files_and_fails(cli, tmp_path):
    ok = cli("templates", "--json")
    assert ok.returncode == 0, ok.stderr
    ids = {json.loads(line)["id"] for line in ok.stdout.splitlines()}
    assert "spot_check_sampling" in ids and len(ids) == 5
    (tmp_path / "broken.json").write_text(json.dumps({
        "id": "broken", "version": "1", "title": {"zh_CN": "坏", "en": "Broken"},
        "sections": [{"id": "s", "title": {"zh_CN": "s", "en": "s"}, "items": [
            {"id": "a", "type": "number", "label": {"zh_CN": "a", "en": "a"}, "constraint": ". > ${missing}",
             "constraint_message": {"zh_CN": "m", "en": "m"}}]}]}), encoding="utf-8")
    bad = cli("--lang", "en", "templates", "--folder", str(tmp_path))
    assert bad.returncode == 1
    assert "broken.json [a]: constraint expression is wrong: unknown item ${missing}" in bad.stdout


def test_drafts_and_inspection_commands(cli, tmp_path):
    store = make_workspace(tmp_path / "ws")
    draft = store.write_sync(cl.start_inspection, "task-routine")
    done = store.write_sync(cl.start_inspection, "task-post_ccc")
    fill_all(store, done)
    store.write_sync(cl.finalize, done)
    store.close()
    drafts = cli("drafts", "--json", data_dir=tmp_path / "ws")
    assert drafts.returncode == 0, drafts.stderr
    assert [json.loads(line)["id"] for line in drafts.stdout.splitlines()] == [draft]
    shown = cli("inspection", done, "--json", data_dir=tmp_path / "ws")
    assert shown.returncode == 0, shown.stderr
    out = json.loads(shown.stdout)
    assert out["state"] == "finalized" and out["verified"] is True and out["issues"] == []
    assert out["template"] == "ccc_post_certification@2026.1"
    missing = cli("inspection", "no-such-id", data_dir=tmp_path / "ws")
    assert missing.returncode == 1 and "no-such-id" in missing.stderr
