"""`actorgraph query`: one read-only Cypher query from the command line.

Thin: parse the options, call `actorgraph.graph.console.run.run_query`, print. Refusals,
timeouts and failures are `ActorgraphError`s that the group turns into `Error: ...` on stderr
and exit codes 2 (a malformed --param), 3 (refused), 4 (timed out) and 1 (anything else).
"""

from __future__ import annotations

import sys

import click

from actorgraph.graph.console.limits import MAX_TIMEOUT
from actorgraph.graph.console.params import parse_param_pairs
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.graph.console.values import JSONValue, cell_text

CELL_WIDTH = 60


def format_table(result: ConsoleResult, width: int = CELL_WIDTH) -> str:
    """Aligned columns for reading in a terminal; long cells are cut with '…' (use csv/json
    for the full values)."""
    def show(value: JSONValue) -> str:
        text = cell_text(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
        return text if len(text) <= width else text[:width - 1] + "…"

    header = list(result.columns)
    body = [[show(v) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in body]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


@click.command("query")
@click.argument("cypher")
@click.option("--param", "-p", "param_options", multiple=True, metavar="NAME=VALUE",
              help="A query parameter $NAME. VALUE is parsed as JSON when it parses "
                   "(42, true, null, [1,2], {\"a\":1}, \"42\"), else taken as text. Repeatable.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True, help="Output format on stdout.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Rows to return at most (default: ACTORGRAPH_QUERY_ROW_LIMIT, 1000).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True, max=MAX_TIMEOUT),
              default=None,
              help="Seconds the query may run (default: ACTORGRAPH_QUERY_TIMEOUT, 10).")
def query(cypher: str, param_options: tuple[str, ...], output_format: str, limit: int | None,
          timeout: float | None) -> None:
    """Run one read-only Cypher query and print its rows.

    CYPHER is the query text, or - to read it from stdin. Writes, LOAD CSV, administration
    commands and procedures outside the allow-list are refused (exit 3); a query that runs past
    its timeout is stopped (exit 4); other failures exit 1. See docs/console.md.
    """
    from actorgraph.graph.connection import connect
    from actorgraph.graph.console.run import run_query

    params = parse_param_pairs(param_options)
    text = sys.stdin.read() if cypher == "-" else cypher
    with connect() as db:
        result = run_query(db, text, params, limit=limit, timeout=timeout)
    if output_format == "csv":
        click.echo(result.to_csv(), nl=False)
    elif output_format == "json":
        click.echo(result.to_json(), nl=False)
    else:
        click.echo(format_table(result), nl=False)
    for note in result.notifications:
        click.echo(f"Note: {note}", err=True)
    if result.truncation_notice:
        click.echo(f"Warning: {result.truncation_notice}.", err=True)
