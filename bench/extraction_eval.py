"""Official extraction evaluation on the real judgments in ../shared/data/judgments.

Runs `indexer.extract.extract(text, title)` on every record of judgments.jsonl (full_text) and
partial.jsonl (partial_text), feeding it only the text and the title, and scores each field
(a) against the publisher's labels in `meta` and, for JuDGE records, the Criminal Law articles in
`source.dataset_fields.la`; (b) against the hand-labelled gold files in tests/gold/. `statutes` is scored
both ways: against 法律依据 (source meta), which leaves out many articles courts cite, and against the
gold set's hand-read citations (source gold). MISS lines name the field and its source.

Usage: python bench/extraction_eval.py [--shared DIR] [--gold DIR] [--set all|complete|partial]
                                       [--no-misses] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import eval_normalise as norm  # noqa: E402

CRIMINAL_LAW = "中华人民共和国刑法"
SKIP = object()  # returned by a gold accessor when the case has no such label (None is a value)


@dataclass
class Case:
    id: str
    title: str
    text: str
    meta: dict
    source: dict
    partial: bool
    gold: dict | None = None
    got: dict = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Field:
    """One scored field; `kind` is "acc" or "f1". Cases without a label are skipped: gold accessors
    return SKIP, the others an empty value."""

    name: str
    source: str
    kind: str
    expected: Callable[[Case], Any]
    got: Callable[[Case], Any]
    target: float | None = None


def load_cases(shared: Path, gold_dir: Path) -> list[Case]:
    gold = {}
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold[record["id"]] = record
    cases = []
    for name, text_key in (("judgments.jsonl", "full_text"), ("partial.jsonl", "partial_text")):
        with open(shared / "data" / "judgments" / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                cases.append(Case(r["id"], r.get("title") or "", r.get(text_key) or "", r.get("meta") or {},
                                  r.get("source") or {}, text_key == "partial_text", gold.get(r["id"])))
    return cases


SPEED_TARGET = 600  # documents per second per core (issue: import at 1,000/s on two cores)


def run_extraction(cases: list[Case], extract: Callable[[str, str | None], dict]) -> dict:
    """Extract every case on one core, then time a second, warm pass.

    The speed target is per core, so the figure is documents per second of this thread's CPU time
    (time.thread_time), which other processes on a busy machine do not inflate; wall-clock time of the
    same pass is reported beside it.
    """
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    for case in cases:
        try:
            case.got = extract(case.text, case.title or None) or {}
        except Exception as exc:  # a crash is a result to report, not a reason to stop
            case.error = f"{type(exc).__name__}: {exc}"
    cpu, wall = [], time.perf_counter()
    for case in cases:
        start = time.thread_time()
        try:
            extract(case.text, case.title or None)
        except Exception:  # already reported by the first pass
            pass
        cpu.append(time.thread_time() - start)
    wall = time.perf_counter() - wall
    total = sum(cpu)
    return {"documents": len(cases), "cpu_seconds": round(total, 3), "wall_seconds": round(wall, 3),
            "docs_per_second": round(len(cases) / total, 1) if total else None,
            "docs_per_wall_second": round(len(cases) / wall, 1) if wall else None,
            "median_ms": round(statistics.median(cpu) * 1000, 2) if cpu else None}


# ---- expected / got accessors --------------------------------------------------------------

def gold_key(key: str, transform: Callable[[Any], Any] = lambda v: v) -> Callable[[Case], Any]:
    return lambda c: transform(c.gold[key]) if c.gold and key in c.gold else SKIP


def gold_if(predicate: Callable[[dict], bool], key: str, transform: Callable) -> Callable[[Case], Any]:
    return lambda c: transform(c.gold[key]) if c.gold and key in c.gold and predicate(c.gold) else SKIP


def is_criminal(gold: dict) -> bool:
    return (gold.get("case_number_parts") or {}).get("type_marker", "").startswith("刑")


def meta_criminal(c: Case) -> bool:
    return norm.case_type(c.meta.get("案件类型")) == "刑事"


def parts(value: dict | None) -> tuple | None:
    keys = ("year", "court_code", "type_marker", "serial")
    return tuple((value or {}).get(k) for k in keys) if value is not None else None


def final_sentences(sentences) -> Counter:
    """The penalty finally imposed on each defendant: the combined one if flagged, else the last."""
    final: dict[str, dict] = {}
    for s in sentences or []:
        name = s.get("defendant")
        if not (final.get(name) or {}).get("combined"):
            final[name] = s
    return Counter((name, s.get("penalty"), s.get("months"), s.get("probation_months"),
                    norm.amount(s.get("fine_yuan"))) for name, s in final.items())


def pairs(rows, *keys) -> Counter:
    return Counter(tuple(r.get(k) for k in keys) for r in rows or [])


def remedies(rows) -> Counter:
    return Counter((r.get("type"), norm.amount(r.get("amount_yuan"))) for r in rows or [])


def agents(parties) -> Counter:
    """Each agent once, though a shared agent is listed under every party it represents."""
    return Counter(set(pairs([a for p in parties or [] for a in p.get("agents") or []], "name", "role")))


def section_names(sections) -> Counter:
    return Counter(name for name, text in (sections or {}).items() if text)


def la_articles(c: Case) -> Counter | None:
    if c.source.get("repo") != "oneal2000/JuDGE":
        return None
    return Counter(str(a) for a in c.source.get("dataset_fields", {}).get("la", []))


def criminal_articles(statutes) -> Counter:
    return Counter(article for law, article in norm.extracted_statutes(statutes, suffix=False) if law == CRIMINAL_LAW)


def meta_admin(c: Case) -> bool:
    return norm.case_type(c.meta.get("案件类型")) == "行政"


def expected_causes(c: Case):
    """案由 labels; administrative ones as 2021 classes, SKIP when they name no act (eval_normalise)."""
    labels = norm.meta_causes(c.meta, meta_criminal(c))
    if labels and meta_admin(c):
        classes = norm.admin_label_classes(labels)
        return Counter(classes) if classes else SKIP
    return Counter(labels)


def got_causes(c: Case) -> Counter:
    """Extracted 案由 in the label's terms. China Judgments Online gives a criminal case one 案由, its
    leading charge; when that single label is among the charges extracted, the judgment's other
    charges are not false positives (the gold set's `charges` field scores all of them)."""
    if meta_criminal(c):
        charges = Counter(c.got.get("charges") or [])
        labels = norm.meta_causes(c.meta, True)
        return Counter(labels) if len(labels) == 1 and labels <= set(charges) else charges
    causes = c.got.get("causes") or []
    if meta_admin(c):
        return Counter(norm.admin_classes(causes, set(expected_causes(c) or ())))
    return Counter(causes)


def meta_number(c: Case) -> str | None:
    return c.gold["case_number"] if c.gold else c.meta.get("案号")


def printed_only(label: Callable[[Case], Any], printed: Callable[[Case, Any], bool]) -> Callable[[Case], Any]:
    """A publisher label scored only when the text prints the value (rules in eval_normalise)."""
    def expected(c: Case):
        value = label(c)
        return value if not value or printed(c, value) else SKIP
    return expected


def printed_parties(c: Case) -> Counter:
    names = norm.party_names(norm.items(c.meta.get("当事人")))
    return Counter(n for n in names if norm.printed_name(n, c.text))


def laws_only(pairs: Counter) -> Counter:
    return Counter({(law, art): n for (law, art), n in pairs.items() if not law.startswith("最高人民")})


def meta_value(key: str, transform: Callable) -> Callable[[Case], Any]:
    return lambda c: transform(c.meta.get(key)) if c.meta.get(key) else None


FIELDS = [
    Field("court", "meta", "acc",
          printed_only(lambda c: norm.meta_court(c.meta),
                       lambda c, v: norm.printed_court(v, meta_number(c), c.text, c.title)),
          lambda c: norm.court_name((c.got.get("court") or {}).get("name")), 0.99),
    Field("case_type", "meta", "acc", meta_value("案件类型", norm.case_type),
          lambda c: norm.case_type(c.got.get("case_type")), 0.99),
    Field("procedure", "meta", "acc",
          lambda c: norm.procedure(c.meta.get("审理程序") or c.meta.get("审判程序")),
          lambda c: norm.procedure(c.got.get("procedure")), 0.99),
    Field("date", "meta", "acc", printed_only(meta_value("裁判日期", str), lambda c, v: norm.printed_date(v, c.text)),
          lambda c: c.got.get("date"), 0.99),
    Field("causes", "meta", "f1", expected_causes, got_causes, 0.95),
    Field("parties", "meta", "f1", printed_parties,
          lambda c: Counter(norm.party_names(p.get("name") for p in c.got.get("parties") or [])), 0.95),
    Field("statutes", "meta", "f1",
          lambda c: Counter(s for s in norm.meta_statutes(c.meta.get("法律依据")) if norm.printed_article(s[1], c.text)),
          lambda c: Counter(s for s in norm.extracted_statutes(c.got.get("statutes"))
                            if norm.label_can_carry(s[0], c.text)), 0.97),
    # The same without judicial interpretations, which publishers' 法律依据 lists often omit (a label gap).
    Field("statutes_no_interp", "meta", "f1", lambda c: laws_only(Counter(
        s for s in norm.meta_statutes(c.meta.get("法律依据")) if norm.printed_article(s[1], c.text))),
          lambda c: laws_only(Counter(norm.extracted_statutes(c.got.get("statutes"))))),
    # Every article the court itself cites as the ground of its decision, read by hand (tests/gold/README.md).
    Field("statutes", "gold", "f1", gold_key("statutes", lambda v: Counter(norm.extracted_statutes(v))),
          lambda c: Counter(norm.extracted_statutes(c.got.get("statutes"))), 0.97),
    Field("criminal_law_articles", "JuDGE la", "f1", la_articles,
          lambda c: criminal_articles(c.got.get("statutes"))),
    Field("case_number", "meta+gold", "acc",
          printed_only(lambda c: norm.case_number(meta_number(c)),
                       lambda c, v: norm.printed_case_number(v, c.text, c.title)),
          lambda c: norm.case_number(c.got.get("case_number")), 0.99),
    Field("case_number_parts", "gold", "acc", gold_key("case_number_parts", parts),
          lambda c: parts(c.got.get("case_number_parts"))),
    Field("sections", "gold", "f1", gold_key("sections_present", Counter),
          lambda c: section_names(c.got.get("sections"))),
    Field("party_roles", "gold", "f1", gold_key("parties", lambda v: pairs(v, "name", "role")),
          lambda c: pairs(c.got.get("parties"), "name", "role")),
    Field("agents", "gold", "f1", gold_key("agents", lambda v: pairs(v, "name", "role")),
          lambda c: agents(c.got.get("parties"))),
    Field("judges", "gold", "f1", gold_key("judges", lambda v: pairs(v, "name", "role")),
          lambda c: pairs(c.got.get("judges"), "name", "role")),
    Field("charges", "gold criminal", "f1", gold_if(is_criminal, "charges", Counter),
          lambda c: Counter(c.got.get("charges") or []), 0.98),
    Field("sentences", "gold criminal", "f1", gold_if(is_criminal, "sentences", final_sentences),
          lambda c: final_sentences(c.got.get("sentences")), 0.95),
    Field("circumstances", "gold criminal", "f1",
          gold_if(is_criminal, "circumstances", lambda v: pairs(v, "defendant", "kind")),
          lambda c: pairs(c.got.get("circumstances"), "defendant", "kind")),
    Field("remedies", "gold civil", "f1", gold_if(lambda g: not is_criminal(g), "remedies", remedies),
          lambda c: remedies(c.got.get("remedies")), 0.95),
    Field("court_fees", "gold civil", "acc",
          gold_if(lambda g: not is_criminal(g), "court_fees", lambda v: norm.amount((v or {}).get("amount_yuan"))),
          lambda c: norm.amount((c.got.get("court_fees") or {}).get("amount_yuan"))),
    Field("platforms", "gold", "f1", gold_key("platforms", Counter),
          lambda c: Counter(p.get("name") if isinstance(p, dict) else p for p in c.got.get("platforms") or [])),
]


# ---- scoring --------------------------------------------------------------------------------

def score(spec: Field, cases: list[Case]) -> tuple[dict, list[tuple]]:
    """Per-field summary and its misses (id, field, source, expected, got)."""
    n = correct = tp = fp = fn = 0
    misses = []
    for case in cases:
        expected = spec.expected(case)
        if expected is SKIP or (not expected and not spec.source.startswith("gold")):
            continue
        got = spec.got(case)
        n += 1
        if spec.kind == "acc":
            correct += expected == got
            if expected != got:
                misses.append((case.id, spec.name, spec.source, expected, got))
            continue
        hit = expected & got
        tp, fp, fn = tp + sum(hit.values()), fp + sum((got - hit).values()), fn + sum((expected - hit).values())
        if expected != got:
            misses.append((case.id, spec.name, spec.source, sorted(map(str, (expected - hit).elements())),
                           sorted(map(str, (got - hit).elements()))))
    return summarise(spec, n, correct, tp, fp, fn), misses


def summarise(spec: Field, n: int, correct: int, tp: int, fp: int, fn: int) -> dict:
    if spec.kind == "acc":
        value = correct / n if n else None
        counts = {"n": n, "correct": correct}
    else:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        value = 2 * p * r / (p + r) if p + r else (None if not n else 0.0)
        counts = {"n": n, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3)}
    passed = None if spec.target is None or value is None else value >= spec.target
    return {"field": spec.name, "source": spec.source, "metric": "accuracy" if spec.kind == "acc" else "F1",
            "value": round(value, 3) if value is not None else None, "target": spec.target, "pass": passed,
            **counts}


def format_row(row: dict) -> str:
    value = "-" if row["value"] is None else f"{row['value']:.3f}"
    if row["metric"] == "accuracy":
        counts = f"{row['correct']}/{row['n']}"
    else:
        counts = f"P {row['precision']:.3f} R {row['recall']:.3f} tp {row['tp']} fp {row['fp']} fn {row['fn']} docs {row['n']}"
    target = "" if row["target"] is None else f"{row['target']:.2f} {'PASS' if row['pass'] else 'FAIL'}"
    return f"{row['field']:<22}{row['source']:<15}{row['metric']:<9}{value:>7}  {counts:<52}{target}"


def select(cases: list[Case], which: str) -> list[Case]:
    return [c for c in cases if which == "all" or c.partial == (which == "partial")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--gold", type=Path, default=REPO / "tests" / "gold")
    ap.add_argument("--set", choices=("all", "complete", "partial"), default="all")
    ap.add_argument("--misses", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary only")
    args = ap.parse_args(argv)
    try:
        from indexer.extract import extract
    except Exception as exc:  # the extractor is being edited: say so instead of a traceback
        print(f"cannot import indexer.extract: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    cases = select(load_cases(args.shared, args.gold), args.set)
    timing = run_extraction(cases, extract)
    scored = [score(spec, [c for c in cases if c.error is None]) for spec in FIELDS]
    rows = [row for row, _ in scored]
    errors = [(c.id, c.error) for c in cases if c.error]
    if args.json:
        print(json.dumps({"set": args.set, "fields": rows, "timing": timing, "errors": errors},
                         ensure_ascii=False, indent=1))
        return 0
    if args.misses:
        for _, misses in scored:
            for miss in misses:
                print("MISS", *(json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x for x in miss),
                      sep="\t")
    for case_id, error in errors:
        print("ERROR", case_id, error, sep="\t")
    gold_n = sum(1 for c in cases if c.gold)
    print(f"\n{len(cases)} judgments ({args.set}), {gold_n} with gold labels, {len(errors)} extraction errors")
    print(f"{'field':<22}{'source':<15}{'metric':<9}{'value':>7}  {'counts':<52}target")
    print("\n".join(format_row(row) for row in rows))
    verdict = "PASS" if (timing["docs_per_second"] or 0) >= SPEED_TARGET else "FAIL"
    print(f"extraction on one core: {timing['docs_per_second']} documents per CPU second (target {SPEED_TARGET}: "
          f"{verdict}), median {timing['median_ms']} ms CPU per document; wall clock "
          f"{timing['docs_per_wall_second']} documents/s on this machine's current load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
