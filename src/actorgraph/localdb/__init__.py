"""A real Neo4j Community server on 127.0.0.1, fetched from Maven Central."""

from actorgraph.localdb.launcher import LocalNeo4j, ServerStatus

__all__ = ["LocalNeo4j", "ServerStatus"]
