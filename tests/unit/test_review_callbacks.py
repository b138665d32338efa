"""dashboard/pages/review_callbacks.py: with review off, no callback writes anything."""

from __future__ import annotations

import shutil
from pathlib import Path

from dash import no_update

from actorgraph.dashboard.pages import review, review_callbacks

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"


def test_review_off_writes_nothing(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("ACTORGRAPH_DATA_DIR", str(data))
    review.configure(False)
    before = sorted(str(p.relative_to(data)) for p in data.rglob("*"))
    actors = (data / "actors.yaml").read_bytes()
    text = SEED.read_text(encoding="utf-8")
    document = {"annotation": {"article": {"id": "off-test"}, "events": [], "relations": []},
                "text": text}
    assert review_callbacks.save(1, document, "off-test", "", "", "de", "", [], [])[0] == (
        "Review is off: nothing was written.")
    assert review_callbacks.add_to_registry(1, "kim-yo-jong", "Kim Yo-jong", "", "person", "",
                                            0)[1] is no_update
    assert all(v is no_update for v in review_callbacks.load_draft(
        1, "newsde-putin-im-visier", 0, text, "off-test", "", "", "", "", None))
    assert review_callbacks.list_saved(0, None) == []
    assert sorted(str(p.relative_to(data)) for p in data.rglob("*")) == before
    assert (data / "actors.yaml").read_bytes() == actors
    layout = review.layout()
    assert layout.children[1].id == "rv-off"
    assert "actorgraph serve --review" in str(layout.children[1].children)
