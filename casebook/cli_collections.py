"""`casebook collection …` (案例包) and `casebook report` (类案检索报告): parse options, call the data layer."""
from __future__ import annotations

import functools
from dataclasses import asdict
from pathlib import Path

import click

from corpus import collections as coll
from corpus.collections import METHODS, TREATMENTS, CollectionError
from indexer.query import QueryError
from web.report import FORMATS, ReportError

SEARCH_PAGE = 200


class UserError(click.ClickException):
    """A message for the user on stderr (exit 1), without click's English "Error:" prefix."""

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


def friendly(command):
    """Turn the data layer's errors into a plain Chinese message and a non-zero exit, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (CollectionError, ReportError, QueryError) as exc:
            raise UserError(str(exc)) from None

    return wrapper


def emit_json(data) -> None:
    from casebook.cli import emit_json as emit

    emit(data)


def search_ids(backend, limit: int | None = None):
    """A `(query, filters) -> ids` runner over the search backend, paging up to `limit` ids (all by default)."""
    from indexer.search import search

    def run(query: str, filters: dict) -> list[str]:
        ids: list[str] = []
        while limit is None or len(ids) < limit:
            size = SEARCH_PAGE if limit is None else min(SEARCH_PAGE, limit - len(ids))
            result = search(backend, query, filters, size, len(ids), "relevance", facets=())
            ids += [hit["id"] for hit in result["hits"]]
            if not result["hits"] or len(ids) >= result["total"]:
                break
        return ids

    return run


@click.group("collection")
def collection() -> None:
    """案例包：汇集类案、记录比对意见，供导出类案检索报告。"""


@collection.command("create")
@click.argument("name")
@click.option("--description", default="", help="说明（如待决案件的争议焦点）")
@click.pass_obj
@friendly
def create(obj, name: str, description: str) -> None:
    """新建案例包。"""
    made = coll.create_collection(obj.store, name, description)
    click.echo(f"已新建案例包“{made.name}”")


@collection.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_cmd(obj, as_json: bool) -> None:
    """列出案例包。"""
    rows = [{"name": c.name, "description": c.description, "owner": c.owner, "cases": len(c.cases),
             "searches": len(c.searches), "created_at": c.created_at, "updated_at": c.updated_at}
            for c in coll.list_collections(obj.store)]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['name']}  {row['cases']} 件案例，{row['searches']} 次检索  {row['description']}")
    if not rows:
        click.echo("还没有案例包；用 casebook collection create 名称 新建")


def case_summary(store, record_id: str) -> dict:
    record = store.get(record_id)
    if record is None:
        return {"title": None, "case_number": None, "court": None, "date": None, "missing": True}
    return {"title": record.title, "case_number": record.case_number,
            "court": (record.court or {}).get("name"), "date": record.date, "missing": False}


@collection.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
@friendly
def show(obj, name: str, as_json: bool) -> None:
    """显示案例包中的案例、比对意见和检索记录。"""
    found = coll.get_collection(obj.store, name)
    data = asdict(found)
    for case in data["cases"]:
        case["record"] = case_summary(obj.store, case["record_id"])
    if as_json:
        emit_json(data)
        return
    click.echo(f"案例包“{found.name}”：{len(found.cases)} 件案例，{len(found.searches)} 次检索")
    if found.description:
        click.echo(f"说明：{found.description}")
    for case in data["cases"]:
        record = case["record"]
        similar = {True: "是", False: "否", None: "未判断"}[case["similar"]]
        click.echo(f"{case['position']}. [{case['record_id']}] {record['case_number'] or ''} {record['title'] or '（已不在语料库中）'}"
                   f"  类案：{similar}  {case['treatment'] or '参照/参考未定'}")
        for label, key in (("基本事实", "facts"), ("争议焦点", "issues"), ("法律适用", "law"), ("备注", "note")):
            if case[key]:
                click.echo(f"   {label}：{case[key]}")
    for run in found.searches:
        click.echo(f"检索 #{run.id} {METHODS.get(run.method, run.method)}「{run.query}」{run.filters or ''}"
                   f"  {run.searched_at}  命中 {len(run.result_ids)} 件（语料库 {run.corpus_count} 件）")


@collection.command("rename")
@click.argument("name")
@click.argument("new_name")
@click.pass_obj
@friendly
def rename(obj, name: str, new_name: str) -> None:
    """重命名案例包。"""
    coll.rename_collection(obj.store, name, new_name)
    click.echo(f"已将“{name}”改名为“{new_name}”")


@collection.command("describe")
@click.argument("name")
@click.argument("description")
@click.pass_obj
@friendly
def describe(obj, name: str, description: str) -> None:
    """修改案例包说明。"""
    coll.describe_collection(obj.store, name, description)
    click.echo(f"已更新“{name}”的说明")


@collection.command("delete")
@click.argument("name")
@click.pass_obj
@friendly
def delete(obj, name: str) -> None:
    """删除案例包（连同其中的比对意见和检索记录；语料库中的案例不受影响）。"""
    coll.delete_collection(obj.store, name)
    click.echo(f"已删除案例包“{name}”")


@collection.command("add")
@click.argument("name")
@click.argument("case_id")
@click.option("--note", help="备注")
@click.option("--similar", type=click.Choice(["yes", "no"]), help="是否类案")
@click.option("--facts", help="基本事实比对")
@click.option("--issues", help="争议焦点比对")
@click.option("--law", help="法律适用比对")
@click.option("--treatment", type=click.Choice(TREATMENTS), help="参照（现行有效的指导性案例）或参考")
@click.pass_obj
@friendly
def add(obj, name: str, case_id: str, note, similar, facts, issues, law, treatment) -> None:
    """把案例加入案例包；已在包中时更新所给的比对意见。"""
    comparison = {"similar": None if similar is None else similar == "yes", "facts": facts, "issues": issues,
                  "law": law, "treatment": treatment}
    if any(case.record_id == case_id for case in coll.get_collection(obj.store, name).cases):
        coll.update_case(obj.store, name, case_id, note=note, **comparison)
        click.echo(f"已更新案例包“{name}”中的 {case_id}")
        return
    entry = coll.add_case(obj.store, name, case_id, note=note or "", **comparison)
    click.echo(f"已将 {case_id} 加入案例包“{name}”（第 {entry.position} 件）")


@collection.command("remove")
@click.argument("name")
@click.argument("case_id")
@click.pass_obj
@friendly
def remove(obj, name: str, case_id: str) -> None:
    """从案例包移除一件案例。"""
    coll.remove_case(obj.store, name, case_id)
    click.echo(f"已从案例包“{name}”移除 {case_id}")


@collection.command("move")
@click.argument("name")
@click.argument("case_id")
@click.argument("position", type=click.IntRange(min=1))
@click.pass_obj
@friendly
def move(obj, name: str, case_id: str, position: int) -> None:
    """调整案例顺序：把 CASE_ID 移到第 POSITION 位。"""
    order = coll.move_case(obj.store, name, case_id, position)
    click.echo(f"已将 {case_id} 移到第 {order.index(case_id) + 1} 位")


@collection.command("search")
@click.argument("name")
@click.argument("query")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE", help="筛选，如 charges=敲诈勒索罪")
@click.option("--method", type=click.Choice(list(METHODS)), default="keyword", show_default=True,
              help="keyword 关键词 / statute 法条关联 / case 类案关联")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.pass_obj
@friendly
def search(obj, name: str, query: str, filters: tuple[str, ...], method: str, limit: int) -> None:
    """检索并把这次检索（条件、方法、时间、语料库快照、命中）记入案例包。"""
    from casebook.cli import parse_pairs

    coll.get_collection(obj.store, name)
    pairs = parse_pairs(filters)
    ids = search_ids(obj.backend, limit)(query, pairs)
    run = coll.record_search(obj.store, name, query, pairs, method, ids)
    click.echo(f"检索 #{run.id} 已记入案例包“{name}”：命中 {len(ids)} 件")
    for number, record_id in enumerate(ids, start=1):
        summary = case_summary(obj.store, record_id)
        click.echo(f"{number}. [{record_id}] {summary['case_number'] or ''} {summary['title'] or ''}")


@click.command("report")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="docx | pdf | md（默认按输出文件后缀）")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="输出文件")
@click.option("--pending-case", default="", help="待决案件（案号或案件名称）")
@click.option("--pending-court", help="待决案件的审理法院（法院代字如 苏0684，或法院名称），用于区分本院及上一级法院")
@click.option("--searcher", help="检索主体（默认案例包所有者）")
@click.pass_obj
@friendly
def report(obj, name: str, fmt: str | None, output: str, pending_case: str, pending_court, searcher) -> None:
    """导出类案检索报告（DOCX、PDF 或 Markdown）。"""
    from web.report import render
    from web.report.model import build_report

    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise UserError(f"请用 --format 指定报告格式（{' | '.join(FORMATS)}），或使用相应后缀的输出文件名")
    found = coll.get_collection(obj.store, name)
    data = render(build_report(obj.store, found, pending_case, pending_court, searcher), fmt)
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise UserError(f"无法写入 {output}：{exc.strerror}") from None
    click.echo(f"已导出类案检索报告：{output}（{len(found.cases)} 件案例）")


commands: list = [collection, report]
