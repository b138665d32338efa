"""What the writer plans from records, and what it refuses before any transaction."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.graph.write.plan import check_bundles, plan_batch
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.records import Actor, ArticleRecords, Relation

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "articles"


@pytest.fixture(scope="module")
def sample() -> ArticleRecords:
    [records] = load_articles([FIXTURE])
    return records


def second(bundle: ArticleRecords, article_id: str) -> ArticleRecords:
    return dataclasses.replace(bundle, article=dataclasses.replace(bundle.article,
                                                                   id=article_id))


def test_a_fact_naming_an_entity_the_bundle_does_not_carry(sample: ArticleRecords) -> None:
    broken = dataclasses.replace(sample, actors=tuple(a for a in sample.actors
                                                      if a.id != "JPN"))
    with pytest.raises(ValidationFailed) as caught:
        check_bundles([broken])
    assert caught.value.problems == [
        "article 'sample-article': event 'air-drill-jeju': participant: expected an id the "
        "bundle carries; found 'JPN'"]


def test_kinds_types_and_modalities_outside_the_allow_lists(sample: ArticleRecords) -> None:
    relation = Relation(source="USA", type="LOVES", target="KOR", modality="certain",
                        evidence=sample.relations[0].evidence)
    actor = Actor(id="USA", name="United States", kind="country")
    broken = dataclasses.replace(sample, relations=(relation,), actors=tuple(
        actor if a.id == "USA" else a for a in sample.actors))
    with pytest.raises(ValidationFailed) as caught:
        check_bundles([broken])
    assert caught.value.problems == [
        "article 'sample-article': actor 'USA': kind: expected one of state, person, "
        "organization, military_force, region; found 'country'",
        "article 'sample-article': relation 'USA-LOVES-KOR': type: expected one of "
        "ALLIED_WITH, COOPERATES_WITH, SUPPORTS, OPPOSES, DETERS, LEADS, MEMBER_OF, SERVES, "
        "SPEAKS_FOR; found 'LOVES'",
        "article 'sample-article': relation 'USA-LOVES-KOR': modality: expected one of "
        "asserted, reported, suspected, feared, possible, habitual, planned, denied; found "
        "'certain'"]


def test_an_article_twice_in_one_batch(sample: ArticleRecords) -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_bundles([sample, sample])
    assert caught.value.problems == [
        "article 'sample-article': expected each article once per batch; found it again"]


def test_shared_facts_become_one_row_with_every_article(sample: ArticleRecords) -> None:
    other = second(sample, "other-article")
    plan = plan_batch([sample, other])
    assert plan.article_ids == ["sample-article", "other-article"]
    drill = plan.events["air-drill-jeju"]
    assert (drill.owner, drill.articles) == (0, ["sample-article", "other-article"])
    assert plan.actors["KOR"].articles == ["sample-article", "other-article"]
    support = plan.relations["SUPPORTS"]["PRK-SUPPORTS-RUS+troops"]
    assert support.articles == ["sample-article", "other-article"]
    assert (support.extra["source"], support.extra["target"]) == ("PRK", "RUS")
    assert sorted(plan.claims)[:2] == ["other-article/event/air-drill-jeju",
                                       "other-article/event/dialogue-round-1"]
    assert len(plan.claims) == 2 * (len(sample.events) + len(sample.relations))
    participation = plan.links["PARTICIPATED_IN"][("KOR", "air-drill-jeju")]
    assert participation.articles == ["sample-article", "other-article"]


def test_an_event_claim_keeps_the_article_s_version(sample: ArticleRecords) -> None:
    plan = plan_batch([sample])
    claim = plan.claims["sample-article/event/air-drill-jeju"].props
    assert claim["title"] == "Joint air exercise off Jeju"
    assert (claim["date"], claim["date_precision"]) == ("2025-07-11", "day")
    assert claim["participants"] == ["KOR", "USA", "JPN"]
    assert claim["roles"] == ["organiser", "participant", "participant"]
    assert claim["quotes"][1] == "A B-52H bomber took part."
    assert (claim["starts"][1], claim["ends"][1]) == (176, 201)
