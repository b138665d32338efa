"""The one error an export raises on purpose (mapped to a message and exit code by the CLI)."""

from actorgraph.errors import ActorgraphError


class ExportFailed(ActorgraphError):
    """An export could not be made: bad options, nothing to draw, or the browser failed."""

