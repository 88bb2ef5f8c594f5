"""A CJK font for the PDF: found on the system, cut down to the report's characters, as TrueType.

The usual Chinese fonts on Linux (Noto CJK) are CID-keyed CFF collections (.ttc).  fpdf2 embeds
those with a custom encoding CMap that common text extractors (pypdf among them) misread, so the
report's characters are subset out of the chosen face and their outlines converted to TrueType
(quadratic) curves; fpdf2 then embeds the small font with the standard Identity-H encoding.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable

from . import ReportError

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
MAX_CURVE_ERROR = 1.0  # font units, when approximating cubic curves by quadratic ones


@cache
def cjk_font() -> tuple[str, int]:
    """(path, face number): $CASEBOOK_CJK_FONT, else a usual CJK font file, else one fontconfig lists."""
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
    return next((i for i, name in enumerate(names) if name.endswith("SC")), 0)


def subset_truetype(text: str, target: Path) -> Path:
    """Write to `target` a TrueType font with the glyphs of `text` from the system's CJK font."""
    path, face = cjk_font()
    font = TTFont(path, fontNumber=face, lazy=True)
    options = Options()
    options.layout_features, options.notdef_outline, options.hinting = [], True, False
    subsetter = Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    if "CFF " in font:
        to_quadratic(font)
    font.save(target)
    return target


def to_quadratic(font: TTFont) -> None:
    """Replace a font's CFF outlines by TrueType `glyf` outlines (after fontTools' otf2ttf snippet)."""
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names
    font.sfntVersion = "\x00\x01\x00\x00"
