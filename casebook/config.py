"""Configuration: config.yaml merged over the defaults, plus the data directory."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS: dict = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")) if (ROOT / "config.yaml").exists() else {}


class ConfigError(ValueError):
    """config.yaml is missing, unreadable or malformed."""


def merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in (override or {}).items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_config(path: str | None = None, data_dir: str | None = None) -> dict:
    """Defaults ← config file (--config, CASEBOOK_CONFIG or ./config.yaml) ← data dir override."""
    path = path or os.environ.get("CASEBOOK_CONFIG")
    if path is None and Path("config.yaml").exists():
        path = "config.yaml"
    config = copy.deepcopy(DEFAULTS)
    if path:
        try:
            config = merge(config, yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"无法读取配置文件 {path}: {exc}") from exc
    chosen = data_dir or os.environ.get("CASEBOOK_DATA_DIR") or config.get("data_dir") or "data"
    config["data_dir"] = str(Path(chosen).expanduser().resolve())
    check_positive_int(config, "web", "max_records")
    return config


def check_positive_int(config: dict, section: str, key: str) -> None:
    value = (config.get(section) or {}).get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ConfigError(f"配置项 {section}.{key} 应为正整数（现为 {value!r}）")


def index_path(config: dict, backend: str | None = None) -> str:
    name = backend or config["search"]["backend"]
    return str(Path(config["data_dir"]) / "index" / name)
