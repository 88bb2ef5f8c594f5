"""News reports about cases → `news_report` records with the facts the report states.

General reading rules for Chinese court news, not tuned to one article: courts as news names
them (海门法院, 南通中院, full names) resolved against the court table; charges ending in 罪
normalised through `indexer.reference`; 案由 from the cause lists; anonymised parties (杜某);
sentences after 判处; remedies from amounts in clauses that award (赔偿/损失/合理开支) after a
decision word, never from claims (索赔/请求); platforms by name.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from casebook.record import EXTRACTED_FIELDS, Record, Source, derive_id, sha256_text
from indexer import reference
from indexer.extract.numbers import all_amounts_yuan, months

_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
             "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
             "覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
             "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
             "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商"
             "刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_ROLES = "被告人|被告单位|被告|原告|上诉人|被上诉人|犯罪嫌疑人|申请人|被申请人|第三人|被执行人|申请执行人"
# 某 followed by a measure word is "some" (构成某种…, 某些), not a name.
_PERSON = re.compile(rf"(?P<role>{_ROLES})?(?P<name>[{_SURNAMES}]某{{1,2}}[甲乙丙丁]?)(?![种些个项处地日时方年月天位次件类])")
_COURT_END = re.compile(r"法院|中院|高院")
_DECISION = re.compile(r"判决|判令|判处|判赔|判定|宣判|裁定|调解|一审|二审|终审")
_CLAIM = re.compile(r"索赔|请求|诉请|诉求|要求|主张|并非|不是|没有")
_REMEDY_WORDS = (("合理开支", ("合理开支", "合理支出", "合理费用", "维权费", "维权开支", "制止侵权")),
                 ("赔偿损失", ("赔偿", "损失")))
_PENALTIES = ("无期徒刑", "死刑", "有期徒刑", "拘役", "管制", "免予刑事处罚")
_HEADER = {
    "published": re.compile(r"(?:发布时间|发布日期|时间)[:：]?\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})"),
    "publisher": re.compile(r"来源[:：]\s*([^\s|｜]+)"),
}
_BARE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T]\d{1,2}:\d{2}")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_BREADCRUMB = re.compile(r"^(您的位置|当前位置|你的位置|首页\s*[>》])")
# name → (aliases, operating company); the company only where it is well established.
PLATFORMS = {
    "淘宝": (("淘宝网", "淘宝公司", "淘宝"), "浙江淘宝网络有限公司"),
    "天猫": (("天猫",), "浙江天猫网络有限公司"),
    "京东": (("京东",), "北京京东世纪贸易有限公司"),
    "拼多多": (("拼多多",), "上海寻梦信息技术有限公司"),
    "大众点评": (("大众点评",), "上海汉涛信息咨询有限公司"),
    "美团": (("美团",), "北京三快在线科技有限公司"),
    "饿了么": (("饿了么",), "上海拉扎斯信息科技有限公司"),
    "闲鱼": (("闲鱼",), None),
    "抖音": (("抖音",), "北京微播视界科技有限公司"),
    "快手": (("快手",), "北京快手科技有限公司"),
    "微信": (("微信",), "深圳市腾讯计算机系统有限公司"),
    "微博": (("新浪微博", "微博"), "北京微梦创科网络技术有限公司"),
    "支付宝": (("支付宝",), "支付宝（中国）网络技术有限公司"),
    "小红书": (("小红书",), "行吟信息科技（上海）有限公司"),
}


def _court_aliases(short_name: str, province: str) -> set[str]:
    """Names news uses for a court: 海门法院, 海门市法院, 南通中院, 江苏高院…"""
    bare = short_name[len(province):] if province and short_name.startswith(province) else short_name
    names = {short_name, bare, province + bare}
    for suffix, abbreviations in (("中级人民法院", ("中院", "中级法院")), ("高级人民法院", ("高院", "高级法院")),
                                  ("人民法院", ("法院",))):
        if bare.endswith(suffix):
            stem = bare[: -len(suffix)]
            stems = {stem} | ({stem[:-1]} if len(stem) >= 3 and stem[-1] in "省市县区" else set())
            names |= {s + a for s in stems for a in abbreviations if s}
            break
    return names


@cache
def court_aliases() -> dict[str, reference.Court]:
    """Alias → court; aliases shared by several courts are left out."""
    found: dict[str, set[str]] = {}
    for code, court in reference.courts_by_code().items():
        for alias in _court_aliases(court.short_name, court.province):
            found.setdefault(alias, set()).add(code)
    return {alias: reference.courts_by_code()[next(iter(codes))]
            for alias, codes in found.items() if len(codes) == 1 and len(alias) >= 4}


def court_record(court: reference.Court) -> dict:
    """The design's court dict, with the official full name (province prefix where it is used)."""
    name = court.short_name
    if court.province and not name.startswith(court.province[:2]) and court.level != "最高":
        name = court.province + name
    parent = reference.courts_by_code().get(court.parent_code)
    seat = court if court.level.startswith("中级") else parent
    city = None
    if seat and seat.level.startswith(("中级", "专门(中级)")):
        city = re.sub(r"(中级人民法院|人民法院)$", "", seat.short_name)[len(seat.province):] or None
    return {"name": name, "short_name": court.short_name, "code": court.code, "level": court.level,
            "province": court.province or None, "city": city}


def find_news_court(text: str) -> dict | None:
    """The court a report names most often (first mention breaks ties)."""
    aliases, hits = court_aliases(), []
    for match in _COURT_END.finditer(text):
        end = match.end()
        for start in range(max(0, end - 18), end - 3):
            if text[start:end] in aliases:
                hits.append(aliases[text[start:end]])
                break
    if not hits:
        return None
    counts = Counter(c.code for c in hits)
    best = max(hits, key=lambda c: (counts[c.code], -hits.index(c)))
    return court_record(best)


def find_charges(text: str) -> list[str]:
    """Official names of the charges written as …罪 (the longest valid name ending at each 罪)."""
    out = []
    for match in re.finditer("罪", text):
        for start in range(max(0, match.end() - 20), match.end() - 2):
            name = reference.normalise_charge(text[start:match.end()])
            if name:
                out.append(name)
                break
    return list(dict.fromkeys(out))


def find_causes(text: str) -> list[str]:
    names, out = reference.civil_cause_names() | reference.admin_cause_names(), []
    for match in re.finditer("纠纷", text):
        for start in range(max(0, match.end() - 20), match.end() - 2):
            if text[start:match.end()] in names:
                out.append(text[start:match.end()])
                break
    return list(dict.fromkeys(out))


def find_people(text: str) -> list[dict]:
    people: dict[str, dict] = {}
    for match in _PERSON.finditer(text):
        entry = people.setdefault(match["name"], {"name": match["name"], "role": None, "kind": "person",
                                                  "agents": []})
        entry["role"] = entry["role"] or match["role"]
    return list(people.values())


def find_news_platforms(text: str) -> list[dict]:
    out = []
    for name, (aliases, company) in PLATFORMS.items():
        positions = [m.end() for a in aliases for m in re.finditer(re.escape(a), text)]
        if not positions:
            continue
        sues = any(re.match(r"(?:公司|平台)?(?:诉|起诉|提起|向法院)", text[p:p + 6]) for p in positions)
        out.append({"name": name, "company": company, "role": "party" if sues else "venue"})
    return out


def _clauses(sentence: str) -> list[str]:
    return [c for c in re.split(r"[，,；;：:]", sentence) if c.strip()]


def remedy_type(before: str) -> str | None:
    """The remedy named by the last remedy word before an amount."""
    found = [(before.rfind(w), kind) for kind, words in _REMEDY_WORDS for w in words if w in before]
    return max(found)[1] if found else None


def find_remedies(text: str) -> list[dict]:
    """Awarded amounts: clauses after a decision word in the same sentence, claims and negations left out."""
    out = []
    for sentence in re.split(r"[。！？\n]", text):
        decided = _DECISION.search(sentence)
        if not decided:
            continue
        offset = 0
        for clause in _clauses(sentence):
            offset = sentence.find(clause, offset)
            if offset + len(clause) < decided.end() or _CLAIM.search(clause):
                continue
            payees = [p["name"] for p in find_news_platforms(clause)]
            previous = 0
            for amount, start, end in all_amounts_yuan(clause):
                kind = remedy_type(clause[previous:start]) or remedy_type(clause[:start])
                previous = end
                if kind:
                    out.append({"type": kind, "amount_yuan": amount, "payers": [], "payees": payees,
                                "joint": "共同" in sentence or "连带" in sentence})
    unique = {(r["type"], r["amount_yuan"]): r for r in out}
    return list(unique.values())


def find_sentences(text: str) -> list[dict]:
    """One entry per defendant named in the clause that leads to 判处 (…刘某、何某因犯…罪被判处…)."""
    out = []
    for match in re.finditer(r"判处([^。；;]*)", text):
        span = match.group(1)
        penalty = next((p for p in _PENALTIES if p in span), None)
        if not penalty:
            continue
        lead = re.split(r"[，,。；;]", text[max(0, match.start() - 60):match.start()])[-1]
        names = [m["name"] for m in _PERSON.finditer(lead + span.split(penalty)[0])]
        term, _, rest = span.partition("缓刑")
        fines = [a for a, s, _ in all_amounts_yuan(span) if "罚金" in span[max(0, s - 8):s]]
        for name in dict.fromkeys(names or [None]):
            out.append({"defendant": name, "charges": find_charges(lead), "penalty": penalty,
                        "months": months(term.split("罚金")[0]),
                        "probation_months": months(rest.split("，")[0]) if rest else None,
                        "fine_yuan": fines[0] if fines else None, "confiscation": None,
                        "political_rights_months": None, "combined": False})
    return out


def find_decision_date(text: str) -> str | None:
    for match in _DATE.finditer(text):
        if _DECISION.search(text[match.end():match.end() + 30]):
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def header_fields(text: str) -> dict:
    """published (ISO date) and publisher from a header line (发布时间/来源, or `2021-06-19 09:12 | 来源:…`)."""
    head, out = text[:600], {}
    for line in head.split("\n"):
        bare = _BARE_DATE.match(line.strip())
        if bare and "published" not in out:
            out["published"] = "-".join(bare.groups())
    match = _HEADER["published"].search(head)
    if match and "published" not in out:
        out["published"] = "{:04d}-{:02d}-{:02d}".format(*(int(g) for g in match.groups()))
    match = _HEADER["publisher"].search(head)
    if match:
        out["publisher"] = match.group(1)
    return out


def body_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not _BREADCRUMB.match(line.strip())]


def news_facts(text: str) -> dict:
    """The extracted fields a news report states (shapes as in docs/design.md)."""
    charges = find_charges(text)
    return {
        "court": find_news_court(text), "charges": charges, "causes": find_causes(text),
        "parties": find_people(text), "sentences": find_sentences(text) if charges else [],
        "remedies": find_remedies(text), "platforms": find_news_platforms(text),
        "date": find_decision_date(text),
    }


def news_record_from_text(text: str, url: str | None = None, title: str | None = None,
                          source_name: str = "news", **publication) -> Record:
    """A `news_report` record from a report's plain text (or HTML converted to text)."""
    lines = body_lines(text)
    if not lines:
        raise ValueError("新闻正文为空")
    title = (title or lines[0]).strip()
    body = "\n".join(lines)
    header = header_fields(body)
    record = Record(
        id=derive_id("news", url or sha256_text(body)),
        kind="news_report",
        title=title,
        full_text=body,
        publication={"publisher": publication.get("publisher") or header.get("publisher"),
                     "published": publication.get("published") or header.get("published"),
                     "url": url, "seen_at_url": url, "note": publication.get("note")},
        source=Source(name=source_name, url=url),
    )
    for name, value in news_facts(body).items():
        setattr(record, name, value)
    record.given_fields = list(EXTRACTED_FIELDS)  # the report's own facts; extraction must not replace them
    return record
