"""`casebook extract`: one judgment (file or stdin) or a judgment JSONL → record JSON, nothing stored."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from indexer.extract import extract
from scrapers.importers.text import decode_bytes, html_to_text, looks_like_html
from scrapers.importers.wenshu import document_text, unwrap


def read_input(file: str) -> bytes:
    return sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()


def text_and_title(data: bytes, fmt: str) -> tuple[str, str | None]:
    text = decode_bytes(data)
    if fmt == "wenshu-json" or (fmt == "auto" and text.lstrip().startswith("{")):
        doc, _ = unwrap(json.loads(text))
        title, body = document_text(doc)
        return body, title or None
    if fmt == "html" or (fmt == "auto" and looks_like_html(text)):
        return html_to_text(text)
    return text, None


def extract_file(file: str, fmt: str = "auto") -> dict:
    text, title = text_and_title(read_input(file), fmt)
    if not text.strip():
        raise ValueError("输入没有正文")
    return extract(text, title)


def extract_jsonl(path: Path) -> Iterator[dict]:
    """One record JSON per input line, carrying the input id; `meta` and `source` are ignored."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": None, "line": number, "error": f"无效 JSON：{exc}"}
                continue
            text = obj.get("full_text") or obj.get("text") or obj.get("partial_text") or ""
            yield {"id": obj.get("id"), **extract(text, obj.get("title"))}
