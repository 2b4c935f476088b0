"""The hash chain of custody events and its verification (shared/domain/custody.md).

`hash` = SHA-256 over the canonical JSON (`domain.hashing.canonical_json`) of every column of
the event except `hash` itself and `server_at`. `server_at` is left out on purpose: the server
fills it on receipt, after the hash was made, and the event must verify the same before and
after. JSON columns are hashed as values (decoded), so the digest does not depend on how a
database spells its JSON text. `seq` is included, so moving an event is a detectable change.
The first event's `prev_hash` is the content hash of the finalized sampling record.

Verification walks the events by `seq`, checks every `prev_hash` link and recomputes every
hash, and classifies the first break as changed, inserted, removed or reordered. The chain
alone cannot see a removed *last* event or a chain rewritten end to end, so the walk is also
compared with the head the service records in the append-only audit log on each append.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from inspector_app.domain.hashing import content_hash
from inspector_app.i18n import tr

EXCLUDED = ("hash", "server_at")
KINDS = ("changed", "inserted", "removed", "reordered", "record_changed", "not_finalized")
KIND_LABELS = {
    "changed": ("被修改", "changed"),
    "inserted": ("被插入", "inserted"),
    "removed": ("被删除", "removed"),
    "reordered": ("顺序被调换", "reordered"),
    "record_changed": ("抽样单被修改", "sampling record changed"),
    "not_finalized": ("抽样单未定稿", "sampling record not finalized"),
}


def event_hash(event: dict[str, Any]) -> str:
    """The hash an event must carry: over every field except `hash` and `server_at`."""
    return content_hash({k: v for k, v in event.items() if k not in EXCLUDED})


@dataclass
class Break:
    """The first place a chain does not verify."""

    kind: str
    seq: int | None
    event_id: str | None
    event_type: str | None
    detail: str

    def message(self, sample_no: str = "") -> str:
        zh, en = KIND_LABELS[self.kind]
        where = tr("第 {n} 个事件", "event #{n}", n=self.seq) if self.seq is not None else tr("流转链", "the chain")
        ident = f" ({self.event_type} {self.event_id})" if self.event_id else ""
        return tr("{s}{w}{i}{k}：{d}", "{s}{w}{i} {k}: {d}", s=f"{sample_no} " if sample_no else "",
                  w=where, i=ident, k=tr(zh, en), d=self.detail)


@dataclass
class Verification:
    ok: bool
    count: int
    broken: Break | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class AuditHead:
    """What the service wrote to the audit log when it appended an event."""

    event_id: str
    seq: int
    hash: str
    type: str


def _brk(kind: str, event: dict[str, Any] | None, detail: str) -> Break:
    if event is None:
        return Break(kind, None, None, None, detail)
    return Break(kind, event.get("seq"), event.get("id"), event.get("type"), detail)


def verify_events(
    genesis: str,
    events: list[dict[str, Any]],
    heads: Iterable[AuditHead] = (),
    audited_ids: set[str] | None = None,
) -> Verification:
    """Verify decoded events of one sample (sorted by seq) against the sampling record's hash."""
    heads = sorted(heads, key=lambda h: h.seq)
    head_by_id = {h.event_id: h for h in heads}
    hashes = [e["hash"] for e in events]
    for i, event in enumerate(events):
        expected_prev = genesis if i == 0 else hashes[i - 1]
        if event["prev_hash"] != expected_prev:
            return Verification(False, len(events), _classify_link(i, events, expected_prev, head_by_id, audited_ids))
        recomputed = event_hash(event)
        if recomputed != event["hash"]:
            unrecorded = audited_ids is not None and event["id"] not in audited_ids and event["id"] not in head_by_id
            if unrecorded or (i + 1 < len(events) and events[i + 1]["prev_hash"] == expected_prev):
                return Verification(False, len(events), _brk(
                    "inserted", event, tr("该事件不在原链中。", "it is not part of the original chain.")))
            moved = _verifies_at_other_seq(event)
            if moved is not None:
                return Verification(False, len(events), _brk(
                    "reordered", event,
                    tr("该事件原为第 {o} 个，现位于第 {n} 个。", "it was recorded as #{o} and now sits at #{n}.", o=moved, n=event["seq"])))
            return Verification(False, len(events), _brk(
                "changed", event, tr("内容与其哈希值不符（哈希值被重新计算前的内容已被改动）。",
                                     "its contents no longer match its hash.")))
        if event["seq"] != i + 1:
            return Verification(False, len(events), _brk(
                "removed", event, tr("序号不连续：应为第 {e} 个。", "sequence gap: expected #{e}.", e=i + 1)))
    # Cross-check with the audit log: a removed tail or a rewritten chain.
    present = {e["id"]: e for e in events}
    for head in heads:
        event = present.get(head.event_id)
        if event is None:
            return Verification(False, len(events), Break(
                "removed", head.seq, head.event_id, head.type,
                tr("审计日志记录了该事件，但它已不在流转链中。", "the audit log records this event, but it is no longer in the chain.")))
        if event["hash"] != head.hash:
            return Verification(False, len(events), _brk(
                "changed", event, tr("哈希值与追加时审计日志记录的不同（链被重新计算）。",
                                     "its hash differs from the one the audit log recorded when it was appended (the chain was recomputed).")))
    if audited_ids is not None:
        for event in events:
            if event["id"] not in audited_ids:
                return Verification(False, len(events), _brk(
                    "inserted", event, tr("审计日志中没有该事件的追加记录。", "the audit log has no record of this event being appended.")))
    return Verification(True, len(events))


def _classify_link(i: int, events: list[dict[str, Any]], expected_prev: str,
                   head_by_id: dict[str, AuditHead], audited_ids: set[str] | None) -> Break:
    """Event i does not link to its predecessor: say what happened."""
    event = events[i]
    later = {events[k]["hash"]: k for k in range(i + 1, len(events))}
    for k in range(i + 1, len(events)):
        head = head_by_id.get(events[k]["id"])
        if head is not None:
            later.setdefault(head.hash, k)
    earlier = {events[k]["hash"]: k for k in range(0, max(i - 1, 0))}
    if event["prev_hash"] in later:
        return _brk("reordered", event, tr(
            "它指向的前一事件（第 {k} 个）排在它之后。", "the event it follows (#{k}) now comes after it.",
            k=events[later[event['prev_hash']]]["seq"]))
    if audited_ids is not None and event["id"] not in audited_ids and event["id"] not in head_by_id:
        return _brk("inserted", event, tr("该事件不在原链中，审计日志中也没有它的追加记录。",
                                          "it is not part of the original chain and the audit log has no record of it."))
    if event["prev_hash"] in earlier:
        j = earlier[event["prev_hash"]]
        return _brk("inserted", events[j + 1], tr(
            "该事件不在原链中：第 {n} 个事件直接接在第 {k} 个之后。", "it is not part of the original chain: event #{n} follows #{k} directly.",
            n=event["seq"], k=events[j]["seq"]))
    if any(events[k]["prev_hash"] == expected_prev for k in range(i + 1, len(events))):
        return _brk("inserted", event, tr(
            "该事件不在原链中：其后的事件仍接在它之前的事件上。", "it is not part of the original chain: a later event still follows the one before it."))
    if i > 0:
        prev = events[i - 1]
        head = head_by_id.get(prev["id"])
        if head is not None and head.hash == event["prev_hash"]:
            return _brk("changed", prev, tr("该事件被改写（包括其哈希值），下一事件不再与之相连。",
                                            "it was rewritten (hash included); the next event no longer links to it."))
    present = {e["id"] for e in events}
    missing = [h for h in head_by_id.values() if h.hash == event["prev_hash"] and h.event_id not in present]
    if missing:
        gone = missing[0]
        return Break("removed", gone.seq, gone.event_id, gone.type, tr(
            "该事件已从链中删除：第 {n} 个事件指向它。", "it was removed from the chain: event #{n} points to it.", n=event["seq"]))
    if i == 0:
        return _brk("record_changed", event, tr(
            "第一个事件没有指向抽样单的内容哈希值：抽样单或其哈希值被改动。",
            "the first event does not link to the sampling record's content hash: the record or its hash was altered."))
    return _brk("removed", event, tr(
        "它之前的事件已被删除：它指向的前一事件不存在。", "an event before it was removed: the event it follows no longer exists."))


def _verifies_at_other_seq(event: dict[str, Any], limit: int = 200) -> int | None:
    """If the event's hash verifies with another `seq`, it was moved there from that position."""
    for seq in range(1, limit + 1):
        if seq != event["seq"] and event_hash({**event, "seq": seq}) == event["hash"]:
            return seq
    return None
