"""The report as a list of blocks (headings, paragraphs, label/value fields, tables), in Chinese.

Each renderer (Markdown, DOCX, PDF) only maps these four block types to its format, so the
wording and order of the report live here once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from corpus.collections import METHODS

from .model import Report, ReportCase

NUMERALS = "一二三四五六七八九十"
SIMILAR = {True: "是", False: "否", None: "未判断"}
GUIDANCE = "《最高人民法院关于统一法律适用加强类案检索的指导意见（试行）》"


@dataclass
class Heading:
    level: int  # 0: the title, 1: a part, 2: a tier, 3: a case
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Fields:
    rows: list[tuple[str, str]]


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Block = Heading | Paragraph | Fields | Table


def outline(report: Report) -> list[Block]:
    return [
        Heading(0, report.title),
        Heading(1, "一、基本情况"), Fields(basics(report)),
        Heading(1, "二、检索条件与方法"), *searches(report),
        Heading(1, f"三、检索结果（按{GUIDANCE}第四条的顺位）"), *results(report),
        Heading(1, "四、检索结论"), *[Paragraph(text) for text in conclusion(report)],
    ]


def basics(report: Report) -> list[tuple[str, str]]:
    rows = [
        ("待决案件", report.pending_case or "（未填写）"),
        ("待决案件审理法院", report.pending_court or "（未填写；“上一级人民法院及本院”一档无法区分）"),
        ("检索主体", report.searcher),
        ("报告生成时间", report.generated_at.strftime("%Y-%m-%d %H:%M")),
        ("检索平台", "Casebook 本地语料库"),
        ("语料库快照", snapshot(report.corpus_count, report.corpus_last_import)),
    ]
    if report.collection.description:
        rows.append(("案例包说明", report.collection.description))
    return rows


def snapshot(count: int, last_import: str | None) -> str:
    return f"共 {count} 件文书，最近导入于 {stamp(last_import) if last_import else '（无）'}"


def stamp(iso: str) -> str:
    """A stored UTC timestamp as local time to the minute."""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def searches(report: Report) -> list[Block]:
    if not report.searches:
        return [Paragraph("本案例包未记录检索；案例系人工加入。")]
    header = ["序号", "检索方法", "检索条件", "筛选条件", "检索时间", "语料库快照", "命中"]
    rows = [
        [str(n), METHODS.get(s.method, s.method), s.query or "（无）", filters_text(s.filters), stamp(s.searched_at),
         snapshot(s.corpus_count, s.corpus_last_import), f"{len(s.result_ids)} 件"]
        for n, s in enumerate(report.searches, start=1)
    ]
    return [Table(header, rows)]


def filters_text(filters: dict) -> str:
    """{field: [values]} as 字段=值、值；… (a single value may be given bare)."""
    parts = [f"{key}={'、'.join(map(str, v if isinstance(v, list) else [v]))}" for key, v in filters.items()]
    return "；".join(parts) or "（无）"


def results(report: Report) -> list[Block]:
    blocks: list[Block] = []
    for number, tier in enumerate(report.tiers):
        blocks.append(Heading(2, f"（{NUMERALS[number]}）{tier.label}（{len(tier.cases)} 件）"))
        if not tier.cases:
            blocks.append(Paragraph("未检索到此类案例。"))
        for index, case in enumerate(tier.cases, start=1):
            blocks += [Heading(3, f"{index}. {case_heading(case)}"), Fields(case_fields(case))]
    return blocks


def case_heading(case: ReportCase) -> str:
    record = case.record
    if record is None:
        return case.entry.record_id
    return record.case_number or record.title or record.id


def case_fields(case: ReportCase) -> list[tuple[str, str]]:
    record, entry = case.record, case.entry
    rows = []
    if record is not None:
        rows += [
            ("案件名称", record.title or ""),
            ("审理法院", (record.court or {}).get("name") or "（未识别）"),
            ("裁判日期", (record.date or "（未识别）") + ("（近三年）" if case.recent else "")),
            ("文书类型", record.document_type or "（未识别）"),
        ]
    rows += [
        (case.passage_label, case.passage),
        ("是否类案", SIMILAR[entry.similar]),
        ("基本事实比对", entry.facts or "—"),
        ("争议焦点比对", entry.issues or "—"),
        ("法律适用比对", entry.law or "—"),
        ("参照或参考", entry.treatment or "未定"),
        ("案例编号", entry.record_id),
    ]
    if entry.note:
        rows.append(("备注", entry.note))
    return rows


def conclusion(report: Report) -> list[str]:
    cases = report.cases()
    counts = "、".join(f"{tier.label} {len(tier.cases)} 件" for tier in report.tiers)
    similar = [c for c in cases if c.entry.similar]
    undecided = sum(c.entry.similar is None for c in cases)
    return [
        f"共检索并纳入 {len(cases)} 件案例：{counts}。",
        f"经比对，认定为类案的 {len(similar)} 件，非类案 {len(cases) - len(similar) - undecided} 件，"
        f"尚未判断 {undecided} 件。",
        treatment_line("应当参照的指导性案例", [c for c in cases if c.entry.treatment == "参照"]),
        treatment_line("可供参考的案例", [c for c in cases if c.entry.treatment == "参考"]),
        f"依{GUIDANCE}第九条，检索到的类案为指导性案例的，应当参照作出裁判；其他类案可以作为裁判的参考。",
    ]


def treatment_line(label: str, cases: list[ReportCase]) -> str:
    if not cases:
        return f"{label}：无。"
    return f"{label}：" + "；".join(case_heading(c) for c in cases) + "。"
