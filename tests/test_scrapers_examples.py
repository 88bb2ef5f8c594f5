"""Every registered source parses its example pages into the reviewed expected JSON (juriscraper style).

`tests/examples/sources/<module>_example*.<ext>` is parsed (files with `_listing` in the name by
`parse_listing`, the others by `parse_document`) and compared with `<file>.expected.json`.  A
missing expectation is written and the test FAILS until a person has reviewed and committed it.
A registered source without examples, or without a malformed example, fails.  Strings longer than
200 characters are compared by length, hash and both ends, so expectations stay readable; empty
record fields are left out.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scrapers.base import SiteError, StopCrawl
from scrapers.decode import FormatError
from scrapers.fetch import Page
from scrapers.sources import load_site, source_names

EXAMPLES = Path(__file__).parent / "examples" / "sources"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SIDECAR = json.loads((EXAMPLES / "examples.json").read_text(encoding="utf-8"))
TYPES = {".html": "text/html", ".doc": "application/msword", ".json": "application/json",
         ".xml": "application/xml", ".js": "application/javascript"}
FETCHED_AT = "2024-01-01T00:00:00+00:00"


def files(kind: str) -> list[Path]:
    return sorted(p for p in EXAMPLES.glob(f"*_{kind}*") if not p.name.endswith(".expected.json"))


def source_of(path: Path) -> str:
    module = path.name.split("_example")[0].split("_malformed")[0]
    return module.replace("_", "-")


def page_for(path: Path) -> Page:
    info = SIDECAR.get(path.name, {})
    data = path.read_bytes()
    return Page(url=info.get("url", f"https://example.org/{path.name}"), status=200,
                headers={"Content-Type": info.get("content_type", TYPES.get(path.suffix, "text/plain"))},
                content=data, fetched_at=FETCHED_AT, sha256=hashlib.sha256(data).hexdigest())


def compact(value):
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [compact(v) for v in value]
    if isinstance(value, str) and len(value) > 200:
        return {"chars": len(value), "sha256": hashlib.sha256(value.encode()).hexdigest()[:16],
                "start": value[:60], "end": value[-40:]}
    return value


def parse(source: str, path: Path, page: Page | None = None):
    site = load_site(source, {"url": "https://example.org/"})
    page = page or page_for(path)
    if "_listing" in path.name:
        site.parse_listing(page)
        return {"items": site.items, "listings": site.listings}
    item = {"url": page.url, **SIDECAR.get(path.name, {}).get("item", {})}
    return compact(filled(site.parse_document(page, item).to_dict()))


def filled(record: dict) -> dict:
    """The fields a parser set (empty ones left out, so new record fields do not break expectations)."""
    return {k: v for k, v in record.items() if v not in (None, [], {}, False, "")}


def check_expected(path: Path, actual, expected_path: Path | None = None) -> None:
    expected_path = expected_path or path.with_name(path.name + ".expected.json")
    if not expected_path.exists():
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(f"wrote {expected_path.name}: review it and commit it, then rerun")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", files("example"), ids=lambda p: p.name)
def test_example_parses_to_expected_json(path):
    check_expected(path, parse(source_of(path), path))


@pytest.mark.parametrize("path", files("malformed"), ids=lambda p: p.name)
def test_malformed_example_fails_with_a_clear_message(path):
    with pytest.raises((SiteError, FormatError, StopCrawl)) as info:
        parse(source_of(path), path)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value)), "the message must tell the user what is wrong"


@pytest.mark.parametrize("name", source_names())
def test_every_registered_source_has_examples(name):
    module = name.replace("-", "_")
    assert [p for p in files("example") if source_of(p) == name], f"{name} has no {module}_example* file"
    assert [p for p in files("malformed") if source_of(p) == name], f"{name} has no {module}_malformed* file"


@pytest.mark.parametrize("sample", ["sample1.json", "sample3.json"])
def test_real_wenshu_samples_parse_byte_for_byte(sample):
    path = SHARED / "data" / "wenshu-samples" / sample
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not checked out)")
    page = page_for(path)
    actual = parse("wenshu", path, page)
    check_expected(path, actual, EXAMPLES / f"wenshu_shared_{sample}.expected.json")
