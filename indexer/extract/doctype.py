"""Document type, case type and procedure of a judgment.

document_type: 判决书/裁定书/调解书/决定书/通知书/支付令/令 (保护令, 禁令) from the printed title,
else from the operative phrase (判决如下/裁定如下/决定如下).
case_type: the 大类 of the 类型代字 in the case-type standard — 刑事/民事/行政/国家赔偿/执行/管辖/
区际司法协助/国际司法协助/司法制裁/强制清算与破产; 非诉保全审查 (财保/行保/证保) counts as 民事,
as China Judgments Online files it — else the title's 刑事/民事/…
procedure (kept coarse so that publisher labels compare): 一审, 二审, 再审 (the retrial itself),
审判监督 (review of a retrial application/protest), 复核, 执行 (implementation and review alike),
执行变更 (刑罚与执行变更: 减刑/假释), 非诉 (non-litigation enforcement or preservation review), 特别程序, 督促程序,
公示催告, 管辖, 破产, 司法制裁, 司法救助, 其他.
"""
from __future__ import annotations

import re
from functools import cache

from indexer.reference import case_type_markers

from .casenumber import find_own_case_number, header_end

_KIND = r"刑\s*事|民\s*事|行\s*政|执\s*行|国\s*家\s*赔\s*偿|司\s*法\s*赔\s*偿|赔\s*偿"
_DOC = r"判\s*决\s*书|裁\s*定\s*书|调\s*解\s*书|决\s*定\s*书|通\s*知\s*书|支\s*付\s*令|保\s*护\s*令|禁\s*令"
TITLE_RE = re.compile(rf"(?P<kind>{_KIND})?\s*(?P<doc>{_DOC})")
_OPERATIVE = (("判决如下", "判决书"), ("裁定如下", "裁定书"), ("决定如下", "决定书"), ("调解协议", "调解书"))
_CATEGORY = {
    "01": "管辖", "02": "刑事", "03": "民事", "04": "行政", "05": "国家赔偿", "06": "区际司法协助",
    "07": "国际司法协助", "08": "司法制裁", "09": "民事", "10": "执行", "11": "强制清算与破产",
}
# The review of an agency's application to enforce its decision (行审 cases) is titled so without 行政.
_ADMIN_REVIEW = re.compile(r"非诉(?:行政)?执行审查|行政非诉")
_KIND_NAMES = {"刑事": "刑事", "民事": "民事", "行政": "行政", "执行": "执行", "国家赔偿": "国家赔偿",
               "司法赔偿": "国家赔偿", "赔偿": "国家赔偿"}
_LEAD_TYPES = {"刑": "刑事", "民": "民事", "商": "民事", "劳": "民事", "经": "民事", "行": "行政",
               "执": "执行", "赔": "国家赔偿", "破": "强制清算与破产"}
# (pattern on the type marker, procedure), first match wins.
_MARKER_PROCEDURES = [(re.compile(p), procedure) for p, procedure in [
    (r"^刑(?:更|执)", "执行变更"), (r"执", "执行"), (r"^(?:行审|行非审|财保|行保|证保)", "非诉"),
    (r"^(?:破|清|强清)", "破产"), (r"^司惩", "司法制裁"), (r"^司救", "司法救助"), (r"核", "复核"),
    (r"初|撤|重", "一审"), (r"终", "二审"), (r"再", "再审"), (r"[监申抗提]", "审判监督"),
    (r"民特", "特别程序"), (r"民督", "督促程序"), (r"民催", "公示催告"), (r"辖", "管辖"),
]]
_TITLE_PROCEDURES = [("非诉", "非诉"), ("刑罚变更", "执行变更"), ("减刑", "执行变更"), ("假释", "执行变更"),
                     ("一审", "一审"), ("二审", "二审"), ("再审", "再审"), ("审判监督", "审判监督"),
                     ("复核", "复核"), ("执行", "执行")]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _heading(text: str) -> str:
    own = find_own_case_number(text, None)
    return text[: own.start] if own else text[: header_end(text)]


def printed_title(text: str, title: str | None) -> re.Match | None:
    """The document name as printed: the last match in the title, else in the text's heading."""
    for source in (title or "", _heading(text)):
        found = list(TITLE_RE.finditer(source))
        if found:
            return found[-1]
    return None


def document_type(text: str, printed: re.Match | None) -> str | None:
    if printed:
        doc = _squash(printed["doc"])
        return "令" if doc in ("保护令", "禁令") else doc
    for phrase, doc in _OPERATIVE:
        if phrase in text:
            return doc
    return None


@cache
def case_type_of_marker(marker: str) -> str | None:
    """刑事 for 刑初, 执行 for 执恢, 行政 for 知行初 (2018 专门审判代字 stripped), None if unknown."""
    known = case_type_markers().get(marker) or case_type_markers().get(marker.removeprefix("知"))
    if known:
        return _CATEGORY.get(known[0][:2])
    bare = marker.removeprefix("知") or marker
    if "执" in bare and not bare.startswith("刑"):
        return "执行"
    return _LEAD_TYPES.get(bare[0])


@cache
def procedure_of_marker(marker: str) -> str | None:
    """一审 for 刑初, 执行 for 执异, 其他 for a standard marker no rule covers (刑医), None if unknown."""
    bare = marker.removeprefix("知") or marker
    for pattern, procedure in _MARKER_PROCEDURES:
        if pattern.search(bare):
            return procedure
    return "其他" if bare in case_type_markers() else None


def _case_type_from_text(text: str, printed: re.Match | None, title: str | None = None) -> str | None:
    if printed and printed["kind"]:
        return _KIND_NAMES[_squash(printed["kind"])]
    if _ADMIN_REVIEW.search(title or ""):
        return "行政"
    if "公诉机关" in text[:2000] or "被告人" in text[:2000]:
        return "刑事"
    if "申请执行人" in text[:2000]:
        return "执行"
    if re.search(r"纠纷一案|纠纷案", text[:2000]):
        return "民事"
    return None


def _procedure_from_text(text: str, title: str | None) -> str | None:
    for word, procedure in _TITLE_PROCEDURES:
        if word in (title or ""):
            return procedure
    head = text[:3000]
    if "再审申请人" in head:
        return "审判监督"
    if "被上诉人" in head or "上诉人" in head[:300]:
        return "二审"
    if re.search(r"公诉机关|原告|起诉人|自诉人", head[:600]):
        return "一审"
    return None


def classify(text: str, title: str | None = None, parts: dict | None = None) -> tuple:
    """(document_type, case_type, procedure); each None when nothing tells."""
    printed = printed_title(text, title)
    marker = (parts or {}).get("type_marker") or ""
    case_type = (case_type_of_marker(marker) if marker else None) or _case_type_from_text(text, printed, title)
    procedure = (procedure_of_marker(marker) if marker else None) or _procedure_from_text(text, title)
    return document_type(text, printed), case_type, procedure
