"""Importers: files and folders in bulk formats → `ImportItem`s of corpus records.

`read_path` detects the format of each file and yields one item per document.  A file that
cannot be read yields an item with `error` set (and the batch goes on), never an exception.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from casebook.record import Record


@dataclass
class ImportItem:
    origin: str
    record: Record | None = None
    raw: bytes | None = None
    error: str | None = None
    defer_extraction: bool = False  # bulk rows: extraction runs at index time instead


SUFFIXES = {".jsonl", ".json", ".txt", ".html", ".htm", ".doc", ".docx", ".pdf", ".csv", ".gz", ".bz2", ".xz"}


def iter_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUFFIXES:
                yield child
    else:
        yield path


def read_path(path: str | Path, kind: str | None = None) -> Iterator[ImportItem]:
    """Every document under `path` (a file or a folder); `kind='news'` reads files as news reports."""
    from . import formats

    path = Path(path)
    if not path.exists():
        yield ImportItem(origin=str(path), error=f"路径不存在: {path}")
        return
    for file in iter_files(path):
        try:
            yield from formats.read_file(file, kind)
        except Exception as exc:  # one bad file must not abort the batch
            yield ImportItem(origin=str(file), error=f"{type(exc).__name__}: {exc}")
