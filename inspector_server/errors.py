"""JSON errors `{"error": {"code", "message" (Chinese), "message_en"}}` for every non-2xx answer."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, message_en: str, headers: dict | None = None, **extra: Any):
        super().__init__(message_en)
        self.status, self.code, self.message, self.message_en = status, code, message, message_en
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "message_en": self.message_en, **self.extra}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(code: str, message: str, message_en: str, **extra: Any) -> dict:
    return {"error": {"code": code, "message": message, "message_en": message_en, **extra}}


# Messages for HTTP statuses raised by libraries (tuspyserver, Starlette) without our codes.
_STATUS_TEXT = {
    400: ("bad_request", "请求格式错误。", "The request is malformed."),
    401: ("auth_required", "请先登录。", "Please log in first."),
    403: ("forbidden", "无权访问此内容。", "You are not allowed to access this."),
    404: ("not_found", "未找到请求的内容。", "Not found."),
    405: ("method_not_allowed", "不支持此请求方法。", "Method not allowed."),
    409: ("conflict", "上传位置不一致，请从服务器记录的位置继续。", "Offset mismatch; resume from the server's offset."),
    410: ("gone", "上传已过期，请重新上传。", "The upload has expired; upload again."),
    412: ("precondition_failed", "客户端协议版本不受支持。", "Unsupported client protocol version."),
    413: ("too_large", "请求内容过大。", "The request is too large."),
    415: ("unsupported_media_type", "请求内容类型错误。", "Unsupported content type."),
    460: ("hash_mismatch", "文件校验失败，已丢弃，请重新上传。", "The file's SHA-256 does not match; it was discarded, upload it again."),
    500: ("server_error", "服务器内部错误，请稍后重试。", "Internal server error; try again later."),
    503: ("unavailable", "服务器繁忙，请稍后重试。", "The server is busy; try again later."),
}


def status_error(status: int, detail: str | None = None, headers: dict | None = None) -> JSONResponse:
    code, zh, en = _STATUS_TEXT.get(status, ("http_error", "请求失败。", "The request failed."))
    extra = {"detail": detail} if detail and detail != en else {}
    return JSONResponse(error_body(code, zh, en, **extra), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return exc.response()

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException):
        return status_error(exc.status_code, str(exc.detail) if exc.detail else None, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return JSONResponse(
            error_body("validation_failed", "请求内容不完整或格式错误。", "The request is incomplete or malformed.", details=details),
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception):
        import logging

        logging.getLogger("inspector_server").exception("unhandled error")
        return status_error(500)
