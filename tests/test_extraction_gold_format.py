"""Shape of the hand-labelled gold set in tests/gold/ (conventions in tests/gold/README.md)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import cn2an
import pytest

from indexer.reference import charge_articles

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
JUDGMENTS = SHARED / "data" / "judgments" / "judgments.jsonl"

REQUIRED = {"id", "note", "case_number", "case_number_parts", "sections_present", "parties", "judges"}
OPTIONAL = {"agents", "charges", "sentences", "circumstances", "remedies", "court_fees", "platforms", "statutes"}
SECTIONS = {"header", "parties", "procedural_history", "claims", "facts", "reasoning", "legal_basis",
            "operative", "costs", "appeal_notice", "signature", "appendix"}
PENALTIES = {"管制", "拘役", "有期徒刑", "无期徒刑", "死刑", "免予刑事处罚", "无罪"}
TERM_PENALTIES = {"管制", "拘役", "有期徒刑"}
CIRCUMSTANCES = {"自首", "坦白", "立功", "累犯", "从犯", "主犯", "未遂", "退赃退赔", "取得谅解", "认罪认罚"}
REMEDIES = {"赔偿损失", "合理开支", "赔礼道歉", "消除影响", "停止侵权", "返还", "支付", "违约金", "利息",
            "精神损害抚慰金"}
CASE_NUMBER = re.compile(r"^（(\d{4})）(.+?)(\d+)号(之[一二三四五六七八九十]+)?$")
ARTICLE_SUFFIX = re.compile(r"^之[一二三四五六七八九十]+$")


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_amount(value) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0)


def case_number_problems(gold: dict) -> list[str]:
    number, parts = gold["case_number"], gold["case_number_parts"] or {}
    match = CASE_NUMBER.match(number or "")
    if not match:
        return [f"case_number not in full-width normal form: {number!r}"]
    out = []
    if parts.get("year") != int(match.group(1)):
        out.append("case_number_parts.year differs from the number")
    if parts.get("serial") != match.group(3) or parts.get("type_marker", "") not in match.group(2):
        out.append("case_number_parts serial/type_marker differ from the number")
    if parts.get("court_code") is not None and not match.group(2).startswith(parts["court_code"]):
        out.append("case_number_parts.court_code differs from the number")
    return out


def sentence_problems(sentence: dict, names: set[str]) -> list[str]:
    out = [] if sentence.get("defendant") in names else [f"sentence defendant not a party: {sentence}"]
    penalty, months = sentence.get("penalty"), sentence.get("months")
    if penalty not in PENALTIES:
        out.append(f"unknown penalty {penalty!r}")
    if penalty in TERM_PENALTIES and not (is_int(months) and months > 0):
        out.append(f"months must be a positive integer for {penalty}: {months!r}")
    if penalty not in TERM_PENALTIES and months is not None:
        out.append(f"months given for {penalty}")
    if not (sentence.get("probation_months") is None or is_int(sentence["probation_months"])):
        out.append("probation_months must be an integer or null")
    if not is_amount(sentence.get("fine_yuan")):
        out.append("fine_yuan must be a number or null")
    return out


def statute_problems(statutes: list) -> list[str]:
    """One entry per cited article: a full title without 《》 and a positive article number."""
    out, seen = [], set()
    for s in statutes:
        law, article, suffix = s.get("law"), s.get("article"), s.get("article_suffix")
        if not isinstance(law, str) or not law or "《" in law or "》" in law:
            out.append(f"statute law must be a title without 《》: {s}")
        if not (is_int(article) and article > 0):
            out.append(f"statute article must be a positive integer: {s}")
        if suffix is not None and not (isinstance(suffix, str) and ARTICLE_SUFFIX.match(suffix)):
            out.append(f"statute article_suffix must be 之一, 之二, …: {s}")
        if set(s) - {"law", "article", "article_suffix"}:
            out.append(f"statute with unknown keys: {s}")
        key = (law, article, suffix)
        if key in seen:
            out.append(f"statute listed twice: {s}")
        seen.add(key)
    return out


def problems(gold: dict, known_ids: set[str]) -> list[str]:
    """Everything wrong with one gold record; [] when it is well formed."""
    keys = set(gold)
    out = [f"missing keys {sorted(REQUIRED - keys)}"] if REQUIRED - keys else []
    out += [f"unknown keys {sorted(keys - REQUIRED - OPTIONAL)}"] if keys - REQUIRED - OPTIONAL else []
    if out:
        return out
    if gold["id"] not in known_ids:
        out.append(f"id not in the shared judgments: {gold['id']}")
    out += case_number_problems(gold)
    out += [f"unknown section {s}" for s in gold["sections_present"] if s not in SECTIONS]
    names = {p.get("name") for p in gold["parties"]}
    out += [f"party without name/role: {p}" for p in gold["parties"] if not p.get("name") or not p.get("role")]
    out += [f"judge without name/role: {j}" for j in gold["judges"] if not j.get("name") or not j.get("role")]
    out += [f"agent needs name, role, law_firm: {a}" for a in gold.get("agents", [])
            if not a.get("name") or not a.get("role") or "law_firm" not in a]
    out += [f"charge not an official name in force: {c}" for c in gold.get("charges", [])
            if c not in charge_articles()]
    for sentence in gold.get("sentences", []):
        out += sentence_problems(sentence, names)
    out += [f"bad circumstance {c}" for c in gold.get("circumstances", [])
            if c.get("kind") not in CIRCUMSTANCES or c.get("defendant") not in names]
    out += [f"bad remedy {r}" for r in gold.get("remedies", [])
            if r.get("type") not in REMEDIES or not is_amount(r.get("amount_yuan"))]
    fees = gold.get("court_fees")
    if fees is not None and not (isinstance(fees, dict) and is_amount(fees.get("amount_yuan"))):
        out.append(f"bad court_fees {fees}")
    out += [f"platform must be a name: {p!r}" for p in gold.get("platforms", []) if not isinstance(p, str) or not p]
    out += statute_problems(gold.get("statutes", []))
    return out


def load_gold() -> dict[Path, dict]:
    return {path: json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD_DIR.glob("*.json"))}


@pytest.fixture(scope="module")
def known_ids() -> set[str]:
    if not JUDGMENTS.exists():
        pytest.skip(f"shared judgments not found at {JUDGMENTS}")
    with open(JUDGMENTS, encoding="utf-8") as fh:
        return {json.loads(line)["id"] for line in fh}


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem[:40])
def test_gold_file_is_well_formed(path: Path, known_ids: set[str]):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == gold["id"].replace("/", "_") + ".json"
    assert problems(gold, known_ids) == []


def test_gold_set_size_and_mix(known_ids: set[str]):
    golds = load_gold().values()
    criminal = [g for g in golds if g["case_number_parts"]["type_marker"].startswith("刑")]
    assert len(golds) >= 40
    assert len(criminal) >= 20 and len(golds) - len(criminal) >= 12


def texts_by_id() -> dict[str, str]:
    with open(JUDGMENTS, encoding="utf-8") as fh:
        return {r["id"]: r.get("full_text") or "" for r in map(json.loads, fh)}


def unprinted_articles(gold: dict, text: str) -> list[str]:
    """Gold statute articles the judgment never prints as 第…条 (or 第…、 sharing a later 条): typos."""
    squashed = re.sub(r"\s", "", text).replace("〇", "零")
    out = []
    for s in gold.get("statutes", []):
        number, suffix = cn2an.an2cn(s["article"]), s.get("article_suffix") or ""
        if not re.search(rf"第{number}(?:条{suffix}|、)", squashed):
            out.append(f"{s['law']} 第{number}条{suffix}")
    return out


def test_gold_statute_articles_are_printed(known_ids: set[str]):
    texts = texts_by_id()
    missing = {g["id"]: unprinted_articles(g, texts[g["id"]]) for g in load_gold().values()}
    assert {k: v for k, v in missing.items() if v} == {}


GOOD = {
    "id": "x", "note": "read", "case_number": "（2017）浙0382刑初1号",
    "case_number_parts": {"year": 2017, "court_code": "浙0382", "type_marker": "刑初", "serial": "1"},
    "sections_present": ["header"], "parties": [{"name": "甲", "role": "被告人"}], "judges": [],
}


@pytest.mark.parametrize("change, expected", [
    ({}, None),                                                           # the valid baseline
    ({"sentences": [{"defendant": "甲", "penalty": "有期徒刑", "months": 6.5}]}, "months"),  # months not integer
    ({"sentences": [{"defendant": "甲", "penalty": "缓刑", "months": 6}]}, "penalty"),       # not a penalty
    ({"sentences": [{"defendant": "乙", "penalty": "拘役", "months": 3}]}, "defendant"),     # unknown defendant
    ({"circumstances": [{"defendant": "甲", "kind": "初犯"}]}, "circumstance"),            # outside closed set
    ({"remedies": [{"type": "赔偿", "amount_yuan": 5}]}, "remedy"),                        # not a remedy type
    ({"charges": ["盗窃"]}, "charge"),                                                    # name without 罪
    ({"sections_present": ["verdict"]}, "section"),                                       # unknown section
    ({"case_number": "(2017)浙0382刑初1号"}, "full-width"),                                # half-width brackets
    ({"case_number_parts": {"year": 2016, "court_code": "浙0382", "type_marker": "刑初", "serial": "1"}}, "year"),
    ({"id": "missing-id"}, "id not in"),                                                  # id not in the data
    ({"verdict": 1}, "unknown keys"),                                                     # stray key
    ({"statutes": [{"law": "中华人民共和国刑法", "article": 133, "article_suffix": "之一"}]}, None),  # inserted article
    ({"statutes": [{"law": "《中华人民共和国刑法》", "article": 264}]}, "without 《》"),      # title marks kept
    ({"statutes": [{"law": "", "article": 264}]}, "without 《》"),                          # empty title
    ({"statutes": [{"law": "中华人民共和国刑法", "article": "第二百六十四条"}]}, "positive integer"),  # article as text
    ({"statutes": [{"law": "中华人民共和国刑法", "article": 0}]}, "positive integer"),       # not an article number
    ({"statutes": [{"law": "中华人民共和国刑法", "article": True}]}, "positive integer"),    # bool is not an int here
    ({"statutes": [{"law": "中华人民共和国刑法", "article": 133, "article_suffix": "1"}]}, "suffix"),  # bad suffix
    ({"statutes": [{"law": "中华人民共和国刑法", "article": 67, "paragraph": 3}]}, "unknown keys"),  # law+article only
    ({"statutes": [{"law": "中华人民共和国刑法", "article": 67}] * 2}, "twice"),            # one entry per article
])
def test_validator_catches_malformed_gold(change, expected):
    gold = {**GOOD, **change}
    found = problems(gold, {"x"})
    assert (found == []) if expected is None else any(expected in p for p in found), found


@pytest.mark.parametrize("text, statute, printed", [
    ("依照第二百六十四条之规定", {"article": 264}, True),                        # plain citation
    ("依照第一百零七、第一百九十六条", {"article": 107}, True),                  # 条 shared with the next article
    ("依照第二百六十四条之规定", {"article": 265}, False),                       # typo in the gold
    ("依照第一百三十三条之规定", {"article": 133, "article_suffix": "之一"}, False),  # the suffix must be printed
    ("第二百二十四条 之一、第二十五条", {"article": 224, "article_suffix": "之一"}, True),  # spaces ignored
])
def test_unprinted_articles(text, statute, printed):
    assert (unprinted_articles({"statutes": [{"law": "中华人民共和国刑法", **statute}]}, text) == []) is printed
