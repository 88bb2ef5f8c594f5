"""`casebook scrape SOURCE` and `casebook sources`: the web sources of scrapers/, wired to the corpus."""
from __future__ import annotations

import json
import sys

import click

from corpus.store import utc_now


@click.command()
@click.argument("source")
@click.option("--url", help="起始网址（sitemap.xml、列表页等），覆盖配置")
@click.option("--since", help="只抓取此日期（YYYY-MM-DD）之后的文书")
@click.option("--max", "max_items", type=int, help="最多抓取 N 件（断点保留，可 --resume 继续）")
@click.option("--resume", is_flag=True, help="从上次中断处继续")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def scrape(obj, source: str, url, since, max_items, resume, as_json) -> None:
    """从公开来源抓取裁判文书：sitemap、court-news、wenshu、case-library、guiding-cases。"""
    from casebook.pipeline import index_changed
    from scrapers.sources import run_source, source_names

    if source not in source_names():
        raise click.BadParameter(f"未知来源 {source}，可选：{', '.join(source_names())}", param_hint="SOURCE")
    started = utc_now()
    report = run_source(source, obj.store, obj.config, url=url, since=since, max_items=max_items, resume=resume)
    indexed = index_changed(obj.store, obj.backend, obj.store.ids_updated_since(started))
    result = report.to_dict() | {"indexed": indexed}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{source}: 请求 {result['requests']}，新增 {result['new']}，更新 {result['updated']}，"
                   f"未变 {result['unchanged']}，错误 {len(result['errors'])}；已索引 {indexed}")
    if report.to_dict()["status"] in ("stopped", "failed"):
        click.echo(result.get("message") or "抓取已停止", err=True)
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def sources(obj, as_json: bool) -> None:
    """列出可用来源及其最近一次运行、累计数量与错误。"""
    from scrapers.sources import list_sources

    rows = list_sources(obj.store)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        last = row.get("last_run") or {}
        totals = row.get("totals") or {}
        click.echo(f"{row['name']:<14} {row['description']}\n  最近运行：{last.get('finished') or '从未'} "
                   f"{last.get('status') or ''}  累计：新增 {totals.get('new', 0)} 更新 {totals.get('updated', 0)} "
                   f"错误 {totals.get('errors', 0)}  {last.get('message') or ''}")


commands = [scrape, sources]
