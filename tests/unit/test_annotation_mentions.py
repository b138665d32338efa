"""An annotation's `mentions` are checked (shape, offsets, verbatim text, actor ids) and never
become facts: the article ingests with the same records as without them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.ingest.reference.countries import DATA_DIR

SEED_FOLDER = DATA_DIR / "articles" / "newsde-putin-im-visier"
GOOD = """
mentions:
- text: Dan Caine
  start: 2165
  end: 2174
  actor: dan-caine
  in_caption: false
- text: Dan Caine
  start: 2165
  end: 2174
  actor: null
  in_caption: false
"""


def _folder(tmp_path: Path, mentions: str) -> Path:
    folder = tmp_path / "newsde-putin-im-visier"
    shutil.copytree(SEED_FOLDER, folder)
    with (folder / "annotation.yaml").open("a", encoding="utf-8") as stream:
        stream.write(mentions)
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as failed:
        load_articles([folder], DATA_DIR)
    return failed.value.problems


def test_mentions_are_accepted_and_stored_as_nothing(tmp_path: Path) -> None:
    [plain] = load_articles([SEED_FOLDER], DATA_DIR)
    [with_mentions] = load_articles([_folder(tmp_path, GOOD)], DATA_DIR)
    assert with_mentions.to_json_dict() == plain.to_json_dict()


def test_a_mention_of_an_actor_no_fact_involves_adds_no_actor(tmp_path: Path) -> None:
    text = (SEED_FOLDER / "article.txt").read_text(encoding="utf-8")
    start = text.index("Dan Caine")
    mention = (f"\nmentions:\n- text: Dan\n  start: {start}\n  end: {start + 3}\n"
               "  actor: PRK\n  in_caption: true\n")
    [plain] = load_articles([SEED_FOLDER], DATA_DIR)
    [records] = load_articles([_folder(tmp_path, mention)], DATA_DIR)
    assert [a.id for a in records.actors] == [a.id for a in plain.actors]


def test_every_problem_of_a_mention_names_file_and_field(tmp_path: Path) -> None:
    folder = _folder(tmp_path, """
mentions:
- text: Dan Caine
  start: 2166
  end: 2174
  actor: dan-kaine
  in_caption: nein
- text: ''
  start: -1
  end: 99999
- start: 10
  end: 5
  actor: null
  colour: red
- Dan Caine
""")
    ann = folder / "annotation.yaml"
    lines = len((SEED_FOLDER / "annotation.yaml").read_text(encoding="utf-8").splitlines())
    first = lines + 3
    assert _problems(folder) == [
        f"{ann}:{first}: mentions[0].text: expected the text at [2166, 2174) of article.txt, "
        "'an Caine'; found 'Dan Caine'",
        f"{ann}:{first + 3}: mentions[0].actor: expected an actor id from "
        f"{DATA_DIR}/actors.yaml, or null for a name it lacks; found 'dan-kaine' (did you "
        "mean 'dan-caine'?)",
        f"{ann}:{first + 4}: mentions[0].in_caption: expected true or false (whether the name "
        "stands in a photo caption or credit line); found 'nein'",
        f"{ann}:{first + 5}: mentions[1].text: expected the name as it stands in article.txt "
        "(text); found ''",
        f"{ann}:{first + 5}: mentions[1].actor: expected an actor id from {DATA_DIR}/actors.yaml"
        ", or null for a name it lacks; found nothing (the field is missing)",
        f"{ann}:{first + 6}: mentions[1].start: expected a character offset into article.txt, "
        "0 or more (article.txt has 4,836 characters); found -1 (a number)",
        f"{ann}:{first + 7}: mentions[1].end: expected the character offset where the name "
        "ends in article.txt, after start (article.txt has 4,836 characters); found 99999 "
        "(a number)",
        f"{ann}:{first + 8}: mentions[2].text: expected the name as it stands in article.txt "
        "(text); found nothing (the field is missing)",
        f"{ann}:{first + 9}: mentions[2].end: expected an offset after start (10); found 5 "
        "(a number)",
        f"{ann}:{first + 11}: mentions[2].colour: expected one of the fields text, start, end, "
        "actor, in_caption; found unknown field 'colour'",
        f"{ann}:{first + 12}: mentions[3]: expected a mapping of text, start, end, actor, "
        "in_caption; found 'Dan Caine'",
    ]


def test_mentions_must_be_a_list(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "\nmentions: Dan Caine\n")
    [problem] = _problems(folder)
    assert problem.endswith("mentions: expected a list of mentions (text, start, end, actor, "
                            "in_caption); found 'Dan Caine'")
