"""State machines of tasks and records.

Records (inspection, sample, site record) go draft → finalized → synced. Finalized records
are immutable: a correction is a new record (an amendment) that references the original.
"""

from __future__ import annotations

from enum import StrEnum

from inspector_app.domain.errors import StateError
from inspector_app.i18n import tr


class TaskType(StrEnum):
    SPOT_CHECK = "spot_check"        # 监督抽查
    POST_LICENCE = "post_licence"    # 证后检查（生产许可证）
    POST_CCC = "post_ccc"            # CCC 获证后监督
    ROUTINE = "routine"              # 日常监督检查
    SPECIAL = "special"              # 专项检查
    RECHECK = "recheck"              # 复查
    RESPONSIBILITY = "responsibility"  # 质量安全主体责任检查

    @property
    def label(self) -> str:
        return TASK_TYPE_LABELS[self][0 if _zh() else 1]


TASK_TYPE_LABELS = {
    TaskType.SPOT_CHECK: ("监督抽查", "Supervisory spot check"),
    TaskType.POST_LICENCE: ("生产许可证证后检查", "Post-licence check"),
    TaskType.POST_CCC: ("CCC获证后监督检查", "CCC post-certification check"),
    TaskType.ROUTINE: ("日常监督检查", "Routine inspection"),
    TaskType.SPECIAL: ("专项检查", "Special campaign"),
    TaskType.RECHECK: ("复查", "Re-check"),
    TaskType.RESPONSIBILITY: ("质量安全主体责任检查", "Quality-safety responsibility check"),
}


class TaskState(StrEnum):
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class RecordState(StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"
    SYNCED = "synced"


def _zh() -> bool:
    from inspector_app.i18n import language

    return language() == "zh_CN"


STATE_LABELS = {
    "assigned": ("待执行", "Assigned"),
    "in_progress": ("进行中", "In progress"),
    "done": ("已完成", "Done"),
    "cancelled": ("已取消", "Cancelled"),
    "draft": ("草稿", "Draft"),
    "finalized": ("已定稿", "Finalized"),
    "synced": ("已同步", "Synced"),
}


def state_label(state: str) -> str:
    zh, en = STATE_LABELS.get(state, (state, state))
    return zh if _zh() else en


TASK_TRANSITIONS: dict[TaskState, set[TaskState]] = {
    TaskState.ASSIGNED: {TaskState.IN_PROGRESS, TaskState.CANCELLED},
    TaskState.IN_PROGRESS: {TaskState.DONE, TaskState.CANCELLED, TaskState.ASSIGNED},
    TaskState.DONE: {TaskState.IN_PROGRESS},  # reopened for an amendment or a re-check
    TaskState.CANCELLED: set(),
}

RECORD_TRANSITIONS: dict[RecordState, set[RecordState]] = {
    RecordState.DRAFT: {RecordState.FINALIZED},
    RecordState.FINALIZED: {RecordState.SYNCED},
    RecordState.SYNCED: set(),
}


def check_task_transition(current: str, target: str) -> None:
    if TaskState(target) not in TASK_TRANSITIONS[TaskState(current)]:
        raise StateError(
            "task_transition",
            tr("任务不能从“{a}”变为“{b}”。", "A task cannot go from '{a}' to '{b}'.", a=state_label(current), b=state_label(target)),
        )


def check_record_transition(current: str, target: str) -> None:
    if RecordState(target) not in RECORD_TRANSITIONS[RecordState(current)]:
        raise StateError(
            "record_transition",
            tr("记录不能从“{a}”变为“{b}”。", "A record cannot go from '{a}' to '{b}'.", a=state_label(current), b=state_label(target)),
        )


def ensure_editable(state: str) -> None:
    """Only drafts may change; finalized records are legal evidence."""
    if state != RecordState.DRAFT:
        raise StateError(
            "immutable",
            tr(
                "该记录已定稿，不能修改。如需更正，请创建更正记录（补正）。",
                "This record is finalized and cannot be changed. To correct it, create an amendment.",
            ),
        )
