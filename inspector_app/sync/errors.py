"""Every way a sync can fail, said in words an inspector understands, with what to do.

Raw exceptions from `requests` / `tuspy` and raw HTTP statuses never reach the user: the
client turns each into a `SyncError` whose `kind` is stable for programs (retry decisions,
tests, status bar) and whose `str()` is the translated message (Chinese first).
"""

from __future__ import annotations

import ssl
from urllib.parse import urlsplit

import requests

from inspector_app.i18n import tr

# kinds that a later attempt may cure without anyone doing anything
RETRYABLE = {"dns", "refused", "timeout", "connection", "server", "rate_limited", "bad_response"}


class SyncError(Exception):
    """A sync failure; `kind` is stable, `message` is for people, `retryable` drives back-off."""

    def __init__(self, kind: str, message: str, *, retry_after: float | None = None, detail: str = ""):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retry_after = retry_after
        self.detail = detail  # technical detail for logs, never shown as the message

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE

    def to_json(self) -> dict:
        return {"kind": self.kind, "message": self.message, "retryable": self.retryable, "detail": self.detail}


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def not_configured() -> SyncError:
    return SyncError(
        "not_logged_in",
        tr(
            "尚未登录同步服务器。请先登录（界面中点击“登录”，或运行 inspector-app login --server 地址 --user 用户名 --password 密码）。"
            "未同步的数据安全保存在本机。",
            "Not logged in to a sync server. Log in first (click “Log in”, or run inspector-app login --server URL --user NAME "
            "--password PASSWORD). Unsynced data is kept safely on this computer.",
        ),
    )


def bad_url(url: str) -> SyncError:
    return SyncError(
        "bad_url",
        tr(
            "服务器地址“{u}”无效。地址应类似 https://sync.example.gov.cn，请向单位信息管理员确认。",
            "The server address “{u}” is not valid. It should look like https://sync.example.gov.cn; check it with your IT staff.",
            u=url,
        ),
    )


def cancelled() -> SyncError:
    return SyncError("cancelled", tr("同步已取消。已完成的部分已保存，下次同步会从中断处继续。",
                                     "Sync cancelled. What was done is kept; the next sync continues from there."))


def from_exception(exc: BaseException, url: str) -> SyncError:
    """Translate a transport-level exception (requests / ssl / socket) into a SyncError."""
    host = _host(url)
    text = f"{type(exc).__name__}: {exc}"
    chain = _chain(exc)
    if any(isinstance(e, (requests.exceptions.SSLError, ssl.SSLError)) for e in chain):
        return SyncError(
            "tls",
            tr(
                "无法验证服务器 {h} 的安全证书，连接已中止以保护数据。请确认服务器地址正确；如果单位使用自己的证书，"
                "请在同步设置中选择单位提供的 CA 证书文件。",
                "The security certificate of {h} could not be verified, so the connection was stopped to protect your data. "
                "Check the server address; if your bureau uses its own certificates, choose the CA certificate file it gave you "
                "in the sync settings.",
                h=host,
            ),
            detail=text,
        )
    if any(isinstance(e, requests.exceptions.Timeout) for e in chain) or "timed out" in text.lower():
        return SyncError(
            "timeout",
            tr(
                "连接服务器 {h} 超时，网络可能很慢或不稳定。已传完的部分不会丢失，稍后会自动重试；也可换一个网络后再同步。",
                "The server {h} did not answer in time; the network may be slow or unstable. What was sent is kept and the "
                "sync retries by itself; you can also try another network.",
                h=host,
            ),
            detail=text,
        )
    low = text.lower()
    if any(s in low for s in ("name or service not known", "nodename nor servname", "getaddrinfo failed",
                              "temporary failure in name resolution", "no address associated", "failed to resolve")):
        return SyncError(
            "dns",
            tr(
                "找不到服务器 {h}。请检查电脑是否已联网，以及服务器地址是否填写正确。数据仍保存在本机。",
                "The server {h} cannot be found. Check that this computer is online and that the server address is right. "
                "Your data stays on this computer.",
                h=host,
            ),
            detail=text,
        )
    if "refused" in low:
        return SyncError(
            "refused",
            tr(
                "服务器 {h} 拒绝连接，同步服务可能未启动或正在维护。数据仍保存在本机，稍后会自动重试；如持续出现，请联系单位信息管理员。",
                "The server {h} refused the connection; the sync service may be down or under maintenance. Your data stays on "
                "this computer and the sync retries by itself; if this persists, contact your IT staff.",
                h=host,
            ),
            detail=text,
        )
    return SyncError(
        "connection",
        tr(
            "与服务器 {h} 的连接中断。已发送的数据不会丢失，重新连接后同步会从中断处继续。",
            "The connection to {h} was interrupted. Nothing already sent is lost; the sync continues where it stopped once "
            "the connection is back.",
            h=host,
        ),
        detail=text,
    )


def from_response(resp: requests.Response) -> SyncError:
    """Translate an HTTP error status (or a protocol mismatch) into a SyncError."""
    status = resp.status_code
    detail = f"HTTP {status}: {resp.text[:300]}"
    code = ""
    try:
        body = resp.json()
        if isinstance(body, dict):
            err = body.get("error") if isinstance(body.get("error"), dict) else body
            code = str(err.get("code") or body.get("detail") or "")
    except ValueError:
        pass
    if status in (426,) or "protocol" in code.lower() or (status == 400 and "version" in code.lower()):
        return SyncError(
            "protocol",
            tr(
                "本软件的同步协议版本与服务器不一致（本机为第 1 版，服务器要求 {v}）。请升级现场检查软件后再同步；数据仍保存在本机。",
                "This application speaks a different sync protocol version than the server (this one: 1, server: {v}). "
                "Update Field Inspector, then sync again; your data stays on this computer.",
                v=resp.headers.get("X-Protocol-Version", "?"),
            ),
            detail=detail,
        )
    if status == 401 and code == "login_failed":
        return SyncError(
            "login_failed",
            tr("用户名或密码不正确，请核对后重新输入（注意大小写和输入法）。",
               "The user name or password is wrong. Check them and try again (mind capital letters and the input method)."),
            detail=detail,
        )
    if status == 401:
        return SyncError(
            "unauthorized",
            tr(
                "登录已过期或已失效，请重新登录后再同步。未同步的数据仍安全保存在本机。",
                "Your login has expired or was revoked. Log in again, then sync. Unsynced data is kept safely on this computer.",
            ),
            detail=detail,
        )
    if status == 403:
        return SyncError(
            "forbidden",
            tr(
                "您的账号无权执行此操作（例如该任务没有分派给您）。请联系任务分派人员核实。",
                "Your account is not allowed to do this (for example, the task is not assigned to you). Ask the person "
                "who assigns tasks to check.",
            ),
            detail=detail,
        )
    if status == 413:
        return SyncError(
            "too_large",
            tr(
                "一条记录超过了服务器允许的大小，无法上传。其余数据会照常同步；请联系技术支持处理这条记录。",
                "One record is larger than the server accepts, so it cannot be uploaded. Everything else still syncs; "
                "contact support about this record.",
            ),
            detail=detail,
        )
    if status == 429:
        retry_after = _retry_after(resp) or _body_retry_after(resp)
        return SyncError(
            "rate_limited",
            tr(
                "服务器暂时繁忙，请约 {n} 秒后再试（会自动重试）。",
                "The server is busy right now; trying again in about {n} seconds (automatically).",
                n=int(retry_after or 30),
            ),
            retry_after=retry_after,
            detail=detail,
        )
    if status >= 500:
        return SyncError(
            "server",
            tr(
                "服务器暂时出现故障（{s}）。数据仍安全保存在本机，稍后会自动重试；如持续出现，请联系单位信息管理员。",
                "The server has a temporary fault ({s}). Your data is safe on this computer and the sync retries by itself; "
                "if this persists, contact your IT staff.",
                s=status,
            ),
            retry_after=_retry_after(resp),
            detail=detail,
        )
    if status == 404:
        return SyncError(
            "bad_url",
            tr(
                "服务器地址可以连通，但那里不是现场检查同步服务。请核对服务器地址。",
                "The server address answers, but it is not a Field Inspector sync service. Check the server address.",
            ),
            detail=detail,
        )
    server_words = _server_message(resp)
    if server_words:
        return SyncError("rejected", server_words + tr("（数据仍保存在本机。）", " (Your data stays on this computer.)"),
                         detail=detail)
    return SyncError(
        "rejected",
        tr(
            "服务器拒绝了请求（{s}）。数据仍保存在本机；请联系技术支持并告知此信息。",
            "The server refused the request ({s}). Your data stays on this computer; contact support and quote this message.",
            s=f"{status} {code}".strip(),
        ),
        detail=detail,
    )


def bad_response(url: str, what: str) -> SyncError:
    return SyncError(
        "bad_response",
        tr(
            "服务器 {h} 的应答无法识别（{w}）。数据仍保存在本机，稍后会自动重试。",
            "The answer from {h} could not be understood ({w}). Your data stays on this computer; the sync retries later.",
            h=_host(url),
            w=what,
        ),
        detail=what,
    )


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _server_message(resp: requests.Response) -> str:
    """The server's own words for the inspector (its error bodies carry Chinese and English)."""
    from inspector_app.i18n import language

    try:
        err = resp.json().get("error", {})
        text = err.get("message") if language() == "zh_CN" else (err.get("message_en") or err.get("message"))
        return str(text) if text else ""
    except (ValueError, AttributeError):
        return ""


def _body_retry_after(resp: requests.Response) -> float | None:
    try:
        value = resp.json().get("error", {}).get("retry_after")
        return float(value) if value is not None else None
    except (ValueError, AttributeError, TypeError):
        return None


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    stack = [exc]
    while stack:
        e = stack.pop()
        if e is None or e in seen:
            continue
        seen.append(e)
        stack.extend([e.__cause__, e.__context__])
        stack.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
        reason = getattr(e, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return seen
