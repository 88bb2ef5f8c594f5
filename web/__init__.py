"""The Flask app: `create_app(config)` builds it; there is no module-level app."""
from __future__ import annotations

from flask import Flask


def create_app(config: dict) -> Flask:
    from casebook.context import Context

    from .api import api
    from .errors import register_error_handlers
    from .format import FILTERS, is_web_url
    from .views.case import case
    from .views.search import search_page

    app = Flask(__name__)
    app.config["CASEBOOK"] = config
    app.json.ensure_ascii = False
    app.json.sort_keys = False  # facet values stay in count order, as the CLI prints them
    app.extensions["casebook"] = Context(config)
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.tests["web_url"] = is_web_url
    for blueprint in (api, search_page, case):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    return app
