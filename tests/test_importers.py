"""Importers on the real files under ../shared/data and on hand-made bad input."""
import json

from casebook.pipeline import import_paths
from scrapers.importers import read_path


def items(path, kind=None):
    return list(read_path(path, kind))


def test_judgment_jsonl_keeps_ids_and_flags_partial(shared):
    good = [i for i in items(shared / "data/judgments/partial.jsonl") if i.record]
    assert good and all(i.record.incomplete for i in good)
    full = items(shared / "data/judgments/judgments.jsonl")
    assert len(full) == 358 and all(i.record for i in full)
    assert full[0].record.id == json.loads((shared / "data/judgments/judgments.jsonl").open().readline())["id"]


def test_lecard_candidates_keep_their_charges(shared):
    first = next(iter(read_path(shared / "data/lecard/candidates.jsonl")))
    assert first.record.id == "10014"
    assert first.record.charges == ["交通肇事罪"]  # the junk value "ajId" is dropped
    assert "charges" in first.record.given_fields


def test_wenshu_samples_both_shapes(shared):
    old, new = [items(shared / f"data/wenshu-samples/{n}")[0].record for n in ("sample1.json", "sample3.json")]
    assert old.id == "099861c2-2e9c-490b-9d4d-a9b300cc2dd4" and "民 事 判 决 书" in old.full_text
    assert new.id == "cb30ea86667945f68d3cab340045bf5c" and "劳务合同纠纷" in new.full_text


def test_gbk_text_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_bytes("江苏省海门市人民法院\n刑事判决书\n被告人张某犯敲诈勒索罪".encode("gbk"))
    (tmp_path / "b.html").write_bytes(
        '<html><head><meta charset="gb2312"><title>判决书</title></head><body><p>被告人李某</p></body></html>'.encode("gbk"))
    a, b = items(tmp_path)
    assert "敲诈勒索罪" in a.record.full_text
    assert b.record.title == "判决书" and "被告人李某" in b.record.full_text


def test_bad_lines_are_reported_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "x1", "full_text": "被告人张某"}\n{broken\n{"id": "x2", "full_text": "原告李某"}\n', encoding="utf-8")
    got = items(path)
    assert [bool(i.record) for i in got] == [True, False, True]
    assert "第2行" in got[1].error


def test_reimport_is_a_no_op_and_a_crash_resumes(context, shared):
    path = shared / "data/judgments/judgments.jsonl"
    first = import_paths(context.store, [str(path)], progress=False)
    again = import_paths(context.store, [str(path)], progress=False)
    assert first.new == 358 and again.unchanged == 358 and again.new == 0
    assert context.store.count() == 358


def test_missing_path_is_an_error_item(tmp_path):
    [item] = items(tmp_path / "nope.jsonl")
    assert "不存在" in item.error


def test_docx_and_pdf_text_layers(tmp_path):
    from docx import Document
    from fpdf import FPDF

    document = Document()
    for line in ("江苏省海门市人民法院", "民事判决书", "原告浙江淘宝网络有限公司与被告杜某网络侵权责任纠纷一案"):
        document.add_paragraph(line)
    document.save(tmp_path / "a.docx")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Judgment (2019) Su 0684 Min Chu 1")
    pdf.output(str(tmp_path / "b.pdf"))
    blank = FPDF()
    blank.add_page()
    blank.output(str(tmp_path / "c.pdf"))
    a, b, c = items(tmp_path)
    assert "网络侵权责任纠纷" in a.record.full_text and a.record.title == "江苏省海门市人民法院"
    assert "Su 0684" in b.record.full_text
    assert c.record is None and "没有文本层" in c.error  # a scan without a text layer: a clear error
