"""Where each part of a sample stands, for lists and filters (`sample.custody_status`).

`custody_status` is a derived cache, `"<test stage>|<backup stage>"` (e.g. `at_lab|stored`),
rewritten on every append; the chain itself stays the truth.
"""

from __future__ import annotations

from inspector_app.custody.events import EventType, Part
from inspector_app.custody.machine import ChainState, PartState
from inspector_app.i18n import language, tr

STAGES = ("drawn", "sealed", "stored", "shipped", "at_lab", "rejected", "tested_pass", "tested_fail",
          "result_served", "objection", "retested_pass", "retested_fail", "disposed")
STAGE_LABELS = {
    "drawn": ("已抽样", "drawn"),
    "sealed": ("已封样", "sealed"),
    "stored": ("备样封存", "stored"),
    "shipped": ("已寄送", "shipped"),
    "at_lab": ("在实验室", "at lab"),
    "rejected": ("实验室拒收", "rejected by lab"),
    "tested_pass": ("检验合格", "tested: pass"),
    "tested_fail": ("检验不合格", "tested: fail"),
    "result_served": ("结果已送达", "result served"),
    "objection": ("异议处理中", "objection filed"),
    "retested_pass": ("复检合格", "re-tested: pass"),
    "retested_fail": ("复检不合格", "re-tested: fail"),
    "disposed": ("已处置", "disposed"),
    "amendment": ("更正记录", "amendment"),
}


def stage_label(stage: str) -> str:
    zh, en = STAGE_LABELS.get(stage, (stage, stage))
    return zh if language() == "zh_CN" else en


def part_stage(state: ChainState, part: Part) -> str:
    ps: PartState = state.parts[part]
    e = EventType
    if ps.disposed:
        return "disposed"
    if e.RETESTED in ps.done:
        return "retested_pass" if ps.conclusion == "合格" else "retested_fail"
    backup = state.parts[Part.BACKUP]
    if state.objection_filed and e.RETESTED in backup.done:
        return "retested_pass" if backup.conclusion == "合格" else "retested_fail"
    if state.objection_filed:
        return "objection"
    if state.served_on is not None and part == Part.TEST:
        return "result_served"
    if e.TESTED in ps.done:
        return "tested_pass" if ps.conclusion == "合格" else "tested_fail"
    if ps.at_lab:
        return "at_lab"
    if ps.rejected:
        return "rejected"
    if ps.in_transit:
        return "shipped"
    if e.BACKUP_STORED in ps.done:
        return "stored"
    if e.SEALED in ps.done:
        return "sealed"
    return "drawn"


def encode(state: ChainState) -> str:
    return f"{part_stage(state, Part.TEST)}|{part_stage(state, Part.BACKUP)}"


def decode(value: str) -> tuple[str, str]:
    """(test stage, backup stage) from the column; a draft is drawn/drawn."""
    if not value or value == "amendment":
        return (value or "drawn", value or "drawn")
    test, _, backup = value.partition("|")
    return test, backup or test


def summary_label(value: str) -> str:
    """One line for a list that has no room for two columns: "在实验室" when both parts are at the
    same stage, else "检验样 在实验室 · 备用样 备样封存"."""
    test, backup = decode(value)
    if test == backup:
        return stage_label(test)
    return tr("检验样 {t} · 备用样 {b}", "test part {t} · backup {b}", t=stage_label(test), b=stage_label(backup))
