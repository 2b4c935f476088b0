"""Errors of the evidence pipeline: a stable `code` for programs, a bilingual message for people.

Import errors are per file: the importer turns each into a result line and carries on with
the other files, so one bad photo never stops a camera card.
"""

from __future__ import annotations

from inspector_app.domain.errors import DomainError, StateError
from inspector_app.i18n import tr


class EvidenceError(DomainError):
    """A photo or signature could not be stored; the message says why and what to do."""


def _msg(code: str, zh: str, en: str, **params: object) -> EvidenceError:
    return EvidenceError(code, tr(zh, en, **params))


def empty_file(name: str) -> EvidenceError:
    return _msg("empty_file", "文件 {n} 是空的（0 字节），不是照片。请从相机或手机重新复制该文件。",
                "{n} is empty (0 bytes), not a photo. Copy the file again from the camera or phone.", n=name)


def not_an_image(name: str, detail: str = "") -> EvidenceError:
    return _msg("not_an_image", "文件 {n} 不是可识别的照片（支持 JPEG、PNG、HEIC/HEIF、TIFF）。{d}请确认选择了正确的文件。",
                "{n} is not a photo this application can read (JPEG, PNG, HEIC/HEIF, TIFF are supported). {d}Check that you chose the right file.",
                n=name, d=(detail + " ") if detail else "")


def truncated(name: str) -> EvidenceError:
    return _msg("truncated", "照片 {n} 不完整（文件被截断或已损坏），未导入。请从相机或手机重新复制该照片。",
                "The photo {n} is incomplete (truncated or damaged) and was not imported. Copy it again from the camera or phone.",
                n=name)


def too_large(name: str, pixels: int, limit: int) -> EvidenceError:
    return _msg("too_large", "照片 {n} 有 {p} 百万像素，超过上限 {m} 百万像素（可能是“解压炸弹”文件），未导入。请使用相机拍摄的原始照片。",
                "The photo {n} has {p} megapixels, above the limit of {m} megapixels (possibly a decompression bomb); it was not imported. Use the photo as the camera took it.",
                n=name, p=round(pixels / 1_000_000) if pixels else "?", m=limit // 1_000_000)


def file_too_big(name: str) -> EvidenceError:
    return _msg("too_large", "文件 {n} 大于 1 GB，不是现场照片，未导入。", "{n} is larger than 1 GB, not a field photo; it was not imported.", n=name)


def missing(name: str) -> EvidenceError:
    return _msg("missing", "文件 {n} 在导入过程中不见了（被移动、删除或存储卡被拔出），未导入。请重新插入存储卡后再导入该文件。",
                "{n} disappeared during the import (moved, deleted or the card was removed); it was not imported. Reinsert the card and import it again.",
                n=name)


def not_found(name: str) -> EvidenceError:
    return _msg("not_found", "找不到文件 {n}。请检查路径是否正确。", "{n} was not found. Check the path.", n=name)


def unreadable(name: str, detail: str) -> EvidenceError:
    return _msg("unreadable", "无法读取文件 {n}：{d}。请检查文件权限或存储卡。",
                "Cannot read {n}: {d}. Check the file's permissions or the card.", n=name, d=detail)


def disk_full(name: str) -> EvidenceError:
    return _msg("disk_full", "磁盘已满，照片 {n} 未导入（未留下任何不完整的文件）。请释放磁盘空间后重新导入。",
                "The disk is full; {n} was not imported (nothing half-written was left). Free some disk space and import it again.",
                n=name)


def write_failed(name: str, detail: str) -> EvidenceError:
    return _msg("write_failed", "保存照片 {n} 失败：{d}。未留下任何不完整的文件，请重试。",
                "Saving {n} failed: {d}. Nothing half-written was left; try again.", n=name, d=detail)


def cancelled(name: str) -> EvidenceError:
    return _msg("cancelled", "已取消：{n} 未导入。", "Cancelled: {n} was not imported.", n=name)


def owner_missing(kind: str, owner_id: str) -> EvidenceError:
    return _msg("owner_missing", "找不到要附加照片的记录（{k} {i}）。请确认记录编号。",
                "The record to attach to was not found ({k} {i}). Check its id.", k=kind, i=owner_id)


def bad_owner_kind(kind: str, allowed: tuple[str, ...]) -> EvidenceError:
    return _msg("bad_owner_kind", "不能把照片附加到“{k}”。可选：{a}。",
                "Photos cannot be attached to '{k}'. Choose one of: {a}.", k=kind, a=", ".join(allowed))


def finalized(kind: str, owner_id: str) -> StateError:
    return StateError("finalized", tr(
        "记录（{k} {i}）已定稿，其照片证据不能再删除或更改。如需更正，请制作更正记录。",
        "The record ({k} {i}) is finalized; its photo evidence can no longer be removed or changed. Make an amendment to correct it.",
        k=kind, i=owner_id))


def already_removed(attachment_id: str) -> StateError:
    return StateError("already_removed", tr("该照片已被移除（{i}）。", "This photo was already removed ({i}).", i=attachment_id))


def signature_invalid(detail: str) -> EvidenceError:
    return _msg("signature_invalid", "签名无效：{d}", "The signature is not valid: {d}", d=detail)
