"""Enterprise full-text search for Chinese: 1-, 2- and longer substrings, ranked.

SQLite's FTS5 has no Chinese word breaker, and its trigram tokenizer cannot match queries
shorter than three characters. So each CJK character is indexed as its own token
(`济南电缆` → `济 南 电 缆`) and a query becomes a phrase of its characters: FTS5 phrase
matching requires the tokens to be adjacent, which is exactly substring matching. Latin
letters and digits stay whole tokens, so USCC and licence numbers match by prefix.
Ranking is bm25 with the name weighted highest.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database  # annotations only: importing it costs start-up time

# CJK ideographs, extensions and compatibility forms, plus kana/hangul for completeness.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f])")
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
COLUMN_WEIGHTS = (10.0, 4.0, 1.0, 6.0)  # name, former_names, address, codes


def segment(text: str) -> str:
    """Space out CJK characters so FTS5 sees one token per character."""
    # split() with a capturing group is C-speed; sub() with a template is ~5x slower on bulk imports
    return " ".join(part for part in _CJK.split(unicodedata.normalize("NFKC", text)) if part)


def enterprise_document(row: dict[str, Any]) -> dict[str, str]:
    """The four indexed columns of an enterprise row (JSON columns accepted as text or values)."""
    former = row.get("former_names") or []
    licences = row.get("licences") or []
    if isinstance(former, str):
        former = json.loads(former)
    if isinstance(licences, str):
        licences = json.loads(licences)
    codes = [row.get("uscc") or ""] + [lic.get("number", "") for lic in licences]
    return {
        "name": segment(row.get("name") or ""),
        "former_names": segment(" ".join(former)),
        "address": segment(" ".join(filter(None, [row.get("province"), row.get("city"), row.get("district"), row.get("address")]))),
        "codes": segment(" ".join(c for c in codes if c)),
    }


def index_enterprise(db: Database, enterprise_id: str) -> None:
    """(Re)index one enterprise; call in the same transaction as the change."""
    row = db.execute("SELECT rowid, * FROM enterprise WHERE id = ?", [enterprise_id]).fetchone()
    if row is None:
        return
    cols = [d[0] for d in db.execute("SELECT rowid, * FROM enterprise LIMIT 0").description]
    record = dict(zip(cols, row))
    doc = enterprise_document(record)
    db.execute("DELETE FROM enterprise_fts WHERE rowid = ?", [record["rowid"]])
    db.execute(
        "INSERT INTO enterprise_fts(rowid, name, former_names, address, codes) VALUES (?, ?, ?, ?, ?)",
        [record["rowid"], doc["name"], doc["former_names"], doc["address"], doc["codes"]],
    )


def rebuild_index(db: Database) -> int:
    """Re-create the whole index (after a bulk import); returns the number of rows indexed."""
    db.execute("DELETE FROM enterprise_fts")
    rows = db.execute("SELECT rowid, name, former_names, address, province, city, district, uscc, licences FROM enterprise")
    batch = []
    count = 0
    for rowid, name, former, address, province, city, district, uscc, licences in rows.fetchall():
        doc = enterprise_document(
            {"name": name, "former_names": former, "address": address, "province": province, "city": city,
             "district": district, "uscc": uscc, "licences": licences}
        )
        batch.append((rowid, doc["name"], doc["former_names"], doc["address"], doc["codes"]))
        count += 1
    db.conn.executemany(
        "INSERT INTO enterprise_fts(rowid, name, former_names, address, codes) VALUES (?, ?, ?, ?, ?)", batch
    )
    return count


def fts_query(text: str) -> str | None:
    """Translate what a user typed into an FTS5 MATCH expression (every term must match).

    Each whitespace-separated term becomes a quoted phrase of its tokens; a term ending in a
    Latin letter or digit matches as a prefix (USCC and licence numbers typed partially).
    Quotes and FTS operators typed by the user are neutralised.
    """
    phrases = []
    for term in unicodedata.normalize("NFKC", text).split():
        tokens = _TOKEN.findall(segment(term))
        if not tokens:
            continue
        phrase = '"' + " ".join(tokens) + '"'
        if not _CJK.fullmatch(tokens[-1]):
            phrase += "*"
        phrases.append(phrase)
    return " AND ".join(phrases) if phrases else None


MAX_RANKED = 3000  # bm25 costs ~1.2 µs per matching row; beyond this a query is too broad to rank whole


def search_enterprises(db: Database, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Ranked enterprises matching `text` (best first).

    A broad query (one common character, "有限公司") can match most rows; ranking all of them
    would cost ~100 ms. Such a query is ranked within its first MAX_RANKED matches only (found
    by a cheap unranked scan), which keeps every search interactive; the user narrows it by
    typing one more character.
    """
    query = fts_query(text)
    if query is None:
        return []
    window = db.execute(
        "SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH ? ORDER BY rowid LIMIT 1 OFFSET ?",
        [query, MAX_RANKED],
    ).fetchone()
    bound, params = ("AND rowid < ?", [query, window[0], limit]) if window else ("", [query, limit])
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    sql = f"""
        SELECT e.id, e.name, e.uscc, e.province, e.city, e.address, e.risk_class, r.score
        FROM (
            SELECT rowid, bm25(enterprise_fts, {weights}) AS score
            FROM enterprise_fts WHERE enterprise_fts MATCH ? {bound} ORDER BY score LIMIT ?
        ) AS r JOIN enterprise AS e ON e.rowid = r.rowid
        ORDER BY r.score
    """
    cursor = db.execute(sql, params)
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]
