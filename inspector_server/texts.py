"""Reasons for refused pushed changes: (Chinese, English), keyed by code."""

REASONS = {
    "bad_entity": ("不支持的记录类型：{entity}。", "Unsupported record type: {entity}."),
    "bad_op": ("不支持的操作：{op}。", "Unsupported operation: {op}."),
    "bad_payload": ("记录内容缺失或格式错误：{detail}。", "The record is missing or malformed: {detail}."),
    "id_mismatch": ("记录编号与变更编号不一致。", "payload.id differs from entity_id."),
    "missing_field": ("缺少必填字段：{field}。", "Required field missing: {field}."),
    "bad_blob_hash": ("附件哈希格式错误：{value}。", "Malformed blob hash: {value}."),
    "forbidden": ("无权修改此记录（不是您的任务）。", "You may not change this record (not your task)."),
    "forbidden_field": ("检查人员不能修改任务的{field}。", "Inspectors may not change a task's {field}."),
    "owner_unknown": ("所属记录尚未到达服务器，请稍后重发。", "The record it belongs to has not reached the server yet; send it again later."),
    "task_unknown": ("服务器上没有此任务。", "The server has no such task."),
    "finalized_immutable": ("已定稿的记录不能修改（请使用更正记录）。", "A finalized record cannot be changed (make an amendment)."),
    "hash_mismatch": ("保管事件的哈希校验失败，记录可能被篡改。", "The custody event's hash does not verify; the record may have been altered."),
    "custody_immutable": ("保管事件只能追加，不能修改。", "Custody events are append-only and cannot be changed."),
    "sample_unknown": ("服务器上还没有此样品的抽样单，请稍后重发。", "The server has no sampling record for this sample yet; send it again later."),
    "sample_not_finalized": ("抽样单尚未定稿，保管链不能开始。", "The sampling record is not finalized yet; the custody chain cannot start."),
    "chain_gap": ("保管链缺少前一事件，请先同步前一事件。", "The previous custody event is missing; sync it first."),
    "custody_order": ("保管事件“{event_zh}”不能记录：{why_zh}", "Custody event '{event_en}' refused: {why_en}"),
    "custody_invalid": ("保管事件“{event_zh}”内容不符合要求：{why_zh}", "Custody event '{event_en}' is not valid: {why_en}"),
    "custody_history": ("服务器上此样品的保管链含有无法读取的早期事件，无法核对顺序，请联系管理员。",
                        "The server's custody chain of this sample holds an earlier event it cannot read, so the order cannot be checked; contact the administrator."),
    "number_taken": ("文书编号{number}已被其他文书使用。", "Document number {number} is already used by another document."),
    "conflict_unknown": ("服务器上没有此冲突记录。", "The server has no such conflict."),
    "store_error": ("服务器保存失败，请稍后重发。", "The server could not store this change; send it again later."),
}


def reason(code: str, **params: object) -> tuple[str, str]:
    zh, en = REASONS[code]
    return zh.format(**params), en.format(**params)
