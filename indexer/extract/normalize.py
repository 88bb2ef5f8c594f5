"""Text clean-up shared by every extractor part."""
from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def clean_text(text: str) -> str:
    """Unify line ends and runs of spaces; keep line breaks (sections use them when present)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def gated(pattern: str, first_chars: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled behind a lookahead on the characters a match can start with.

    Python's re skips ahead quickly only for patterns that begin with a literal or a plain
    alternation of literals; one that begins with a group, a lookbehind or `^|` is tried at every
    position. The gate makes those fail at once where no match can start. `first_chars` must hold
    every possible first character, or matches are lost.
    """
    return re.compile(f"(?=[{re.escape(first_chars)}])(?:{pattern})", flags)
