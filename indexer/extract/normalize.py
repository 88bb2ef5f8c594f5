"""Text clean-up shared by every extractor part."""
from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def clean_text(text: str) -> str:
    """Unify line ends and runs of spaces; keep line breaks (sections use them when present)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()
