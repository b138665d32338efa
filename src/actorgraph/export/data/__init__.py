"""Graph data files, pure (elements in, text or bytes out):

- `elements_io`: what every format shares (nodes and edges, property types);
- `cyjson`: Cytoscape.js JSON, which also reads back into the app;
- `graphml`: GraphML for Gephi, yEd, networkx and igraph;
- `neo4j_csv`: CSV for `neo4j-admin database import full`.
"""
