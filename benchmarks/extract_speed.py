"""How long `actorgraph extract` takes for the seed and for a long article, against a baseline.

    .venv/bin/python benchmarks/extract_speed.py [--runs 7] [--chars 20000]

Articles:

- seed   data/articles/newsde-putin-im-visier/article.txt (about 4,800 characters);
- long   a --chars article built from real texts: the article.txt of data/articles/* and
         tests/fixtures/extract/** in path order, joined by blank lines and repeated in that
         order until the text is long enough, then cut at the last blank line (paragraph break)
         before --chars (or at --chars if there is none). It is written to a temporary folder.

For each article the median of --runs extractions (rules and registries loaded once, not
counted), each reading the file as `actorgraph extract` does; and, measured in the same run,
the baseline: reading and checking the file and laying it out into sentences, clauses and
words (`read_article_text`, `lay_out`, `words`), nothing else. Printed: milliseconds, ms per
1,000 characters, extraction / baseline, and the long article's time per 1,000 characters
over the seed's (1.0: linear in the length). Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from actorgraph.ingest.extract.article_input import read_article_text
from actorgraph.ingest.extract.pipeline import extract_article, load_context
from actorgraph.ingest.extract.text_layout import lay_out, words

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"
SOURCES = sorted([*(ROOT / "data" / "articles").glob("*/article.txt"),
                  *(ROOT / "tests" / "fixtures" / "extract").glob("**/article.txt")])


def long_article(chars: int) -> str:
    """Real article texts joined and repeated up to `chars`, cut at a paragraph break."""
    texts = [p.read_text(encoding="utf-8").strip() for p in SOURCES]
    joined = ""
    while len(joined) < chars:
        for text in texts:
            joined += ("\n\n" if joined else "") + text
            if len(joined) >= chars:
                break
    cut = joined.rfind("\n\n", 0, chars)
    return (joined[:cut] if cut > 0 else joined[:chars]) + "\n"


def median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--chars", type=int, default=20_000,
                        help="length of the long article in characters")
    args = parser.parse_args()

    started = time.perf_counter()
    context = load_context()
    print(f"rules, registries and CAMEO table loaded in "
          f"{(time.perf_counter() - started) * 1000:.0f} ms (not counted below)")
    rules = context.rules

    def baseline(path: Path) -> None:
        article = read_article_text(path)
        layout = lay_out(article.text, rules.boilerplate, rules.languages.abbreviations)
        for sentence in layout.sentences:
            words(article.text, sentence.start, sentence.end)

    with tempfile.TemporaryDirectory() as folder:
        long_path = Path(folder) / "long-article" / "article.txt"
        long_path.parent.mkdir()
        long_path.write_text(long_article(args.chars), encoding="utf-8")
        print(f"long article: {len(long_path.read_text(encoding='utf-8')):,} characters from "
              f"{len(SOURCES)} article texts, joined in path order and repeated\n")
        print(f"{'article':<8}{'chars':>8}{'extract ms':>12}{'ms/1k':>8}{'baseline ms':>13}"
              f"{'ms/1k':>8}{'extract/baseline':>18}")
        per_k: dict[str, float] = {}
        for name, path in (("seed", SEED), ("long", long_path)):
            size = len(path.read_text(encoding="utf-8"))
            extract_article(path, context, published="2025-07-11")  # warm caches once
            extract = median_ms(lambda p=path: extract_article(p, context,
                                                               published="2025-07-11"),
                                args.runs)
            base = median_ms(lambda p=path: baseline(p), args.runs)
            per_k[name] = extract / size * 1000
            print(f"{name:<8}{size:>8,}{extract:>12.1f}{per_k[name]:>8.2f}{base:>13.2f}"
                  f"{base / size * 1000:>8.3f}{extract / base:>18.1f}")
    print(f"\nlong / seed, ms per 1,000 characters: {per_k['long'] / per_k['seed']:.2f} "
          f"(1.0 = linear in the length); median of {args.runs} runs each")


if __name__ == "__main__":
    main()
