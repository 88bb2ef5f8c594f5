"""The 类案检索报告 of a collection: `model.build_report`, then `render(report, fmt)` to a file's bytes.

Kept light to import (the CLI reads FORMATS at start-up); the renderers load on use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Report

FORMATS = ("docx", "pdf", "md")


class ReportError(ValueError):
    """The report cannot be made as asked (unknown pending court, no CJK font for the PDF, bad format)."""


def render(report: "Report", fmt: str) -> bytes:
    """The report as a DOCX, PDF or Markdown (UTF-8) file's bytes."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(report)
    raise ReportError(f"不支持的报告格式“{fmt}”；可用：{'、'.join(FORMATS)}")
