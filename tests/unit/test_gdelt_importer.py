"""The streaming import loop without a database: batches, rejections, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.gdelt.export_file import check_format, describe
from actorgraph.ingest.gdelt.importer import check_files, import_gdelt
from actorgraph.records import IngestReport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gdelt"
EXPORT_1 = FIXTURES / "20250711120000.export.CSV"
EXPORT_2 = FIXTURES / "20250711121500.export.CSV"


class Bar:
    def __init__(self) -> None:
        self.total = 0
        self.closed = False

    def update(self, n: int) -> None:
        self.total += n

    def close(self) -> None:
        self.closed = True


def test_every_row_is_accounted_for_and_rejections_are_reported_as_found():
    batches, rejected, bars = [], [], []

    def bar(source):
        bars.append(Bar())
        return bars[-1]

    def write(bundles):
        batches.append(bundles)
        return [IngestReport(b.article.id, {"events": len(b.events), "articles": 1}, {}, {})
                for b in bundles]

    summary = import_gdelt([EXPORT_1, EXPORT_2], write, batch_size=5,
                           on_reject=rejected.append, progress=bar)
    assert (summary.read, summary.loaded, summary.rejected) == (24, 19, 5)
    assert [r.line for r in rejected] == [18, 19, 20, 21, 22]
    n_articles = sum(len(b) for b in batches)
    n_events = sum(len(bundle.events) for b in batches for bundle in b)
    assert summary.lines() == [
        f"{EXPORT_1}: 22 rows read, 17 loaded, 5 rejected (last line truncated)",
        f"{EXPORT_2}: 2 rows read, 2 loaded, 0 rejected",
        "Total: 24 rows read = 19 loaded + 5 rejected",
        "Rejected: 1 wrong field count, 1 truncated last line, 1 no actor, 1 bad number, "
        "1 bad date",
        "Geo country codes without an ISO-3 code (kept, place has no country): PG (1 row)",
        f"Written: articles {n_articles} created, 0 updated; events {n_events} created, "
        "0 updated",
    ]
    # 17 loadable rows of file 1 in batches of 5 -> 4 writes; file 2 -> 1 write.
    assert len(batches) == 5
    rows_written = sum(len(e.gdelt) for batch in batches for bundle in batch
                       for e in bundle.events)
    assert rows_written == 19
    assert [b.total for b in bars] == [EXPORT_1.stat().st_size, EXPORT_2.stat().st_size]
    assert all(b.closed for b in bars)


def test_dry_run_counts_without_writing():
    summary = import_gdelt([EXPORT_2], None)
    assert summary.lines() == [
        f"{EXPORT_2}: 2 rows read, 2 loaded, 0 rejected",
        "Total: 2 rows read = 2 loadable (dry run, nothing written) + 0 rejected",
    ]


def test_a_gdelt_1_file_among_others_stops_the_import_before_any_write():
    batches = []
    with pytest.raises(ValidationFailed, match=r"GDELT 1\.0 events file"):
        import_gdelt([EXPORT_1, FIXTURES / "20150101.export.CSV"], batches.append)
    assert batches == []


def test_batch_size_must_be_positive():
    with pytest.raises(ValidationFailed, match="--batch-size must be at least 1; found 0"):
        import_gdelt([EXPORT_2], None, batch_size=0)


def test_check_files_refuses_all_before_writing_when_one_file_is_gdelt_1():
    with pytest.raises(ValidationFailed) as info:
        check_files([FIXTURES / "20250711120000.export.CSV", FIXTURES / "20150101.export.CSV"])
    assert info.value.problems == [check_format(describe(FIXTURES / "20150101.export.CSV"))]
    assert str(info.value).startswith("1 problem found; nothing was written:")
