"""The tantivy index layout: the title inside the text field, and indexes of another layout rebuilt."""
from indexer.backends.tantivy_backend import LAYOUT, TantivyBackend
from indexer.query import parse
from indexer.search import search, with_titles


def doc(doc_id: str, title: str, text: str) -> dict:
    return {"id": doc_id, "title": title, "text": text, "court": ["海门市人民法院"]}


def backend_with(path, *docs) -> TantivyBackend:
    backend = TantivyBackend(str(path), {})
    backend.add(docs)
    backend.commit()
    return backend


def ids(backend, q: str) -> set[str]:
    return {doc_id for doc_id, _ in backend.search(with_titles(parse(q)), limit=10).hits}


def test_a_word_only_in_the_title_matches(tmp_path):
    backend = backend_with(tmp_path, doc("a", "敲诈勒索案", "被告人以差评相要挟。"), doc("b", "合同纠纷", "双方签订合同。"))
    assert ids(backend, "敲诈勒索") == {"a"}
    assert ids(backend, "敲诈勒索 差评") == {"a"}
    assert search(backend, "敲诈勒索")["facets"]["court"] == {"海门市人民法院": 1}


def test_an_exact_phrase_does_not_span_title_and_text(tmp_path):
    # the title ends with 勒索, the text starts with 案件: 勒索案件 is in neither
    backend = backend_with(tmp_path, doc("a", "敲诈勒索", "案件经过如下。"))
    assert ids(backend, '"勒索案件"') == set()
    assert ids(backend, '"敲诈勒索"') == {"a"}


def test_an_index_of_another_layout_is_rebuilt(tmp_path):
    backend_with(tmp_path, doc("a", "敲诈勒索案", "正文。")).close()
    assert TantivyBackend(str(tmp_path), {}).count() == 1
    (tmp_path / "casebook-layout").write_text("1")
    reopened = TantivyBackend(str(tmp_path), {})
    assert reopened.count() == 0
    assert (tmp_path / "casebook-layout").read_text() == LAYOUT
