"""What a command or the web app works on: the config, the corpus store and the search backend."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from corpus.store import Store

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "corpus" / "samples"


class Context:
    def __init__(self, config: dict):
        self.config = config

    @cached_property
    def store(self) -> Store:
        return Store(self.config["data_dir"])

    @cached_property
    def backend(self):
        return self.open_backend()

    def open_backend(self, name: str | None = None):
        from casebook.pipeline import open_index

        return open_index(self.config, name)

    def search(self, **kwargs) -> dict:
        """indexer.search.search over this corpus's backend with the configured ranking."""
        from indexer.search import search

        return search(self.backend, ranking=self.config.get("ranking"), **kwargs)

    def prepare_for_serving(self, echo=print) -> None:
        """Import the shipped samples into an empty corpus; rebuild an index that lags the corpus."""
        from casebook.pipeline import import_paths, reindex

        if self.store.count() == 0 and self.config.get("import", {}).get("samples", True):
            summary = import_paths(self.store, [str(p) for p in sorted(SAMPLES_DIR.glob("*.jsonl"))])
            echo(f"已导入随附示例：新增 {summary.new} 件")
        if self.backend.count() != self.store.count():
            echo(f"已建立索引：{reindex(self.store, self.backend)} 件")

    def close(self) -> None:
        if "backend" in self.__dict__:
            self.backend.close()
        if "store" in self.__dict__:
            self.store.close()
