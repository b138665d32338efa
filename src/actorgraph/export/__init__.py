"""Exports of a subgraph: images (PNG, JPG, SVG) drawn by headless Chromium from the same
elements and the same stylesheet as the app, and data (Cytoscape.js JSON, GraphML, CSV for
`neo4j-admin database import`).

Modules, one job each:
- `formats`: the formats, their file suffixes and how a path names one;
- `naming`: file names that say the view and the date;
- `limits`: the canvas limit and the scale cap;
- `cyjson`, `graphml`, `neo4j_csv`: the data formats (pure);
- `legend`, `sources`, `frame`: the publication frame (title, legend, source line);
- `browser`, `page`, `images`: Chromium, the headless page, `ImageRenderer`;
- `subgraph`: what to export (a view, an ego network, a console query) as elements;
- `run`: one export run (several outputs, one browser) for the CLI.
"""
