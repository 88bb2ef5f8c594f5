"""The public China Judgments Online dump: CSV (optionally .gz/.bz2/.xz) with the columns
原始链接, 案号, 案件名称, 法院, 所属地区, 案件类型, 案件类型编码, 来源, 审理程序, 裁判日期, 公开日期,
当事人, 案由, 法律依据, 全文.

Rows stream through the csv module (constant memory, any file size).  The dump's own labels
go to `meta`; extraction is deferred to index time so loading runs at store speed.
"""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import lzma
import re
import sys
from pathlib import Path
from typing import Iterator

from casebook.record import Record, Source, derive_id

from . import ImportItem

COLUMNS = ("原始链接", "案号", "案件名称", "法院", "所属地区", "案件类型", "案件类型编码", "来源", "审理程序",
           "裁判日期", "公开日期", "当事人", "案由", "法律依据", "全文")
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_DOC_ID = re.compile(r"docId=([0-9A-Za-z\-]{20,})")

csv.field_size_limit(sys.maxsize)


class DumpFormatError(ValueError):
    """The file is not a dump CSV (its header lacks the expected columns)."""


def open_text(path: Path) -> io.TextIOBase:
    opener = _OPENERS.get(path.suffix.lower())
    raw = opener(path, "rb") if opener else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def read_dump(path: Path) -> Iterator[ImportItem]:
    with open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = {"案号", "全文"} - set(reader.fieldnames or ())
        if missing:
            raise DumpFormatError(f"不是裁判文书数据包 CSV：缺少列 {'、'.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            origin = f"{path}:{number}"
            try:
                yield ImportItem(origin=origin, record=dump_record(row, origin), defer_extraction=True)
            except ValueError as exc:
                yield ImportItem(origin=origin, error=f"第{number}行: {exc}")


def dump_record(row: dict, origin: str) -> Record:
    text = (row.get("全文") or "").strip()
    if not text:
        raise ValueError("全文为空")
    url = (row.get("原始链接") or "").strip() or None
    return Record(
        id=record_id(url, row, text),
        title=(row.get("案件名称") or "").strip() or text[:40],
        full_text=text,
        meta={k: v for k, v in row.items() if k in COLUMNS and k != "全文" and v},
        source=Source(name="wenshu-dump", url=url, path=origin),
    )


def record_id(url: str | None, row: dict, text: str) -> str:
    """文书ID from the original link when it carries one; else derived from the link or the content."""
    if url and (match := _DOC_ID.search(url)):
        return match.group(1)
    return derive_id("dump", url or f"{row.get('案号', '')}\x1f{text}")
