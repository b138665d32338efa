"""`actorgraph extract`: what a draft states about the seed article, that the annotation loader
accepts it, how bad input is refused, and where the draft is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.ingest.annotation.article import read_article
from actorgraph.ingest.extract.article_input import article_id_for
from actorgraph.ingest.extract.draft_yaml import render
from actorgraph.ingest.extract.pipeline import (
    Draft,
    ExtractionContext,
    extract_article,
    load_context,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


@pytest.fixture(scope="module")
def context() -> ExtractionContext:
    return load_context()


@pytest.fixture(scope="module")
def seed(context: ExtractionContext) -> Draft:
    return extract_article(SEED, context, published="2025-07-11")


def _event(draft: Draft, kind: str, participant: str) -> dict:
    found = [e for e in draft.events if e["kind"] == kind and any(
        (p["actor"] if isinstance(p, dict) else p) == participant for p in e["participants"])]
    assert found, f"no {kind} event with {participant}"
    return found[0]


def _actors(event: dict) -> list[str]:
    return [p["actor"] if isinstance(p, dict) else p for p in event["participants"]]


# -- what the seed draft states ------------------------------------------------------------------

def test_seed_article_block(seed: Draft) -> None:
    assert seed.article == {
        "id": "newsde-putin-im-visier",
        "title": "Wladimir Putin im Visier: USA und Japan starten Mega-Militäraktion mit "
                 "Atombomber",
        "outlet": "news.de", "url": None, "language": "de",
        "published": seed.article["published"], "published_precision": "day",
        "published_note": None,
    }
    assert str(seed.article["published"]) == "2025-07-11"


def test_seed_exercise_with_place_asset_date_and_confirming_source(seed: Draft) -> None:
    exercise = seed.events[0]
    assert exercise["kind"] == "military_exercise"
    assert _actors(exercise) == ["USA", "JPN", "KOR"]
    assert exercise["targets"] == ["putin", "PRK", "RUS"]
    assert exercise["place"] == "jeju-intl-waters"
    assert exercise["assets"] == ["b-52h"]
    assert (exercise["date_text"], exercise["date"], exercise["date_precision"]) == (
        "am Freitag", "2025-07-11", "day")
    assert (exercise["modality"], exercise["attributed_to"]) == ("reported", ["kor-mnd"])
    assert exercise["cameo"] == "150"
    assert "Das südkoreanische Verteidigungsministerium bestätigte dies gegenüber den Medien." \
        in exercise["evidence"]


def test_seed_feared_transfer_is_held_by_seoul_and_washington(seed: Draft) -> None:
    feared = [e for e in seed.events if e["modality"] == "feared"]
    assert len(feared) == 1
    assert feared[0]["kind"] == "transfer"
    assert feared[0]["participants"] == [{"actor": "RUS", "role": "sender"},
                                         {"actor": "PRK", "role": "recipient"}]
    assert feared[0]["attributed_to"] == ["KOR", "USA"]


def test_seed_first_dialogue_round_cites_tass_citing_zakharova(seed: Draft) -> None:
    round_one = [e for e in seed.events if e.get("date_text") == "im November"]
    assert len(round_one) == 1
    event = round_one[0]
    assert event["kind"] == "dialogue"  # "Das erste Treffen": a round of the dialogue
    assert _actors(event) == ["lavrov", "choe-son-hui"]
    assert (event["place"], event["date"], event["date_precision"]) == ("moscow", "2024-11",
                                                                        "month")
    assert (event["modality"], event["attributed_to"]) == ("reported", ["tass", "zakharova"])


def test_seed_suspected_visit_by_south_korean_experts(seed: Draft) -> None:
    visit = _event(seed, "visit", "kim-jong-un")
    assert {"actor": "kim-jong-un", "role": "guest"} in visit["participants"]
    assert {"actor": "RUS", "role": "host"} in visit["participants"]
    assert (visit["modality"], visit["attributed_to"]) == ("suspected",
                                                           ["south-korean-experts"])
    assert visit["evidence"] == [
        "Besuch von Nordkorea-Diktator Kim Jong Un in Russland?",
        "Südkoreanische Experten vermuten, dass Lawrow möglicherweise eine Reise des "
        "nordkoreanischen Machthabers Kim Jong Un nach Russland vorbereiten könnte."]


def test_seed_chiefs_named_by_title_only_are_the_three_generals(seed: Draft) -> None:
    pledge = _event(seed, "pledge", "dan-caine")
    assert sorted(_actors(pledge)) == ["dan-caine", "kim-myung-soo", "yoshida-yoshihide"]
    assert pledge["targets"] == ["PRK"]
    assert pledge["evidence"] == ["Die drei Militärführer verpflichteten sich, weiterhin "
                                  "gemeinsam auf die Bedrohungen durch Nordkorea zu reagieren."]


def test_seed_offices_from_titles_and_brackets(seed: Draft) -> None:
    offices = {(r["source"], r["type"], r["target"]): r["evidence"] for r in seed.relations
               if r["type"] in ("LEADS", "SERVES", "SPEAKS_FOR")}
    assert offices == {
        ("kim-jong-un", "LEADS", "PRK"): ["Nordkorea-Diktator Kim Jong Un",
                                         "nordkoreanischen Machthabers Kim Jong Un"],
        ("lavrov", "SERVES", "RUS"): ["russischen Außenminister Lawrow",
                                     "russische Außenminister Lawrow"],
        ("kim-myung-soo", "SERVES", "KOR"): ["Generalstabschefs Kim Myung-soo (Südkorea)"],
        ("dan-caine", "SERVES", "USA"): ["Dan Caine (USA)"],
        ("yoshida-yoshihide", "SERVES", "JPN"): ["Yoshida Yoshihide (Japan)"],
        ("choe-son-hui", "SERVES", "PRK"): ["Amtskollegin Choe Son Hui"],
        ("zakharova", "SPEAKS_FOR", "rus-mfa"): ["Außenamtssprecherin Maria Zakharova"],
    }


def test_seed_page_furniture_gives_nothing(seed: Draft) -> None:
    text = yaml.safe_dump(seed.annotation(), allow_unicode=True)
    for furniture in ("dpa", "ZUMA", "Mikhail Metzel", "WhatsApp", "Pinterest", "Kremlin Pool",
                      "Lesen Sie auch", "Gemeinsame Luftübung als Abschreckung"):
        assert furniture not in text
    assert seed.candidates == []
    skipped = [n for n in seed.notes if n.startswith("page furniture skipped")]
    assert len(skipped) == 9


def test_without_published_date_relative_dates_stay_unresolved(context) -> None:
    draft = extract_article(SEED, context)
    assert draft.article["published"] is None
    assert draft.article["published_precision"] == "unknown"
    assert "pass --published" in draft.article["published_note"]
    assert all("date" not in e for e in draft.events)
    assert [e["date_text"] for e in draft.events if "date_text" in e] == [
        "am Freitag", "in den letzten Jahren", "im November", "in den vergangenen Jahren"]


def test_planned_event_dates_lie_ahead(context) -> None:
    draft = extract_article(FIXTURES / "de-aussenminister-tokio" / "article.txt", context,
                            published="2025-11-12")
    visit = _event(draft, "visit", "USA")
    assert (visit["modality"], visit["date_text"], visit["date"]) == ("planned", "im Dezember",
                                                                      "2025-12")


def test_unknown_officials_are_candidates_and_their_state_stands_in(context) -> None:
    draft = extract_article(FIXTURES / "de-aussenminister-tokio" / "article.txt", context,
                            published="2025-11-12")
    assert draft.candidates[0] == {
        "name": "Hana Lee", "kind": "person", "suggested_id": "hana-lee", "country": "KOR",
        "title": "südkoreanische Außenministerin", "mentions": 1,
        "why": "a title (gazetteer-titles.yaml foreign_minister 'Außenministerin' + demonym "
               "(gazetteer-states.yaml KOR demonym 'südkoreanisch')) before a name that is "
               "not in data/actors.yaml",
        "quote": "Die südkoreanische Außenministerin Hana Lee kündigte an, im Dezember nach "
                 "Washington zu reisen."}
    visit = _event(draft, "visit", "USA")
    assert visit["participants"] == [{"actor": "USA", "role": "host"},
                                     {"actor": "KOR", "role": "guest"}]


@pytest.mark.parametrize("folder", sorted(p.name for p in FIXTURES.iterdir()
                                          if (p / "expected-candidates.yaml").is_file()))
def test_fixture_candidates(context, folder: str) -> None:
    expected = yaml.safe_load((FIXTURES / folder / "expected-candidates.yaml").read_text())
    gold = yaml.safe_load((FIXTURES / folder / "annotation.yaml").read_text())
    draft = extract_article(FIXTURES / folder / "article.txt", context,
                            published=str(gold["article"]["published"]))
    names = [c["name"] for c in draft.candidates]
    for name in expected["present"]:
        assert name in names
    for furniture in expected["absent"]:
        assert not any(furniture in n for n in names)


# -- the annotation loader accepts drafts ----------------------------------------------------------

ANNOTATED = [SEED.parent, *sorted(p for p in FIXTURES.iterdir() if p.is_dir()
                                  and (p / "annotation.yaml").is_file())]


def _write(draft: Draft, folder: Path, with_candidates: bool) -> Path:
    target = folder / draft.article_id
    target.mkdir(parents=True)
    (target / "article.txt").write_bytes(draft.raw)
    text = render(draft, explain=True)
    if not with_candidates:
        text = text[:text.index("# Names the registries do not know")]
    (target / "annotation.yaml").write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("folder", ANNOTATED, ids=lambda p: p.name)
def test_loader_accepts_every_fact_of_a_draft(context, tmp_path: Path, folder: Path) -> None:
    gold = yaml.safe_load((folder / "annotation.yaml").read_text())
    draft = extract_article(folder / "article.txt", context,
                            published=str(gold["article"]["published"]))
    records, problems = read_article(_write(draft, tmp_path, with_candidates=False),
                                     context.registry, _cameo(context))
    assert problems == []
    assert len(records.events) == len(draft.events)
    assert len(records.relations) == len(draft.relations)


def test_loader_accepts_a_draft_unchanged(context, seed: Draft, tmp_path: Path) -> None:
    records, problems = read_article(_write(seed, tmp_path, with_candidates=True),
                                     context.registry, _cameo(context))
    assert problems == []
    assert len(records.events) == len(seed.events)


def _cameo(context: ExtractionContext):
    from actorgraph.ingest.reference.cameo import load_cameo

    return load_cameo(context.data_dir)


# -- the command ----------------------------------------------------------------------------------

def _run(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def test_cli_prints_the_draft(tmp_path: Path) -> None:
    result = _run(str(SEED), "--published", "2025-07-11")
    assert result.exit_code == 0, result.output
    document = yaml.safe_load(result.output)
    assert document["article"]["id"] == "newsde-putin-im-visier"
    assert len(document["events"]) == 16
    assert "# kind military_exercise" not in result.output


def test_cli_explain_writes_the_rules_as_comments() -> None:
    result = _run(str(SEED), "--published", "2025-07-11", "--explain")
    assert result.exit_code == 0, result.output
    assert "# kind military_exercise, cameo 150: trigger 'Militärübung' (triggers.yaml " \
           "triggers[1] (military_exercise))" in result.output
    assert "# modality feared: 'befürchten' (hedges.yaml modalities[2] (feared))" \
        in result.output
    assert "# page furniture skipped (photo credit): 'Bild: dpa/Kremlin Pool Planet Pix via " \
           "ZUMA Press Wire/Mikhail Metzel'" in result.output


def test_cli_writes_the_article_folder(tmp_path: Path) -> None:
    article = tmp_path / "Putin im Visier.txt"
    shutil.copy(SEED, article)
    out = tmp_path / "articles"
    result = _run(str(article), "--published", "2025-07-11", "--out", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "putin-im-visier"
    assert sorted(p.name for p in folder.iterdir()) == ["annotation.yaml", "article.txt"]
    assert (folder / "article.txt").read_bytes() == SEED.read_bytes()
    assert yaml.safe_load((folder / "annotation.yaml").read_text())["article"]["id"] == \
        "putin-im-visier"
    assert result.stderr == (f"putin-im-visier: 16 events, 21 relations, 0 candidates -> "
                             f"{folder / 'article.txt'}, {folder / 'annotation.yaml'}\n")


def test_cli_never_replaces_an_annotation_without_force(tmp_path: Path) -> None:
    folder = tmp_path / "newsde-putin-im-visier"
    folder.mkdir()
    (folder / "annotation.yaml").write_text("# by hand\n")
    result = _run(str(SEED), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: 1 problem found; nothing was written:\n  - {folder / 'annotation.yaml'}: "
        "expected no annotation there (a draft never replaces one); found an existing file; "
        "pass --force to overwrite it\n")
    assert (folder / "annotation.yaml").read_text() == "# by hand\n"
    assert not (folder / "article.txt").exists()
    forced = _run(str(SEED), "--out", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert (folder / "annotation.yaml").read_text().startswith("# DRAFT annotation")


def test_cli_out_yaml_file_writes_only_the_annotation(tmp_path: Path) -> None:
    result = _run(str(SEED), "--out", str(tmp_path / "draft.yaml"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


@pytest.mark.parametrize(("name", "content", "found"), [
    ("empty.txt", b"", "found an empty file"),
    ("blank.txt", b"  \n\n\t\n", "found only whitespace"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "found binary data (a NUL byte at "
                                                         "offset 8); not a text file"),
    ("utf16.txt", "Nordkorea und Russland".encode("utf-16"),
     "expected UTF-8 text; found UTF-16 text (byte-order mark FF FE); save the article as "
     "UTF-8"),
    ("latin1.txt", "Die USA und Südkorea halten eine Übung ab.".encode("latin-1"),
     "expected UTF-8 text; found byte 0xfc at line 1, column 14 (offset 13), which is not "
     "UTF-8; the file is in another encoding (Latin-1 or Windows-1252?): save it as UTF-8"),
])
def test_cli_refuses_unreadable_files(tmp_path: Path, name: str, content: bytes,
                                      found: str) -> None:
    article = tmp_path / name
    article.write_bytes(content)
    out = tmp_path / "out"
    result = _run(str(article), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: 1 problem found; nothing was written:\n"
                                    f"  - {article}: expected ")
    assert found in result.stderr
    assert not out.exists()


FRENCH = ("La Corée du Sud, le Japon et les États-Unis ont mené vendredi un exercice aérien "
          "commun avec un bombardier B-52H. Selon le ministère de la Défense, cet exercice est "
          "une réponse aux essais de missiles de la Corée du Nord, qui a qualifié les manœuvres "
          "de provocation.")


def test_cli_refuses_an_article_in_an_unsupported_language(tmp_path: Path) -> None:
    article = tmp_path / "francais.txt"
    article.write_text(FRENCH, encoding="utf-8")
    for extra in ([], ["--lang", "de"]):
        result = _run(str(article), "--out", str(tmp_path / "out"), *extra)
        assert result.exit_code == 2
        assert result.stderr == (
            "Error: 1 problem found; nothing was written:\n"
            f"  - {article}: expected an article in German (de) or English (en); found French "
            "(fr) by its stop words: 17 French, 4 Dutch\n")
        assert not (tmp_path / "out").exists()


def test_cli_refuses_a_text_too_short_to_tell_its_language(tmp_path: Path) -> None:
    article = tmp_path / "kurz.txt"
    article.write_text("Lawrow in Pjöngjang\n", encoding="utf-8")
    result = _run(str(article))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 1 problem found; nothing was written:\n"
        f"  - {article}: expected an article in German (de) or English (en); found too few "
        "stop words to tell the language (1 English); pass --lang\n")
    forced = _run(str(article), "--lang", "de")
    assert forced.exit_code == 0
    assert yaml.safe_load(forced.output)["article"]["language"] == "de"


def test_cli_refuses_a_missing_file_and_a_bad_date(tmp_path: Path) -> None:
    missing = _run(str(tmp_path / "nowhere.txt"))
    assert missing.exit_code == 2
    assert missing.stderr == ("Error: 1 problem found; nothing was written:\n  - "
                              f"{tmp_path / 'nowhere.txt'}: expected an article text file "
                              "(UTF-8); found no such file\n")
    bad_date = _run(str(SEED), "--published", "11.07.2025")
    assert bad_date.exit_code == 2
    assert bad_date.stderr == ("Error: 1 problem found; nothing was written:\n  - --published: "
                               "expected a date like 2025-07-11, 2025-07 or 2025; found "
                               "'11.07.2025'\n")


@pytest.mark.parametrize(("path", "expected"), [
    ("Putin im Visier.txt", "putin-im-visier"),
    ("Südkorea_Übung 2025.txt", "suedkorea-uebung-2025"),
    ("data/articles/newsde-putin-im-visier/article.txt", "newsde-putin-im-visier"),
])
def test_article_id_from_the_file_name(path: str, expected: str) -> None:
    assert article_id_for(Path(path)) == expected


# -- the rule files --------------------------------------------------------------------------------

def _rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(ROOT / "data" / "extract", folder)
    return folder


def test_a_broken_rule_file_is_refused_naming_file_and_entry(context, tmp_path: Path) -> None:
    from actorgraph.errors import ValidationFailed
    from actorgraph.ingest.extract.rule_loading import load_rules

    folder = _rules_copy(tmp_path)
    triggers = folder / "triggers.yaml"
    triggers.write_text(triggers.read_text(encoding="utf-8").replace(
        'kind: pledge\n    cameo: "030"', 'kind: promise\n    cameo: "030"').replace(
        'kind: dialogue\n    cameo: "046"', 'kind: dialogue\n    cameo: "999"'),
        encoding="utf-8")
    hedges = folder / "hedges.yaml"
    hedges.write_text(hedges.read_text(encoding="utf-8").replace("    scope: clause\n",
                                                                 "    scope: paragraph\n", 1),
                      encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_rules(folder, context.cameo.goldstein)
    assert failed.value.problems == [
        f"{triggers}: triggers[3] (dialogue): cameo must be a quoted code of "
        "data/cameo-goldstein.tsv; found '999'",
        f"{triggers}: triggers[9] (promise): kind must be one of military_exercise, meeting, "
        "statement, deployment, visit, dialogue, missile_test, transfer, demand, pledge, "
        "cooperation, threat, protest, coercion, assault, fight; found 'promise'",
        f"{hedges}: modalities[6] (possible): scope must be one of sentence, clause, next, "
        "after; found 'paragraph'",
    ]


def test_an_analyst_adds_a_trigger(context, tmp_path: Path) -> None:
    from actorgraph.ingest.extract.rule_loading import load_rules

    article = tmp_path / "blockade.txt"
    article.write_text("Russland und China begannen am Montag eine gemeinsame Seeblockade vor "
                       "der Küste. Das teilte das Verteidigungsministerium in Moskau mit. Die "
                       "USA und Japan kritisierten die Blockade als Provokation.\n",
                       encoding="utf-8")
    before = extract_article(article, context, published="2025-03-05")
    assert [e["kind"] for e in before.events] == ["statement"]

    folder = _rules_copy(tmp_path)
    triggers = folder / "triggers.yaml"
    triggers.write_text(triggers.read_text(encoding="utf-8").replace(
        'de: ["*übung", "*übungen", "*manöver",', 'de: ["*übung", "*übungen", "*manöver", '
        '"*blockade",'), encoding="utf-8")
    extended = ExtractionContext(context.registry, load_rules(folder, context.cameo.goldstein),
                                 context.cameo, context.data_dir)
    after = extract_article(article, extended, published="2025-03-05")
    exercise = after.events[0]
    assert (exercise["kind"], exercise["participants"], exercise["date"]) == (
        "military_exercise", ["RUS"], "2025-03-03")
    assert exercise["modality"] == "reported"
    assert after.candidates[0]["name"] == "China"
    assert after.candidates[0]["kind"] == "state"


def test_a_date_printed_near_the_top_is_the_publication_date(context, tmp_path: Path) -> None:
    article = tmp_path / "dateline.txt"
    article.write_text("Politik\n\nNordkorea feuert Rakete ab\n\n11.07.2025, 14:02 Uhr\n\n"
                       "Nordkorea hat am Freitag nach Angaben Südkoreas eine Rakete abgefeuert. "
                       "Japan verurteilte den Start und die Drohungen aus Pjöngjang.\n",
                       encoding="utf-8")
    draft = extract_article(article, context)
    assert (str(draft.article["published"]), draft.article["published_precision"]) == (
        "2025-07-11", "day")
    assert draft.article["published_note"] == (
        "Draft: the date '11.07.2025' printed near the top of the page; check that it is the "
        "publication date.")
    launch = draft.events[0]
    assert (launch["kind"], launch["participants"], launch["date"]) == (
        "missile_test", ["PRK"], "2025-07-11")
    assert (launch["modality"], launch["attributed_to"]) == ("reported", ["KOR"])


# -- a body the story cites ------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "text"), [
    ("en", "Drill\n\nThe United States and South Korea held a joint naval exercise near Jeju on "
           "Friday, the South's defence ministry said.\n"),
    ("de", "Manöver\n\nDie USA und Südkorea hielten am Freitag eine gemeinsame Marineübung vor "
           "Jeju ab, das südkoreanische Verteidigungsministerium bestätigte.\n"),
])
def test_a_cited_body_is_the_proposed_source_of_the_sentences_facts(
        context, language: str, text: str) -> None:
    from actorgraph.ingest.extract.pipeline import draft_article

    draft = draft_article(text, language=language, published="2025-07-11", article_id="t",
                          context=context)
    [exercise] = draft.events
    assert exercise["kind"] == "military_exercise"
    assert exercise["attributed_to"] == ["kor-mnd"]
    assert exercise["modality"] == "reported"
    assert _actors(exercise) == ["USA", "KOR"]
    assert draft.candidates == []
