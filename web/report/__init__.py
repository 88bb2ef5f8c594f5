"""The 类案检索报告 of a collection: `build_report` (model), then `render(report, fmt)` to bytes."""
from __future__ import annotations

from .model import Report, ReportError, build_report

FORMATS = ("docx", "pdf", "md")


def render(report: Report, fmt: str) -> bytes:
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


__all__ = ["FORMATS", "Report", "ReportError", "build_report", "render"]
