"""One conformance suite over every search backend: the spec rows of tests/conformance_docs.py,
then the backends compared with each other on hit sets, totals and facet counts."""
from __future__ import annotations

import uuid

import pytest

from casebook.record import Record
from indexer.backends.base import open_backend
from indexer.document import index_document
from indexer.fields import FACET_FIELDS
from indexer.query import parse
from indexer.proximity import contains_near
from indexer.search import near_matches, parse_filters, search, without_negated_near
from tests.conformance_docs import DOCS, FACET_ROWS, FILTER_ROWS, KNOWN_BUGS, QUERY_ROWS

BACKENDS = ["tantivy", "whoosh", "elasticsearch"]
ALL = 100  # larger than the corpus: one page holds every hit
# Agreement is checked on every row, without the rows' spec xfails (backends agree on Near today).
AGREE_ROWS = [pytest.param(*p.values, id=p.id) for p in QUERY_ROWS + FILTER_ROWS + FACET_ROWS]


def open_test_backend(name: str, tmp_path, request):
    """A fresh backend; the cluster one gets the test node and an index prefix of its own."""
    options = {}
    if name == "elasticsearch":
        url = request.getfixturevalue("opensearch_url")
        options = {"hosts": [url], "product": "opensearch", "index_prefix": f"conf-{uuid.uuid4().hex[:8]}"}
    return open_backend(name, str(tmp_path), options)


@pytest.fixture(scope="module")
def indexes(request, tmp_path_factory):
    """Every backend of BACKENDS with the spec corpus indexed once."""
    docs = [index_document(Record.from_dict(doc)) for doc in DOCS]
    built = {}
    for name in BACKENDS:
        backend = open_test_backend(name, tmp_path_factory.mktemp(name), request)
        backend.clear()
        backend.add(docs)
        backend.commit()
        built[name] = backend
    yield built
    for backend in built.values():
        backend.close()


@pytest.fixture(params=BACKENDS)
def backend(request, indexes):
    return indexes[request.param]


def xfail_known_bugs(request, names) -> None:
    """Mark this row a strict xfail when KNOWN_BUGS names one of `names` for it."""
    row_id = request.node.callspec.id
    for (name, row), reason in KNOWN_BUGS.items():
        if name in names and row_id.endswith(row):
            request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


def run(backend, query: str, filters: dict, facets=(), **options):
    ast, chosen = parse(query), parse_filters(filters)
    ast = without_negated_near(backend, ast, chosen)
    if contains_near(ast):  # /s and /p are checked on the text by the search service, over any backend
        chosen["id"] = near_matches(backend, ast, ast, chosen) or ["-"]
    return backend.search(ast, chosen, facets, limit=ALL, **options)


def test_every_document_is_indexed(backend):
    assert backend.count() == len(DOCS)


@pytest.mark.parametrize("query, filters, expected", QUERY_ROWS + FILTER_ROWS)
def test_spec_row(backend, query, filters, expected):
    result = run(backend, query, filters)
    ids = [doc_id for doc_id, _ in result.hits]
    assert (set(ids), result.total, len(ids)) == (expected, len(expected), len(expected))


@pytest.mark.parametrize("query, filters, expected", FACET_ROWS)
def test_facet_counts(request, backend, query, filters, expected):
    xfail_known_bugs(request, [backend.name])
    assert run(backend, query, filters, facets=tuple(expected)).facets == expected


def outcome(backend, query: str, filters: dict):
    result = run(backend, query, filters, facets=FACET_FIELDS)
    return {doc_id for doc_id, _ in result.hits}, result.total, result.facets


@pytest.mark.parametrize("query, filters, expected", AGREE_ROWS)
def test_backends_agree(request, indexes, query, filters, expected):
    if len(indexes) < 2:
        pytest.skip("one backend: nothing to compare")
    xfail_known_bugs(request, BACKENDS)
    first, *others = BACKENDS
    reference = outcome(indexes[first], query, filters)
    assert {name: outcome(indexes[name], query, filters) for name in others} == dict.fromkeys(others, reference)


def by_date(ids, newest_first: bool) -> list[str]:
    dates = {doc["id"]: doc["date"] for doc in DOCS}
    return sorted(ids, key=lambda doc_id: dates[doc_id], reverse=newest_first)


@pytest.mark.parametrize("query, sort", [
    ("", "date_desc"),       # the whole corpus, newest first
    ("", "date_asc"),        # the whole corpus, oldest first
    ("差评 OR 删帖", "date_desc"),  # a query's hits in date order
])
def test_date_pages_concatenate_to_the_ordered_list(backend, query, sort):
    expected = by_date({doc_id for doc_id, _ in run(backend, query, {}).hits}, sort == "date_desc")
    pages = [search(backend, query, limit=5, offset=offset, sort=sort, facets=()) for offset in range(0, 40, 5)]
    assert [hit["id"] for page in pages for hit in page["hits"]] == expected
    assert {page["total"] for page in pages} == {len(expected)}


def test_amount_sort_orders_by_the_largest_amount(backend):
    largest = {doc["id"]: max(index_document(Record.from_dict(doc))["amount"] or [0]) for doc in DOCS}
    result = run(backend, "金额:[1 TO *]", {}, sort="amount_desc")
    ids = [doc_id for doc_id, _ in result.hits]
    assert ids == sorted(ids, key=lambda doc_id: -largest[doc_id]) and len(ids) == 29


def test_relevance_scores_descend(backend):
    scores = [score for _, score in run(backend, "差评 OR 敲诈", {}).hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_the_service_keeps_words_met_in_different_sentences_under_not(backend):
    query = "差评 NOT (差评 /s 敲诈)"
    found = search(backend, query, limit=ALL, facets=("charges",))
    expected = run(backend, query, {}, facets=("charges",))
    assert {hit["id"] for hit in found["hits"]} == {"c02", "c04", "c05", "c06", "c07", "c17", "c31", "c35"}
    assert (found["total"], found["facets"]) == (expected.total, expected.facets)
