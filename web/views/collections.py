"""Collection (案例包) pages: list and create, a collection with its cases, comparison and searches,
adding a case from a result list or a case page, re-running a recorded search, the report download.

Forms post here (with a CSRF token) and redirect back; the data layer's refusals become a message
on the page they came from (`on_user_error`).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from corpus import collections as coll
from corpus.collections import METHODS, TREATMENTS, CollectionError, guiding_in_force
from indexer.query import QueryError

from ..api_collections import report as report_file
from ..api_common import (NotFound, case_summary, collection_by_id, context, params_from_string,
                          record_feeding_search, rerun_diff, writing)
from ..report import FORMATS, ReportError

collection_pages = Blueprint("collections", __name__)
SIMILAR_CHOICES = {"yes": True, "no": False, "": None}


@collection_pages.app_errorhandler(CollectionError)
@collection_pages.app_errorhandler(ReportError)
@collection_pages.app_errorhandler(QueryError)
def on_user_error(exc: ValueError):
    """A page that cannot be shown answers an error page; a refused form goes back with the message."""
    status = 404 if isinstance(exc, NotFound) else 400
    if request.method == "GET" or status == 404:
        return render_template("error.html", status=status, message="无法完成请求", detail=str(exc)), status
    flash(str(exc), "error")
    return redirect(request.referrer or url_for("collections.index"))


def form_text(name: str) -> str:
    return request.form.get(name, "").strip()


def back_to(collection_id: int, anchor: str = ""):
    return redirect(url_for("collections.show", collection_id=collection_id) + anchor)


@collection_pages.get("/collections")
def index():
    return render_template("collections.html", collections=coll.list_collections(context().store))


@collection_pages.post("/collections")
def create():
    with writing() as store:
        made = coll.create_collection(store, form_text("name"), form_text("description"))
    flash(f"已新建案例包“{made.name}”", "ok")
    return back_to(made.id)


@collection_pages.get("/collections/<int:collection_id>")
def show(collection_id: int):
    found = collection_by_id(collection_id)
    store = context().store
    cases = [{"entry": c, "record": case_summary(c.record_id),
              "can_follow": bool((r := store.get(c.record_id)) and guiding_in_force(r))} for c in found.cases]
    return render_template("collection.html", collection=found, cases=cases, methods=METHODS,
                           treatments=TREATMENTS, formats=FORMATS)


@collection_pages.post("/collections/<int:collection_id>/edit")
def edit(collection_id: int):
    with writing() as store:
        renamed = coll.rename_collection(store, collection_by_id(collection_id).name, form_text("name"))
        coll.describe_collection(store, renamed.name, form_text("description"))
    flash("已保存名称和说明", "ok")
    return back_to(collection_id)


@collection_pages.post("/collections/<int:collection_id>/delete")
def delete(collection_id: int):
    with writing() as store:
        found = collection_by_id(collection_id)
        coll.delete_collection(store, found.name)
    flash(f"已删除案例包“{found.name}”", "ok")
    return redirect(url_for("collections.index"))


@collection_pages.get("/collections/add")
def add_form():
    record_id = request.args.get("case", "")
    if context().store.get(record_id) is None:
        raise NotFound(f"语料库中没有案例 {record_id}")
    return render_template("collection_add.html", case=case_summary(record_id), search=request.args.get("search", ""),
                           collections=coll.list_collections(context().store))


@collection_pages.post("/collections/add")
def add():
    """Add a case to a chosen or new collection; the result list it came from is recorded with it."""
    record_id, search = form_text("record_id"), form_text("search")
    with writing() as store:
        name = chosen_collection(store)
        if search:
            record_feeding_search(name, params_from_string(search))
        coll.add_case(store, name, record_id, note=form_text("note"),
                      similar=SIMILAR_CHOICES.get(form_text("similar")))
    found = coll.get_collection(context().store, name)
    flash(f"已将案例加入案例包“{name}”", "ok")
    return back_to(found.id, f"#case-{len(found.cases)}")


def chosen_collection(store) -> str:
    """The name of the collection picked in the add form, created first when a new name is given."""
    new_name = form_text("new_name")
    if new_name:
        return coll.create_collection(store, new_name).name
    if not form_text("collection_id").isdigit():
        raise CollectionError("请选择一个案例包，或填写新案例包的名称")
    return collection_by_id(int(form_text("collection_id"))).name


@collection_pages.post("/collections/<int:collection_id>/cases/update")
def update_case(collection_id: int):
    record_id = form_text("record_id")
    changes = {key: request.form.get(key, "").strip() for key in ("note", "facts", "issues", "law")}
    changes |= {"similar": SIMILAR_CHOICES.get(form_text("similar"))}
    with writing() as store:
        name = collection_by_id(collection_id).name
        entry = coll.update_case(store, name, record_id, treatment=form_text("treatment") or None, **changes)
    flash("已保存比对意见", "ok")
    return back_to(collection_id, f"#case-{entry.position}")


@collection_pages.post("/collections/<int:collection_id>/cases/move")
def move_case(collection_id: int):
    record_id, step = form_text("record_id"), -1 if form_text("direction") == "up" else 1
    with writing() as store:
        found = collection_by_id(collection_id)
        order = coll.move_case(store, found.name, record_id, found.entry(record_id).position + step)
    return back_to(collection_id, f"#case-{order.index(record_id) + 1}")


@collection_pages.post("/collections/<int:collection_id>/cases/remove")
def remove_case(collection_id: int):
    with writing() as store:
        coll.remove_case(store, collection_by_id(collection_id).name, form_text("record_id"))
    flash("已从案例包移除该案例", "ok")
    return back_to(collection_id)


@collection_pages.get("/collections/<int:collection_id>/searches/<int:search_id>/rerun")
def rerun(collection_id: int, search_id: int):
    found = collection_by_id(collection_id)
    run = next((s for s in found.searches if s.id == search_id), None)
    diff = rerun_diff(found, search_id)
    return render_template("rerun.html", collection=found, run=run, diff=diff, methods=METHODS,
                           in_collection={c.record_id for c in found.cases})


@collection_pages.get("/collections/<int:collection_id>/report")
def report(collection_id: int):
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        abort(400)
    return report_file(collection_id, fmt)
