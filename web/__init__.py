"""The Flask app: `create_app(config)` builds it; there is no module-level app."""
from __future__ import annotations

from flask import Flask


def create_app(config: dict) -> Flask:
    from casebook.context import Context

    from .api import api

    app = Flask(__name__)
    app.config["CASEBOOK"] = config
    app.extensions["casebook"] = Context(config)
    app.register_blueprint(api)
    return app
