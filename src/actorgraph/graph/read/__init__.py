"""Reading from Neo4j: the explorer's queries, provenance and dyads."""
