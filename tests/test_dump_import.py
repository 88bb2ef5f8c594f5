"""The public dump CSV importer: streaming rows, ids from the original link, bad rows reported."""
import csv
import gzip
import io

from casebook.pipeline import import_paths
from scrapers.importers import read_path
from scrapers.importers.dump import COLUMNS


def write_dump(path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in COLUMNS])
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


ROWS = [
    {"原始链接": "https://wenshu.court.gov.cn/website/wenshu/index.html?docId=0123456789abcdef0123456789abcdef",
     "案号": "（2017）苏0684刑初123号", "案件名称": "杜某敲诈勒索一审刑事判决书", "审理程序": "刑事一审",
     "全文": "江苏省海门市人民法院\n刑事判决书\n（2017）苏0684刑初123号\n被告人杜某犯敲诈勒索罪，判处有期徒刑一年。"},
    {"案号": "（2019）苏0684民初1号", "全文": ""},  # no text: reported, not imported
    {"案件名称": "无链接的文书", "全文": "原告某公司与被告李某买卖合同纠纷一案。"},
]


def test_rows_become_records_with_meta(tmp_path):
    path = tmp_path / "dump.csv.gz"
    write_dump(path, ROWS)
    first, bad, third = read_path(path)
    assert first.record.id == "0123456789abcdef0123456789abcdef"
    assert first.record.meta["审理程序"] == "刑事一审" and "全文" not in first.record.meta
    assert "全文为空" in bad.error
    assert third.record.id.startswith("dump-") and third.record.title == "无链接的文书"


def test_import_defers_extraction_then_reimport_is_unchanged(context, tmp_path):
    path = tmp_path / "dump.csv"
    write_dump(path, ROWS)
    first = import_paths(context.store, [str(path)], progress=False)
    again = import_paths(context.store, [str(path)], progress=False)
    assert (first.new, len(first.errors)) == (2, 1)
    assert (again.new, again.unchanged) == (0, 2)
    assert context.store.get("0123456789abcdef0123456789abcdef").extractor is None  # extracted at index time


def test_not_a_dump_is_a_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    [item] = read_path(path)
    assert "缺少列" in item.error
