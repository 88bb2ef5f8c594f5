"""`casebook scrape` and `casebook sources` as a user runs them, against a real loopback site."""
import json
import subprocess
import sys

import yaml

from tests.http_fixture_server import FixtureServer
from tests.test_scrapers_crawl import CONFIG, build_site


def casebook(data_dir, config, *args):
    cmd = [sys.executable, "-m", "casebook", "--config", str(config), "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_scrape_imports_indexes_and_a_second_run_adds_nothing(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    data = tmp_path / "data"
    with FixtureServer() as server:
        build_site(server)
        url = server.url + "/sitemap.xml"
        first = casebook(data, config, "scrape", "sitemap", "--url", url, "--json")
        again = casebook(data, config, "scrape", "sitemap", "--url", url, "--json")
    assert first.returncode == 0, first.stderr
    report, second = json.loads(first.stdout), json.loads(again.stdout)
    assert report["new"] >= 5 and report["indexed"] == report["new"] + report["updated"]
    assert second["new"] == 0 and second["fetched"] == 0
    found = json.loads(casebook(data, config, "search", "", "--json").stdout)
    assert found["total"] == report["new"]
    sources = {row["name"]: row for row in json.loads(casebook(data, config, "sources", "--json").stdout)}
    assert sources["sitemap"]["runs"] == 2


def test_unknown_source_is_a_clear_error(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    result = casebook(tmp_path / "data", config, "scrape", "nope")
    assert result.returncode != 0 and "未知来源" in result.stderr


def test_missing_config_file_is_a_clear_error(tmp_path):
    result = casebook(tmp_path / "data", tmp_path / "none.yaml", "sources")
    assert result.returncode == 1 and "无法读取配置文件" in result.stderr
