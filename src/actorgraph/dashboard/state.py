"""The one Database the running app talks to (set by create_app, read by callbacks)."""

from __future__ import annotations

from actorgraph.graph.connection import Database

_database: Database | None = None


def set_database(db: Database) -> None:
    global _database
    _database = db


def database() -> Database:
    if _database is None:
        raise RuntimeError("create_app() has not been called")
    return _database
