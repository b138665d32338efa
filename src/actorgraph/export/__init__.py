"""Exports of a subgraph: images (PNG, JPG, SVG) drawn by headless Chromium from the same
elements and the same stylesheet as the app, and data (Cytoscape.js JSON, GraphML, CSV for
`neo4j-admin database import`).

Modules, one job each:
- `formats`: the formats, their file suffixes, file names, and the choices a user has;
- `data/`: the data formats (`cyjson`, `graphml`, `neo4j_csv`; pure);
- `image/`: the images (Chromium and its page, the publication frame, the scale cap,
  `ImageRenderer`);
- `subgraph`: what to export (a view, an ego network, a console query) as elements;
- `run`: one export run (several outputs, one browser) for the CLI.
"""
