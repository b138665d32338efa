"""What the online writer derives after each batch, for the bulk import's whole graph.

The rules are graph/write/derived.py's (the Python twin of REFRESH_EVENTS, which the writer
uses for events new to the graph); this module only turns them into the property maps the CSV
files hold: no nulls (neo4j-admin import leaves a property absent), the event's id, a link's
stored properties (GDELT's union lists) with its support. The equality test
(tests/integration/test_gdelt_bulk.py: the same files imported online and with `--bulk` give the
same graph snapshot) guards it.

Pure: claims are the property maps the writer stores on `:Claim` nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from actorgraph.graph.write.derived import event_state, in_lead_order, link_state, states_link
from actorgraph.graph.write.transaction import MODALITY_CERTAINTY

lead_order = in_lead_order
"""A fact's claims, lead first: `ORDER BY c.published, c.id` (nulls sort last)."""


def event_properties(event_id: str, claims: Sequence[dict]) -> dict:
    """The event node's properties from its claims."""
    state = event_state(claims, MODALITY_CERTAINTY)
    return {"id": event_id, **{k: v for k, v in state.items() if v is not None}}


def link_properties(link_type: str, other: str, claims: Sequence[dict],
                    stored: dict) -> dict | None:
    """The link's properties (`stored`: what the upsert wrote, GDELT's union lists) with its
    `evidence_count` and, for a participation, the lead stating claim's `role`; None when no
    claim states it (the writer removes such a link). `claims` in lead order."""
    if not any(states_link(link_type, other, c) for c in claims):
        return None
    return {**stored, **link_state(link_type, other, claims)}
