"""Saved-search pages: save the current search, the list with what is new, a saved search's new cases
(viewing marks them seen), deleting, and the Atom feed at a stable URL."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from corpus import saved_searches as saved

from ..api_common import case_summary, context, params_from_string, run_ids, saved_by_id, unseen_ids, writing
from ..api_saved import create_saved, feed_response
from ..params import query_string

saved_pages = Blueprint("saved", __name__)


def search_url(entry: saved.SavedSearch) -> str:
    query = query_string(entry.query, entry.filters)
    return url_for("search.index") + (f"?{query}" if query else "")


@saved_pages.post("/saved-searches")
def create():
    params = params_from_string(request.form.get("search", ""))
    made = create_saved(request.form.get("name", ""), params.q, params.filters,
                        request.form.get("webhook_url", "").strip() or None, mark_seen=True)
    flash(f"已保存检索“{made.name}”：以后新增的符合条件的案例会标为“新”", "ok")
    return redirect(url_for("saved.index"))


@saved_pages.get("/saved-searches")
def index():
    rows = [{"entry": s, "new": len(unseen_ids(s)), "url": search_url(s)}
            for s in saved.list_saved_searches(context().store)]
    return render_template("saved_searches.html", rows=rows)


@saved_pages.get("/saved-searches/<int:saved_id>")
def show(saved_id: int):
    """The cases new since the last visit; this visit marks them seen."""
    entry = saved_by_id(saved_id)
    with writing() as store:
        new_ids = saved.view_new(store, entry.name, run_ids)
    return render_template("saved_search.html", entry=entry, url=search_url(entry),
                           new=[case_summary(i) for i in new_ids])


@saved_pages.post("/saved-searches/<int:saved_id>/delete")
def delete(saved_id: int):
    with writing() as store:
        entry = saved_by_id(saved_id)
        saved.delete_saved_search(store, entry.name)
    flash(f"已删除保存的检索“{entry.name}”", "ok")
    return redirect(url_for("saved.index"))


@saved_pages.get("/saved-searches/<int:saved_id>/feed.atom")
def feed(saved_id: int):
    return feed_response(saved_by_id(saved_id))
