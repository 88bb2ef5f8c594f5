"""The `casebook` command end to end, as a user runs it (real processes, real data dir)."""
import json
import subprocess
import sys

import pytest

JUDGMENT = {"id": "cli-1", "title": "江苏省海门市人民法院 刑事判决书",
            "full_text": "江苏省海门市人民法院\n刑事判决书\n（2017）苏0684刑初123号\n被告人张某以给差评相要挟，敲诈勒索商家。"}


def run(data_dir, *args, stdin=None):
    cmd = [sys.executable, "-m", "casebook", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=120)


@pytest.fixture
def loaded(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(JUDGMENT, ensure_ascii=False) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    result = run(data, "import", str(source), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"] == 1
    return data


def test_search_json_shape(loaded):
    out = json.loads(run(loaded, "search", "敲诈勒索 差评", "--json").stdout)
    assert out["total"] == 1
    hit = out["hits"][0]
    assert set(hit) >= {"id", "title", "case_number", "court", "date", "score", "snippet"}
    assert hit["id"] == "cli-1" and hit["case_number"] == "（2017）苏0684刑初123号"
    assert "<mark>" in hit["snippet"]
    assert set(out["facets"]) >= {"case_type", "court", "year", "charges"}


def test_filters_use_record_field_names(loaded):
    none = json.loads(run(loaded, "search", "差评", "--filter", "case_type=民事", "--json").stdout)
    assert none["total"] == 0


def test_show_prints_the_record_json(loaded):
    record = json.loads(run(loaded, "show", "cli-1", "--json").stdout)
    assert record["id"] == "cli-1" and record["source"]["sha256"]


def test_bad_query_exits_nonzero_with_message(loaded):
    result = run(loaded, "search", '"未闭合')
    assert result.returncode != 0 and "引号未闭合" in result.stderr


def test_unknown_id_is_a_clear_error(loaded):
    result = run(loaded, "show", "nope")
    assert result.returncode == 1 and "找不到" in result.stderr


def test_extract_reads_stdin(tmp_path):
    result = run(tmp_path, "extract", "-", "--json", stdin=JUDGMENT["full_text"])
    assert json.loads(result.stdout)["case_number"] == "（2017）苏0684刑初123号"


def test_non_numeric_amount_filter_is_a_clear_error(loaded):
    result = run(loaded, "search", "差评", "--filter", "amount=abc")
    assert result.returncode == 2 and "不是数字" in result.stderr


def test_an_index_of_an_older_schema_is_rebuilt(loaded):
    import shutil

    import tantivy

    index_dir = loaded / "index" / "tantivy"
    shutil.rmtree(index_dir)
    index_dir.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("old", stored=True)
    tantivy.Index(builder.build(), path=str(index_dir))
    assert run(loaded, "index").returncode == 0
    out = json.loads(run(loaded, "search", "差评", "--json").stdout)
    assert out["total"] == 1


@pytest.mark.parametrize("value", ["abc", 0, -5, 2.5])
def test_a_bad_analytics_cap_in_the_config_is_a_clear_error(tmp_path, value):
    config = tmp_path / "config.yaml"
    config.write_text(json.dumps({"web": {"max_records": value}}), encoding="utf-8")  # JSON is YAML
    result = run(tmp_path / "data", "--config", str(config), "search", "差评")
    assert result.returncode == 1 and "配置项 web.max_records 应为正整数" in result.stderr
    assert not (tmp_path / "data").exists()  # nothing was created or touched
