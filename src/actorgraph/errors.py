"""The package's exceptions: one root, small subclasses.

The CLI maps these to messages and exit codes in one place (`actorgraph.cli`).
"""

from __future__ import annotations

from pathlib import Path

import yaml


class ActorgraphError(Exception):
    """Root of every error actorgraph raises on purpose."""

    exit_code = 1


class ConfigError(ActorgraphError):
    """A setting is missing, malformed or contradicts another one."""


class LocalNeo4jError(ActorgraphError):
    """The local Neo4j could not be installed, started or stopped."""


class BasemapError(ActorgraphError):
    """The base map could not be installed (`actorgraph basemap install`)."""


class DatabaseUnavailable(ActorgraphError):
    """Neo4j did not answer over Bolt."""


class TransactionUnanswered(DatabaseUnavailable):
    """The connection was lost during one write transaction (`graph.write.writer`);
    `outcome_unknown` when it was lost after the commit was sent, `reason` the driver's words."""

    def __init__(self, message: str, reason: str, outcome_unknown: bool) -> None:
        self.reason, self.outcome_unknown = reason, outcome_unknown
        super().__init__(message)


class WriteInterrupted(DatabaseUnavailable):
    """Neo4j stopped answering during a stream of batches (`graph.write.writer.PipelinedWriter`):
    `committed` batches were committed before and stay; the one being written was not, or
    (`outcome_unknown`) its commit was sent but never confirmed."""

    def __init__(self, message: str, committed: int, outcome_unknown: bool = False,
                 uri: str = "", reason: str = "") -> None:
        self.committed, self.outcome_unknown = committed, outcome_unknown
        self.uri, self.reason = uri, reason  # the server (no password) and the driver's words
        super().__init__(message)


class StoreModelMismatch(ActorgraphError):
    """The database was written with another graph model than this release's
    (`graph.schema.MODEL_VERSION`); `actorgraph db migrate` upgrades an older one."""

    exit_code = 2


class ValidationFailed(ActorgraphError):
    """Input (an annotation, a GDELT file, an article) is malformed; nothing was written."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; nothing was written:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class QueryRefused(ActorgraphError):
    """A console query was refused because it could write, read files or administer."""

    exit_code = 3


class ParameterError(ActorgraphError):
    """A query parameter given on the command line is malformed or given twice (a usage
    error, as click reports its own)."""

    exit_code = 2


class QueryTimedOut(ActorgraphError):
    """A console query ran longer than its timeout and was stopped."""

    exit_code = 4


class QueryFailed(ActorgraphError):
    """A console query could not run: a syntax error, a missing parameter, a runtime error."""


class ExportFailed(ActorgraphError):
    """An export could not be made: bad options, nothing to draw, or the browser failed."""


# -- ingest -------------------------------------------------------------------------------
# What ingest raises while it reads files (datafiles, yamldoc), locates quotes (quotes) and
# reads GDELT exports (gdelt): most are ValueErrors the readers turn into problems or
# rejections; RowsRejected and ImportInterrupted reach the CLI.

SHOWN_CHARS = 160
"""At most this many characters of a quote or passage appear in a message."""


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class FileRefused(ValueError):
    """The file may not be read: `expected` and `found` as messages show them."""

    def __init__(self, path: Path, expected: str, found: str) -> None:
        self.path, self.expected, self.found = path, expected, found
        super().__init__(f"{path}: expected {expected}; found {found}")


class FileMissing(FileRefused):
    """Nothing at all at the path (not even a broken link)."""


class YamlTooComplex(yaml.YAMLError):
    """A document beyond the bounds of BoundedLoader: where, what was expected, found."""

    def __init__(self, line: int, expected: str, found: str) -> None:
        self.line, self.expected, self.found = line, expected, found
        super().__init__(f"line {line}: expected {expected}; found {found}")


class YamlUnreadable(ValueError):
    """The file is not YAML at all (or not UTF-8): where, what was expected, what was found."""

    def __init__(self, line: int, expected: str, found: str) -> None:
        self.line, self.expected, self.found = line, expected, found
        super().__init__(f"{line}: expected {expected}; found {found}")


class QuoteNotFound(ValueError):
    """The quote does not occur in the text; `closest` is the most similar passage."""

    def __init__(self, quote: str, closest: str, line: int) -> None:
        self.quote, self.closest, self.line = quote, closest, line
        super().__init__(f"{shorten(quote)!r} is not in the text; closest passage "
                         f"(line {line}): {shorten(closest)!r}")


class QuoteAmbiguous(ValueError):
    """The quote occurs more than once and no `occurrence` says which one is meant."""

    def __init__(self, quote: str, lines: list[int]) -> None:
        self.quote, self.lines = quote, lines
        super().__init__(f"{shorten(quote)!r} occurs {len(lines)} times (lines "
                         f"{', '.join(map(str, lines))})")


class OccurrenceOutOfRange(ValueError):
    """`occurrence` is larger than the number of times the quote occurs."""

    def __init__(self, occurrence: int, count: int) -> None:
        self.occurrence, self.count = occurrence, count
        super().__init__(f"occurrence {occurrence}, but the quote occurs {count} time"
                         f"{'s' if count != 1 else ''}")


class RowRejected(ValueError):
    """One row cannot be loaded; the message is the reason shown to the user."""

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.kind = kind


class RowsRejected(ActorgraphError):
    """Some lines of a GDELT file could not be loaded (listed on stderr); the rest were."""

    exit_code = 2


class ImportInterrupted(DatabaseUnavailable):
    """Neo4j stopped answering during an import: what was committed, how to finish."""


class BulkImportRefused(ActorgraphError):
    """`import-gdelt --bulk` cannot run here: the database is not empty, or NEO4J_URI names a
    server neo4j-admin cannot reach; the message says what to do instead."""

    exit_code = 2
