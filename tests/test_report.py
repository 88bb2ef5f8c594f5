"""The 类案检索报告: tiers in the guidance's order, key passages, and the DOCX/PDF/Markdown files' content."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from casebook.pipeline import import_paths
from casebook.record import Record, Source
from corpus import collections as coll
from tests.conftest import skip_or_fail
from web.report import ReportError, render
from web.report import cjk_font as font_module
from web.report.model import build_report, key_passage, resolve_court, tier_of, trimmed

EXAMPLES = Path(__file__).parent / "examples" / "collections"
NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)  # last three years: since 2021-06-01
ORDER = ["fixture-su-high-old", "fixture-haimen", "fixture-zhe-high", "fixture-spc", "fixture-nanjing-basic",
         "fixture-nantong-mid", "fixture-su-high-recent", "fixture-guiding"]
TIER_HEADINGS = ["（一）指导性案例（1 件）", "（二）最高人民法院案例（1 件）", "（三）江苏省高级人民法院案例（2 件）",
                 "（四）上一级人民法院及本院案例（2 件）", "（五）其他法院案例（2 件）"]


@pytest.fixture
def store(context):
    assert import_paths(context.store, [str(EXAMPLES / "cases.jsonl")], progress=False, workers=1).new == 8
    coll.create_collection(context.store, "恶意差评", "待决案件争议焦点：是否属于正当维权")
    for record_id in ORDER:
        coll.add_case(context.store, "恶意差评", record_id)
    coll.update_case(context.store, "恶意差评", "fixture-guiding", similar=True, treatment="参照",
                     facts="均以删除差评为条件索要钱款", law="均适用刑法第二百七十四条")
    coll.update_case(context.store, "恶意差评", "fixture-haimen", similar=True, treatment="参考",
                     issues="被告人是否属于维权", note="本院近年判例")
    coll.update_case(context.store, "恶意差评", "fixture-zhe-high", similar=False, note="犯罪数额差异大")
    coll.record_search(context.store, "恶意差评", "恶意差评 敲诈勒索", {"case_type": ["刑事"]}, "keyword",
                       ORDER, searcher="李律师")
    coll.record_search(context.store, "恶意差评", "刑法第274条", {}, "statute", ORDER[:3])
    return context.store


def report(store, pending_court="苏0684"):
    collection = coll.get_collection(store, "恶意差评")
    return build_report(store, collection, "（2024）苏0684刑初1号 张某敲诈勒索案", pending_court, "李律师", NOW)


@pytest.mark.parametrize("record_id, pending, expected", [
    ("fixture-guiding", "苏0684", "guiding"),  # guiding case first, whatever its court
    ("fixture-spc", "苏0684", "supreme"),  # 最高人民法院
    ("fixture-su-high-old", "苏0684", "high"),  # the pending court's province's high court
    ("fixture-zhe-high", "苏0684", "other"),  # another province's high court
    ("fixture-zhe-high", None, "high"),  # no pending court: every high court
    ("fixture-nantong-mid", "苏0684", "local"),  # the court above 海门
    ("fixture-haimen", "海门市人民法院", "local"),  # this court, given by name
    ("fixture-nanjing-basic", "苏0684", "other"),  # a sibling basic court
    ("fixture-haimen", None, "other"),  # no pending court: "this court" is unknown
])
def test_tier_of(store, record_id, pending, expected):
    assert tier_of(store.get(record_id), resolve_court(pending) if pending else None) == expected


def test_unknown_pending_court_is_a_clear_error():
    with pytest.raises(ReportError, match="无法识别待决案件的审理法院“火星法院”"):
        resolve_court("火星法院")


def test_tiers_in_order_and_recent_cases_first(store):
    built = report(store)
    assert [(t.key, [c.entry.record_id for c in t.cases]) for t in built.tiers] == [
        ("guiding", ["fixture-guiding"]),
        ("supreme", ["fixture-spc"]),
        ("high", ["fixture-su-high-recent", "fixture-su-high-old"]),  # 2022 before 2017, though added later
        ("local", ["fixture-haimen", "fixture-nantong-mid"]),  # both recent: the collection's order
        ("other", ["fixture-zhe-high", "fixture-nanjing-basic"]),
    ]
    assert [c.recent for c in built.tiers[2].cases] == [True, False]


def test_key_passage_prefers_the_published_holding(store):
    assert key_passage(store.get("fixture-guiding")) == ("裁判要旨", "以恶意差评相要挟索取财物，数额较大的，构成敲诈勒索罪。")
    label, passage = key_passage(store.get("fixture-haimen"))  # a 319-character 本院认为
    assert label == "本院认为（节选）" and passage.endswith("。……") and len(passage) <= 302
    assert key_passage(Record("x", "t", "全文", Source("test"))) == ("本院认为", "（未能识别“本院认为”部分）")


@pytest.mark.parametrize("text, limit, expected", [
    ("短句。", 10, "短句。"),  # short text unchanged
    ("甲乙丙。丁戊己庚辛壬癸", 8, "甲乙丙。……"),  # cut at the full stop when it keeps half
    ("甲。乙丙丁戊己庚辛壬癸", 8, "甲。乙丙丁戊己庚……"),  # a full stop too early: hard cut
    ("甲乙\n丙丁", 10, "甲乙 丙丁"),  # line breaks folded
])
def test_trimmed(text, limit, expected):
    assert trimmed(text, limit) == expected


def expected_content() -> list[str]:
    """What every format must show: title, pending case, searcher, methods, tiers, case numbers, notes, summary."""
    return ["类案检索报告：恶意差评", "（2024）苏0684刑初1号张某敲诈勒索案", "李律师", "关键词检索", "法条关联检索",
            "恶意差评敲诈勒索", "case_type=刑事", *[h.replace(" ", "") for h in TIER_HEADINGS],
            "（2019）苏06刑终5号", "（2021）最高法刑申12号", "（2022）苏刑终50号", "（2017）苏刑终9号", "（2023）苏0684刑初200号",
            "均以删除差评为条件索要钱款", "被告人是否属于维权", "犯罪数额差异大", "本院近年判例",
            "以恶意差评相要挟索取财物", "（近三年）", "应当参照的指导性案例：（2019）苏06刑终5号。",
            "可供参考的案例：（2023）苏0684刑初200号。", "认定为类案的2件，非类案1件，尚未判断5件"]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_content(text: str) -> None:
    flat = squeezed(text)
    missing = [item for item in expected_content() if squeezed(item) not in flat]
    assert not missing


def test_markdown(store):
    text = render(report(store), "md").decode("utf-8")
    assert_content(text.replace("\\_", "_"))
    assert "### （三）江苏省高级人民法院案例（2 件）" in text
    assert text.index("（2022）苏刑终50号") < text.index("（2017）苏刑终9号")


def docx_text(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    return "\n".join([p.text for p in document.paragraphs] + cells), headings


def test_docx(store):
    text, headings = docx_text(render(report(store), "docx"))
    assert_content(text)
    assert [t for style, t in headings if style == "Heading 2"] == TIER_HEADINGS
    assert ("Title", "类案检索报告：恶意差评") in headings


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf(store):
    try:
        data = render(report(store), "pdf")
    except ReportError as exc:
        skip_or_fail(str(exc))
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert_content(text)
    flat = squeezed(text)
    assert [flat.index(squeezed(h)) for h in TIER_HEADINGS] == sorted(flat.index(squeezed(h)) for h in TIER_HEADINGS)


def test_pdf_without_a_cjk_font_names_the_package(monkeypatch):
    monkeypatch.delenv("CASEBOOK_CJK_FONT", raising=False)
    monkeypatch.setattr(font_module, "FONT_FILES", ())
    monkeypatch.setattr(font_module, "fontconfig_fonts", lambda: [])
    font_module.cjk_font.cache_clear()
    try:
        with pytest.raises(ReportError, match="fonts-noto-cjk"):
            font_module.cjk_font()
    finally:
        font_module.cjk_font.cache_clear()


def test_report_without_pending_court_or_searches(store):
    collection = coll.create_collection(store, "空包")
    text = render(build_report(store, collection, now=NOW), "md").decode("utf-8")
    assert "本案例包未记录检索" in text and "（未填写）" in text
    assert "共检索并纳入 0 件案例" in text


def test_cli_report_writes_each_format(store, tmp_path, context):
    data = context.config["data_dir"]
    context.close()
    for fmt in ("docx", "md"):
        out = tmp_path / f"report.{fmt}"
        cmd = [sys.executable, "-m", "casebook", "--data-dir", data, "report", "恶意差评", "--output", str(out),
               "--pending-case", "张某敲诈勒索案", "--pending-court", "江苏省海门市人民法院", "--searcher", "王律师"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    text, _ = docx_text((tmp_path / "report.docx").read_bytes())
    assert "王律师" in text and "（四）上一级人民法院及本院案例（2 件）" in text
    assert "（2023）苏0684刑初200号" in (tmp_path / "report.md").read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "casebook", "--data-dir", data, "report", "恶意差评", "--output",
                          str(tmp_path / "r.md"), "--pending-court", "火星法院"], capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "无法识别待决案件的审理法院" in bad.stderr and "Traceback" not in bad.stderr
