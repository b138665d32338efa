"""Property-based fuzzing of the annotation validator (issue #13).

Whatever annotation.yaml holds (a valid annotation with any field replaced by any value, random
structures, or the valid file's bytes cut and spliced), validating it gives either records or
ValidationFailed whose every message names a file of the data tree, and `actorgraph ingest
--dry-run` exits with 0 (valid) or 2 (invalid input), never with a traceback.

Bounded: a fixed number of examples and a deadline per example, so this runs in seconds.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.cli import main
from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.article import ARTICLE_FIELDS
from actorgraph.ingest.annotation.events import EVENT_FIELDS, PARTICIPANT_FIELDS
from actorgraph.ingest.annotation.evidence import EVIDENCE_FIELDS
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.ingest.annotation.relations import RELATION_FIELDS
from actorgraph.records import EVENT_KINDS, MODALITIES, RELATION_TYPES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ANNOTATION = FIXTURE / "articles" / "sample-article" / "annotation.yaml"
VALID = yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))
EXIT_CODES = {0, 2}  # docs/ingest.md: 0 valid, 2 invalid input

FUZZ = settings(max_examples=150, deadline=dt.timedelta(seconds=5), derandomize=True,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NASTY = st.sampled_from([
    "\x00", "\x07", "\x1b[2J", "\u202e", "\u2066", "\ud800", "\n", "\t", "\r\n", "\ufeff",
    "\ufffe", "x" * 6000, "*a", "&a", "{", "[", "'", '"', ":", "- ", "#", "<<", "\\", "..", "/",
    "../../../etc/passwd"])
KEYS = st.sampled_from(sorted({*ARTICLE_FIELDS, *EVENT_FIELDS, *RELATION_FIELDS,
                               *PARTICIPANT_FIELDS, *EVIDENCE_FIELDS, "article", "events",
                               "relations", "candidates"}))
KNOWN = st.sampled_from([*EVENT_KINDS, *MODALITIES, *RELATION_TYPES, "KOR", "USA", "PRK",
                         "jeju", "kor-mnd", "sample-article", "042", "150", "day", "week",
                         "SUPPORTS", "troops", "A B-52H bomber took part.", "on Friday"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), KNOWN, NASTY,
    st.text(max_size=30),
    st.text(alphabet=st.characters(), max_size=10).map(lambda t: t + "\u202e"))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        KEYS | st.text(max_size=8), inner, max_size=5),
    max_leaves=15)


@pytest.fixture(scope="module")
def data() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(FIXTURE, target)
        yield target


def paths_of(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a nested structure of dicts and lists (the root included)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_of(child, (*prefix, index))
    return found


def replaced(document: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[path[0]] = replaced(copy[path[0]], path[1:], new)
    return copy


@st.composite
def mutated_annotations(draw: st.DrawFn) -> bytes:
    """The valid annotation with one to three values replaced, as YAML."""
    document = VALID
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_of(document)))
        document = replaced(document, path, draw(VALUES))
    return yaml.safe_dump(document, allow_unicode=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([None, True, False]))
                          ).encode("utf-8", "surrogatepass")


@st.composite
def spliced_bytes(draw: st.DrawFn) -> bytes:
    """The valid file's bytes with a slice replaced by random bytes or YAML punctuation."""
    raw = ANNOTATION.read_bytes()
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, min(len(raw), start + 200)))
    middle = draw(st.binary(max_size=40) | NASTY.map(
        lambda t: t.encode("utf-8", "surrogatepass")))
    return raw[:start] + middle + raw[end:]


ANY_ANNOTATION = mutated_annotations() | spliced_bytes() | VALUES.map(
    lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8", "surrogatepass"))


def write_annotation(data: Path, content: bytes) -> Path:
    folder = data / "articles" / "sample-article"
    (folder / "annotation.yaml").write_bytes(content)
    return folder


@FUZZ
@given(content=ANY_ANNOTATION)
def test_the_validator_gives_records_or_validation_problems(data: Path, content: bytes) -> None:
    folder = write_annotation(data, content)
    try:
        load_articles([folder], data)
    except ValidationFailed as e:
        assert e.problems
        for problem in e.problems:
            assert problem.startswith(str(data)), problem


@FUZZ
@given(content=ANY_ANNOTATION, as_json=st.booleans())
def test_dry_run_exits_0_or_2_and_never_with_a_traceback(data: Path, content: bytes,
                                                         as_json: bool) -> None:
    folder = write_annotation(data, content)
    args = ["ingest", str(folder), "--data-dir", str(data), "--dry-run"]
    result = CliRunner().invoke(main, args + (["--json"] if as_json else []))
    assert result.exit_code in EXIT_CODES, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
