"""Bytes → text for judgment files: encodings (UTF-8, GBK/GB18030, lying charsets) and HTML."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_BLOCK_TAGS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "title")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def _widen(encoding: str) -> str:
    """GB2312 and GBK pages routinely contain GB18030-only characters; decode with the superset."""
    return "gb18030" if encoding.lower().replace("-", "") in {"gb2312", "gbk", "gb18030", "cp936"} else encoding


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data`, trusting a declared charset only when the bytes agree with it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(_widen(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("无法识别文件编码（不是 UTF-8、GBK/GB18030 或其他可识别的文本编码）")
    return str(best)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<div" in head or "<p" in head or "<body" in head or "<a type=" in head


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML judgment, one block per line, and its <title> when present."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line), title or None


def readable_text(data: bytes) -> tuple[str, str | None]:
    """(text, <title> or None) of a TXT or HTML file's bytes, whatever their encoding."""
    text = decode_bytes(data)
    return html_to_text(text) if looks_like_html(text) else (text, None)


def first_line(text: str, limit: int = 80) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:limit]
    return ""
