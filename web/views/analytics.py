"""Analytics pages for a search (every match, up to web.max_records) or a collection: the remedies and
sentences tables with their statistics, and bar charts drawn as inline SVG on the server.

Charts are horizontal bars with the count written at the end of each bar and a hatch pattern,
so they read without colour; titles and axis labels are Chinese; the numbers are in the CSVs.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, request, url_for

from .. import api_common
from ..api_common import CSV_TABLES, Matches, analytics_tables, collection_by_id, collection_matches, search_matches
from ..params import query_string, search_params

analytics_pages = Blueprint("analytics", __name__)

# series key: (title, category axis, value axis)
CHART_TEXT = {
    "years": ("各年份案件数", "裁判年份", "案件数（件）"),
    "provinces": ("各省份案件数", "省份", "案件数（件）"),
    "court_levels": ("各层级法院案件数", "法院层级", "案件数（件）"),
    "charges_causes": ("罪名、案由分布", "罪名或案由", "案件数（件）"),
    "remedy_amounts": ("判项金额分布", "金额区间", "判项数（项）"),
    "amounts_involved": ("涉案金额分布", "金额区间", "案件数（件）"),
    "sentence_months": ("刑期分布", "刑期", "被告人数（人）"),
}
CHART_ROWS = 15  # bars drawn per chart; the CSV has every row
ROWS_SHOWN = 100  # rows of the detail tables on the page
BAR, GAP, TOP, BOTTOM = 20, 8, 44, 40  # px
CHAR_WIDTH, LABEL_CHARS, PLOT_WIDTH = 13, 12, 340


@dataclass
class Bar:
    label: str
    short: str  # the label cut to LABEL_CHARS
    count: int
    y: int
    width: int


@dataclass
class Chart:
    key: str
    title: str
    category_axis: str
    value_axis: str
    bars: list[Bar]
    hidden: int  # categories not drawn
    label_width: int
    width: int
    height: int

    @property
    def empty(self) -> bool:
        return not any(bar.count for bar in self.bars)


def bar_chart(key: str, series: list[dict]) -> Chart:
    """The geometry of a horizontal bar chart of [{label, count}] (first CHART_ROWS rows)."""
    title, category_axis, value_axis = CHART_TEXT[key]
    shown = series[:CHART_ROWS]
    longest = max([len(category_axis)] + [len(row["label"]) for row in shown])
    label_width = min(longest, LABEL_CHARS) * CHAR_WIDTH + 12
    top = max((row["count"] for row in shown), default=0) or 1
    bars = [Bar(row["label"], cut(row["label"]), row["count"], TOP + n * (BAR + GAP),
                round(PLOT_WIDTH * row["count"] / top)) for n, row in enumerate(shown)]
    height = TOP + len(bars) * (BAR + GAP) + BOTTOM
    return Chart(key, title, category_axis, value_axis, bars, len(series) - len(shown), label_width,
                 label_width + PLOT_WIDTH + 60, height)


def cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def page(matches: Matches, scope: dict, csv_url) -> str:
    tables = analytics_tables(matches.records)
    charts = [bar_chart(key, series) for key, series in tables["charts"].items()]
    return render_template("analytics.html", matches=matches, tables=tables, charts=charts, scope=scope,
                           rows_shown=ROWS_SHOWN, max_records=api_common.max_records(),
                           csv={table: csv_url(table) for table in CSV_TABLES})


@analytics_pages.get("/analytics")
def for_search():
    params = search_params(request.args)
    query = query_string(params.q, params.filters)
    scope = {"kind": "search", "q": params.q, "filters": params.filters,
             "back": url_for("search.index") + (f"?{query}" if query else "")}
    return page(search_matches(params), scope,
                lambda table: url_for("api.analytics.analytics_csv", table=table) + (f"?{query}" if query else ""))


@analytics_pages.get("/collections/<int:collection_id>/analytics")
def for_collection(collection_id: int):
    found = collection_by_id(collection_id)
    scope = {"kind": "collection", "name": found.name,
             "back": url_for("collections.show", collection_id=collection_id)}
    return page(collection_matches(found), scope,
                lambda table: url_for("api.collections.analytics_csv", collection_id=collection_id, table=table))
