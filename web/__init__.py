"""The Flask app: `create_app(config)` builds it; there is no module-level app."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect


def create_app(config: dict) -> Flask:
    from casebook.context import Context

    from . import api_analytics, api_collections, api_saved, openapi  # noqa: F401 (they nest under `api`)
    from .api import api
    from .errors import register_error_handlers
    from .format import FILTERS, is_web_url
    from .params import query_string
    from .views.analytics import analytics_pages
    from .views.case import case
    from .views.collections import collection_pages
    from .views.saved import saved_pages
    from .views.search import search_page
    from .views.similar import similar_page

    app = Flask(__name__)
    app.config["CASEBOOK"] = config
    app.config["SECRET_KEY"] = secret_key(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False  # facet values stay in count order, as the CLI prints them
    app.extensions["casebook"] = Context(config)
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.tests["web_url"] = is_web_url
    app.jinja_env.globals["search_query"] = lambda params: query_string(params.q, params.filters)
    for blueprint in (api, search_page, similar_page, case, collection_pages, saved_pages, analytics_pages):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    protect_forms(app)
    return app


def secret_key(config: dict) -> str:
    """web.secret_key from the config, else a random key kept in the data dir (sessions survive restarts)."""
    configured = (config.get("web") or {}).get("secret_key")
    if configured:
        return str(configured)
    path = Path(config["data_dir"]) / "secret_key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
                out.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another process wrote it first
    return path.read_text().strip()


def protect_forms(app: Flask) -> None:
    """CSRF tokens on every form; the JSON API is exempt but only takes application/json writes."""
    from .api import require_json

    csrf = CSRFProtect()
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None)  # valid for the session
    csrf.init_app(app)

    @app.before_request
    def guard():
        if request.path.startswith("/api/"):
            return require_json()
        csrf.protect()
        return None

    @app.errorhandler(CSRFError)
    def on_csrf_error(exc: CSRFError):
        detail = "页面上的安全令牌缺失或已过期。请返回上一页，刷新后重新提交。"
        return render_template("error.html", status=400, message="表单已失效", detail=detail), 400
