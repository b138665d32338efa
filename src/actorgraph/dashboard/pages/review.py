"""Review page: paste an article, review the draft against its text, save and ingest it.

The layout and the drawing of a draft live here; `review_callbacks` runs extraction, saving
and ingesting; `review_save` writes the files; `view.review` cuts the text into highlighted
segments and turns decisions into the annotation. Every article text, name and quote is
passed to Dash as text (Dash escapes it); no HTML is ever built from it.

The page writes files, so it is off unless the app was created with review on
(`actorgraph serve --review` or ACTORGRAPH_REVIEW=1); when off it says so and its callbacks
write nothing.
"""

from __future__ import annotations

from dash import dcc, html

from actorgraph.records import EVENT_KINDS, MODALITIES, RELATION_TYPES
from actorgraph.view.review import (
    FACT_SECTIONS,
    Segment,
    fact_key,
    fact_label,
)

LANGUAGES = (("", "Tell from the text"), ("de", "German (de)"), ("en", "English (en)"))
NEW_ACTOR_KINDS = ("person", "organization", "state", "military_force")

_settings: dict[str, bool] = {"enabled": False}


def configure(enabled: bool) -> None:
    """Turn the page on or off (create_app calls this once)."""
    _settings["enabled"] = enabled


def enabled() -> bool:
    return _settings["enabled"]


def _field(label: str, control, wide: bool = False) -> html.Label:
    return html.Label(className="ag-review-field" + (" ag-review-wide" if wide else ""),
                      children=[html.Span(label), control])


def layout(**_query: str) -> html.Div:
    if not enabled():
        return html.Div(className="ag-review", children=[
            html.H2("Review an article"),
            html.P(id="rv-off", className="ag-notice", children=[
                "Review is off: this page writes article folders and actors into the data "
                "folder and ingests them, so it is on only when asked for. Start the dashboard "
                "with ", html.Code("actorgraph serve --review"), " or set ",
                html.Code("ACTORGRAPH_REVIEW=1"), "."]),
        ])
    return html.Div(className="ag-review", children=[
        dcc.Store(id="rv-draft"),
        dcc.Store(id="rv-registry-version", data=0),
        html.H2("Review an article"),
        html.Div(className="ag-review-form", children=[
            html.Div(className="ag-review-source", children=[
                dcc.Textarea(id="rv-text", className="ag-review-text-input",
                             placeholder="Paste the article's text here, or upload a .txt"),
                html.Div(className="ag-review-row", children=[
                    dcc.Upload(id="rv-upload", accept=".txt,text/plain",
                               children=html.Button("Upload a .txt", id="rv-upload-button")),
                    dcc.Dropdown(id="rv-open", className="ag-review-open",
                                 placeholder="Open a saved article", clearable=False),
                ]),
            ]),
            html.Div(className="ag-review-meta", children=[
                _field("Article id", dcc.Input(id="rv-id", type="text",
                                               placeholder="from the file name or title")),
                _field("Outlet", dcc.Input(id="rv-outlet", type="text",
                                           placeholder="as the page names it")),
                _field("URL", dcc.Input(id="rv-url", type="text", placeholder="https://...")),
                _field("Language", dcc.Dropdown(
                    id="rv-language", clearable=False, value="", searchable=False,
                    options=[{"label": n, "value": v} for v, n in LANGUAGES])),
                _field("Published", dcc.Input(id="rv-published", type="text",
                                              placeholder="2025-07-11, 2025-07 or 2025")),
                html.Div(className="ag-review-row", children=[
                    html.Button("Extract", id="rv-extract", className="ag-review-primary"),
                    html.Button("Save and ingest", id="rv-save",
                                className="ag-review-primary"),
                ]),
            ]),
        ]),
        dcc.Loading(html.Div(id="rv-status", className="ag-review-status")),
        html.Div(className="ag-review-main", children=[
            html.Div(className="ag-review-column", children=[
                html.H3("Text"),
                html.Div(id="rv-highlight", className="ag-review-highlight",
                         children=html.P("Paste a text and press Extract.",
                                         className="ag-muted")),
            ]),
            html.Div(className="ag-review-column", children=[
                # Unknown names first: adding one drafts the text again (edits are lost).
                html.H3("Names the registry does not know"),
                html.Div(id="rv-candidates"),
                new_actor_form(),
                html.H3("Facts"),
                html.Div(id="rv-facts"),
            ]),
        ]),
    ])


def new_actor_form() -> html.Div:
    return html.Div(className="ag-review-new-actor", children=[
        html.H4("Add an actor to the registry"),
        _field("Id", dcc.Input(id="rv-new-id", type="text", placeholder="kim-yo-jong")),
        _field("Name", dcc.Input(id="rv-new-name", type="text")),
        _field("Aliases", dcc.Input(id="rv-new-aliases", type="text",
                                    placeholder="comma-separated")),
        _field("Kind", dcc.Dropdown(id="rv-new-kind", clearable=False, value="person",
                                    searchable=False, options=list(NEW_ACTOR_KINDS))),
        _field("Country", dcc.Input(id="rv-new-country", type="text", placeholder="PRK")),
        html.Button("Add to the registry", id="rv-new-add"),
        html.Div(id="rv-new-message", className="ag-review-status"),
    ])


# -- drawing a draft -----------------------------------------------------------------------

def highlighted_text(pieces: list[Segment]) -> list:
    """The text as spans and marks; each mark's title names the facts it is evidence of."""
    out = []
    for piece in pieces:
        if not piece.marks:
            out.append(piece.text)
            continue
        classes = " ".join(f"ag-hl-{m}" for m in piece.marks)
        title = ", ".join(piece.labels) if piece.labels else None
        out.append(html.Mark(piece.text, className=classes, title=title))
    return out


def _options(pairs: list[list[str]]) -> list[dict]:
    return [{"label": label, "value": value} for value, label in pairs]


def _edit(key: str, name: str, control_type, **kwargs):
    return control_type(id={"type": "rv-edit", "fact": key, "field": name}, **kwargs)


def _ids(values) -> list[str]:
    return [v if isinstance(v, str) else v.get("actor") for v in values or []
            if isinstance(v, str) or (isinstance(v, dict) and v.get("actor"))]


def _evidence(fact: dict) -> list:
    out = []
    for item in fact.get("evidence") or []:
        quote = item.get("quote") if isinstance(item, dict) else item
        out.append(html.Blockquote(str(quote), className="ag-review-quote"))
    return out


def fact_cards(annotation: dict) -> list:
    """One card per event and relation: what it says, its evidence, Accept/Reject, and an
    Edit button that brings its controls (drawn on demand: a draft has hundreds of them)."""
    cards = [_card(section, index, fact) for section in FACT_SECTIONS
             for index, fact in enumerate(annotation.get(section) or [])]
    return cards or [html.P("The draft has no events or relations.", className="ag-muted")]


def _card(section: str, index: int, fact: dict) -> html.Div:
    key = fact_key(section, index)
    label = fact_label(section, index)
    if section == "events":
        heading = f"{label} · event · {fact.get('kind', '?')}: {fact.get('title', '')}"
        said = "participants " + (", ".join(_ids(fact.get("participants"))) or "none")
        if fact.get("targets"):
            said += "; targets " + ", ".join(_ids(fact.get("targets")))
        said += f"; date {fact.get('date') or fact.get('date_text') or 'none'}; "
    else:
        heading = (f"{label} · relation · {fact.get('source', '?')} {fact.get('type', '?')} "
                   f"{fact.get('target', '?')}")
        said = ""
    said += f"modality {fact.get('modality', '?')}"
    if fact.get("attributed_to"):
        said += ", attributed to " + ", ".join(_ids(fact.get("attributed_to")))
    return html.Div(id=f"rv-fact-{key}", className="ag-review-fact", children=[
        html.Div(className="ag-review-fact-head", children=[
            html.Span(heading, className="ag-review-fact-title"),
            html.Div(className="ag-review-row", children=[
                dcc.RadioItems(id={"type": "rv-keep", "fact": key}, value="accept",
                               className="ag-review-keep", inline=True,
                               options=[{"label": "Accept", "value": "accept"},
                                        {"label": "Reject", "value": "reject"}]),
                html.Button("Edit", id={"type": "rv-edit-open", "fact": key},
                            className="ag-review-edit"),
            ]),
        ]),
        html.Div(said, className="ag-review-said"),
        *_evidence(fact),
        html.Div(id={"type": "rv-editor", "fact": key}),
        html.Div(id={"type": "rv-problems", "fact": key}, className="ag-review-problems"),
    ])


def fact_controls(section: str, key: str, fact: dict, choices: dict) -> html.Div:
    """The controls that edit one fact, set to what it says now."""
    known_actors = _options(choices.get("actors", []))
    attribution = known_actors + _options(choices.get("sources", []))
    places = _options(choices.get("places", []))
    known = {o["value"] for o in attribution}
    extra = [{"label": v, "value": v} for v in
             _ids(fact.get("participants")) + _ids(fact.get("targets"))
             + _ids(fact.get("attributed_to")) + [fact.get("source"), fact.get("target")]
             if isinstance(v, str) and v not in known]
    actors, attribution = known_actors + extra, attribution + extra
    if section == "events":
        controls = [
            _field("Kind", _edit(key, "kind", dcc.Dropdown, options=list(EVENT_KINDS),
                                 value=fact.get("kind"), clearable=False, searchable=False)),
            _field("Date", _edit(key, "date", dcc.Input, type="text",
                                 value=str(fact.get("date") or ""),
                                 placeholder=str(fact.get("date_text") or "no date"))),
            _field("Place", _edit(key, "place", dcc.Dropdown, options=places,
                                  value=fact.get("place"))),
            _field("Participants", _edit(key, "participants", dcc.Dropdown, multi=True,
                                         options=actors,
                                         value=_ids(fact.get("participants"))), wide=True),
            _field("Targets", _edit(key, "targets", dcc.Dropdown, multi=True, options=actors,
                                    value=_ids(fact.get("targets"))), wide=True),
        ]
    else:
        controls = [
            _field("Source", _edit(key, "source", dcc.Dropdown, options=actors,
                                   value=fact.get("source"), clearable=False)),
            _field("Type", _edit(key, "type", dcc.Dropdown, options=list(RELATION_TYPES),
                                 value=fact.get("type"), clearable=False, searchable=False)),
            _field("Target", _edit(key, "target", dcc.Dropdown, options=actors,
                                   value=fact.get("target"), clearable=False)),
        ]
    controls += [
        _field("Modality", _edit(key, "modality", dcc.Dropdown, options=list(MODALITIES),
                                 value=fact.get("modality"), clearable=False,
                                 searchable=False)),
        _field("Attributed to", _edit(key, "attributed_to", dcc.Dropdown, multi=True,
                                      options=attribution,
                                      value=_ids(fact.get("attributed_to"))), wide=True),
    ]
    return html.Div(className="ag-review-controls", children=controls)


def candidate_list(candidates: list[dict]) -> list:
    """The names the extractor could not place, each with a button that fills the form."""
    if not candidates:
        return [html.P("None in this draft.", className="ag-muted")]
    out = []
    for index, candidate in enumerate(candidates):
        out.append(html.Div(className="ag-review-candidate", children=[
            html.Span(f"{candidate.get('name', '')} ({candidate.get('kind', '?')}, "
                      f"{candidate.get('mentions', 1)}×)", className="ag-review-fact-title"),
            html.Button("Fill the form", id={"type": "rv-use", "index": index}),
            html.Div(str(candidate.get("why") or ""), className="ag-muted"),
            html.Blockquote(str(candidate.get("quote") or ""), className="ag-review-quote"),
        ]))
    return out


def problem_list(problems: list[str]) -> list:
    return [html.Div(p, className="ag-review-problem") for p in problems]
