"""`casebook similar` and `casebook classify`: similar cases and predicted charges from facts."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from casebook.context import Context
from scrapers.importers.text import DecodeError, decode_bytes


def read_queries(path: str) -> list[tuple[str, str]]:
    """(id, fact) per JSONL line; every other field (charges…) is ignored on purpose.

    UTF-8 with or without a BOM, or GBK/GB18030, as the importers read judgment files."""
    try:
        text = decode_bytes(Path(path).read_bytes())
    except DecodeError as exc:
        raise click.BadParameter(str(exc), param_hint="--queries")
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            out.append((str(obj["id"]), str(obj["fact"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise click.BadParameter(f"第{number}行不是 {{id, fact}} 对象：{exc}", param_hint="--queries")
    return out


def emit(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.option("--text", help="案情事实（粘贴的文字）")
@click.option("--case", "case_id", help="语料库中一件案例的 ID，以其事实为查询")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False), help="逐行 {id, fact} 的 JSONL")
@click.option("--limit", default=10, show_default=True, help="每个查询返回的案例数")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@click.pass_obj
def similar(obj: Context, text: str | None, case_id: str | None, queries: str | None, limit: int, as_json: bool) -> None:
    """类案检索：按罪名、法条、要素与事实文字的相似度排序。"""
    from indexer.similar.features import case_text
    from indexer.similar.service import Known, hits_json, similar as find_similar

    if sum(x is not None for x in (text, case_id, queries)) != 1:
        raise click.UsageError("请给出 --text、--case 或 --queries 之一")
    if text is not None and not text.strip():
        raise click.UsageError("--text 为空：请填写案情事实")
    if obj.backend.count() == 0:
        click.echo(f"提示：数据目录 {obj.config['data_dir']} 的索引中没有案例，结果为空；请先 casebook import。", err=True)
    if queries:
        run = {qid: [doc for doc, _, _ in find_similar(obj.store, obj.backend, fact, limit)[1]]
               for qid, fact in read_queries(queries)}
        emit(run)
        return
    exclude, known = frozenset(), None
    if case_id:
        record = obj.store.get(case_id)
        if record is None:
            click.echo(f"找不到案例 {case_id}", err=True)
            sys.exit(1)
        text, exclude, known = case_text(record), frozenset({case_id}), Known.of(record)
    result = hits_json(obj.store, *find_similar(obj.store, obj.backend, text, limit, exclude=exclude, known=known))
    if as_json:
        emit(result)
    else:
        print_hits(result)


def label_name(query: dict) -> str:
    """罪名 for a criminal fact, 案由 for a civil or administrative one."""
    return "罪名" if query["kind"] == "刑事" else "案由"


def predicted_line(query: dict) -> str:
    """预测罪名：危险驾驶罪（依据：醉酒、血液） for a criminal fact, 预测案由：… for a civil or administrative one."""
    labels = [c["charge"] for c in query["charges"]] if label_name(query) == "罪名" else query["causes"]
    shown = [f"{label}（依据：{'、'.join(query['cues'][label])}）" if query["cues"].get(label) else label
             for label in labels]
    return f"预测{label_name(query)}：{'、'.join(shown) or '（未能判断）'}"


def print_hits(result: dict) -> None:
    click.echo(predicted_line(result["query"]))
    label = label_name(result["query"])
    for number, hit in enumerate(result["hits"], start=1):
        why = hit["why"]
        reasons = "；".join(filter(None, [
            f"相同{label} " + "、".join(why["charges"]) if why["charges"] else "",
            "相同法条 " + "、".join(why["statutes"]) if why["statutes"] else "",
            "相同要素 " + "、".join(e["element"] for e in why["elements"]) if why["elements"] else "",
        ]))
        click.echo(f"{number}. [{hit['id']}] {hit['title']}  {hit['score']}\n   {reasons or '案情文字相近'}")


@click.command()
@click.option("--text", help="案情事实（粘贴的文字）")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False), help="逐行 {id, fact} 的 JSONL")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def classify(text: str | None, queries: str | None, as_json: bool) -> None:
    """由案情事实预测罪名（刑事）与案由。"""
    from indexer.similar.classify import predict_causes

    if (text is None) == (queries is None):
        raise click.UsageError("请给出 --text 或 --queries 之一")
    if text is not None and not text.strip():
        raise click.UsageError("--text 为空：请填写案情事实")
    items = read_queries(queries) if queries else [("text", text)]
    result = {qid: predict_causes(fact) for qid, fact in items}
    if as_json or queries:
        emit(result)
    else:
        for qid, found in result.items():
            label, names = ("罪名", found["charges"]) if found["charges"] else ("案由", found["causes"])
            click.echo(f"{qid}: {label} {'、'.join(names)}" if names else f"{qid}: 未能判断罪名或案由")


commands = [similar, classify]
