"""Text layers of .docx (python-docx) and .pdf (pypdf) judgment files."""
from __future__ import annotations

import io


def document_text(suffix: str, data: bytes) -> str:
    if suffix == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip())
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if not text.strip():
        raise ValueError("PDF 没有文本层（可能是扫描件），无法导入")
    return text
