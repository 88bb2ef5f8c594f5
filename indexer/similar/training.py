"""Training data from ../shared/data, out-of-fold features, and the command that rebuilds both models.

    python -m indexer.similar.training [SHARED_DIR]

writes indexer/data/charge_model.npz (charge prediction: CAIL2018 facts, the LeCaRD query facts and
the LeCaRD candidate summaries, each a real judgment's facts with its own charges, plus one example
per official charge from indexer/data/charge_wording.tsv) and
indexer/data/similar_ranker.json (ranking weights fitted on LeCaRD's graded labels, with each
query's features computed by a charge model that never saw that query).
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from indexer.extract.criminal_charges import official_charge
from indexer.reference import charge_cues, charge_wordings

from . import classify, rank
from .service import Gathered, Settings, gather

SHARED = Path(__file__).resolve().parents[3] / "shared"

Example = tuple[str, list[str]]


def official(names: list[str]) -> list[str]:
    """Charges as datasets write them (盗窃, 贩卖毒品罪) → official names in force, deduplicated."""
    out = [official_charge(n if n.endswith("罪") else n + "罪") for n in names]
    return list(dict.fromkeys(c for c in out if c))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cail(shared: Path = SHARED) -> list[tuple[str, Example]]:
    return [(r["id"], (r["fact"], official(r["charges"]))) for r in read_jsonl(shared / "data/cail2018/charges.jsonl")]


def lecard_queries(shared: Path = SHARED) -> list[dict]:
    """LeCaRD queries that have labels, sorted by id (fold i holds every folds-th query)."""
    labels = lecard_labels(shared)
    rows = [r for r in read_jsonl(shared / "data/lecard/queries.jsonl") if r["id"] in labels]
    return sorted(rows, key=lambda r: r["id"])


def lecard_labels(shared: Path = SHARED) -> dict[str, dict[str, int]]:
    return json.loads((shared / "data/lecard/labels.json").read_text(encoding="utf-8"))


def lecard_candidates(shared: Path = SHARED) -> list[tuple[str, Example]]:
    return [(r["id"], (r["text"], official(r["charges"]))) for r in read_jsonl(shared / "data/lecard/candidates.jsonl")]


def query_examples(queries: list[dict]) -> list[Example]:
    return [(q["fact"], official(q["charges"])) for q in queries]


def wording_examples() -> list[Example]:
    """One example per official charge: its article's wording and the phrases of its facts."""
    wordings = charge_wordings()
    return [(wordings[charge] + "，" + "，".join(cues), [charge]) for charge, cues in charge_cues().items()]


def base_examples(shared: Path = SHARED) -> list[Example]:
    """Every example but the LeCaRD queries (held out by query folds in the ranker's fit)."""
    return [ex for _, ex in cail(shared) + lecard_candidates(shared)] + wording_examples()


def all_examples(shared: Path = SHARED) -> list[Example]:
    return base_examples(shared) + query_examples(lecard_queries(shared))


def out_of_fold(store, backend, queries: list[dict], folds: int, base: list[Example],
                settings: Settings = Settings()) -> dict[str, Gathered]:
    """Each query gathered with a charge model trained on `base` + the other folds' queries (facts only)."""
    out = {}
    for fold in range(folds):
        others = [q for i, q in enumerate(queries) if i % folds != fold]
        model = classify.train(base + query_examples(others))
        for i, q in enumerate(queries):
            if i % folds == fold:
                out[q["id"]] = gather(store, backend, q["fact"], model, settings)
    return out


def groups(gathered: dict[str, Gathered], labels: dict) -> list:
    """(feature rows, grades) of each query's labelled candidates that are in its pool."""
    out = []
    for qid, found in gathered.items():
        ids = found.features.ids[found.rows].tolist()
        keep = [i for i, doc in enumerate(ids) if doc in labels[qid]]
        out.append((found.matrix[keep], np.array([labels[qid][ids[i]] for i in keep])))
    return out


def lecard_context(tmp: str):
    """A Context over a fresh data dir holding the LeCaRD candidates, imported and indexed."""
    from casebook.config import load_config
    from casebook.context import Context
    from casebook.pipeline import import_paths, reindex

    ctx = Context(load_config(data_dir=tmp))
    import_paths(ctx.store, [str(SHARED / "data/lecard/candidates.jsonl")], progress=False)
    reindex(ctx.store, ctx.backend, progress=False)
    return ctx


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else SHARED
    model = classify.train(all_examples(shared))
    model.save()
    print(f"{classify.MODEL_PATH}: {len(model.charges)} charges, {model.coef.shape[0]} n-grams, {model.coef.nnz} weights")
    base = base_examples(shared)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = lecard_context(tmp)
        gathered = out_of_fold(ctx.store, ctx.backend, lecard_queries(shared), 5, base)
        ctx.close()
    ranker = rank.fit(groups(gathered, lecard_labels(shared)))
    ranker.save()
    print(f"{rank.RANKER_PATH}: {ranker.weights}")


if __name__ == "__main__":
    main(sys.argv)
