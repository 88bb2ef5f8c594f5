"""The embedded default backend: tantivy, fed pre-analysed text through its whitespace tokenizer."""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Sequence

import tantivy

from ..analysis import tokens
from ..token_strings import analysed_fields, expanded
from ..fields import KEYWORD_FIELDS, TEXT_FIELDS
from ..query import All, And, Match, Near, Node, Not, Or, Phrase, Range, Term
from .base import BackendResult, stored_payload

NUMERIC = {"year": ("year_num", tantivy.FieldType.Integer), "amount": ("amount", tantivy.FieldType.Float)}
SORT_FIELDS = {"date_desc": ("date_num", tantivy.Order.Desc), "date_asc": ("date_num", tantivy.Order.Asc),
               "amount_desc": ("amount_max", tantivy.Order.Desc)}
# The text field is indexed as title ¶ text, so a word of the title matches the text field and the
# service's "text OR title" needs no union (a union makes tantivy run every phrase over all its
# matches); the gap token, which analysis never makes, keeps exact phrases from spanning both.
TITLE_GAP = "¶"
LAYOUT = "3"  # bumped when what the fields hold changes; an index of another layout is rebuilt
LAYOUT_FILE = "casebook-layout"
FACET_SIZE = 65_000  # larger than any facet's distinct values, so bucket counts are exact
# tantivy releases the GIL while it searches, so facet counting runs beside the scored search
_FACET_POOL = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="facets")


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name="whitespace")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_integer_field("year_num", fast=True, indexed=True)
    sb.add_integer_field("date_num", fast=True, indexed=True)
    sb.add_float_field("amount", fast=True, indexed=True)
    sb.add_float_field("amount_max", fast=True, indexed=True)
    sb.add_bytes_field("stored", stored=True, indexed=False)  # display fields as JSON, text aside:
    sb.add_bytes_field("body", stored=True, indexed=False)  # decoding a long text inside JSON is slow
    return sb.build()


def has_sloppy_phrase(node: Node) -> bool:
    if isinstance(node, Phrase):
        return node.slop > 0 and len(tokens(node.text)) > 2
    if isinstance(node, (And, Or)):
        return any(has_sloppy_phrase(item) for item in node.items)
    if isinstance(node, Not):
        return has_sloppy_phrase(node.item)
    if isinstance(node, Near):
        return has_sloppy_phrase(node.left) or has_sloppy_phrase(node.right)
    return False


def is_text_or_title(node: Or) -> bool:
    """The service's unscoped word, Or(word in text, word in title), when an exact word or phrase:
    the title is part of the text field here, so the text side alone matches the same documents
    (and a word of the heading counts once more in the text's BM25)."""
    if len(node.items) != 2 or type(node.items[0]) is not type(node.items[1]):
        return False
    text, title = node.items
    exact = isinstance(text, Term) or (isinstance(text, Phrase) and text.slop == 0)
    return exact and text.field == "text" and title.field == "title" and text.text == title.text


class TantivyBackend:
    name = "tantivy"

    def __init__(self, path: str, options: dict):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self.index = self._open_or_replace()
        self._last: dict[str, tantivy.Document] = {}
        self._seen_commit = None
        self.heap = int(options.get("writer_heap_mb", 128)) * 1_000_000
        self.threads = int(options.get("writer_threads", 1))
        self._writer = None

    def _open_or_replace(self) -> tantivy.Index:
        """Open the index; one written by another schema or layout is derived data: start it afresh."""
        marker = self.path / LAYOUT_FILE
        if marker.exists() and marker.read_text() == LAYOUT:
            try:
                return tantivy.Index(self.schema, path=str(self.path))
            except ValueError as exc:
                if "schema does not match" not in str(exc):
                    raise
        return self._fresh_index()

    def _fresh_index(self) -> tantivy.Index:
        """An empty index of this schema and layout in place of whatever `path` held."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / LAYOUT_FILE).write_text(LAYOUT)
        return tantivy.Index(self.schema, path=str(self.path))

    def writer(self):
        if self._writer is None:
            self._writer = self.index.writer(heap_size=self.heap, num_threads=self.threads)
        return self._writer

    def add(self, docs: Iterable[dict]) -> int:
        writer, written = self.writer(), 0
        for doc in docs:
            writer.delete_documents_by_term("id", doc["id"])
            writer.add_document(self._document(doc))
            written += 1
        return written

    def _document(self, doc: dict) -> tantivy.Document:
        out = tantivy.Document()
        out.add_text("id", doc["id"])
        analysed = expanded(doc.get("analysed") or analysed_fields({name: doc.get(name) or "" for name in TEXT_FIELDS}))
        analysed = dict(analysed, text=f"{analysed.get('title', '')} {TITLE_GAP} {analysed.get('text', '')}")
        for name, tokens_text in analysed.items():
            if tokens_text:
                out.add_text(name, tokens_text)
        for name in KEYWORD_FIELDS:
            for value in doc.get(name) or []:
                out.add_text(name, value)
        if doc.get("year_num"):
            out.add_integer("year_num", doc["year_num"])
        out.add_integer("date_num", doc.get("date_num") or 0)
        for value in doc.get("amount") or []:
            out.add_float("amount", value)
        out.add_float("amount_max", max(doc.get("amount") or [0.0]))
        payload = stored_payload(doc)
        out.add_bytes("body", payload.pop("text").encode())
        out.add_bytes("stored", json.dumps(payload, ensure_ascii=False).encode())
        return out

    def delete(self, ids: Iterable[str]) -> None:
        writer = self.writer()
        for doc_id in ids:
            writer.delete_documents_by_term("id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def clear(self) -> None:
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None
        self.index = self._fresh_index()
        self._last, self._seen_commit = {}, None

    def count(self) -> int:
        return self.searcher().num_docs

    def close(self) -> None:
        if self._writer is not None:
            self.commit()

    def searcher(self):
        """A searcher on the latest commit, this process's or another's (reloaded only when meta.json changed)."""
        try:
            commit = (self.path / "meta.json").stat().st_mtime_ns
        except FileNotFoundError:
            commit = None
        if commit != self._seen_commit:
            self.index.reload()
            self._seen_commit = commit
        return self.index.searcher()

    def search(self, query: Node, filters=None, facets: Sequence[str] = (), sort="relevance", limit=10, offset=0):
        searcher = self.searcher()
        tq = self._with_filters(self.translate(query), filters or {})
        sloppy = bool(facets) and has_sloppy_phrase(query)
        # the facet pass re-runs the query: on a second core it overlaps the scored search
        counting = _FACET_POOL.submit(self._facets, searcher, tq, facets) if facets and not sloppy else None
        if sort in SORT_FIELDS:
            field, order = SORT_FIELDS[sort]
            result = searcher.search(tq, max(limit, 1), count=True, offset=offset, order_by_field=field, order=order)
        else:
            result = searcher.search(tq, max(limit, 1), count=True, offset=offset)  # tantivy refuses limit 0
        docs = [searcher.doc(addr) for _, addr in result.hits[:limit]]
        self._last = {doc["id"][0]: doc for doc in docs}  # stored() right after a search reads these
        hits = [(doc["id"][0], float(score)) for doc, (score, _) in zip(docs, result.hits)]
        if sloppy:
            counted = self._facets(searcher, self._matched_ids(searcher, tq, result.count), facets)
        else:
            counted = counting.result() if counting is not None else {}
        return BackendResult(total=result.count, hits=hits, facets=counted)

    def _matched_ids(self, searcher, tq, count: int):
        """The matches as an id set: tantivy 0.27's aggregations miscount sloppy phrases of 3+ words."""
        found = searcher.search(tq, max(count, 1), count=False).hits
        ids = [searcher.doc(addr)["id"][0] for _, addr in found]
        return tantivy.Query.term_set_query(self.schema, "id", ids) if ids else tantivy.Query.empty_query()

    def _facets(self, searcher, tq, names: Sequence[str]) -> dict[str, dict[str, int]]:
        if not names:
            return {}
        spec = {name: {"terms": {"field": name, "size": FACET_SIZE, "segment_size": FACET_SIZE}} for name in names}
        result = searcher.aggregate(tq, spec)
        return {name: {b["key"]: b["doc_count"] for b in result[name]["buckets"]} for name in names}

    def stored(self, ids: Sequence[str]) -> dict[str, dict]:
        docs = [self._last[i] for i in ids if i in self._last]
        missing = [i for i in ids if i not in self._last]
        if missing:
            searcher = self.searcher()
            query = tantivy.Query.term_set_query(self.schema, "id", missing)
            docs += [searcher.doc(addr) for _, addr in searcher.search(query, len(missing), count=False).hits]
        payloads = (json.loads(bytes(doc["stored"][0])) | {"text": bytes(doc["body"][0]).decode()} for doc in docs)
        return {payload["id"]: payload for payload in payloads}

    # query translation -----------------------------------------------------

    def _with_filters(self, tq, filters: dict[str, list[str]]):
        clauses = [(tantivy.Occur.Must, tq)]
        for name, values in filters.items():
            ors = [(tantivy.Occur.Should, self._match(name, v)) for v in values]
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(tantivy.Query.boolean_query(ors), 0.0)))
        return tq if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def _match(self, name: str, value: str):
        if name in NUMERIC and name not in KEYWORD_FIELDS:
            number = float(value)
            return self.translate(Range(name, number, number))
        return tantivy.Query.term_query(self.schema, name, value)

    def translate(self, node: Node):
        Q, O = tantivy.Query, tantivy.Occur
        if isinstance(node, All):
            return Q.all_query()
        if isinstance(node, (Term, Phrase)):
            return self._text(node)
        if isinstance(node, Match):
            return Q.term_query(self.schema, node.field, node.value)
        if isinstance(node, Range):
            field, ftype = NUMERIC[node.field]
            cast = int if ftype == tantivy.FieldType.Integer else float
            low = cast(node.low) if node.low is not None else None
            high = cast(node.high) if node.high is not None else None
            return Q.range_query(self.schema, field, ftype, low, high)
        if isinstance(node, Near):
            return self.translate(And((node.left, node.right)))
        if isinstance(node, Not):
            return Q.boolean_query([(O.Must, Q.all_query()), (O.MustNot, self.translate(node.item))])
        if isinstance(node, Or):
            if is_text_or_title(node):
                return self._text(node.items[0])
            return Q.boolean_query([(O.Should, self.translate(item)) for item in node.items])
        return self._and(node)

    def _and(self, node: And):
        Q, O = tantivy.Query, tantivy.Occur
        clauses = []
        for item in node.items:
            if isinstance(item, Not):
                clauses.append((O.MustNot, self.translate(item.item)))
            else:
                clauses.append((O.Must, self.translate(item)))
        if all(occur == O.MustNot for occur, _ in clauses):
            clauses.append((O.Must, Q.all_query()))
        return Q.boolean_query(clauses)

    def _text(self, node: Term | Phrase):
        words = tokens(node.text)
        if not words:
            return tantivy.Query.all_query()
        if len(words) == 1:
            return tantivy.Query.term_query(self.schema, node.field, words[0])
        slop = node.slop if isinstance(node, Phrase) else 0
        return tantivy.Query.phrase_query(self.schema, node.field, words, slop)
