"""Streaming GDELT files through the writer in batches, accounting for every line.

Memory stays flat in the file size: lines are read one at a time, `batch_size` parsed rows are
turned into records and handed to `write`, then dropped. Rejected lines go to `on_reject` as
they are found (never collected), and the summary keeps counters only.

This module does not talk to Neo4j: the caller passes `write` (the CLI passes a
`graph.write.writer.PipelinedWriter`, which stores batch N while this module reads batch N+1,
and its `finish`), which keeps ingest free of Cypher.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from actorgraph.errors import (
    ImportInterrupted,
    ValidationFailed,
    WriteInterrupted,
)
from actorgraph.ingest.gdelt.export_file import (
    REJECTION_KINDS,
    Rejection,
    SourceFile,
    check_format,
    describe,
    read_rows,
)
from actorgraph.ingest.gdelt.records import records_for_rows
from actorgraph.ingest.gdelt.rows import GdeltRow
from actorgraph.ingest.reference.countries import CountryTable, country_table
from actorgraph.records import ArticleRecords, IngestReport

DEFAULT_BATCH_SIZE = 5000
WRITTEN_KINDS = ("articles", "events", "claims", "actors", "places", "event_links")
"""The kinds of the writer's reports the summary shows, in this order."""
PROGRESS_STEP = 1 << 20  # report progress every MiB, not every line


class Progress(Protocol):
    def update(self, n: int) -> object: ...

    def close(self) -> object: ...


Writer = Callable[[list[ArticleRecords]], "Sequence[IngestReport] | None"]
"""Stores a batch; returns the reports of what it stored (of this batch or, pipelined, of an
earlier one)."""
Finish = Callable[[], "Sequence[IngestReport] | None"]
"""Called once after the last batch: the reports not returned by `Writer` calls yet."""
ProgressFactory = Callable[[SourceFile], Progress]


@dataclass
class FileSummary:
    display: str
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    truncated: bool = False


@dataclass
class ImportSummary:
    """Counters only: what was read, loaded, rejected (by kind), and what the writer changed."""

    files: list[FileSummary] = field(default_factory=list)
    rejected_by_kind: Counter[str] = field(default_factory=Counter)
    unmapped_fips: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)  # by kind, from the writer's reports
    updated: Counter[str] = field(default_factory=Counter)
    written: bool = True
    batches: list[tuple[str, int]] = field(default_factory=list)
    """(file, rows) of every batch handed to the writer, in order."""

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def loaded(self) -> int:
        return sum(f.loaded for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    def lines(self) -> list[str]:
        """The summary as printed by `actorgraph import-gdelt`; read = loaded + rejected."""
        out = []
        for f in self.files:
            tail = " (last line truncated)" if f.truncated else ""
            out.append(f"{f.display}: {f.read} rows read, {f.loaded} loaded, "
                       f"{f.rejected} rejected{tail}")
        verb = "loaded" if self.written else "loadable (dry run, nothing written)"
        out.append(f"Total: {self.read} rows read = {self.loaded} {verb} + "
                   f"{self.rejected} rejected")
        if self.rejected:
            kinds = ", ".join(f"{self.rejected_by_kind[k]} {k}" for k in REJECTION_KINDS
                              if self.rejected_by_kind[k])
            out.append(f"Rejected: {kinds}")
        if self.unmapped_fips:
            codes = ", ".join(f"{c} ({n} row{'s' if n != 1 else ''})"
                              for c, n in sorted(self.unmapped_fips.items()))
            out.append(f"Geo country codes without an ISO-3 code (kept, place has no "
                       f"country): {codes}")
        if self.written:
            shown = [k for k in WRITTEN_KINDS if self.created[k] or self.updated[k]]
            parts = [f"{k} {self.created[k]} created, {self.updated[k]} updated" for k in shown]
            out.append("Written: " + ("; ".join(parts) if parts else "nothing changed"))
        return out


def check_files(paths: Sequence[Path]) -> list[SourceFile]:
    """Describe and sniff every file before anything is written; refuse all on any problem."""
    sources = [describe(Path(p)) for p in paths]
    problems = [m for m in (check_format(s) for s in sources) if m is not None]
    if problems:
        raise ValidationFailed(problems)
    return sources


def import_gdelt(paths: Sequence[Path], write: Writer | None,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 on_reject: Callable[[Rejection], object] | None = None,
                 progress: ProgressFactory | None = None,
                 table: CountryTable | None = None,
                 finish: Finish | None = None) -> ImportSummary:
    """Import GDELT 2.0 events files; `write=None` checks and counts without writing."""
    if batch_size < 1:
        raise ValidationFailed([f"--batch-size must be at least 1; found {batch_size}"])
    sources = check_files(paths)
    table = table or country_table()
    summary = ImportSummary(written=write is not None)
    try:
        for source in sources:
            file_summary = FileSummary(source.display)
            summary.files.append(file_summary)
            meter = _ByteMeter(progress(source) if progress is not None else None)
            try:
                _import_file(source, file_summary, summary, write, batch_size, on_reject,
                             meter, table)
            finally:
                meter.close()
        if finish is not None:
            _count_reports(finish(), summary)
    except WriteInterrupted as e:
        raise ImportInterrupted(interruption_message(e, summary.batches, summary.read)) from e
    return summary


def interruption_message(error: WriteInterrupted, batches: Sequence[tuple[str, int]],
                         read: int) -> str:
    """What was committed before Neo4j stopped answering, and how to complete the import.

    `batches`: (file, rows) of every batch handed to the writer, in order; the writer
    committed the first `error.committed` of them."""
    committed = batches[:error.committed]
    rows = sum(n for _, n in committed)
    per_file: dict[str, int] = {}
    for display, n in committed:
        per_file[display] = per_file.get(display, 0) + n
    where = "; ".join(f"{display}: {n:,} rows" for display, n in per_file.items())
    several = len(committed) != 1
    stored = (f"{len(committed):,} batch{'es' if several else ''} with {rows:,} rows "
              f"{'were' if several else 'was'} committed and stay{'' if several else 's'} in "
              f"the graph ({where})" if committed else "no batch was committed")
    in_flight = batches[error.committed][1] if error.committed < len(batches) else 0
    fate = ("was sent for commit but never confirmed" if error.outcome_unknown
            else "was not committed")
    return (f"Neo4j at {error.uri} stopped answering during the import ({error.reason}). "
            f"Of the {read:,} rows read, {stored}; the batch being written ({in_flight:,} "
            f"rows) {fate}, and nothing after it was written. Run the same command again to "
            "complete the import: rows already stored are recognised by their GlobalEventID "
            "and not stored twice.")


class _ByteMeter:
    """Feeds a progress bar in steps of PROGRESS_STEP bytes rather than once per line."""

    def __init__(self, bar: Progress | None) -> None:
        self.bar = bar
        self.pending = 0

    def __call__(self, n: int) -> None:
        self.pending += n
        if self.bar is not None and self.pending >= PROGRESS_STEP:
            self.bar.update(self.pending)
            self.pending = 0

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.pending)
            self.bar.close()


def _import_file(source: SourceFile, file_summary: FileSummary, summary: ImportSummary,
                 write: Writer | None, batch_size: int,
                 on_reject: Callable[[Rejection], object] | None, meter: _ByteMeter,
                 table: CountryTable) -> None:
    batch: list[GdeltRow] = []
    for item in read_rows(source, on_bytes=meter):
        file_summary.read += 1
        if isinstance(item, Rejection):
            file_summary.rejected += 1
            summary.rejected_by_kind[item.kind] += 1
            file_summary.truncated |= item.kind == "truncated last line"
            if on_reject is not None:
                on_reject(item)
            continue
        _count_unmapped(item, table, summary.unmapped_fips)
        batch.append(item)
        if len(batch) >= batch_size:
            _flush(batch, write, table, summary, source.display)
            file_summary.loaded += len(batch)
            batch = []
    _flush(batch, write, table, summary, source.display)
    file_summary.loaded += len(batch)


def _flush(rows: list[GdeltRow], write: Writer | None, table: CountryTable,
           summary: ImportSummary, display: str) -> None:
    if not rows:
        return
    bundles = records_for_rows(rows, table)
    if write is None:
        return
    summary.batches.append((display, len(rows)))
    _count_reports(write(bundles), summary)


def _count_reports(reports: Sequence[IngestReport] | None, summary: ImportSummary) -> None:
    for report in reports or ():
        summary.created.update(report.created)
        summary.updated.update(report.updated)


def _count_unmapped(row: GdeltRow, table: CountryTable, counter: Counter[str]) -> None:
    fips = row.action_geo.fips
    if fips and table.iso3(fips) is None:
        counter[fips] += 1

