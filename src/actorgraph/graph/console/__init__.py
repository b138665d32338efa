"""The read-only Cypher console: the query text guard, the plan guard, parameters, values
and the runner."""
