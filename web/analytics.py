"""Claim and outcome analytics over a list of records: remedies and sentences tables, their
statistics, chart data ([{label, count}] rows) and CSV export.  Pure functions, no database.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from statistics import median
from typing import Callable, Iterable

from casebook.record import Record

# Upper bounds (exclusive) of the amount buckets, in yuan, with their labels; the last is open.
AMOUNT_BUCKETS = ((1_000, "1千元以下"), (10_000, "1千–1万元"), (50_000, "1万–5万元"), (100_000, "5万–10万元"),
                  (500_000, "10万–50万元"), (1_000_000, "50万–100万元"), (float("inf"), "100万元以上"))
# Upper bounds (inclusive) of the sentence buckets, in months.
MONTH_BUCKETS = ((6, "6个月以下"), (12, "6个月以上至1年"), (36, "1年以上至3年"), (60, "3年以上至5年"),
                 (120, "5年以上至10年"), (float("inf"), "10年以上"))
LIFE_OR_DEATH = ("无期徒刑", "死刑")
LEVELS = ("最高", "高级", "中级", "基层", "专门")


def _case_columns(record: Record) -> dict:
    return {"court": (record.court or {}).get("name"), "date": record.date, "case_id": record.id,
            "case_number": record.case_number}


def remedies_table(records: Iterable[Record]) -> list[dict]:
    """One row per remedy awarded: type, amount, payers, payees and the case it comes from."""
    return [
        {"type": remedy.get("type"), "amount_yuan": remedy.get("amount_yuan"),
         "payers": "、".join(remedy.get("payers") or []), "payees": "、".join(remedy.get("payees") or []),
         **_case_columns(record)}
        for record in records for remedy in record.remedies or []
    ]


def sentences_table(records: Iterable[Record]) -> list[dict]:
    """One row per defendant's sentence in criminal cases, with the charges it punishes."""
    return [
        {"defendant": sentence.get("defendant"), "charges": "、".join(sentence.get("charges") or record.charges),
         "penalty": sentence.get("penalty"), "months": sentence.get("months"),
         "probation_months": sentence.get("probation_months"), "fine_yuan": sentence.get("fine_yuan"),
         **_case_columns(record)}
        for record in records for sentence in record.sentences or []
    ]


def summary(values: list) -> dict:
    """count, min, median and max of the numbers among `values` (None when there are none)."""
    numbers = sorted(v for v in values if isinstance(v, (int, float)))
    if not numbers:
        return {"count": len(values), "min": None, "median": None, "max": None}
    return {"count": len(values), "min": numbers[0], "median": median(numbers), "max": numbers[-1]}


def grouped_stats(rows: list[dict], key: str, value: str) -> list[dict]:
    """Per value of `key` (most rows first): the summary of `value` over its rows."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[key] or "（未识别）", []).append(row[value])
    stats = [{key: name, **summary(values)} for name, values in groups.items()]
    return sorted(stats, key=lambda s: (-s["count"], s[key]))


def remedy_stats(rows: list[dict]) -> list[dict]:
    """By remedy type: count, min, median, max of the amounts."""
    return grouped_stats(rows, "type", "amount_yuan")


def sentence_stats(rows: list[dict]) -> list[dict]:
    """By charge: count and months of the prison terms, the number on probation, the median fine."""
    stats = grouped_stats(rows, "charges", "months")
    for stat in stats:
        mine = [row for row in rows if (row["charges"] or "（未识别）") == stat["charges"]]
        stat["probation"] = sum(bool(row["probation_months"]) for row in mine)
        stat["fine_median"] = summary([row["fine_yuan"] for row in mine])["median"]
    return stats


# chart data ---------------------------------------------------------------


def counted(labels: Iterable[str | None], order: Callable | None = None) -> list[dict]:
    """[{label, count}] most frequent first, or in `order` of the labels when given; None dropped."""
    counts = Counter(label for label in labels if label)
    keys = sorted(counts, key=order) if order else [label for label, _ in counts.most_common()]
    return [{"label": label, "count": counts[label]} for label in keys]


def cases_per_year(records: list[Record]) -> list[dict]:
    return counted((r.date[:4] if r.date else None for r in records), order=str)


def cases_by_province(records: list[Record]) -> list[dict]:
    return counted((r.court or {}).get("province") for r in records)


def cases_by_court_level(records: list[Record]) -> list[dict]:
    rank = {level: number for number, level in enumerate(LEVELS)}
    return counted(((r.court or {}).get("level") for r in records), order=lambda level: rank.get(level, 99))


def cases_by_charge_or_cause(records: list[Record]) -> list[dict]:
    """Each charge (criminal) or 案由 (civil, administrative) counted once per case."""
    return counted(label for r in records for label in dict.fromkeys([*r.charges, *r.causes]))


def bucketed(values: Iterable, buckets: tuple, inclusive: bool) -> list[dict]:
    """Counts per bucket, in bucket order and with empty buckets kept, so a chart's axis is stable."""
    counts = Counter()
    for value in values:
        counts[next(label for bound, label in buckets if (value <= bound if inclusive else value < bound))] += 1
    return [{"label": label, "count": counts[label]} for _, label in buckets]


def amount_distribution(amounts: Iterable[float | None]) -> list[dict]:
    return bucketed((a for a in amounts if a is not None and a >= 0), AMOUNT_BUCKETS, inclusive=False)


def sentence_distribution(rows: list[dict]) -> list[dict]:
    """Prison terms by length; 无期徒刑 and 死刑 in a bucket of their own, no-term penalties left out."""
    terms = bucketed((r["months"] for r in rows if r["months"] is not None and r["penalty"] not in LIFE_OR_DEATH),
                     MONTH_BUCKETS, inclusive=True)
    return terms + [{"label": "无期徒刑、死刑", "count": sum(r["penalty"] in LIFE_OR_DEATH for r in rows)}]


def charts(records: list[Record]) -> dict[str, list[dict]]:
    """All chart series of a set of records, each [{label, count}]."""
    sentences = sentences_table(records)
    return {
        "years": cases_per_year(records),
        "provinces": cases_by_province(records),
        "court_levels": cases_by_court_level(records),
        "charges_causes": cases_by_charge_or_cause(records),
        "remedy_amounts": amount_distribution(row["amount_yuan"] for row in remedies_table(records)),
        "amounts_involved": amount_distribution(r.amount_involved_yuan for r in records),
        "sentence_months": sentence_distribution(sentences),
    }


# CSV ----------------------------------------------------------------------

COLUMN_LABELS = {
    "type": "类型", "amount_yuan": "金额（元）", "payers": "给付方", "payees": "受领方", "court": "法院",
    "date": "裁判日期", "case_id": "案例编号", "case_number": "案号", "defendant": "被告人", "charges": "罪名",
    "penalty": "刑种", "months": "刑期（月）", "probation_months": "缓刑考验期（月）", "fine_yuan": "罚金（元）",
    "count": "数量", "min": "最小值", "median": "中位数", "max": "最大值", "probation": "适用缓刑人数",
    "fine_median": "罚金中位数（元）", "label": "分类",
}


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    """Any table as CSV with Chinese column headings (unknown columns keep their names)."""
    columns = columns or list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([COLUMN_LABELS.get(column, column) for column in columns])
    writer.writerows([["" if row.get(c) is None else row.get(c) for c in columns] for row in rows])
    return out.getvalue()
