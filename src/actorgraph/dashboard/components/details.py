"""The details panel: a clicked node or edge in words, with every supporting article and each
evidence sentence shown in its paragraph, the quote highlighted."""

from __future__ import annotations

from dash import html

from actorgraph.graph.connection import Database
from actorgraph.graph.read import explorer as queries
from actorgraph.graph.read.fragment import TIE, Link
from actorgraph.view.agreement import Version, version_label, versions
from actorgraph.view.elements import ViewGraph
from actorgraph.view.passages import Passage, claim_spans, passages
from actorgraph.view.style import node_look

MODALITY_WORDS: dict[str, str] = {
    "asserted": "asserted — the article states it in its own voice",
    "reported": "reported — stated, attributed to a named source",
    "habitual": "habitual — a recurring pattern",
    "planned": "planned — announced or intended",
    "possible": "possible — the article hedges it",
    "suspected": "suspected — someone presumes it",
    "feared": "feared — someone fears it may happen",
    "denied": "denied — a source denies it",
}
ACTOR_KIND_WORDS = {"state": "State", "person": "Person", "organization": "Organisation",
                    "military_force": "Military force", "region": "Region"}
MAX_FACTS = 25
MAX_CLAIMS_READ = 200
MAX_CLAIMS_SHOWN = 40
"""Claims one details panel draws. Dash's renderer takes time that grows faster than the
number of components it adds (a hub actor's 200 claims, 1,605 components, took 7 s to
appear in Chromium after the server had answered; 173 components 0.4 s), so a panel draws
the first 40 claims, about 320 components, and says how to narrow the rest."""


def _row(label: str, value: object) -> html.Div | None:
    if value in (None, "", [], ()):
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return html.Div([html.Span(label, className="ag-prop-key"),
                     html.Span(str(value), className="ag-prop-value")], className="ag-prop")


def modality_words(modality: str | None) -> str | None:
    return MODALITY_WORDS.get(modality or "", modality)


def goldstein_words(score: float | None) -> str | None:
    if score is None:
        return None
    tone = "cooperative" if score > 0 else "hostile" if score < 0 else "neutral"
    return f"{score:+.1f} ({tone}; Goldstein scale -10 to +10)"


def _evidence(db: Database, fact_ids: list[str], article_ids: list[str] | None,
              titles: dict[str, str] | None = None, sources: bool = False) -> list:
    """Claims behind the facts, grouped by fact and article, each quote in its paragraph.
    With `sources` (one fact): first which sources agree and, for a contested fact, the
    versions that conflict; each claim says which version it belongs to."""
    claims, texts = queries.claims_of_facts(db, fact_ids, article_ids, MAX_CLAIMS_READ)
    if not claims:
        return [html.P("No evidence stored for this under the current filters.",
                       className="ag-muted")]
    labels: dict[int, str] = {}
    head: list = []
    if sources:
        found = versions(claims)
        if len(found) > 1:
            for i, version in enumerate(found):
                for claim in version.claims:
                    labels[id(claim)] = version_label(i)
        head = sources_section(found, texts)
    blocks = []
    for claim in claims[:MAX_CLAIMS_SHOWN]:
        article = texts.get(claim["article_id"], {})
        heading = []
        if titles and claim["fact_id"] in titles:
            heading.append(html.Div(titles[claim["fact_id"]], className="ag-claim-fact"))
        meta = [article.get("outlet") or "", article.get("published") or ""]
        badges = []
        if id(claim) in labels:
            badges.append(html.Span(f"Version {labels[id(claim)]}",
                                    className="ag-badge ag-badge-version"))
        if claim.get("article_kind") == "gdelt":
            badges.append(_gdelt_badge())
        heading.append(html.Div([
            *badges,
            html.Span(article.get("title") or claim["article_id"], className="ag-claim-title"),
            html.Span(" · ".join(m for m in meta if m), className="ag-claim-meta"),
        ]))
        props = [_row("Modality", modality_words(claim.get("modality"))),
                 _row("Attributed to", " ← ".join(claim.get("attributed") or []) or None)]
        if id(claim) in labels:
            props += [_row("Date given", claim.get("date")),
                      _row("Place given", claim.get("place"))]
        found_passages = passages(article.get("text") or "", claim_spans(claim))
        blocks.append(html.Div([*heading, *[p for p in props if p],
                                *render_passages(found_passages)], className="ag-claim"))
    if len(claims) > MAX_CLAIMS_SHOWN:
        found = f"{len(claims):,}{' or more' if len(claims) >= MAX_CLAIMS_READ else ''}"
        blocks.append(html.P(
            f"The first {MAX_CLAIMS_SHOWN} of {found} claims, by article date. The Articles, "
            "Outlets and Published filters narrow them.", className="ag-muted ag-claims-more"))
    return [*head, *([html.H4("Evidence")] if sources else []), *blocks]


def unidentified_words(row: dict) -> str:
    """'an unidentified government official (sender) — GDELT: PRESIDENT, GOV'."""
    words = row.get("words") or "participant"
    role = f" ({row['role']})" if row.get("role") and row["role"] != "participant" else ""
    coded = ", ".join(x for x in (row.get("name"), row.get("code")) if x)
    return f"an unidentified {words}{role} — GDELT: {coded}"


def unidentified_section(rows: list[dict]) -> list:
    """The participants GDELT names by role only (no actor node: "a government" is not one
    actor), in words."""
    if not rows:
        return []
    return [html.H4("Unidentified participants"),
            html.Ul([html.Li(unidentified_words(r)) for r in rows],
                    className="ag-unidentified")]


def render_passages(found: list[Passage]) -> list[html.P]:
    return [
        html.P([html.Mark(text, className="ag-quote") if quoted else text
                for text, quoted in p.segments], className="ag-passage")
        for p in found
    ]


def _gdelt_badge() -> html.Span:
    return html.Span("GDELT", className="ag-badge ag-badge-gdelt",
                     title="Coded automatically by GDELT: no quotes, modality 'asserted'")


def _source_name(claim: dict, texts: dict[str, dict]) -> str:
    article = texts.get(claim["article_id"], {})
    name = article.get("outlet") or article.get("title") or claim["article_id"]
    attributed = claim.get("attributed") or []
    return f"{name} (citing {', '.join(attributed)})" if attributed else name


def sources_section(found: list[Version], texts: dict[str, dict]) -> list:
    """Agreeing sources, or for a contested fact its conflicting versions, each with the
    values its sources give and who they are."""
    if len(found) <= 1:
        claims = found[0].claims if found else ()
        names = list(dict.fromkeys(_source_name(c, texts) for c in claims))
        return [html.H4("Sources"), html.Div(
            f"{len(names)} source{'s' if len(names) != 1 else ''} agree: {'; '.join(names)}"
            if len(names) > 1 else f"1 source: {names[0]}" if names else "No source.",
            className="ag-sources-agree")]
    differ = sorted({d for v in found for d in v.conflicts_on},
                    key=("date", "place", "modality").index)
    items = []
    for i, version in enumerate(found):
        first = version.claims[0]
        values = [v for v in (first.get("date"), first.get("place"),
                              first.get("modality")) if v]
        names = list(dict.fromkeys(_source_name(c, texts) for c in version.claims))
        gdelt = any(c.get("article_kind") == "gdelt" for c in version.claims)
        items.append(html.Div([
            html.Span(f"Version {version_label(i)}", className="ag-badge ag-badge-version"),
            html.Span(" · ".join(str(v) for v in values), className="ag-version-values"),
            *([_gdelt_badge()] if gdelt else []),
            html.Div(f"{'agreeing sources' if len(names) > 1 else 'source'}: "
                     f"{'; '.join(names)}", className="ag-version-sources"),
        ], className="ag-version"))
    return [html.H4("Sources disagree"),
            html.Div([html.Span("contested", className="ag-badge ag-badge-contested"),
                      f" {len(found)} conflicting versions, on {', '.join(differ)}"],
                     className="ag-contested-line"),
            *items]


def node_panel(db: Database, node_id: str, article_ids: list[str] | None,
               details: dict | None = None) -> list:
    """The panel of a node; `details`: its `node_details`, when the caller has read them."""
    details = details or queries.node_details(db, node_id)
    if details is None:
        return [html.P(f"{node_id} is no longer in the database.", className="ag-muted")]
    props, labels = details["props"], details["labels"]
    if "Event" in labels:
        look = node_look(props.get("kind") or "")
        date = props.get("date")
        if date and props.get("date_precision") not in (None, "day"):
            date = f"{date} ({props['date_precision']})"
        rows = [
            _row("Kind", look.label), _row("Date", date),
            _row("As the article says", props.get("date_text")),
            _row("Modality", modality_words(props.get("modality"))),
            _row("CAMEO", " ".join(x for x in (props.get("cameo"),
                                                props.get("cameo_label")) if x) or None),
            _row("Goldstein", goldstein_words(props.get("goldstein"))),
            _row("Topics", props.get("topics")),
            _row("Supporting articles", props.get("evidence_count")),
            _row("Contested on", props.get("contested_on")),
        ]
        badges = []
        if props.get("contested"):
            badges.append(html.Span("contested", className="ag-badge ag-badge-contested"))
        if props.get("gdelt_ids"):
            badges.append(_gdelt_badge())
        return [html.H3(props.get("title") or node_id), *badges, *[r for r in rows if r],
                *unidentified_section(queries.unidentified_of_event(db, node_id, article_ids)),
                *_evidence(db, [node_id], article_ids, sources=True)]
    if "Actor" in labels:
        rows = [_row("Kind", ACTOR_KIND_WORDS.get(props.get("kind") or "", props.get("kind"))),
                _row("Office", props.get("title")), _row("Country", props.get("country")),
                _row("German name", props.get("name_de")), _row("Also called",
                                                                 props.get("aliases")),
                _row("Wikidata", props.get("wikidata"))]
        facts = queries.facts_of_actor(db, node_id, MAX_FACTS)
        titles = {f["fact_id"]: f"{f['title']} — {f['modality']}" for f in facts}
        return [html.H3(props.get("name") or node_id), *[r for r in rows if r],
                html.H4(f"Evidence ({len(facts)} fact{'s' if len(facts) != 1 else ''})"),
                *_evidence(db, [f["fact_id"] for f in facts], article_ids, titles)]
    rows = [_row("Kind", "Place" if "Place" in labels else "Asset"),
            _row("German name", props.get("name_de")), _row("Country", props.get("country")),
            _row("Latitude", props.get("lat")), _row("Longitude", props.get("lon")),
            _row("Articles naming it", props.get("evidence_count"))]
    return [html.H3(props.get("name") or node_id), *[r for r in rows if r]]


def edge_panel(db: Database, edge: Link, graph: ViewGraph,
               article_ids: list[str] | None) -> list:
    names = {n.id: n.label for n in graph.nodes}
    source, target = names.get(edge.source, edge.source), names.get(edge.target, edge.target)
    if edge.type == TIE:
        tone = {1: "cooperative", -1: "hostile"}.get(edge.sign, "neutral")
        titles = {e: names.get(e, e) for e in edge.events}
        gdelt = (f"{edge.gdelt_events} of the events, in {edge.gdelt_documents} GDELT "
                 f"document{'s' if edge.gdelt_documents != 1 else ''}"
                 if edge.gdelt_events else None)
        rows = [_row("Tie", f"{tone}, from {len(edge.events)} shared event(s)"),
                _row("Coded by GDELT", gdelt),
                _row("From annotated articles",
                     f"{len(edge.events) - edge.gdelt_events} of the events"
                     if edge.gdelt_events else None),
                _row("Modality", modality_words(edge.modality))]
        return [html.H3(f"{source} and {target}"), *[r for r in rows if r],
                html.H4("Evidence"),
                *_evidence(db, list(edge.events), article_ids, titles)]
    if edge.type in queries.RELATION_TYPES:
        rel = queries.relation_details(db, edge.id) or {"props": {}}
        props = rel["props"]
        rows = [_row("Relation", f"{source} {edge.type.lower().replace('_', ' ')} {target}"),
                _row("Means", props.get("means")),
                _row("Stance", {1: "cooperative", -1: "hostile", 0: "structural"}.get(
                    props.get("stance"))),
                _row("Modality", modality_words(props.get("modality"))),
                _row("Supporting articles", props.get("evidence_count")),
                _row("Contested on", props.get("contested_on"))]
        return [html.H3(f"{source} → {target}"), *[r for r in rows if r],
                *_evidence(db, [edge.id], article_ids, sources=True)]
    event_id = edge.target if edge.type == "PARTICIPATED_IN" else edge.source
    rows = [_row("Link", f"{source} {edge.type.lower().replace('_', ' ')} {target}"),
            _row("Role", edge.role), _row("Modality", modality_words(edge.modality))]
    return [html.H3(f"{source} → {target}"), *[r for r in rows if r],
            html.H4("Evidence for the event"),
            *_evidence(db, [event_id], article_ids)]
