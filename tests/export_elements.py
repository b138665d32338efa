"""Elements as the app draws them and a data export enriches them (Neo4j labels, articles,
evidence counts, positions), shared by the data-format tests."""

from __future__ import annotations

ELEMENTS = [
    {"data": {"id": "PRK", "label": "North Korea", "kind": "state", "group": "actor",
              "degree": 2, "labels": ["Actor", "State"], "articles": ["a1", "a2"],
              "evidence_count": 2},
     "classes": "actor k-state bloc-0", "position": {"x": 10.5, "y": -3.0}},
    {"data": {"id": "RUS", "label": "Russia", "kind": "state", "group": "actor", "degree": 2,
              "labels": ["Actor", "State"], "articles": ["a1"], "evidence_count": 1},
     "classes": "actor k-state bloc-0", "position": {"x": 120.0, "y": 40.25}},
    {"data": {"id": "ex1", "label": "Air exercise near Jeju", "kind": "military_exercise",
              "group": "event", "degree": 1, "modality": "asserted", "articles": ["a2"],
              "evidence_count": 1, "date": "2025-07-11"},
     "classes": "event k-military_exercise"},
    {"data": {"id": "PRK-SUPPORTS-RUS+troops", "source": "PRK", "target": "RUS",
              "type": "SUPPORTS", "edge_kind": "support", "label": "supports",
              "weight": 1.0, "modality": "reported", "articles": ["a1"], "evidence_count": 1,
              "contested": False},
     "classes": "relation e-support"},
    {"data": {"id": "RUS-SUPPORTS-PRK+technology", "source": "RUS", "target": "PRK",
              "type": "SUPPORTS", "edge_kind": "support", "label": "supports", "weight": 2.5,
              "modality": "feared", "articles": ["a1", "a2"], "evidence_count": 2},
     "classes": "relation e-support hedged"},
    {"data": {"id": "PRK-PARTICIPATED_IN-ex1", "source": "PRK", "target": "ex1",
              "type": "PARTICIPATED_IN", "edge_kind": "participation",
              "label": "took part in", "weight": 1.0, "articles": ["a2"],
              "evidence_count": 1},
     "classes": "link e-participation"},
    # A second edge between the same two nodes, in the same direction: a multigraph.
    {"data": {"id": "PRK-OPPOSES-RUS", "source": "PRK", "target": "RUS", "type": "OPPOSES",
              "edge_kind": "opposition", "label": "opposes", "weight": 1.0,
              "modality": "denied", "articles": ["a3"], "evidence_count": 1},
     "classes": "relation e-opposition hedged"},
]
