"""The report as an A4 PDF (fpdf2) with an embedded CJK font (see cjk_font)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from .cjk_font import subset_truetype
from .model import Report
from .outline import Block, Fields, Heading, Paragraph, Table, outline

HEADING_SIZES = {0: 18, 1: 14, 2: 12, 3: 11}
BODY_SIZE = 10
LINE = 6  # mm per body line


def render_pdf(report: Report) -> bytes:
    blocks = outline(report)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    with tempfile.TemporaryDirectory() as tmp:
        pdf.add_font("cjk", "", subset_truetype(characters(blocks), Path(tmp) / "cjk.ttf"))
        pdf.set_title(report.title)
        pdf.add_page()
        for block in blocks:
            add_block(pdf, block)
        return bytes(pdf.output())


def characters(blocks: list[Block]) -> str:
    """Every character the report prints (the font is cut down to these)."""
    return "".join(sorted(set("：".join(text for block in blocks for text in texts(block)))))


def texts(block: Block) -> list[str]:
    if isinstance(block, Fields):
        return [text for row in block.rows for text in row]
    if isinstance(block, Table):
        return block.header + [text for row in block.rows for text in row]
    return [block.text]


def add_block(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Heading):
        pdf.ln(2 if block.level > 1 else 4)
        pdf.set_font("cjk", size=HEADING_SIZES[block.level])
        write(pdf, block.text, align="C" if block.level == 0 else "L")
        pdf.set_font("cjk", size=BODY_SIZE)
    elif isinstance(block, Paragraph):
        write(pdf, block.text)
    elif isinstance(block, Fields):
        for label, value in block.rows:
            write(pdf, f"{label}：{value}")
    elif isinstance(block, Table):
        add_table(pdf, block)
    else:
        raise TypeError(f"unknown block {block!r}")


def write(pdf: FPDF, text: str, align: str = "L") -> None:
    pdf.multi_cell(0, LINE, text, align=align, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def add_table(pdf: FPDF, block: Table) -> None:
    """A table whose columns are as wide as their longest text, up to 20 characters."""
    pdf.set_font("cjk", size=BODY_SIZE - 2)
    header = FontFace(emphasis="", fill_color=(230, 230, 230))  # one embedded face: no bold
    widths = [min(max(len(text) for text in column), 20) + 2 for column in zip(block.header, *block.rows)]
    with pdf.table(col_widths=widths, wrapmode=WrapMode.CHAR, text_align="LEFT", line_height=5,
                   headings_style=header) as table:
        for values in [block.header, *block.rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.set_font("cjk", size=BODY_SIZE)
