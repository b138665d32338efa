"""actorgraph: news about alliances and military moves, as a Neo4j graph you can explore."""

__version__ = "0.1.0"
