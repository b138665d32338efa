"""The draft's `mentions`: every actor the text names, whether or not a fact involves it.

For review only (the Review page highlights them; `actorgraph ingest` checks and ignores
them): each is the name verbatim with its offsets [start, end) in article.txt, the registry
actor it stands for (null for a name the registries do not know, the candidates) and whether
it stands in a photo caption or credit line. Captions are offered, not dropped: the credit the
extractor skips as page furniture ("Bild: dpa/...") is searched for names too, and every name
on a caption's line is marked `in_caption: true`.
"""

from __future__ import annotations

from actorgraph.ingest.extract.gazetteer import ACTOR, UNREGISTERED_STATE, Gazetteer
from actorgraph.ingest.extract.mentions import LinkedMentions
from actorgraph.ingest.extract.text_layout import Layout

CAPTION_WHY = "photo credit"
"""The `why` of the boilerplate rules (data/extract/boilerplate.yaml) that mark a caption."""


def caption_lines(text: str, layout: Layout) -> list[tuple[int, int]]:
    """The lines [start, end) that hold a photo credit: the caption before it and the credit."""
    lines: list[tuple[int, int]] = []
    for skipped in layout.skipped:
        if skipped.why != CAPTION_WHY:
            continue
        start = text.rfind("\n", 0, skipped.start) + 1
        end = text.find("\n", skipped.start)
        span = (start, len(text) if end == -1 else end)
        if span not in lines:
            lines.append(span)
    return lines


def draft_mentions(text: str, layout: Layout, linked: LinkedMentions, gazetteer: Gazetteer,
                   place_prepositions: frozenset[str]) -> list[dict]:
    """The `mentions` list of the draft, in text order (one entry per name and actor)."""
    captions = caption_lines(text, layout)

    def in_caption(start: int) -> bool:
        return any(s <= start < e for s, e in captions)

    found: dict[tuple[int, int, str | None], bool] = {}
    for ref in linked.actors:
        for actor in ref.actors:
            found[(ref.start, ref.end, actor)] = in_caption(ref.start)
    for start, end in linked.candidate_spans:
        if not any(s == start and e == end for s, e, _a in found):
            found[(start, end, None)] = in_caption(start)
    credits = [(s.start, s.end) for s in layout.skipped if s.why == CAPTION_WHY]
    for m in gazetteer.find(text, credits, place_prepositions) if credits else ():
        if m.kind == ACTOR and m.entity in gazetteer.registry.actors:
            found.setdefault((m.start, m.end, m.entity), True)
        elif m.kind == UNREGISTERED_STATE:
            found.setdefault((m.start, m.end, None), True)
    return [{"text": text[start:end], "start": start, "end": end, "actor": actor,
             "in_caption": caption}
            for (start, end, actor), caption in sorted(
                found.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or ""))]
