"""How close `actorgraph extract` comes to hand annotations, and how long it takes.

    .venv/bin/python benchmarks/extract_quality.py [--runs 5]

Three groups of annotated articles (article.txt + annotation.yaml each):

- seed      data/articles/newsde-putin-im-visier: the rules were developed against it;
- fixtures  tests/fixtures/extract/*: written before the extractor ran on them, then used to
            find general gaps in the rules (so partly tuned on);
- holdout   tests/fixtures/extract/holdout/*: written after the last rule change and never
            used to change a rule: the figures for text nobody tuned on.

For each article: actor recall and precision (over the set of actor ids involved), source
recall and precision, event recall and precision (same kind, overlapping evidence, a shared
participant; one to one), modality, attribution and date agreement over the matched events,
relation recall and precision; then each group pooled (counts summed) and the median time to
extract one article (rules and registries loaded once). Not a pass/fail test: the thresholds
live in tests/unit/test_extract_quality.py.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from actorgraph.ingest.extract.evaluation import QualityReport, evaluate_folder, pooled
from actorgraph.ingest.extract.pipeline import extract_article, load_context

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {
    "seed": [ROOT / "data" / "articles" / "newsde-putin-im-visier"],
    "fixtures": sorted(p for p in (ROOT / "tests" / "fixtures" / "extract").iterdir()
                       if (p / "annotation.yaml").is_file()),
    "holdout": sorted(p for p in (ROOT / "tests" / "fixtures" / "extract" / "holdout").iterdir()
                      if (p / "annotation.yaml").is_file()),
}
COLUMNS = (("actor_recall", "act R"), ("actor_precision", "act P"), ("source_recall", "src R"),
           ("source_precision", "src P"), ("event_recall", "evt R"),
           ("event_precision", "evt P"), ("modality_agreement", "modal"),
           ("attribution_agreement", "attrib"), ("date_agreement", "date"),
           ("relation_recall", "rel R"), ("relation_precision", "rel P"))


def _row(name: str, figures: dict[str, float], extra: str = "") -> str:
    cells = "".join(f"{figures[key]:>7.3f}" for key, _label in COLUMNS)
    return f"{name:<28}{cells}  {extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="extractions per article for the timing (median)")
    args = parser.parse_args()

    started = time.perf_counter()
    context = load_context()
    load_ms = (time.perf_counter() - started) * 1000
    print(f"rules, registries and CAMEO table loaded in {load_ms:.0f} ms\n")
    print(f"{'article':<28}" + "".join(f"{label:>7}" for _key, label in COLUMNS)
          + "  events hand/draft, ms")
    for group, folders in GROUPS.items():
        reports: list[QualityReport] = []
        for folder in folders:
            report, draft = evaluate_folder(folder, context)
            published = draft.article["published"]
            timings = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                extract_article(folder / "article.txt", context,
                                published=None if published is None else str(published))
                timings.append((time.perf_counter() - t0) * 1000)
            reports.append(report)
            print(_row(folder.name, report.figures(),
                       f"{len(report.events_gold)}/{len(report.events_draft)}, "
                       f"{statistics.median(timings):.0f} ms"))
        print(_row(f"  {group} (pooled, {len(reports)})", pooled(reports)))
        print()
    for group, folders in GROUPS.items():
        for folder in folders:
            report, draft = evaluate_folder(folder, context)
            missed = sorted(report.actors_gold - report.actors_draft)
            extra = sorted(report.actors_draft - report.actors_gold)
            print(f"{group}/{folder.name}: missed actors {missed or '-'}; extra actors "
                  f"{extra or '-'}; missed events {report.missed_events or '-'}; "
                  f"candidates {[c['name'] for c in draft.candidates] or '-'}")


if __name__ == "__main__":
    main()
