"""The Review page's files: drafting pasted text, saving an article folder, adding an actor.

Everything goes through the functions `actorgraph extract` and `actorgraph ingest` call
(`extract_article`, `write_draft`, `load_articles`, `read_registry`), so a folder the page
saves is exactly one the CLI would write and accept. Nothing is written where it stays until
it validates: files are written into a temporary folder inside the data folder, checked, then
renamed into place. Every path is the data folder joined with an id `view.review.id_problem`
accepted, so none can leave it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from actorgraph import config
from actorgraph.errors import FileRefused, ValidationFailed
from actorgraph.ingest.annotation.article import ANNOTATION_FILE, TEXT_FILE
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.ingest.extract.draft_yaml import write_draft
from actorgraph.ingest.extract.pipeline import DATA_DIR, Draft, extract_article, load_context
from actorgraph.ingest.files.datafiles import (
    MAX_ANNOTATION_BYTES,
    MAX_ARTICLE_BYTES,
    read_data_file,
    refuse_linked_folder,
)
from actorgraph.ingest.reference.registry import REGISTRY_FILES, read_registry
from actorgraph.records import ArticleRecords
from actorgraph.view.review import id_problem, jsonable

ARTICLES = "articles"


def data_dir() -> Path:
    """ACTORGRAPH_DATA_DIR, or the project's data folder."""
    value = config.get("ACTORGRAPH_DATA_DIR")
    return Path(value) if value else DATA_DIR


def _checked_id(value: str, what: str = "article id") -> str:
    problem = id_problem(value, what)
    if problem:
        raise ValidationFailed([problem])
    return value


def registry_choices(data: Path) -> dict[str, list[list[str]]]:
    """[id, label] of every actor, place and source, for the page's drop-downs."""
    registry, _problems = read_registry(data)
    return {
        "actors": [[i, f"{a.name} ({i})"] for i, a in sorted(registry.actors.items())],
        "places": [[i, f"{p.name} ({i})"] for i, p in sorted(registry.places.items())],
        "sources": [[i, f"{s.name} ({i})"] for i, s in sorted(registry.sources.items())],
    }


def draft_from_text(text: str, article_id: str, language: str | None, published: str | None,
                    outlet: str | None, data: Path) -> Draft:
    """The draft `actorgraph extract` makes of the text (saved as <id>.txt in a temporary
    folder, since the extractor reads a file and names the article after it)."""
    _checked_id(article_id)
    raw = text.encode("utf-8")
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ValidationFailed([f"article text: expected at most {MAX_ARTICLE_BYTES} bytes; "
                                f"found {len(raw)}"])
    with tempfile.TemporaryDirectory(prefix="actorgraph-review-") as folder:
        path = Path(folder) / f"{article_id}.txt"
        path.write_bytes(raw)
        draft = extract_article(path, load_context(data), language or None, published or None,
                                outlet or None)
    return draft


def draft_document(draft: Draft) -> dict:
    """The draft as the page keeps it: the annotation, with its candidates and mentions."""
    return jsonable(draft.annotation())


def saved_articles(data: Path) -> list[str]:
    """Ids of the article folders under data/articles the page can open."""
    folder = data / ARTICLES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and not p.is_symlink() and id_problem(p.name) is None
                  and (p / ANNOTATION_FILE).is_file())


def open_article(article_id: str, data: Path) -> tuple[dict, str]:
    """(annotation as data, text) of a saved article, for further review."""
    folder = data / ARTICLES / _checked_id(article_id)
    linked = refuse_linked_folder(folder)
    if linked is not None:
        raise ValidationFailed([f"{folder}: expected an article folder; found {linked}"])
    try:  # bounded, and no links followed: as `actorgraph ingest` reads them
        raw_text = read_data_file(folder / TEXT_FILE, folder, MAX_ARTICLE_BYTES)
        raw_yaml = read_data_file(folder / ANNOTATION_FILE, folder, MAX_ANNOTATION_BYTES)
    except FileRefused as e:  # FileMissing too
        raise ValidationFailed([str(e)]) from None
    annotation = yaml.safe_load(raw_yaml) or {}
    if not isinstance(annotation, dict):
        raise ValidationFailed([f"{folder / ANNOTATION_FILE}: expected a mapping with article, "
                                "events and relations; found something else"])
    return jsonable(annotation), raw_text.decode("utf-8", errors="replace")


def _draft_for(annotation: dict, text: str) -> Draft:
    """A Draft of the reviewed annotation, for `write_draft` (which the CLI uses)."""
    article = dict(annotation.get("article") or {})
    published = article.get("published")
    if isinstance(published, str) and len(published) == 10:
        with contextlib.suppress(ValueError):  # a date as the extractor has it (the CLI
            article["published"] = dt.date.fromisoformat(published)  # writes it unquoted)
    events = list(annotation.get("events") or [])
    relations = list(annotation.get("relations") or [])
    fields = {
        "article_id": _checked_id(str(article.get("id") or "")),
        "language": str(article.get("language") or ""), "raw": text.encode("utf-8"),
        "text": text, "article": article, "events": events, "relations": relations,
        "candidates": list(annotation.get("candidates") or []),
        "explain_events": [[] for _ in events], "explain_relations": [[] for _ in relations],
        "mentions": list(annotation.get("mentions") or []),
    }
    return Draft(**fields)


def save_article(annotation: dict, text: str, data: Path) -> list[ArticleRecords]:
    """Write data/articles/<id>/ (article.txt, annotation.yaml) if it validates; the records
    to ingest. ValidationFailed (messages naming the final paths) leaves everything as it was."""
    draft = _draft_for(annotation, text)
    final = data / ARTICLES / draft.article_id
    (data / ARTICLES).mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".review-", dir=data))
    try:
        staged = scratch / draft.article_id
        write_draft(draft, staged)
        try:
            records = load_articles([staged], data)
        except ValidationFailed as e:
            raise ValidationFailed([p.replace(str(staged), str(final))
                                    for p in e.problems]) from None
        if final.exists():
            os.replace(final, scratch / "replaced")
        os.replace(staged, final)
        return records
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def add_actor(entry: dict, data: Path) -> Path:
    """Append the entry to data/actors.yaml if the registry still validates with it."""
    actor_id = _checked_id(str(entry.get("id") or ""), "actor id")
    path = data / "actors.yaml"
    registry, _problems = read_registry(data)
    if actor_id in registry.actors or actor_id in registry.sources:
        raise ValidationFailed([f"{path}: expected a new actor id; found {actor_id!r}, "
                                "already in the registry"])
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100_000)
    new = old + ("" if old.endswith("\n") or not old else "\n") + "\n" + block
    scratch = Path(tempfile.mkdtemp(prefix=".review-", dir=data))
    try:
        for kind in REGISTRY_FILES:
            source = data / f"{kind}.yaml"
            if source.is_file() and kind != "actors":
                shutil.copyfile(source, scratch / source.name)
        (scratch / "actors.yaml").write_text(new, encoding="utf-8")
        _registry, problems = read_registry(scratch)
        if problems:
            raise ValidationFailed([p.replace(str(scratch), str(data)) for p in problems])
        os.replace(scratch / "actors.yaml", path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return path
