"""Sources that produce records (annotations, draft extraction, GDELT); none talks to Neo4j."""
