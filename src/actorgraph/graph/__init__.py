"""Everything that talks to Neo4j: connection, schema, writer, named queries, console."""
