"""What is drawn: graph elements, blocs, styles, explorer state and layout rules, the console
graph, search and agreement. No Dash here and no Neo4j driver."""
