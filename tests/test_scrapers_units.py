"""Spec tables for the pure parts of the scrapers: charsets and formats, walls, Retry-After, news facts."""
from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.decode import FormatError, decode_text, read_document, sniff_format
from scrapers.fetch import FetchConfig, challenge_reason, retry_after_seconds
from scrapers.news import (find_charges, find_news_court, find_news_platforms, find_remedies, find_sentences,
                           news_record_from_text)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_5bbc2ed53a9ecae7.txt"

DECODE_ROWS = [
    # UTF-8 bytes under a header that says GBK (the header lies)
    ("判决书".encode("utf-8"), "text/html; charset=gbk", "判决书"),
    # GBK bytes under a header that says UTF-8
    ("民事调解书".encode("gbk"), "text/html; charset=utf-8", "民事调解书"),
    # GB18030-only character in a page declared GB2312
    ("㐀判决".encode("gb18030"), "text/html; charset=gb2312", "㐀判决"),
    # UTF-8 with a byte-order mark and no header
    ("\ufeff裁定书".encode("utf-8"), None, "裁定书"),
]


@pytest.mark.parametrize("data, content_type, expected", DECODE_ROWS)
def test_decode_text(data, content_type, expected):
    assert decode_text(data, content_type) == expected


FORMAT_ROWS = [
    # China Judgments Online ".doc" download that is really HTML
    (b"<html><body><div>x</div></body></html>", "application/msword", "https://w/down.doc", "html"),
    # JSON served as text/plain
    (b'{"s1": "x"}', "text/plain", "https://w/a", "json"),
    # PDF by its magic bytes, whatever the header says
    (b"%PDF-1.7\n", "application/octet-stream", "https://w/a", "pdf"),
    # DOCX (a zip) by its magic bytes
    (b"PK\x03\x04rest", "application/octet-stream", "https://w/a.bin", "docx"),
    # plain text judgment
    ("某市人民法院\n刑事判决书".encode(), "text/plain; charset=utf-8", "https://w/a.txt", "text"),
]


@pytest.mark.parametrize("data, content_type, url, expected", FORMAT_ROWS)
def test_sniff_format(data, content_type, url, expected):
    assert sniff_format(data, content_type, url) == expected


def test_binary_word97_and_empty_pages_are_clear_errors():
    with pytest.raises(FormatError, match="docx"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "application/msword")
    with pytest.raises(FormatError, match="空"):
        read_document(b"  \n", "text/html")


WALL_ROWS = [
    # a CAPTCHA form served with 200
    (200, "https://w/list", "text/html", '<form><img src="/c.jpg">请输入验证码<input name="c"></form>', True),
    # a login form (password input)
    (200, "https://w/x", "text/html", '<form><input type="password" name="p"></form>', True),
    # redirected to a login path
    (200, "https://w/passport/login?next=/x", "text/html", "<p>欢迎</p>", True),
    # 401 from an API
    (401, "https://w/api", "application/json", '{"code":401}', True),
    # a refusal
    (403, "https://w/x", "text/html", "Forbidden", True),
    # a long judgment that mentions 验证码 (a fraud case) is not a wall
    (200, "https://w/j", "text/html", "<p>" + "被告人骗取被害人的短信验证码。" * 400 + "</p>", False),
    # an ordinary page
    (200, "https://w/j", "text/html", "<p>刑事判决书</p>", False),
]


@pytest.mark.parametrize("status, url, content_type, body, walled", WALL_ROWS)
def test_challenge_reason(status, url, content_type, body, walled):
    assert bool(challenge_reason(status, url, content_type, body.encode())) is walled


def test_retry_after_and_config():
    assert retry_after_seconds("3") == 3.0  # seconds
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past
    assert retry_after_seconds(None) is None
    config = FetchConfig.from_config({"contact": "mailto:a@b.c", "timeout": 5, "sources": {"wenshu": {"timeout": 9}}},
                                     "wenshu")
    assert (config.timeout, config.agent) == (9, "Casebook/0.1 (+mailto:a@b.c)")


NEWS_COURT_ROWS = [
    # news abbreviation of a basic court
    ("海门法院一审判决", "江苏省海门市人民法院"),
    # intermediate court abbreviation
    ("南通中院二审维持原判", "江苏省南通市中级人民法院"),
    # full name as printed
    ("江苏省海门市人民法院审理", "江苏省海门市人民法院"),
    # a court that is not named
    ("法院经审理认为", None),
]


@pytest.mark.parametrize("text, expected", NEWS_COURT_ROWS)
def test_find_news_court(text, expected):
    court = find_news_court(text)
    assert (court or {}).get("name") == expected


def test_news_rules():
    # charges: the longest official name ending at 罪; former names mapped
    assert find_charges("其行为已构成敲诈勒索罪，又犯盗窃罪") == ["敲诈勒索罪", "盗窃罪"]
    # remedies: awarded amounts only, typed by the nearest remedy word; claims left out
    assert [(r["type"], r["amount_yuan"]) for r in find_remedies(
        "原告请求赔偿10万元。法院判决被告赔偿原告经济损失5万元及维权合理开支8000元。")] == [
        ("赔偿损失", 50000.0), ("合理开支", 8000.0)]
    # sentences: one per defendant named before 判处
    sentences = find_sentences("刘某、何某因犯敲诈勒索罪被判处有期徒刑十个月，缓刑一年，并处罚金人民币一万元。")
    assert [(s["defendant"], s["months"], s["probation_months"], s["fine_yuan"]) for s in sentences] == [
        ("刘某", 10, 12, 10000.0), ("何某", 10, 12, 10000.0)]
    # platforms: the suing platform is a party, a marketplace mention a venue
    assert find_news_platforms("淘宝网诉差评师；卖家在京东开店") == [
        {"name": "淘宝", "company": "浙江淘宝网络有限公司", "role": "party"},
        {"name": "京东", "company": "北京京东世纪贸易有限公司", "role": "venue"}]


def test_seed_news_article():
    if not SEED.exists():
        pytest.skip(f"{SEED} not available (../shared is not checked out)")
    record = news_record_from_text(SEED.read_text(encoding="utf-8"))
    assert record.kind == "news_report"
    assert record.court["name"] == "江苏省海门市人民法院"
    assert record.charges == ["敲诈勒索罪"]
    assert {(r["type"], r["amount_yuan"]) for r in record.remedies} == {("赔偿损失", 1.0), ("合理开支", 20000.0)}
    assert [p["name"] for p in record.platforms] == ["淘宝"]
    assert record.title.startswith("淘宝网诉差评师索赔一元")
