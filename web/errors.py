"""App-wide error handling: JSON envelopes under /api/, friendly Chinese pages elsewhere."""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .api import error_response

MESSAGES = {
    400: "请求有误", 404: "找不到该页面", 405: "不支持该请求方式", 500: "服务器内部错误",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def message_for(exc: HTTPException) -> str:
    return MESSAGES.get(exc.code or 500, exc.name)


def handle_http(exc: HTTPException):
    code = exc.code or 500
    if wants_json():
        return error_response(code, message_for(exc), {"path": request.path})
    return render_template("error.html", status=code, message=message_for(exc)), code


def handle_unexpected(exc: Exception):
    """A real bug: log it with its traceback and answer 500 in the shape the client expects."""
    current_app.logger.exception("unhandled error on %s", request.path)
    return handle_http(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
