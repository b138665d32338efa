"""Malformed annotations and registries: every problem reported at once, each message naming
the file, the line, the field path, what was expected and what was found.

Each case edits a copy of tests/fixtures/ingest (a valid registry and article) and asserts the
complete list of messages, so a case also fails when the loader reports too much.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.records import EVENT_KINDS, MODALITIES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ANN = "articles/sample-article/annotation.yaml"
MODALITY_CHOICES = ", ".join(MODALITIES)
ROLES = "organiser, participant, host, guest, speaker, sender, recipient, discussant"
EVENT_FIELDS = ("id, kind, title, date_text, date, date_precision, place, participants, "
                "targets, assets, modality, attributed_to, cameo, follows, topics, evidence, "
                "note")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def edit(data: Path, relative: str, old: str, new: str) -> None:
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        load_articles([data / "articles"])
    return caught.value.problems


def test_the_fixture_itself_is_valid(data: Path) -> None:
    [records] = load_articles([data / "articles"])
    assert records.article.id == "sample-article"
    assert [e.id for e in records.events] == [
        "air-drill-jeju", "prk-troops-to-russia", "dialogue-round-1", "dialogue-round-2"]
    assert [r.id for r in records.relations] == [
        "PRK-SUPPORTS-RUS+troops", "USA-ALLIED_WITH-KOR", "PRK-OPPOSES-KOR"]


# (file, old, new, expected messages); {ann} and {data} are filled in per test.
CASES: dict[str, tuple[str, str, str, list[str]]] = {
    "unknown modality": (
        ANN, "    modality: reported\n    attributed_to: [kor-mnd]",
        "    modality: certain\n    attributed_to: [kor-mnd]",
        [f"{{ann}}:23: events[0].modality: expected one of {MODALITY_CHOICES}; "
         "found 'certain'"]),
    "misspelt modality gets a hint": (
        ANN, "target: KOR\n    modality: asserted\n    evidence:\n      - quote: \"South",
        "target: KOR\n    modality: aserted\n    evidence:\n      - quote: \"South",
        [f"{{ann}}:75: relations[1].modality: expected one of {MODALITY_CHOICES}; "
         "found 'aserted' (did you mean 'asserted'?)"]),
    "unknown event kind": (
        ANN, "kind: military_exercise", "kind: exercise",
        [f"{{ann}}:13: events[0].kind: expected one of {', '.join(EVENT_KINDS)}; "
         "found 'exercise'"]),
    "unknown relation type": (
        ANN, "type: ALLIED_WITH", "type: ALLIES",
        ["{ann}:73: relations[1].type: expected one of ALLIED_WITH, COOPERATES_WITH, SUPPORTS, "
         "OPPOSES, DETERS, LEADS, MEMBER_OF, SERVES, SPEAKS_FOR; found 'ALLIES'"]),
    "unknown role": (
        ANN, "{actor: KOR, role: organiser}", "{actor: KOR, role: organizer}",
        [f"{{ann}}:18: events[0].participants[0].role: expected one of {ROLES}; "
         "found 'organizer' (did you mean 'organiser'?)"]),
    "unknown date precision": (
        ANN, "date_text: in November", "date_precision: quarterly",
        ["{ann}:45: events[2].date_precision: expected one of day, week, month, year, unknown; "
         "found 'quarterly'"]),
    "published precision contradicts the date": (
        ANN, "published_precision: day", "published_precision: month",
        ["{ann}:9: article.published_precision: expected 'day' (published 2025-07-11 is a "
         "day); found 'month'"]),
    "unknown published precision": (
        ANN, "published_precision: day", "published_precision: daily",
        ["{ann}:9: article.published_precision: expected one of day, month, year, unknown; "
         "found 'daily' (did you mean 'day'?)"]),
    "unknown event field": (
        ANN, '    cameo: "040"', '    camo: "040"',
        [f"{{ann}}:49: events[2].camo: expected one of the fields {EVENT_FIELDS}; found "
         "unknown field 'camo' (did you mean 'cameo'?)"]),
    "unknown top-level field": (
        ANN, "relations:\n  - source: PRK\n    type: SUPPORTS",
        "relation:\n  - source: PRK\n    type: SUPPORTS",
        ["{ann}:63: relation: expected one of the fields article, events, relations, candidates, "
         "mentions; found unknown field 'relation' (did you mean 'relations'?)"]),
    "missing title": (
        ANN, "    title: Lavrov to visit Pyongyang\n", "",
        ["{ann}:52: events[3].title: expected a title (text); found nothing (the field is "
         "missing)"]),
    "missing relation modality": (
        ANN, "target: KOR\n    modality: asserted\n    evidence:\n      - quote: \"South",
        "target: KOR\n    evidence:\n      - quote: \"South",
        [f"{{ann}}:72: relations[1].modality: expected one of {MODALITY_CHOICES}; found "
         "nothing (the field is missing)"]),
    "missing article block": (
        ANN, "article:\n  id: sample-article", "articl:\n  id: sample-article",
        ["{ann}:2: articl: expected one of the fields article, events, relations, candidates, "
         "mentions; found unknown field 'articl' (did you mean 'article'?)",
         "{ann}:2: article: expected the article's metadata (id, title, outlet, language, "
         "...); found nothing (the field is missing)"]),
    "targets not a list": (
        ANN, "targets: [PRK]", "targets: PRK",
        ["{ann}:21: events[0].targets: expected a list of actor ids; found 'PRK'"]),
    "title is a number": (
        ANN, "title: Joint air exercise off Jeju", "title: 2025",
        ["{ann}:14: events[0].title: expected a title (text); found 2025 (a number)"]),
    "language is a YAML boolean": (
        ANN, "language: en", "language: no",
        ["{ann}:7: article.language: expected an ISO 639-1 language code like 'de' or 'en'; "
         "found false (a boolean; quote it to make it text)"]),
    "language not a code": (
        ANN, "language: en", "language: English",
        ["{ann}:7: article.language: expected an ISO 639-1 language code like 'de' or 'en'; "
         "found 'English'"]),
    "url without scheme": (
        ANN, "url: https://example.org/drill", "url: example.org/drill",
        ["{ann}:6: article.url: expected an http:// or https:// URL, or null; found "
         "'example.org/drill'"]),
    "cameo code not quoted": (
        ANN, 'cameo: "150"', "cameo: 150",
        ['{ann}:25: events[0].cameo: expected a CAMEO code as quoted text, like "042" (codes '
         "of {data}/cameo-goldstein.tsv); found 150 (a number)"]),
    "cameo code not in the table": (
        ANN, 'cameo: "150"', 'cameo: "999"',
        ["{ann}:25: events[0].cameo: expected a CAMEO code listed in "
         "{data}/cameo-goldstein.tsv; found '999'"]),
    "unknown participant": (
        ANN, "      - JPN\n", "      - JAP\n",
        ["{ann}:20: events[0].participants[2]: expected an actor id from {data}/actors.yaml; "
         "found 'JAP'"]),
    "unknown participant in a mapping": (
        ANN, "{actor: KOR, role: organiser}", "{actor: ROK, role: organiser}",
        ["{ann}:18: events[0].participants[0].actor: expected an actor id from "
         "{data}/actors.yaml; found 'ROK'"]),
    "participant is a number": (
        ANN, "      - USA\n", "      - 42\n",
        ["{ann}:19: events[0].participants[1]: expected an actor id from {data}/actors.yaml; "
         "found 42 (a number)"]),
    "participant twice": (
        ANN, "      - USA\n", "      - KOR\n",
        ["{ann}:19: events[0].participants[1]: expected each participant once; found 'KOR' "
         "again (first at line 18)"]),
    "unknown place": (
        ANN, "place: jeju", "place: cheju",
        ["{ann}:16: events[0].place: expected a place id from {data}/places.yaml, or null; "
         "found 'cheju'"]),
    "unknown asset": (
        ANN, "assets: [b-52h]", "assets: [b-52]",
        ["{ann}:22: events[0].assets[0]: expected an asset id from {data}/assets.yaml; found "
         "'b-52' (did you mean 'b-52h'?)"]),
    "unknown attribution": (
        ANN, "attributed_to: [kor-mnd]", "attributed_to: [kor-mod]",
        ["{ann}:24: events[0].attributed_to[0]: expected an actor id from {data}/actors.yaml "
         "or a source id from {data}/sources.yaml; found 'kor-mod' (did you mean "
         "'kor-mnd'?)"]),
    "unknown relation source": (
        ANN, "  - source: USA", "  - source: US",
        ["{ann}:72: relations[1].source: expected an actor id from {data}/actors.yaml; found "
         "'US' (did you mean 'USA'?)"]),
    "relation to itself": (
        ANN, "type: ALLIED_WITH\n    target: KOR", "type: ALLIED_WITH\n    target: USA",
        ["{ann}:74: relations[1].target: expected an actor other than the source; found "
         "'USA', the source too"]),
    "duplicate event id": (
        ANN, "  - id: prk-troops-to-russia", "  - id: air-drill-jeju",
        ["{ann}:30: events[1].id: expected an event id used once in this annotation; found "
         "'air-drill-jeju' again (first at line 12)"]),
    "duplicate relation": (
        ANN, "  - source: PRK\n    type: OPPOSES", "  - source: USA\n    type: ALLIED_WITH",
        ["{ann}:79: relations[2]: expected each relation once per annotation (same source, "
         "type, target and means); found 'USA-ALLIED_WITH-KOR' again (first at line 72)"]),
    "duplicate key": (
        ANN, '    cameo: "040"', "    modality: possible",
        ["{ann}:49: events[2].modality: expected each field once; found 'modality' again "
         "(first at line 48)"]),
    "means on a relation other than SUPPORTS": (
        ANN, "target: KOR\n    modality: asserted\n    evidence:\n      - quote: \"South",
        "target: KOR\n    means: [troops]\n    modality: asserted\n    evidence:\n"
        "      - quote: \"South",
        ["{ann}:75: relations[1].means: expected no means (only SUPPORTS has means); found "
         "['troops']"]),
    "unknown means": (
        ANN, "means: [troops]", "means: [soldiers]",
        ["{ann}:67: relations[0].means[0]: expected one of troops, munitions, technology, "
         "economic_aid, military_aid; found 'soldiers'"]),
    "quote not in the text shows the closest passage": (
        ANN, '"A B-52H bomber took part."', '"A B-52 bomber took part."',
        ["{ann}:28: events[0].evidence[1]: expected a quote that occurs verbatim in "
         "article.txt; found 'A B-52 bomber took part.' nowhere; closest passage (article.txt "
         "line 3): 'A B-52H bomber took part.'"]),
    "quote with different wording shows the passage it shortened": (
        ANN, '"Lavrov met Choe Son Hui in November in Moscow."',
        '"Lavrov met Choe in November in Moscow."',
        ["{ann}:50: events[2].evidence[0]: expected a quote that occurs verbatim in "
         "article.txt; found 'Lavrov met Choe in November in Moscow.' nowhere; closest passage "
         "(article.txt line 7): 'Lavrov met Choe Son Hui in November in Moscow.'"]),
    "ambiguous quote without occurrence": (
        ANN, "        occurrence: 1\n", "",
        ["{ann}:84: relations[2].evidence[0].quote: expected a quote that occurs once in "
         "article.txt, or an occurrence from 1 to 2; found 'North Korea' 2 times (article.txt "
         "lines 5, 5)"]),
    "occurrence out of range": (
        ANN, "occurrence: 1", "occurrence: 3",
        ["{ann}:85: relations[2].evidence[0].occurrence: expected an occurrence from 1 to 2 "
         "(the quote occurs 2 times); found 3 (a number)"]),
    "occurrence not a number": (
        ANN, "occurrence: 1", "occurrence: first",
        ["{ann}:85: relations[2].evidence[0].occurrence: expected an occurrence number (1 for "
         "the first); found 'first'"]),
    "empty evidence": (
        ANN, 'evidence: ["Lavrov will visit Pyongyang."]', "evidence: []",
        ["{ann}:61: events[3].evidence: expected a list of verbatim quotes from article.txt (at "
         "least one); found an empty list"]),
    "event date does not parse": (
        ANN, "date_text: in November", "date: 2024-11-31",
        ["{ann}:45: events[2].date: expected a date like 2025-07-11, 2025-07 or 2025, or null; "
         "found '2024-11-31'"]),
    "published date does not parse": (
        ANN, "published: 2025-07-11", "published: 11.07.2025",
        ["{ann}:8: article.published: expected a date like 2025-07-11, 2025-07 or 2025, or "
         "null; found '11.07.2025'"]),
    "week precision needs a Monday": (
        ANN, "date_text: last week\n    participants: [PRK]",
        "date: 2025-07-02\n    date_precision: week\n    participants: [PRK]",
        ["{ann}:33: events[1].date: expected the Monday that starts the week (2025-06-30) for "
         "date_precision week; found 2025-07-02 (a date)"]),
    "date precision without a date": (
        ANN, "date_text: on Friday", "date_precision: day",
        ["{ann}:15: events[0].date_precision: expected no date_precision without a date "
         "(date_text is resolved on its own), or 'unknown'; found 'day'"]),
    "follows an unknown event": (
        ANN, "follows: dialogue-round-1", "follows: dialogue-round-0",
        ["{ann}:60: events[3].follows: expected the id of another event in this annotation, "
         "or null; found 'dialogue-round-0' (did you mean 'dialogue-round-1'?)"]),
    "article id is not the folder name": (
        ANN, "id: sample-article", "id: sample-article-2",
        ["{ann}:3: article.id: expected 'sample-article' (the name of the article's folder); "
         "found 'sample-article-2'"]),
    "invalid YAML": (
        ANN, "title: Allies hold air drill off Jeju", "title: [Allies hold air drill",
        ["{ann}:5: expected valid YAML; found a syntax error: while parsing a flow sequence "
         "expected ',' or ']', but got ':'"]),
    "registry: unknown actor kind": (
        "actors.yaml", "  name: Japan\n  kind: state", "  name: Japan\n  kind: country",
        ["{data}/actors.yaml:12: actors[1].kind: expected one of state, person, organization, "
         "military_force; found 'country'"]),
    "registry: duplicate id": (
        "actors.yaml", "- id: JPN", "- id: USA",
        ["{data}/actors.yaml:10: actors[1].id: expected an id used once in this file; found "
         "'USA' again (first at line 2)",
         "{ann}:20: events[0].participants[2]: expected an actor id from {data}/actors.yaml; "
         "found 'JPN'"]),
    "registry: latitude not a number": (
        "places.yaml", "lat: 33.4996", "lat: north",
        ["{data}/places.yaml:4: places[0].lat: expected a latitude from -90 to 90, or null; "
         "found 'north'"]),
    "registry: unknown field": (
        "assets.yaml", "  kind: strategic_bomber", "  type: strategic_bomber",
        ["{data}/assets.yaml:3: assets[0].type: expected one of the fields id, name, kind, "
         "country, aliases; found unknown field 'type'"]),
    "registry: a source id that is an actor id": (
        "sources.yaml", "- id: yonhap\n", "- id: yonhap\n  name: Yonhap\n- id: USA\n",
        ["{data}/sources.yaml:3: sources[1].id: expected an id that is not an actor's "
         "(attributed_to takes both); found 'USA', an actor at {data}/actors.yaml:2"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_input_is_reported_exactly(data: Path, case: str) -> None:
    relative, old, new, expected = CASES[case]
    edit(data, relative, old, new)
    assert problems(data) == [m.format(ann=data / ANN, data=data) for m in expected]


def test_missing_article_text(data: Path) -> None:
    (data / "articles/sample-article/article.txt").unlink()
    assert problems(data) == [
        f"{data}/articles/sample-article/article.txt: expected the article's text (UTF-8) next "
        "to annotation.yaml; found no such file"]


def test_article_text_not_utf8(data: Path) -> None:
    path = data / "articles/sample-article/article.txt"
    path.write_bytes(path.read_bytes().replace(b"SEOUL", b"S\xe9OUL"))
    assert problems(data) == [
        f"{data}/articles/sample-article/article.txt:3: expected UTF-8 text; found byte 0xe9, "
        "which is not UTF-8"]


def test_missing_registry_file_and_what_it_leaves_unknown(data: Path) -> None:
    (data / "sources.yaml").unlink()
    ann = data / ANN
    expected_attr = (f"expected an actor id from {data}/actors.yaml or a source id from "
                     f"{data}/sources.yaml; found 'yonhap'")
    assert problems(data) == [
        f"{data}/sources.yaml: expected the sources registry (a YAML list of entries); found "
        "no such file",
        f"{ann}:37: events[1].attributed_to[0]: {expected_attr}",
        f"{ann}:69: relations[0].attributed_to[0]: {expected_attr}",
    ]


def test_every_problem_of_every_article_is_reported_together(data: Path) -> None:
    shutil.copytree(data / "articles/sample-article", data / "articles/second-article")
    edit(data, "articles/second-article/annotation.yaml", "id: sample-article",
         "id: second-article")
    edit(data, "articles/second-article/annotation.yaml", "place: jeju", "place: cheju")
    edit(data, ANN, "kind: military_exercise", "kind: exercise")
    edit(data, ANN, "occurrence: 1", "occurrence: 3")
    found = problems(data)
    assert [m.split(": ", 1)[0] for m in found] == [
        f"{data / ANN}:13", f"{data / ANN}:85",
        f"{data}/articles/second-article/annotation.yaml:16"]


def test_validation_failed_message_lists_every_problem(data: Path) -> None:
    edit(data, ANN, "kind: military_exercise", "kind: exercise")
    edit(data, ANN, "place: jeju", "place: cheju")
    with pytest.raises(ValidationFailed) as caught:
        load_articles([data / "articles"])
    text = str(caught.value)
    assert text.splitlines()[0] == "2 problems found; nothing was written:"
    assert text.splitlines()[1].startswith(f"  - {data / ANN}:13: events[0].kind: expected")
    assert text.splitlines()[2].startswith(f"  - {data / ANN}:16: events[0].place: expected")


def test_a_path_that_is_no_article_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValidationFailed) as caught:
        load_articles([tmp_path / "empty"])
    assert caught.value.problems == [
        f"{tmp_path}/empty: expected an article folder (with annotation.yaml) or a folder of "
        "article folders; found a folder without annotation.yaml in it or in its sub-folders"]
    with pytest.raises(ValidationFailed) as caught:
        load_articles([tmp_path / "missing"])
    assert caught.value.problems == [
        f"{tmp_path}/missing: expected an article folder (with annotation.yaml) or a folder of "
        "article folders; found no such folder"]
