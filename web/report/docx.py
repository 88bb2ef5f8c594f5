"""The report as a Word document (python-docx), with a CJK font declared for East Asian text."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from .model import Report
from .outline import Block, Fields, Heading, Paragraph, Table, outline

CJK_FONT = "宋体"  # Word's East Asian font; viewers substitute a local CJK font when it is absent


def render_docx(report: Report) -> bytes:
    document = Document()
    use_cjk_font(document)
    for block in outline(report):
        add_block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def use_cjk_font(document) -> None:
    """Declare the East Asian font on the styles the report uses (python-docx sets Latin fonts only)."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        style = document.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CJK_FONT)
    document.styles["Normal"].font.size = Pt(10.5)


def add_block(document, block: Block) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        document.add_paragraph(block.text)
    elif isinstance(block, Fields):
        for label, value in block.rows:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}：").bold = True
            paragraph.add_run(value)
    elif isinstance(block, Table):
        add_table(document, block)
    else:
        raise TypeError(f"unknown block {block!r}")


def add_table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, block.header):
        cell.paragraphs[0].add_run(text).bold = True
    for row in block.rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
