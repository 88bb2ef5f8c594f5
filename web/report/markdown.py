"""The report as Markdown (GitHub flavour: pipe tables)."""
from __future__ import annotations

from .model import Report
from .outline import Block, Fields, Heading, Paragraph, Table, outline


def render_markdown(report: Report) -> str:
    return "\n\n".join(markdown_block(block) for block in outline(report)) + "\n"


def markdown_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + escaped(block.text)
    if isinstance(block, Paragraph):
        return escaped(block.text)
    if isinstance(block, Fields):
        return "\n".join(f"- **{label}**：{escaped(value)}" for label, value in block.rows)
    if isinstance(block, Table):
        lines = [block.header, ["---"] * len(block.header), *block.rows]
        return "\n".join("| " + " | ".join(cell(value) for value in line) + " |" for line in lines)
    raise TypeError(f"unknown block {block!r}")


def escaped(text: str) -> str:
    """Text kept literal: Markdown's inline markers escaped, line breaks kept inside the item."""
    for char in "\\*_`[]<>#|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "  \n  ")


def cell(text: str) -> str:
    return text if text == "---" else escaped(text).replace("  \n  ", "<br>")
