"""The Review page's callbacks: extract or open a draft, draw it, save and ingest, add actors.

Each callback that could write anything first asks `review.enabled()`; when the page is off
they return without touching a file or the database.
"""

from __future__ import annotations

import base64
import re

from dash import ALL, MATCH, Input, Output, State, callback, ctx, html, no_update

from actorgraph.dashboard import state
from actorgraph.dashboard.pages import review
from actorgraph.dashboard.pages.review_save import (
    add_actor,
    data_dir,
    draft_document,
    draft_from_text,
    open_article,
    registry_choices,
    save_article,
    saved_articles,
)
from actorgraph.errors import ActorgraphError, ValidationFailed
from actorgraph.records import describe_counts
from actorgraph.view.review import (
    FACT_SECTIONS,
    actor_entry,
    apply_decisions,
    article_edit,
    draft_spans,
    id_problem,
    problems_by_fact,
    segments,
)

_SLUG = re.compile(r"[^a-z0-9]+")


def _suggest_id(text: str) -> str:
    """An article id from the first line of the text, when the person gives none."""
    first = next((line for line in (text or "").splitlines() if line.strip()), "")
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    slug = _SLUG.sub("-", first.lower().translate(table)).strip("-")
    return "-".join(slug.split("-")[:6])[:60].strip("-") or "article"


@callback(Output("rv-text", "value"), Output("rv-id", "value", allow_duplicate=True),
          Input("rv-upload", "contents"), State("rv-upload", "filename"),
          prevent_initial_call=True)
def upload(contents: str | None, filename: str | None):
    if not review.enabled() or not contents:
        return no_update, no_update
    try:
        text = base64.b64decode(contents.split(",", 1)[1]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return "", no_update
    stem = (filename or "").rsplit(".", 1)[0]
    suggested = _SLUG.sub("-", stem.lower()).strip("-")
    return text, suggested if id_problem(suggested) is None else no_update


@callback(Output("rv-open", "options"), Input("rv-registry-version", "data"),
          Input("rv-status", "children"))
def list_saved(_version, _status):
    if not review.enabled():
        return []
    return saved_articles(data_dir())


@callback(Output("rv-draft", "data"), Output("rv-status", "children"),
          Output("rv-id", "value"), Output("rv-outlet", "value"), Output("rv-url", "value"),
          Output("rv-language", "value"), Output("rv-published", "value"),
          Output("rv-text", "value", allow_duplicate=True),
          Input("rv-extract", "n_clicks"), Input("rv-open", "value"),
          Input("rv-registry-version", "data"),
          State("rv-text", "value"), State("rv-id", "value"), State("rv-outlet", "value"),
          State("rv-url", "value"), State("rv-language", "value"),
          State("rv-published", "value"), State("rv-draft", "data"),
          prevent_initial_call=True)
def load_draft(_clicks, opened, _version, text, article_id, outlet, url, language, published,
               current):
    """A draft from the pasted text (Extract), or a saved article's annotation (Open)."""
    if not review.enabled():
        return (no_update,) * 8
    data = data_dir()
    trigger = ctx.triggered_id
    if trigger == "rv-registry-version" and (current or {}).get("origin") != "extract":
        if not current:
            return (no_update,) * 8
        current = {**current, "choices": registry_choices(data)}
        return (current,) + (no_update,) * 7
    try:
        if trigger == "rv-open":
            if not opened:
                return (no_update,) * 8
            annotation, text = open_article(opened, data)
            origin = "saved"
            status = f"Opened data/articles/{opened}: review it, then save and ingest again."
        else:
            if not (text or "").strip():
                return (no_update, "Paste an article's text first.") + (no_update,) * 6
            article_id = (article_id or "").strip() or _suggest_id(text)
            draft = draft_from_text(text, article_id, language, (published or "").strip(),
                                    (outlet or "").strip(), data)
            annotation, text, origin = draft_document(draft), draft.text, "extract"
            if (url or "").strip():
                annotation["article"]["url"] = url.strip()
            found = describe_counts({"events": len(annotation["events"]),
                                     "relations": len(annotation["relations"])})
            unknown = len(annotation.get("candidates") or [])
            status = (f"Draft of {article_id}: {found}, {unknown} unknown "
                      f"name{'s' if unknown != 1 else ''}. Review every fact against the text.")
    except ActorgraphError as e:
        return (no_update, review.problem_list(_messages(e))) + (no_update,) * 6
    article = annotation.get("article") or {}
    stored = {"annotation": annotation, "text": text, "origin": origin,
              "choices": registry_choices(data)}
    return (stored, status, article.get("id"), article.get("outlet"), article.get("url"),
            article.get("language") or "", str(article.get("published") or ""), text)


def _messages(error: ActorgraphError) -> list[str]:
    return list(error.problems) if isinstance(error, ValidationFailed) else [str(error)]


@callback(Output("rv-facts", "children"), Output("rv-candidates", "children"),
          Input("rv-draft", "data"), prevent_initial_call=True)
def draw_facts(stored):
    if not review.enabled() or not stored:
        return no_update, no_update
    annotation = stored["annotation"]
    return (review.fact_cards(annotation),
            review.candidate_list(annotation.get("candidates") or []))


@callback(Output({"type": "rv-editor", "fact": MATCH}, "children"),
          Input({"type": "rv-edit-open", "fact": MATCH}, "n_clicks"),
          State("rv-draft", "data"), prevent_initial_call=True)
def open_editor(clicks, stored):
    """The controls of one fact, when the person asks to edit it."""
    trigger = ctx.triggered_id
    if not review.enabled() or not stored or clicks != 1 or not isinstance(trigger, dict):
        return no_update  # drawn once: a second click must not undo the edits made
    section, _, index = trigger["fact"].rpartition("-")
    facts = stored["annotation"].get(section) or []
    if section not in FACT_SECTIONS or not index.isdigit() or int(index) >= len(facts):
        return no_update
    return review.fact_controls(section, trigger["fact"], facts[int(index)],
                                stored.get("choices") or {})


@callback(Output("rv-highlight", "children"), Input("rv-draft", "data"),
          Input({"type": "rv-keep", "fact": ALL}, "value"), prevent_initial_call=True)
def draw_text(stored, _keep):
    if not review.enabled() or not stored:
        return no_update
    rejected = frozenset(item["id"]["fact"] for item in ctx.inputs_list[1]
                         if item.get("value") == "reject")
    text = stored["text"]
    return review.highlighted_text(segments(text, draft_spans(stored["annotation"], text,
                                                             rejected)))


def _decisions(keep_states, edit_states) -> tuple[dict[str, bool], dict[str, dict]]:
    keep = {item["id"]["fact"]: item.get("value") != "reject" for item in keep_states}
    edits: dict[str, dict] = {}
    for item in edit_states:
        edits.setdefault(item["id"]["fact"], {})[item["id"]["field"]] = item.get("value")
    return keep, edits


@callback(Output("rv-status", "children", allow_duplicate=True),
          Output({"type": "rv-problems", "fact": ALL}, "children"),
          Input("rv-save", "n_clicks"),
          State("rv-draft", "data"), State("rv-id", "value"), State("rv-outlet", "value"),
          State("rv-url", "value"), State("rv-language", "value"),
          State("rv-published", "value"),
          State({"type": "rv-keep", "fact": ALL}, "value"),
          State({"type": "rv-edit", "fact": ALL, "field": ALL}, "value"),
          prevent_initial_call=True)
def save(_clicks, stored, article_id, outlet, url, language, published, _keep, _edits):
    """Write the article folder if it validates, ingest it in one transaction, report."""
    if not review.enabled():
        return "Review is off: nothing was written.", no_update
    slots = ctx.outputs_list[1]
    empty = [[] for _ in slots]
    if not stored:
        return "Extract or open an article first.", empty
    keep, edits = _decisions(ctx.states_list[6], ctx.states_list[7])
    annotation, index_map = apply_decisions(stored["annotation"], keep, edits)
    article_id = (article_id or "").strip()
    problem = id_problem(article_id)
    if problem:
        return review.problem_list([problem]), empty
    article = article_edit(annotation.get("article") or {}, article_id, outlet, url, language,
                           published)
    annotation["article"] = article
    data = data_dir()
    try:
        records = save_article(annotation, stored["text"], data)
    except ValidationFailed as e:
        placed = problems_by_fact(e.problems, index_map)
        general = placed.get("", [])
        shown = [review.problem_list(placed.get(slot["id"]["fact"], [])) for slot in slots]
        count = len(e.problems)
        head = (f"Not saved: {count} problem{'s' if count != 1 else ''} "
                "(shown at their facts); nothing was written.")
        return [head, *review.problem_list(general)], shown
    except ActorgraphError as e:
        return review.problem_list(_messages(e)), empty
    from actorgraph.graph.write.writer import write_batch
    from actorgraph.view import explorer as explorer_view

    try:
        reports = write_batch(state.database(), records)
    except ActorgraphError as e:
        return review.problem_list([f"Saved data/articles/{article_id}, but not ingested: "
                                    f"{e}"]), empty
    explorer_view.CACHE.clear()  # the explorer shows the new facts at once
    lines = [html.Code(r.describe(), className="ag-review-report") for r in reports]
    return [html.Div(f"Saved data/articles/{article_id} and ingested it:"),
            *[html.Div(line) for line in lines]], empty


@callback(Output("rv-new-id", "value"), Output("rv-new-name", "value"),
          Output("rv-new-aliases", "value"), Output("rv-new-kind", "value"),
          Output("rv-new-country", "value"),
          Input({"type": "rv-use", "index": ALL}, "n_clicks"), State("rv-draft", "data"),
          prevent_initial_call=True)
def fill_actor_form(clicks, stored):
    trigger = ctx.triggered_id
    if not stored or not isinstance(trigger, dict) or not any(clicks or []):
        return (no_update,) * 5
    candidates = stored["annotation"].get("candidates") or []
    candidate = candidates[trigger["index"]] if trigger["index"] < len(candidates) else {}
    name = str(candidate.get("name") or "")
    suggested = str(candidate.get("suggested_id") or _suggest_id(name))
    kind = candidate.get("kind") if candidate.get("kind") in review.NEW_ACTOR_KINDS else "person"
    return suggested, name, "", kind, str(candidate.get("country") or "")


@callback(Output("rv-new-message", "children"), Output("rv-registry-version", "data"),
          Input("rv-new-add", "n_clicks"),
          State("rv-new-id", "value"), State("rv-new-name", "value"),
          State("rv-new-aliases", "value"), State("rv-new-kind", "value"),
          State("rv-new-country", "value"), State("rv-registry-version", "data"),
          prevent_initial_call=True)
def add_to_registry(_clicks, actor_id, name, aliases, kind, country, version):
    if not review.enabled():
        return "Review is off: nothing was written.", no_update
    actor_id = (actor_id or "").strip()
    if not (name or "").strip():
        return "Name: expected the actor's name; found nothing", no_update
    try:
        path = add_actor(actor_entry(actor_id, name or "", aliases or "", kind or "person",
                                     country or ""), data_dir())
    except ActorgraphError as e:
        return review.problem_list(_messages(e)), no_update
    return f"Added {actor_id} to {path}; the draft was made again with it.", (version or 0) + 1
