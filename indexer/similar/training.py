"""Training data for the charge model, read from ../shared/data, and the command that rebuilds it.

    python -m indexer.similar.training [SHARED_DIR]

writes indexer/data/charge_model.json.gz from CAIL2018 facts, the LeCaRD query facts and the
LeCaRD candidate summaries (each a real judgment's facts with its own charges).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from indexer.extract.criminal_charges import official_charge

from . import classify

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


def lecard_queries(shared: Path = SHARED) -> list[tuple[str, Example]]:
    return [(r["id"], (r["fact"], official(r["charges"]))) for r in read_jsonl(shared / "data/lecard/queries.jsonl")]


def lecard_candidates(shared: Path = SHARED) -> list[tuple[str, Example]]:
    return [(r["id"], (r["text"], official(r["charges"]))) for r in read_jsonl(shared / "data/lecard/candidates.jsonl")]


def all_examples(shared: Path = SHARED) -> list[Example]:
    return [ex for _, ex in cail(shared) + lecard_queries(shared) + lecard_candidates(shared)]


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else SHARED
    model = classify.train(all_examples(shared))
    classify.save(model)
    print(f"{classify.MODEL_PATH}: {len(model.weights)} charges, {len(model.idf)} bigrams")


if __name__ == "__main__":
    main(sys.argv)
