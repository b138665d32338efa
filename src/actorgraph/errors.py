"""The package's exceptions: one root, small subclasses.

The CLI maps these to messages and exit codes in one place (`actorgraph.cli`).
"""


class ActorgraphError(Exception):
    """Root of every error actorgraph raises on purpose."""

    exit_code = 1


class ConfigError(ActorgraphError):
    """A setting is missing, malformed or contradicts another one."""


class LocalNeo4jError(ActorgraphError):
    """The local Neo4j could not be installed, started or stopped."""


class DatabaseUnavailable(ActorgraphError):
    """Neo4j did not answer over Bolt."""


class WriteInterrupted(DatabaseUnavailable):
    """Neo4j stopped answering during a stream of batches (`graph.writer.PipelinedWriter`):
    `committed` batches were committed before and stay; the one being written was not, or
    (`outcome_unknown`) its commit was sent but never confirmed."""

    def __init__(self, message: str, committed: int, outcome_unknown: bool = False,
                 uri: str = "", reason: str = "") -> None:
        self.committed, self.outcome_unknown = committed, outcome_unknown
        self.uri, self.reason = uri, reason  # the server (no password) and the driver's words
        super().__init__(message)


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
