"""Search parameters from a query string, shared by the search page and GET /api/search."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.query import QueryError

RESERVED = {"q", "limit", "offset", "sort", "pending_court", "explain"}


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"
    pending_court: str | None = None  # the pending case's court code, for the authority ranking
    explain: bool = False

    def as_kwargs(self) -> dict:
        return {"q": self.q, "filters": self.filters, "limit": self.limit, "offset": self.offset, "sort": self.sort,
                "court": self.pending_court, "explain": self.explain}


def int_arg(args: MultiDict, name: str, default: int) -> int:
    value = args.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise QueryError(f"参数 {name} 应为整数：{value}", None, None) from None


def filters_from(args: MultiDict) -> dict[str, list[str]]:
    """Every parameter that is not q/limit/offset/sort is a filter named after a field."""
    out = {name: [v for v in args.getlist(name) if v.strip()] for name in args if name not in RESERVED}
    return {name: values for name, values in out.items() if values}


def search_params(args: MultiDict, default_limit: int = 10) -> SearchParams:
    """Parse request arguments; QueryError on a non-integer limit/offset (search() checks the rest)."""
    return SearchParams(
        q=args.get("q", "").strip(),
        filters=filters_from(args),
        limit=int_arg(args, "limit", default_limit),
        offset=int_arg(args, "offset", 0),
        sort=args.get("sort", "relevance") or "relevance",
        pending_court=args.get("pending_court") or None,
        explain=args.get("explain", "") in ("1", "true", "yes"),
    )


def query_string(q: str, filters: dict[str, list[str]], sort: str = "relevance", offset: int = 0) -> str:
    """A stable query string for the search page (default sort and offset 0 left out)."""
    pairs = [("q", q)] if q else []
    pairs += [(name, value) for name, values in filters.items() for value in values]
    pairs += [("sort", sort)] if sort != "relevance" else []
    pairs += [("offset", str(offset))] if offset else []
    return urlencode(pairs)
