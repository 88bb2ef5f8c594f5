"""The report as a PDF (fpdf2) with an embedded, subsetted CJK font.

The font is the first found of: $CASEBOOK_CJK_FONT, the usual Debian/Ubuntu CJK font files, then
whatever fontconfig lists for Chinese.  fpdf2 reads .ttf/.otf and .ttc collections (the Simplified
Chinese face of a collection is chosen by name).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from .model import Report, ReportError
from .outline import Block, Fields, Heading, Paragraph, Table, outline

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
NO_FONT = ("生成 PDF 需要中文字体，但本机未找到。请安装 fonts-noto-cjk（Debian/Ubuntu：sudo apt install fonts-noto-cjk），"
           "或将环境变量 CASEBOOK_CJK_FONT 设为一个中文 .ttf/.otf/.ttc 字体文件的路径。")
HEADING_SIZES = {0: 18, 1: 14, 2: 12, 3: 11}
BODY_SIZE = 10
LINE = 6  # mm per body line


@cache
def cjk_font() -> tuple[str, int]:
    """(path, face number) of a CJK font to embed; ReportError naming the package when there is none."""
    chosen = os.environ.get("CASEBOOK_CJK_FONT")
    for path in ([chosen] if chosen else []) + list(FONT_FILES) + fontconfig_fonts():
        if path and Path(path).is_file():
            return path, simplified_face(path)
    raise ReportError(NO_FONT)


def fontconfig_fonts() -> list[str]:
    if shutil.which("fc-list") is None:
        return []
    listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    files = [line.split(":")[0].strip() for line in listing.splitlines()]
    return sorted(f for f in files if f.lower().endswith((".ttf", ".otf", ".ttc")))


def simplified_face(path: str) -> int:
    """The face of a .ttc whose family name marks Simplified Chinese (SC), else the first face."""
    if not path.lower().endswith(".ttc"):
        return 0
    names = [face["name"].getDebugName(1) or "" for face in TTCollection(path).fonts]
    return next((i for i, name in enumerate(names) if name.endswith((" SC", "SC"))), 0)


def render_pdf(report: Report) -> bytes:
    path, face = cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("cjk", "", path, collection_font_number=face)
    pdf.set_title(report.title)
    pdf.add_page()
    for block in outline(report):
        add_block(pdf, block)
    return bytes(pdf.output())


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
    pdf.set_font("cjk", size=BODY_SIZE - 2)
    header = FontFace(emphasis="", fill_color=(230, 230, 230))  # one embedded face: no bold
    with pdf.table(wrapmode=WrapMode.CHAR, text_align="LEFT", line_height=5, headings_style=header) as table:
        for values in [block.header, *block.rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.set_font("cjk", size=BODY_SIZE)
