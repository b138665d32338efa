"""Writing articles to Neo4j: the batch plan, the fact rows, and the transaction that
stores them."""
