"""Graph data files: Cytoscape JSON, GraphML and Neo4j CSV."""
