"""Similar-case retrieval on LeCaRD and charge prediction on CAIL2018, cross-validated.

    python bench/similar_eval.py [--folds 5] [--latency 100000] [--out bench/out/similar_eval.json]

1. imports ../shared/data/lecard/candidates.jsonl into a fresh data directory (the candidates'
   own charges kept) and indexes it with the tantivy backend;
2. for each fold of queries, trains the charge model on CAIL2018 + the candidates + the other
   folds' queries, and gathers every query of the fold with it (out-of-fold features);
3. tunes the ranking weights on the other folds' queries (grid, mean of NDCG@10 and @30, rerank
   setting) and ranks the fold with them: no query's labels are used for its own ranking;
4. scores with ../shared/eval/lecard_eval.py (rerank and pool) next to the BM25 baseline of the
   same run: the tantivy backend's BM25 over the candidate text, query = OR of the fact's bigrams;
5. CAIL2018 charge micro-F1 by 5-fold cross-validation (model trained on the other folds + LeCaRD);
6. with --latency N: median `similar` time for 500-character facts over N records made by
   recombining candidate summaries (written without extraction, indexed with the same backend).
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))

from lecard_eval import score  # noqa: E402

from casebook.config import load_config  # noqa: E402
from casebook.context import Context  # noqa: E402
from casebook.pipeline import import_paths, reindex  # noqa: E402
from indexer.analysis import tokens  # noqa: E402
from indexer.query import Or, Term  # noqa: E402
from indexer.similar import classify, training  # noqa: E402
from indexer.similar.rank import Weights  # noqa: E402
from indexer.similar.service import Settings, gather, rank_gathered  # noqa: E402

GRID = {"charge": (1.0, 2.0), "statute": (0.0, 0.3), "element": (0.0, 0.6, 1.0),
        "conflict": (0.3,), "text": (1.0,), "model_share": (0.3, 0.5, 0.7)}


def settings_grid() -> list[Settings]:
    out = []
    for values in itertools.product(*GRID.values()):
        named = dict(zip(GRID, values))
        share = named.pop("model_share")
        out.append(Settings(model_share=share, weights=Weights(**named)))
    return out


def bm25_run(backend, queries: list[dict], limit: int) -> dict[str, list[str]]:
    out = {}
    for q in queries:
        terms = tuple(Term(t) for t in dict.fromkeys(tokens(q["fact"])))
        out[q["id"]] = [doc for doc, _ in backend.search(Or(terms), {}, (), "relevance", limit, 0).hits]
    return out


def objective(run: dict, labels: dict) -> float:
    result = score(run, labels, "rerank")
    return (result["NDCG@10"] + result["NDCG@30"]) / 2


def run_for(gathered: dict, settings: Settings) -> dict[str, list[str]]:
    return {qid: [s.candidate.id for s in rank_gathered(g, settings)[1]] for qid, g in gathered.items()}


def lecard(ctx: Context, folds: int) -> dict:
    queries = training.read_jsonl(SHARED / "data/lecard/queries.jsonl")
    labels = json.load(open(SHARED / "data/lecard/labels.json", encoding="utf-8"))
    queries = [q for q in queries if q["id"] in labels]
    fold_of = {q["id"]: i % folds for i, q in enumerate(sorted(queries, key=lambda q: q["id"]))}
    base = [ex for _, ex in training.cail() + training.lecard_candidates()]
    gathered = {}
    for fold in range(folds):
        others = [(q["fact"], training.official(q["charges"])) for q in queries if fold_of[q["id"]] != fold]
        model = classify.train(base + others)
        for q in queries:
            if fold_of[q["id"]] == fold:
                gathered[q["id"]] = gather(ctx.store, ctx.backend, q["fact"], model)  # facts only
    grid = settings_grid()
    per_fold, final_run = [], {}
    for fold in range(folds):
        train = {q: g for q, g in gathered.items() if fold_of[q] != fold}
        test = {q: g for q, g in gathered.items() if fold_of[q] == fold}
        train_labels = {q: labels[q] for q in train}
        best = max(grid, key=lambda s: objective(run_for(train, s), train_labels))
        run = run_for(test, best)
        final_run.update(run)
        per_fold.append({"fold": fold, "settings": repr(best), **score(run, {q: labels[q] for q in test}, "rerank")})
    baseline = bm25_run(ctx.backend, queries, 3000)
    metrics = ("NDCG@10", "NDCG@20", "NDCG@30", "MAP", "P@5", "P@10")
    return {
        "fold_means_rerank": {m: round(statistics.mean(f[m] for f in per_fold), 4) for m in metrics},
        "folds": per_fold,
        "similar": {s: score(final_run, labels, s) for s in ("rerank", "pool")},
        "bm25_baseline": {s: score(baseline, labels, s) for s in ("rerank", "pool")},
        "default_settings": {s: score(run_for(gathered, Settings()), labels, s) for s in ("rerank", "pool")},
    }


def cail_f1(folds: int) -> dict:
    cail = training.cail()
    extra = [ex for _, ex in training.lecard_queries() + training.lecard_candidates()]
    tp = fp = fn = 0
    for fold in range(folds):
        model = classify.train([ex for i, (_, ex) in enumerate(cail) if i % folds != fold] + extra)
        for i, (_, (fact, gold)) in enumerate(cail):
            if i % folds == fold:
                predicted = {c for c, _ in model.predict(fact)}
                tp += len(predicted & set(gold))
                fp += len(predicted - set(gold))
                fn += len(set(gold) - predicted)
    return {"micro_f1": round(2 * tp / (2 * tp + fp + fn), 4), "precision": round(tp / max(tp + fp, 1), 4),
            "recall": round(tp / max(tp + fn, 1), 4), "folds": folds, "facts": len(cail)}


def latency(size: int, samples: int = 30) -> dict:
    """Median seconds of one `similar` call at `size` records (recombined candidate summaries)."""
    from casebook.record import Record, Source
    from indexer.document import index_document

    rows = training.read_jsonl(SHARED / "data/lecard/candidates.jsonl")
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(load_config(data_dir=tmp))
        records = (Record(id=f"scaled-{i}", title=f"scaled {i}",
                          full_text=rows[i % len(rows)]["text"] + "\n" + rng.choice(rows)["text"][:300],
                          charges=training.official(rows[i % len(rows)]["charges"]), source=Source(name="bench"))
                   for i in range(size))
        for record in records:
            ctx.store.save(record, None)
        ctx.backend.add(index_document(r) for r in ctx.store.iter_records())
        ctx.backend.commit()
        facts = [q["fact"][:500] for q in training.read_jsonl(SHARED / "data/lecard/queries.jsonl")][:samples]
        model = classify.shipped_model()
        gather(ctx.store, ctx.backend, facts[0], model)  # warm caches
        times = []
        for fact in facts:
            start = time.perf_counter()
            rank_gathered(gather(ctx.store, ctx.backend, fact, model), Settings(), 10)
            times.append(time.perf_counter() - start)
        ctx.close()
    return {"records": size, "queries": len(times), "median_ms": round(statistics.median(times) * 1000, 1),
            "p90_ms": round(sorted(times)[int(0.9 * len(times))] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--latency", type=int, default=0)
    parser.add_argument("--skip-lecard", action="store_true")
    parser.add_argument("--out", default=str(REPO / "bench/out/similar_eval.json"))
    args = parser.parse_args()
    report = {"cail2018_charges": cail_f1(args.folds)}
    if not args.skip_lecard:
        with tempfile.TemporaryDirectory() as tmp:
            ctx = Context(load_config(data_dir=tmp))
            import_paths(ctx.store, [str(SHARED / "data/lecard/candidates.jsonl")], progress=False)
            reindex(ctx.store, ctx.backend, progress=False)
            report["lecard"] = lecard(ctx, args.folds)
            ctx.close()
    if args.latency:
        report["latency"] = latency(args.latency)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
