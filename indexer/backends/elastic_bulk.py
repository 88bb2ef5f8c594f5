"""Bulk indexing in bounded batches, retrying rejected items (429/503) with exponential backoff.

One bulk request is in flight at a time and the next batch is read from the document stream only
when the previous one is stored, so a slow or overloaded cluster slows the import down instead
of filling memory. Every operation is `index` with the document id as `_id`: sending a document
twice (a retry after a lost connection, a resumed build) replaces it, never duplicates it.
"""
from __future__ import annotations

import time
from itertools import islice
from typing import Callable, Iterable, Iterator

from .elastic_client import RETRY_STATUSES, Backoff, ClusterError, body, with_retries
from .elastic_mapping import source_document


def batches(docs: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def bulk_index(client, index: str, docs: list[dict], backoff: Backoff, sleep=time.sleep) -> None:
    """Store `docs` in `index` (replacing documents with the same id)."""
    operations = {doc["id"]: [{"index": {"_index": index, "_id": doc["id"]}}, source_document(doc)] for doc in docs}
    bulk_write(client, operations, backoff, sleep)


def bulk_delete(client, index: str, ids: Iterable[str], backoff: Backoff, sleep=time.sleep) -> None:
    """Remove documents from `index`; ids it does not hold are no error."""
    bulk_write(client, {doc_id: [{"delete": {"_index": index, "_id": doc_id}}] for doc_id in ids}, backoff, sleep)


def bulk_write(client, operations: dict[str, list[dict]], backoff: Backoff,
               sleep: Callable[[float], None] = time.sleep) -> None:
    """Send {id: bulk lines}; items the cluster rejects as overloaded are sent again with backoff."""
    pending, attempt = operations, 0
    while pending:
        lines = [line for ops in pending.values() for line in ops]
        response = body(with_retries(lambda: client.bulk(body=lines), backoff, sleep))
        retry, failed = item_outcomes(response)
        if failed:
            doc_id, error = failed[0]
            raise ClusterError(f"写入文档 {doc_id} 失败（共 {len(failed)} 件）：{error}")
        pending = {doc_id: pending[doc_id] for doc_id in retry}
        if pending:
            if attempt >= backoff.retries:
                raise ClusterError(f"集群持续拒绝写入（{len(pending)} 件），已重试 {attempt} 次")
            sleep(backoff.delay(attempt))
            attempt += 1


def item_outcomes(response: dict) -> tuple[list[str], list[tuple[str, object]]]:
    """Ids to retry (overloaded, shard unavailable) and (id, error) of items failed for good."""
    retry, failed = [], []
    if not response.get("errors"):
        return retry, failed
    for item in response["items"]:
        action, result = next(iter(item.items()))
        status = result.get("status", 200)
        if status in RETRY_STATUSES:
            retry.append(result["_id"])
        elif status >= 300 and not (action == "delete" and status == 404):
            failed.append((result["_id"], result.get("error")))
    return retry, failed
