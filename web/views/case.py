"""The case page: a summary card of the extracted fields, section navigation, the full text, provenance."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, render_template

from indexer.search import search

from ..format import section_label, statutes_by_law

case = Blueprint("case", __name__)


@dataclass
class Section:
    name: str
    label: str
    paragraphs: list[str]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def ordered_sections(full_text: str, sections: dict[str, str]) -> list[Section]:
    """The sections as the extractor lists them (document order); the whole text when there are none."""
    named = [(name, text) for name, text in sections.items() if text and text.strip()]
    if not named:
        return [Section("full_text", "全文", paragraphs(full_text))]
    return [Section(name, section_label(name), paragraphs(text)) for name, text in named]


def related_links(backend, numbers: list[str], own_id: str) -> list[dict]:
    """Each related case number with the id of the corpus case bearing it (None when not in the corpus)."""
    links = []
    for number in numbers:
        hits = search(backend, "", {"case_number": [number]}, limit=1)["hits"]
        found = hits[0]["id"] if hits and hits[0]["id"] != own_id else None
        links.append({"number": number, "id": found})
    return links


def provenance(store, record_id: str) -> dict:
    return {"version": store.version(record_id), "earlier": store.versions(record_id)}


@case.get("/cases/<path:case_id>")
def show(case_id: str):
    ctx = current_app.extensions["casebook"]
    record = ctx.store.get(case_id)
    if record is None:
        message = f"找不到编号为“{case_id}”的案例。它可能尚未导入，或链接有误。"
        return render_template("error.html", status=404, message="找不到该案例", detail=message), 404
    data = record.to_dict()
    return render_template(
        "case.html", case=data,
        sections=ordered_sections(data["full_text"] or "", data["sections"] or {}),
        related=related_links(ctx.backend, data["related_cases"] or [], case_id),
        statutes=statutes_by_law(data["statutes"] or []),
        history=provenance(ctx.store, case_id),
    )
