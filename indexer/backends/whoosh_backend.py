"""The pure-Python backend: Whoosh, with the same CJK bigram analysis as the embedded default."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path
from typing import Iterable, Sequence

with warnings.catch_warnings():  # whoosh 2.7 predates Python 3.12's escape-sequence warnings
    warnings.simplefilter("ignore", SyntaxWarning)
    from whoosh import fields, index, query as wq, sorting
    from whoosh.analysis import RegexTokenizer, Token as WToken, Tokenizer
    from whoosh.query.spans import Span, SpanNear2

from ..analysis import token_spans, tokens
from ..fields import KEYWORD_FIELDS, TEXT_FIELDS
from ..query import All, And, Match, Near, Node, Not, Or, Phrase, Range, Term
from .base import BackendResult, stored_payload

SEPARATOR = "\x1f"  # joins the values of a multi-valued keyword field; never occurs in values
NUMERIC = {"year": "year_num", "amount": "amount"}
SORTS = {"date_desc": ("date_num", True), "date_asc": ("date_num", False), "amount_desc": ("amount_max", True)}


class CJKTokenizer(Tokenizer):
    """Yields `indexer.analysis.token_spans` as Whoosh tokens at consecutive positions."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        token = WToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, span in enumerate(token_spans(value)):
            token.text, token.boost, token.stopped = span.text, 1.0, False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + span.start, start_char + span.end
            yield token


def sloppy_match(positions: list[list[int]], slop: int) -> Span | None:
    """Lucene's sloppy phrase rule: distinct positions p_i of the words, in any order, with
    max(p_i - i) - min(p_i - i) <= slop.  So "甲 乙"~1 allows one word between, and reversing two
    adjacent words costs 2.  Returns the span of one match, or None."""

    def extend(i: int, low: int, high: int, used: frozenset[int]) -> Span | None:
        if i == len(positions):
            return Span(min(used), max(used))
        for pos in positions[i]:
            rel = pos - i
            lo, hi = min(low, rel), max(high, rel)
            if hi - lo <= slop and pos not in used:
                found = extend(i + 1, lo, hi, used | {pos})
                if found:
                    return found
        return None

    return extend(0, 10**9, -(10**9), frozenset())


class SloppyPhrase(wq.Phrase):
    """A Phrase with slop > 0 under Lucene (Elasticsearch, tantivy) semantics; Whoosh's own sloppy
    phrase only matches the words in order and lets every gap, not their sum, reach the slop."""

    def matcher(self, searcher, context=None):
        reader, field = searcher.reader(), searcher.schema[self.fieldname]
        words = [field.to_bytes(word) for word in self.words]
        if any((self.fieldname, word) not in reader for word in words):
            return wq.NullQuery.matcher(searcher, context)
        terms = [wq.Term(self.fieldname, word) for word in words]
        return _SloppyMatcher([t.matcher(searcher, context) for t in terms], slop=self.slop)


class _SloppyMatcher(SpanNear2.SpanNear2Matcher):
    def _get_spans(self):
        span = sloppy_match([[s.start for s in m.spans()] for m in self.ms], self.slop)
        return [span] if span else []


def build_schema() -> fields.Schema:
    spec = {"id": fields.ID(stored=True, unique=True), "stored": fields.STORED()}
    for name in TEXT_FIELDS:
        spec[name] = fields.TEXT(analyzer=CJKTokenizer(), phrase=True)
    for name in KEYWORD_FIELDS:
        spec[name] = fields.TEXT(analyzer=RegexTokenizer(rf"[^{SEPARATOR}]+"), phrase=False)
    spec["year_num"] = fields.NUMERIC(int)
    spec["date_num"] = fields.NUMERIC(int, sortable=True)
    spec["amount"] = fields.NUMERIC(float)
    spec["amount_max"] = fields.NUMERIC(int, bits=64, sortable=True)  # in fen: whoosh cannot sort float columns
    return fields.Schema(**spec)


class WhooshBackend:
    name = "whoosh"

    def __init__(self, path: str, options: dict):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        schema = build_schema()
        opened = index.open_dir(str(self.path)) if index.exists_in(str(self.path)) else None
        # an index of an older schema is derived data: start it afresh (`casebook serve` refills it)
        current = opened is not None and opened.schema.names() == schema.names()
        self.index = opened if current else index.create_in(str(self.path), schema)
        self._writer = None

    def writer(self):
        if self._writer is None:
            self._writer = self.index.writer()
        return self._writer

    def add(self, docs: Iterable[dict]) -> int:
        writer, written = self.writer(), 0
        for doc in docs:
            writer.update_document(**self._document(doc))
            written += 1
        return written

    def _document(self, doc: dict) -> dict:
        out = {"id": doc["id"], "stored": json.dumps(stored_payload(doc), ensure_ascii=False)}
        out.update({name: doc[name] for name in TEXT_FIELDS if doc.get(name)})
        out.update({name: SEPARATOR.join(doc[name]) for name in KEYWORD_FIELDS if doc.get(name)})
        if doc.get("year_num"):
            out["year_num"] = doc["year_num"]
        out["date_num"] = doc.get("date_num") or 0
        if doc.get("amount"):
            out["amount"] = list(doc["amount"])
        out["amount_max"] = round(max(doc.get("amount") or [0.0]) * 100)
        return out

    def delete(self, ids: Iterable[str]) -> None:
        writer = self.writer()
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def clear(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        self.index = index.create_in(str(self.path), build_schema())

    def count(self) -> int:
        return self.index.doc_count()

    def close(self) -> None:
        self.commit()

    def search(self, query: Node, filters=None, facets: Sequence[str] = (), sort="relevance", limit=10, offset=0):
        wquery = self.translate(query)
        wfilter = self._filter(filters or {})
        with self.index.searcher() as searcher:
            options = {"filter": wfilter, "limit": None}
            if sort in SORTS:
                options["sortedby"], options["reverse"] = SORTS[sort]
            if facets:
                options["groupedby"] = {n: sorting.FieldFacet(n, allow_overlap=True) for n in facets}
            results = searcher.search(wquery, **options)
            page = results[offset : offset + limit]
            hits = [(hit["id"], float(hit.score or 0.0)) for hit in page]
            counts = {n: self._counts(results.groups(n)) for n in facets}
            return BackendResult(total=len(results), hits=hits, facets=counts)

    @staticmethod
    def _counts(groups: dict) -> dict[str, int]:
        pairs = [(key, len(docs)) for key, docs in groups.items() if key is not None]
        return dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))

    def stored(self, ids: Sequence[str]) -> dict[str, dict]:
        out = {}
        with self.index.searcher() as searcher:
            for doc_id in ids:
                found = searcher.document(id=doc_id)
                if found:
                    out[doc_id] = json.loads(found["stored"])
        return out

    # query translation -----------------------------------------------------

    def _filter(self, filters: dict[str, list[str]]):
        clauses = [wq.Or([self._match(name, v) for v in values]) for name, values in filters.items()]
        return wq.And(clauses) if clauses else None

    def _match(self, name: str, value: str):
        if name in NUMERIC and name not in KEYWORD_FIELDS:
            return self.translate(Range(name, float(value), float(value)))
        return wq.Term(name, value)

    def translate(self, node: Node):
        if isinstance(node, All):
            return wq.Every()
        if isinstance(node, (Term, Phrase)):
            return self._text(node)
        if isinstance(node, Match):
            return wq.Term(node.field, node.value)
        if isinstance(node, Range):
            field = NUMERIC[node.field]
            cast = int if field == "year_num" else float
            low = cast(node.low) if node.low is not None else None
            high = cast(node.high) if node.high is not None else None
            # A document with several values in range comes back once per value; the intersection
            # with Every() collapses the repeats (else hits hold duplicates and pages shift).
            return wq.And([wq.Every(), wq.NumericRange(field, low, high)])
        if isinstance(node, Near):
            return self.translate(And((node.left, node.right)))
        if isinstance(node, Not):
            return wq.And([wq.Every(), wq.Not(self.translate(node.item))])
        if isinstance(node, Or):
            return wq.Or([self.translate(item) for item in node.items])
        positives = [self.translate(i) for i in node.items if not isinstance(i, Not)] or [wq.Every()]
        negatives = [wq.Not(self.translate(i.item)) for i in node.items if isinstance(i, Not)]
        return wq.And(positives + negatives)

    def _text(self, node: Term | Phrase):
        words = tokens(node.text)
        if not words:
            return wq.Every()
        if len(words) == 1:
            return wq.Term(node.field, words[0])
        slop = node.slop if isinstance(node, Phrase) else 0
        if slop:
            return SloppyPhrase(node.field, words, slop=slop)
        return wq.Phrase(node.field, words, slop=1)  # Whoosh's slop 1 means adjacent
