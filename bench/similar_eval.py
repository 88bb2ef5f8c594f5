"""Similar-case retrieval on LeCaRD and charge prediction on CAIL2018, cross-validated.

    python bench/similar_eval.py [--folds 5] [--latency 100000] [--skip-lecard] [--skip-cail]
                                 [--learning-curve]

1. imports ../shared/data/lecard/candidates.jsonl into a fresh data directory (the candidates'
   own charges kept) and indexes it with the configured backend (tantivy);
2. for each fold of queries, trains the charge model on CAIL2018 + the candidates + the other
   folds' queries, and gathers every query of the fold with it (out-of-fold features, facts only);
3. for each fold, fits the ranking weights on the other folds' labels (pairwise logistic
   regression) and picks `bm25_boost` (extra weight on the BM25 rank) as the best rerank objective
   among the values whose pool NDCG@10/20/30 on those folds are not below BM25's; ranks the fold;
4. scores with ../shared/eval/lecard_eval.py (rerank and pool): fold means, the out-of-fold run,
   and the BM25 baseline of the same run (the backend's BM25, query = OR of the fact's tokens);
5. CAIL2018 charge micro-F1 by 5-fold cross-validation (model trained on the other folds + LeCaRD),
   (with --learning-curve, also with 1/8, 1/4 and 1/2 of the labelled examples),
   and on the real judgments of ../shared/data/judgments/: whether their claims and facts read as the
   right kind of case, and the top 案由 of the civil and administrative ones (nothing trained on them);
6. with --latency N: median `similar` time for 500-character facts over N records made by
   recombining candidate summaries (written without extraction), after the feature store is built.
"""
from __future__ import annotations

import argparse
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
from indexer.analysis import tokens  # noqa: E402
from indexer.query import Or, Term  # noqa: E402
from indexer.similar import classify, rank, training  # noqa: E402
from indexer.similar.features import features_for  # noqa: E402
from indexer.similar.service import Settings, gather, ordered  # noqa: E402

METRICS = ("NDCG@10", "NDCG@20", "NDCG@30", "MAP", "P@5", "P@10")
BOOSTS = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0)


def bm25_run(backend, queries: list[dict], limit: int) -> dict[str, list[str]]:
    out = {}
    for q in queries:
        terms = tuple(Term(t) for t in dict.fromkeys(tokens(q["fact"])))
        out[q["id"]] = [doc for doc, _ in backend.search(Or(terms), {}, (), "relevance", limit, 0).hits]
    return out


def run_for(gathered: dict, ranker, boost: float) -> dict[str, list[str]]:
    settings = Settings(bm25_boost=boost)
    return {qid: [doc for doc, _, _ in ordered(g, ranker, settings)] for qid, g in gathered.items()}


def objective(run: dict, labels: dict) -> float:
    result = score(run, labels, "rerank")
    return (result["NDCG@10"] + result["NDCG@30"]) / 2


def chosen_boost(train: dict, ranker, labels: dict, baseline: dict) -> float:
    """The best rerank objective among boosts whose pool NDCG@10/20/30 are not below BM25's here."""
    floor = score({q: baseline[q] for q in train}, labels, "pool")
    runs = {b: run_for(train, ranker, b) for b in BOOSTS}
    pools = {b: score(runs[b], labels, "pool") for b in BOOSTS}
    cuts = ("NDCG@10", "NDCG@20", "NDCG@30")
    allowed = [b for b in BOOSTS if all(pools[b][m] >= floor[m] for m in cuts)] or [max(BOOSTS)]
    return max(allowed, key=lambda b: objective(runs[b], labels))


def lecard(ctx: Context, folds: int) -> dict:
    queries, labels = training.lecard_queries(), training.lecard_labels()
    base = training.base_examples()
    gathered = training.out_of_fold(ctx.store, ctx.backend, queries, folds, base)
    baseline = bm25_run(ctx.backend, queries, 3000)
    fold_of = {q["id"]: i % folds for i, q in enumerate(queries)}
    per_fold, final_run = [], {}
    for fold in range(folds):
        train = {q: g for q, g in gathered.items() if fold_of[q] != fold}
        test = {q: g for q, g in gathered.items() if fold_of[q] == fold}
        train_labels = {q: labels[q] for q in train}
        ranker = rank.fit(training.groups(train, labels))
        boost = chosen_boost(train, ranker, train_labels, baseline)
        run = run_for(test, ranker, boost)
        final_run.update(run)
        test_labels = {q: labels[q] for q in test}
        per_fold.append({"fold": fold, "bm25_boost": boost, "weights": ranker.weights,
                         **{s: score(run, test_labels, s) for s in ("rerank", "pool")},
                         "bm25": {s: score({q: baseline[q] for q in test}, test_labels, s) for s in ("rerank", "pool")}})
    means = {s: {m: round(statistics.mean(f[s][m] for f in per_fold), 4) for m in METRICS} for s in ("rerank", "pool")}
    bm25_means = {s: {m: round(statistics.mean(f["bm25"][s][m] for f in per_fold), 4) for m in METRICS}
                  for s in ("rerank", "pool")}
    labelled = sum(len(v) for v in labels.values())
    pooled = sum(len(set(final_run[q]) & set(labels[q])) for q in labels)
    return {"fold_means": means, "bm25_fold_means": bm25_means, "folds": per_fold,
            "out_of_fold": {s: score(final_run, labels, s) for s in ("rerank", "pool")},
            "bm25_baseline": {s: score(baseline, labels, s) for s in ("rerank", "pool")},
            "labelled_in_pool": round(pooled / labelled, 4)}


def cail_f1(folds: int, share: float = 1.0) -> dict:
    """Micro-F1 over all facts (each predicted by the model of the fold that held it out), and per fold.

    With share < 1, each fold's model learns from that share of the labelled examples (the CAIL folds
    and LeCaRD), drawn at random, and from all the wording rows: a learning curve."""
    cail = training.cail()
    labelled = [ex for _, ex in training.lecard_candidates()] + training.query_examples(training.lecard_queries())
    counts, sizes = [], []
    for fold in range(folds):
        train = [ex for i, (_, ex) in enumerate(cail) if i % folds != fold] + labelled
        train = train if share >= 1 else random.Random(fold).sample(train, round(share * len(train)))
        sizes.append(len(train))
        model = classify.train(train + training.wording_examples())
        tp = fp = fn = 0
        for i, (_, (fact, gold)) in enumerate(cail):
            if i % folds == fold:
                predicted = {c for c, _ in model.predict(fact)}
                tp += len(predicted & set(gold))
                fp += len(predicted - set(gold))
                fn += len(set(gold) - predicted)
        counts.append((tp, fp, fn))
    tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
    per_fold = [round(2 * t / max(2 * t + p + n, 1), 4) for t, p, n in counts]
    return {"micro_f1": round(2 * tp / (2 * tp + fp + fn), 4), "precision": round(tp / max(tp + fp, 1), 4),
            "recall": round(tp / max(tp + fn, 1), 4), "fold_micro_f1": per_fold,
            "fold_mean": round(statistics.mean(per_fold), 4), "folds": folds, "facts": len(cail),
            "labelled_examples": round(statistics.mean(sizes))}


def learning_curve(folds: int, shares=(0.125, 0.25, 0.5)) -> list[dict]:
    """CAIL micro-F1 against the number of labelled training examples (the full run is cail2018_charges)."""
    kept = ("micro_f1", "labelled_examples")
    return [{"share": share, **{k: v for k, v in cail_f1(folds, share).items() if k in kept}} for share in shares]


def causes_eval() -> dict:
    """Kind (criminal, civil, administrative) and top 案由 read from the claims and facts of the real
    judgments, against the case type and causes the extractor finds in the whole judgment."""
    from indexer.extract import extract
    from indexer.similar.causes import fact_kind, predicted_causes

    kinds, causes = {"right": 0, "all": 0}, {"right": 0, "all": 0}
    for name in ("judgments.jsonl", "partial.jsonl"):
        for row in training.read_jsonl(SHARED / "data/judgments" / name):
            found = extract(row.get("full_text") or row.get("partial_text") or "", row.get("title"))
            fact = "".join(found["sections"].get(s) or "" for s in ("claims", "facts"))
            if found.get("case_type") not in ("刑事", "民事", "行政") or not fact:
                continue
            kinds["all"] += 1
            kinds["right"] += fact_kind(fact) == found["case_type"]
            if found["case_type"] != "刑事" and found.get("causes"):
                causes["all"] += 1
                causes["right"] += predicted_causes(fact, found["case_type"])[:1] == found["causes"][:1]
    return {"kind_accuracy": round(kinds["right"] / kinds["all"], 4), "judgments": kinds["all"],
            "civil_admin_cause_top1": round(causes["right"] / causes["all"], 4), "with_causes": causes["all"]}


def civil_similar_eval(limit: int = 5) -> dict:
    """Civil and administrative judgments of ../shared/data/judgments/ as queries (claims + facts)
    against all of them: the share of the top hits (the query's own judgment left out) with the
    query's 案由, ranked with 案由 beliefs and, in the same run, without (text and elements only)."""
    from casebook.pipeline import import_paths
    from indexer.similar import service

    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(load_config(data_dir=tmp))
        import_paths(ctx.store, [str(SHARED / "data/judgments")], progress=False, backend=ctx.backend)
        ctx.backend.commit()
        records = [r for r in ctx.store.iter_records() if r.case_type in ("民事", "行政") and r.causes]
        shares = {"with_causes": [], "text_only": []}
        for record in records:
            fact = "".join((record.sections or {}).get(s) or "" for s in ("claims", "facts"))
            if not fact:
                continue
            for name, settings in (("with_causes", Settings()), ("text_only", Settings(charges_kept=0))):
                hits = service.similar(ctx.store, ctx.backend, fact, limit, settings=settings,
                                       exclude=frozenset({record.id}))[1]
                causes = {doc.id: set(doc.causes) for doc in ctx.store.get_many([h[0] for h in hits])}
                shares[name].append(statistics.mean(bool(causes[h[0]] & set(record.causes)) for h in hits) if hits else 0)
        ctx.close()
    return {f"same_cause_at_{limit}": {k: round(statistics.mean(v), 4) for k, v in shares.items()},
            "queries": len(shares["with_causes"])}


def latency(size: int, samples: int = 30) -> dict:
    """Median seconds of one `similar` call at `size` records (recombined candidate summaries)."""
    from casebook.record import Record, Source
    from indexer.document import index_document

    rows = training.read_jsonl(SHARED / "data/lecard/candidates.jsonl")
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(load_config(data_dir=tmp))
        records = [Record(id=f"scaled-{i}", title=f"scaled {i}",
                          full_text=rows[i % len(rows)]["text"] + "\n" + rng.choice(rows)["text"][:300],
                          charges=training.official(rows[i % len(rows)]["charges"]), source=Source(name="bench"))
                   for i in range(size)]
        for start in range(0, size, 2000):
            ctx.store.save_many([(r, None) for r in records[start:start + 2000]])
        ctx.backend.add(index_document(r) for r in records)
        ctx.backend.commit()
        start = time.perf_counter()
        features_for(ctx.store)
        build_s = time.perf_counter() - start
        facts = [q["fact"][:500] for q in training.lecard_queries()][:samples]
        model = classify.shipped_model()
        ordered(gather(ctx.store, ctx.backend, facts[0], model), limit=10)  # warm caches
        times = []
        for fact in facts:
            start = time.perf_counter()
            ordered(gather(ctx.store, ctx.backend, fact, model), limit=10)
            times.append(time.perf_counter() - start)
        ctx.close()
    return {"records": size, "queries": len(times), "median_ms": round(statistics.median(times) * 1000, 1),
            "p90_ms": round(sorted(times)[int(0.9 * len(times))] * 1000, 1), "feature_build_s": round(build_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--latency", type=int, default=0, help="records for the latency run (0: skip)")
    parser.add_argument("--skip-lecard", action="store_true")
    parser.add_argument("--skip-cail", action="store_true")
    parser.add_argument("--learning-curve", action="store_true",
                        help="CAIL micro-F1 with 1/8, 1/4 and 1/2 of the labelled examples")
    parser.add_argument("--out", default=str(REPO / "bench/out/similar_eval.json"))
    args = parser.parse_args()
    report = {}
    if not args.skip_cail:
        report["cail2018_charges"] = cail_f1(args.folds)
        if args.learning_curve:
            report["cail2018_learning_curve"] = learning_curve(args.folds)
        report["civil_admin_causes"] = causes_eval()
        report["civil_admin_similar"] = civil_similar_eval()
    if not args.skip_lecard:
        with tempfile.TemporaryDirectory() as tmp:
            ctx = training.lecard_context(tmp)
            report["lecard"] = lecard(ctx, args.folds)
            ctx.close()
    if args.latency:
        report["latency"] = latency(args.latency)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
