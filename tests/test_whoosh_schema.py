"""The Whoosh index: one written with another schema (an older release's fields) is rebuilt on open."""
from whoosh import index

from indexer.backends.whoosh_backend import WhooshBackend, build_schema


def test_an_index_of_the_current_schema_is_kept(tmp_path):
    backend = WhooshBackend(str(tmp_path), {})
    backend.add([{"id": "a", "title": "敲诈勒索案", "text": "正文。"}])
    backend.commit()
    assert WhooshBackend(str(tmp_path), {}).count() == 1


def test_an_index_of_an_older_schema_is_started_afresh(tmp_path):
    older = build_schema()
    older.remove("judge_names")  # a field this release added
    writer = index.create_in(str(tmp_path), older).writer()
    writer.add_document(id="a", stored="{}")
    writer.commit()
    reopened = WhooshBackend(str(tmp_path), {})
    assert reopened.count() == 0 and "judge_names" in reopened.index.schema.names()
