"""Writing a draft annotation: the YAML text (with `--explain` comments) and the article folder.

Nothing is written until everything is known: an existing annotation is never overwritten
without `force`, and files are replaced atomically (written beside, then renamed).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.article import ANNOTATION_FILE, TEXT_FILE, folder_ids
from actorgraph.ingest.extract.article_input import article_id_for
from actorgraph.ingest.extract.pipeline import Draft

HEADER = """\
# DRAFT annotation written by `actorgraph extract` from rules and gazetteers
# (data/extract/*.yaml), not by a person. Review every fact against article.txt before
# ingesting it: actors, roles, targets, modality, attribution and dates are guesses.
# Event ids carry the article id; rename an event to the id another article uses for the
# same event to merge them in the graph.
"""

CANDIDATES_HEADER = """\
# Names the registries do not know. Nothing here reaches the graph: add an actor to
# data/actors.yaml (or a source to data/sources.yaml) and reference it above.
"""


MENTIONS_HEADER = """\
# Every actor the text names, for review; not ingested as facts. text: verbatim from
# article.txt at character offsets [start, end); actor: the registry id (data/actors.yaml), or
# null for a name the registry does not know; in_caption: true in a photo caption / credit line.
"""


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000,
                          default_flow_style=False)


def _comment(lines: list[str], indent: str = "") -> str:
    return "".join(f"{indent}# {line}\n" for line in lines)


def render(draft: Draft, explain: bool = False) -> str:
    """The annotation.yaml text of a draft; with `explain`, each fact's rules as comments."""
    return _render(draft.annotation(), draft.explain_events if explain else None,
                   draft.explain_relations if explain else None,
                   draft.notes if explain else [])


def render_annotation(annotation: dict) -> str:
    """The annotation.yaml text of a draft as plain data (`Draft.annotation()`, maybe edited
    in review): the same text `actorgraph extract` writes, without --explain comments."""
    return _render(annotation, None, None, [])


def _render(document: dict, explain_events: list[list[str]] | None,
            explain_relations: list[list[str]] | None, notes: list[str]) -> str:
    events = document.get("events") or []
    relations = document.get("relations") or []
    candidates = document.get("candidates") or []
    mentions = document.get("mentions") or []

    def no_comments(items: list) -> list[list[str]]:
        return [[] for _ in items]

    parts = [HEADER, "\n", _dump({"article": document["article"]}), "\n"]
    parts.append(_section("events", events, explain_events or no_comments(events),
                          explain_events is not None))
    parts.append("\n")
    parts.append(_section("relations", relations, explain_relations or no_comments(relations),
                          explain_relations is not None))
    parts.append("\n")
    parts.append(CANDIDATES_HEADER)
    parts.append(_section("candidates", candidates, no_comments(candidates), False))
    parts.append("\n")
    parts.append(MENTIONS_HEADER)
    parts.append(_section("mentions", mentions, no_comments(mentions), False))
    if notes:
        parts.append("\n# Notes from the extractor:\n")
        parts.append(_comment(notes))
    return "".join(parts)


def _section(name: str, items: list[dict], explanations: list[list[str]],
             explain: bool) -> str:
    if not items:
        return f"{name}: []\n"
    out = [f"{name}:\n"]
    for item, lines in zip(items, explanations, strict=True):
        if explain and lines:
            out.append(_comment(lines))
        out.append(_dump([item]))
    return "".join(out)


def output_paths(out: Path, article_id: str) -> tuple[Path | None, Path]:
    """(article.txt path or None, annotation path) for --out: a folder that gets
    <article-id>/ (the folder itself when it is already named so), a file named
    annotation.yaml (its folder is the article folder: article.txt goes beside it) or another
    .yaml/.yml file (the annotation alone)."""
    if out.name == ANNOTATION_FILE:
        return out.parent / TEXT_FILE, out
    if out.suffix.lower() in (".yaml", ".yml"):
        return None, out
    folder = out if article_id in folder_ids(out) else out / article_id
    return folder / TEXT_FILE, folder / ANNOTATION_FILE


def output_article_id(out: Path | None) -> str | None:
    """The article id --out decides: for <folder>/annotation.yaml the folder's (as
    `actorgraph ingest <folder>` expects it); None where the article's file name decides."""
    if out is not None and out.name == ANNOTATION_FILE:
        return article_id_for(out)
    return None


def write_draft(draft: Draft, out: Path, explain: bool = False,
                force: bool = False) -> list[Path]:
    """Write the draft (and, for a folder, the article text); the paths written."""
    return _write(out, draft.article_id, draft.raw, lambda: render(draft, explain), force)


def write_annotation(annotation: dict, text: str, out: Path, force: bool = False
                     ) -> list[Path]:
    """Write a draft as plain data (`draft_annotation`, maybe edited in review) and its text
    exactly as `actorgraph extract --out` does: `out` is a folder that gets <article-id>/
    (the folder itself when so named), or <folder>/annotation.yaml; the paths written.
    ValidationFailed, before anything is written, for an existing annotation (unless
    `force`) or a different article.txt there."""
    return _write(out, annotation["article"]["id"], text.encode("utf-8"),
                  lambda: render_annotation(annotation), force)


def _write(out: Path, article_id: str, raw: bytes, rendered, force: bool) -> list[Path]:
    text_path, annotation_path = output_paths(out, article_id)
    problems = []
    if annotation_path.exists() and not force:
        problems.append(f"{annotation_path}: expected no annotation there (a draft never "
                        "replaces one); found an existing file; pass --force to overwrite it")
    if text_path is not None and text_path.exists() and text_path.read_bytes() != raw \
            and not force:
        problems.append(f"{text_path}: expected the same text as the article extracted; found "
                        "a different article.txt; pass --force to overwrite it")
    for path in (text_path, annotation_path):
        if path is not None and path.parent.exists() and not path.parent.is_dir():
            problems.append(f"{path.parent}: expected a folder; found a file")
    if problems:
        raise ValidationFailed(problems)
    content = rendered().encode("utf-8")
    written = []
    if text_path is not None:
        _write_atomically(text_path, raw)
        written.append(text_path)
    _write_atomically(annotation_path, content)
    written.append(annotation_path)
    return written


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
