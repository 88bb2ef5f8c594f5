"""The `casebook` command: parses options and calls the steps; no logic of its own."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from casebook.config import ConfigError, load_config
from casebook.context import Context
from indexer.query import QueryError


def fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.option("--data-dir", type=click.Path(file_okay=False), help="数据目录（也可用 CASEBOOK_DATA_DIR）")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="配置文件（默认 ./config.yaml）")
@click.pass_context
def main(ctx: click.Context, data_dir: str | None, config_file: str | None) -> None:
    """Casebook：中国裁判文书检索与类案检索。"""
    try:
        ctx.obj = Context(load_config(config_file, data_dir))
    except ConfigError as exc:
        fail(str(exc))
    ctx.call_on_close(ctx.obj.close)


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["news"]), help="按新闻报道导入（news）")
@click.option("--no-index", is_flag=True, help="只写入语料库，不更新索引")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出导入摘要")
@click.pass_obj
def import_cmd(obj: Context, paths: tuple[str, ...], kind: str | None, no_index: bool, as_json: bool) -> None:
    """导入文件或文件夹（JSONL、裁判文书网 JSON、TXT/HTML/DOCX/PDF、数据包 CSV）。"""
    from casebook.pipeline import import_paths

    summary = import_paths(obj.store, paths, kind, progress=not as_json, backend=None if no_index else obj.backend)
    indexed = summary.indexed
    alerts = notify_alerts(obj) if indexed else {}
    report = summary.as_dict() | {"indexed": indexed, "alerts": alerts}
    if as_json:
        emit_json(report)
    else:
        for err in summary.errors:
            click.echo(f"错误 {err[0]}: {err[1]}", err=True)
        click.echo(f"新增 {summary.new}，更新 {summary.updated}，未变 {summary.unchanged}，失败 {len(summary.errors)}；已索引 {indexed}")
    if summary.errors and not (summary.new or summary.updated or summary.unchanged):
        sys.exit(1)


def notify_alerts(obj: Context) -> dict[str, list[str]]:
    """Call the webhooks of saved searches that the import gave new matches."""
    from casebook.cli_collections import search_ids
    from corpus.saved_searches import notify_saved_searches

    return notify_saved_searches(obj.store, search_ids(obj.backend))


@main.command()
@click.option("--backend", help="检索后端（默认取配置 search.backend）")
@click.pass_obj
def index(obj: Context, backend: str | None) -> None:
    """从语料库重建检索索引。"""
    from casebook.pipeline import reindex

    count = reindex(obj.store, obj.open_backend(backend))
    click.echo(f"已索引 {count} 件")


@main.command()
@click.argument("query", required=False, default="")
@click.option("--limit", default=10, show_default=True)
@click.option("--offset", default=0)
@click.option("--sort", default="relevance", show_default=True, help="relevance | date_desc | date_asc | amount_desc")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE", help="筛选，如 charges=敲诈勒索罪")
@click.option("--pending-court", help="待决案件的法院代字（如 苏0684），用于“上级法院及本院”的排序")
@click.option("--explain", is_flag=True, help="说明每条结果的得分构成")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def search(obj: Context, query: str, limit: int, offset: int, sort: str, filters: tuple[str, ...],
           pending_court: str | None, explain: bool, as_json: bool) -> None:
    """检索：casebook search '敲诈勒索 差评' --filter case_type=刑事"""
    if obj.backend.count() < obj.store.count():
        click.echo(f"提示：索引只有 {obj.backend.count()} 件，语料库有 {obj.store.count()} 件；"
                   "请运行 casebook index 重建索引", err=True)
    try:
        result = obj.search(q=query, filters=parse_pairs(filters), limit=limit, offset=offset, sort=sort,
                            court=pending_court, explain=explain)
    except QueryError as exc:
        fail(str(exc), 2)
    if as_json:
        emit_json(result)
        return
    click.echo(f"共 {result['total']} 件")
    for number, hit in enumerate(result["hits"], start=offset + 1):
        click.echo(f"{number}. [{hit['id']}] {hit['title']}  {hit['case_number'] or ''} {hit['date'] or ''}")
        if hit.get("explanation"):
            why = hit["explanation"]
            click.echo(f"   得分 {why['score']} = 文本 {why['text']} × {why['tier']} {why['tier_factor']}"
                       f" × 近{why['recency_factor']}")


def parse_pairs(pairs: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"筛选条件应写作 字段=值：{pair}", param_hint="--filter")
        key, value = pair.split("=", 1)
        out.setdefault(key.strip(), []).append(value.strip())
    return out


@main.command()
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(obj: Context, record_id: str, as_json: bool) -> None:
    """显示一件案例（记录 JSON）。"""
    record = obj.store.get(record_id)
    if record is None:
        fail(f"找不到案例 {record_id}", 1)
    if as_json:
        emit_json(record.to_dict())
    else:
        click.echo(f"{record.title}\n{record.case_number or ''}  {(record.court or {}).get('name', '')}  {record.date or ''}\n")
        click.echo(record.full_text)


@main.command()
@click.argument("file", required=False, default="-")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "wenshu-json"]), default="auto")
@click.option("--jsonl", "jsonl", type=click.Path(exists=True, dir_okay=False), help="逐行抽取判决 JSONL")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（默认即为 JSON）")
def extract(file: str, fmt: str, jsonl: str | None, as_json: bool) -> None:
    """抽取一份判决的结构化字段（不写入语料库）。"""
    from casebook.extract_cmd import extract_file, extract_jsonl

    try:
        if jsonl:
            for line in extract_jsonl(Path(jsonl)):
                click.echo(json.dumps(line, ensure_ascii=False))
        else:
            emit_json(extract_file(file, fmt))
    except ValueError as exc:
        fail(f"无法抽取：{exc}", 1)


@main.command()
@click.option("--host", default=None, help="监听地址（默认取配置 web.host）")
@click.option("--port", default=None, type=int, help="端口（默认 5000）")
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None) -> None:
    """启动网页与 API（waitress）。语料库为空时先导入随附示例并建索引。"""
    from waitress import serve as waitress_serve

    from web import create_app

    obj.prepare_for_serving(echo=click.echo)
    web = obj.config["web"]
    host, port = host or web["host"], port or web["port"]
    click.echo(f"Casebook 已启动：http://{host}:{port}/")
    waitress_serve(create_app(obj.config), host=host, port=port, threads=web.get("threads", 8))


@main.command()
@click.argument("path")
@click.pass_obj
def get(obj: Context, path: str) -> None:
    """在进程内请求一个网址（如 /api/search?q=差评），打印响应，便于脚本调用。"""
    from web import create_app

    response = create_app(obj.config).test_client().get(path)
    click.echo(response.get_data(as_text=True))
    sys.exit(0 if response.status_code < 400 else 1)


def register_command_groups() -> None:
    """Commands that live beside their step's CLI module (similar cases, scrapers, collections)."""
    from casebook import cli_collections, cli_scrape, cli_similar

    for module in (cli_similar, cli_scrape, cli_collections):
        for command in module.commands:
            main.add_command(command)


register_command_groups()
