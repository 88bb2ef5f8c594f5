"""Format detection and per-format readers for `read_path`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from casebook.record import EXTRACTED_FIELDS, Record, Source, derive_id, sha256_bytes

from . import ImportItem
from .text import decode_bytes, first_line, readable_text
from .wenshu import is_wenshu, wenshu_record


def read_file(file: Path, kind: str | None) -> Iterator[ImportItem]:
    suffix = file.suffix.lower()
    if kind == "news":
        yield news_item(file)
    elif suffix == ".jsonl":
        yield from read_jsonl(file)
    elif suffix == ".json":
        yield from read_json(file)
    elif file.name.lower().endswith((".csv", ".csv.gz", ".csv.bz2", ".csv.xz")):
        from .dump import read_dump

        yield from read_dump(file)
    elif suffix in {".docx", ".pdf"}:
        yield binary_document_item(file)
    else:
        yield text_file_item(file)


def read_jsonl(file: Path) -> Iterator[ImportItem]:
    with open(file, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            origin = f"{file}:{number}"
            try:
                obj = json.loads(decode_bytes(line))
                yield ImportItem(origin=origin, raw=line, **record_from_object(obj, origin))
            except (ValueError, TypeError, KeyError) as exc:
                yield ImportItem(origin=origin, error=f"第{number}行无法导入: {exc}")


def read_json(file: Path) -> Iterator[ImportItem]:
    data = file.read_bytes()
    obj = json.loads(decode_bytes(data))
    objects = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(objects):
        origin = f"{file}#{index}" if isinstance(obj, list) else str(file)
        try:
            raw = data if not isinstance(obj, list) else json.dumps(item, ensure_ascii=False).encode()
            yield ImportItem(origin=origin, raw=raw, **record_from_object(item, origin))
        except (ValueError, TypeError, KeyError) as exc:
            yield ImportItem(origin=origin, error=str(exc))


def record_from_object(obj: dict, origin: str) -> dict:
    """{"record": Record} for one JSON object of any supported shape."""
    if not isinstance(obj, dict):
        raise ValueError("不是 JSON 对象")
    if "kind" in obj and isinstance(obj.get("source"), dict) and "full_text" in obj:
        record = Record.from_dict(obj)
        record.given_fields = sorted(set(record.given_fields) | set(hand_filled(obj)))
        return {"record": record}
    if is_wenshu(obj):
        return {"record": wenshu_record(obj, origin)}
    if "full_text" in obj or "partial_text" in obj:
        return {"record": judgment_line(obj, origin)}
    if "text" in obj and "charges" in obj:
        return {"record": charged_text(obj, obj["text"], "lecard", origin)}
    if "fact" in obj and "charges" in obj:
        return {"record": charged_text(obj, obj["fact"], "cail", origin)}
    raise ValueError("无法识别的记录格式：需要 full_text / partial_text / text+charges / 裁判文书网字段")


def hand_filled(obj: dict) -> tuple[str, ...]:
    """Structured fields given in the input (news reports carry reported facts by hand)."""
    return tuple(name for name in EXTRACTED_FIELDS if obj.get(name))


def judgment_line(obj: dict, origin: str) -> Record:
    text = obj.get("full_text") or obj.get("partial_text") or ""
    if not text.strip():
        raise ValueError("full_text 为空")
    if not obj.get("id"):
        raise ValueError("缺少 id")
    return Record(
        id=str(obj["id"]),
        title=obj.get("title") or first_line(text),
        full_text=text,
        incomplete="full_text" not in obj,
        meta=obj.get("meta") or {},
        source=Source(name="jsonl", url=obj.get("source_url"), path=origin),
    )


def charged_text(obj: dict, text: str, name: str, origin: str) -> Record:
    from indexer.extract.criminal_charges import official_charge

    charges = [official_charge(c) for c in obj.get("charges") or []]
    return Record(
        id=str(obj["id"]),
        title=first_line(text, 60),
        full_text=text,
        charges=list(dict.fromkeys(c for c in charges if c)),
        given_fields=["charges"],
        source=Source(name=name, path=origin),
    )


def text_file_item(file: Path) -> ImportItem:
    data = file.read_bytes()
    text, title = readable_text(data)
    if not text.strip():
        return ImportItem(origin=str(file), error="文件没有可读的正文")
    return file_record_item(file, data, text, title)


def binary_document_item(file: Path) -> ImportItem:
    from .binary import document_text

    data = file.read_bytes()
    return file_record_item(file, data, document_text(file.suffix.lower(), data), None)


def file_record_item(file: Path, data: bytes, text: str, title: str | None) -> ImportItem:
    record = Record(
        id=derive_id("file", sha256_bytes(data)),
        title=title or first_line(text),
        full_text=text,
        source=Source(name="file", path=str(file)),
    )
    return ImportItem(origin=str(file), record=record, raw=data)


def news_item(file: Path) -> ImportItem:
    from scrapers.news import news_record_from_text

    data = file.read_bytes()
    text, title = readable_text(data)
    record = news_record_from_text(text, title=title)
    record.source.path = str(file)
    record.given_fields = list(EXTRACTED_FIELDS)
    return ImportItem(origin=str(file), record=record, raw=data)
