"""The OpenAPI 3.1 description of the JSON API (web/openapi.yaml), served at /api/openapi.json."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from flask import Blueprint, jsonify

from .api import api

SPEC_FILE = Path(__file__).resolve().parent / "openapi.yaml"
openapi = Blueprint("openapi", __name__)


@cache
def spec() -> dict:
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))


@openapi.get("/openapi.json", endpoint="spec")
def serve_spec():
    return jsonify(spec())


api.register_blueprint(openapi)  # under /api, with the API's error handlers
