"""Numbers are never used twice: failed renders roll back, a killed process does not reuse."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from conftest_documents import ISSUED_AT, doc_ws  # noqa: F401 (fixture)
from inspector_app.documents.issue import NoNumbersLeft, issue


def _next(store, doc_type: str) -> int:
    return store.read().execute("SELECT next FROM number_block WHERE doc_type = ?", [doc_type]).fetchone()[0]


def test_failed_render_after_allocation_rolls_back(doc_ws):
    store, ids = doc_ws
    with pytest.raises(RuntimeError):
        issue(store, "result_notice", ids["sample"], now=ISSUED_AT, _fail_after_allocation=True)
    assert _next(store, "result_notice") == 1
    assert store.read().execute("SELECT count(*) FROM document").fetchone()[0] == 0
    result = issue(store, "result_notice", ids["sample"], now=ISSUED_AT)
    assert result.number == "济历市监检结告〔2026〕1号"
    assert _next(store, "result_notice") == 2
    # the document row and its outbox row went in the same transaction
    outbox = store.read().execute("SELECT count(*) FROM outbox WHERE entity = 'document' AND entity_id = ?", [result.document_id]).fetchone()[0]
    assert outbox == 1
    blob = store.read().execute("SELECT kind, size FROM blob WHERE sha256 = ?", [result.pdf_sha256]).fetchone()
    assert blob == ("pdf", len(result.pdf))


def test_process_killed_after_commit_does_not_reuse_the_number(doc_ws, tmp_path):
    store, ids = doc_ws
    root = store.paths.root
    store.close()
    script = textwrap.dedent(f"""
        import os, signal, sys
        from inspector_app.store import open_store
        from inspector_app.documents.issue import issue
        s = open_store({str(root)!r})
        r = issue(s, "result_notice", {ids['sample']!r}, now={ISSUED_AT!r})
        print(r.number, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)   # no clean shutdown
    """)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == -9, proc.stderr
    first = proc.stdout.strip()
    assert first == "济历市监检结告〔2026〕1号"

    from inspector_app.demo.documents import add_sample
    from inspector_app.store import open_store

    again = open_store(root)
    try:
        row = again.read().execute("SELECT number FROM document WHERE type = 'result_notice'").fetchone()
        assert row[0] == first
        other = again.write_sync(lambda txn: add_sample(txn, "task-1", ids["enterprise"], seed=8))
        second = issue(again, "result_notice", other, now=ISSUED_AT)
        assert second.number == "济历市监检结告〔2026〕2号"
        # the killed process's document re-prints identically from its stored inputs
        same = issue(again, "result_notice", ids["sample"])
        assert same.reprint and same.number == first
    finally:
        again.close()


def test_no_numbers_left_is_a_clear_error(doc_ws):
    store, ids = doc_ws
    store.write_sync(lambda txn: txn.db.execute("UPDATE number_block SET next = end + 1 WHERE doc_type = 'correction_order'"))
    with pytest.raises(NoNumbersLeft) as err:
        issue(store, "correction_order", ids["sample"], now=ISSUED_AT)
    assert "同步" in str(err.value)
    assert store.read().execute("SELECT count(*) FROM document").fetchone()[0] == 0


def test_numbers_follow_the_bureau_configuration(doc_ws):
    store, ids = doc_ws
    store.write_sync(lambda txn: txn.set_setting("bureau", {"name": "青岛市市南区市场监督管理局", "region": "青南",
                                                             "code_words": {"correction_order": "责改字"}}))
    result = issue(store, "correction_order", ids["sample"], now=ISSUED_AT)
    assert result.number == "青南市监责改字〔2026〕1号"


def test_number_already_used_elsewhere_is_skipped(doc_ws):
    store, ids = doc_ws
    first = issue(store, "correction_order", ids["sample"], now=ISSUED_AT)
    store.write_sync(lambda txn: txn.db.execute("UPDATE number_block SET next = 1 WHERE doc_type = 'correction_order'"))
    second = issue(store, "correction_order", ids["inspection"], now=ISSUED_AT)
    assert second.number != first.number
