"""Fetched bytes → text: charsets that lie, and the formats sites serve judgments in.

Charset rule: bytes that are valid UTF-8 (and not plain ASCII) are UTF-8 whatever the header
says, because GBK text almost never validates as UTF-8 while UTF-8 often "decodes" as GB18030
into garbage; otherwise the declared charset is tried, then the page's <meta>, then detection
(`scrapers.importers.text.decode_bytes`).  Formats: HTML, plain text, JSON, .docx, .pdf text
layer, and China Judgments Online ".doc" downloads that are really HTML.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapers.importers.text import DecodeError, decode_bytes, html_to_text, looks_like_html

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


class FormatError(ValueError):
    """Bytes that are not a readable document (e.g. a binary Word 97 file or an empty page)."""


@dataclass
class Document:
    text: str
    title: str | None
    format: str
    data: object = None  # the parsed object for JSON documents


def declared_charset(content_type: str | None) -> str | None:
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def decode_text(data: bytes, content_type: str | None = None) -> str:
    """Text of `data`: verified UTF-8 first, then the declared charset, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return decode_bytes(data, declared_charset(content_type))


def sniff_format(data: bytes, content_type: str | None, url: str | None) -> str:
    """One of FORMATS, from the bytes first (sites mislabel), then the header, then the URL."""
    head = data[:8].lstrip()
    suffix = urlsplit(url or "").path.lower().rsplit(".", 1)[-1]
    mime = (content_type or "").split(";")[0].strip().lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FormatError("这是旧版二进制 Word (.doc) 文件，无法读取；请另存为 .docx 后导入")
    if head[:1] in (b"{", b"[") or mime.endswith("json") or suffix == "json":
        return "json"
    if "html" in mime or suffix in {"html", "htm", "shtml", "doc"}:
        return "html"
    return "html" if looks_like_html(decode_text(data[:4096], content_type)) else "text"


def read_document(data: bytes, content_type: str | None = None, url: str | None = None) -> Document:
    """The text (and title, and parsed JSON) of one fetched document."""
    if not data.strip():
        raise FormatError("页面为空")
    fmt = sniff_format(data, content_type, url)
    if fmt in ("docx", "pdf"):
        from scrapers.importers.binary import document_text

        return Document(document_text("." + fmt, data), None, fmt)
    text = decode_text(data, content_type)
    if fmt == "json":
        try:
            return Document(text, None, fmt, json.loads(text))
        except json.JSONDecodeError as exc:
            raise FormatError(f"JSON 无法解析（可能被截断）: {exc}") from exc
    if fmt == "html":
        body, title = html_to_text(text)
        return Document(body, title, fmt)
    return Document(text, None, fmt)


__all__ = ["Document", "DecodeError", "FormatError", "decode_text", "read_document", "sniff_format"]
