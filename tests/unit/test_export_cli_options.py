"""`actorgraph export` refuses bad options before it touches Neo4j or Chromium; console results
become elements in the app's stylesheet vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.export.errors import ExportFailed
from actorgraph.export.run import plan_outputs
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.view.console_graph import elements_from_result


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Neo4j that cannot answer: a test passes only if nothing tried to connect."""
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "x.png"], "Error: give exactly one of --view, --center or --query\n"),
    (["--view", "alliances", "--center", "PRK", "--out", "x.png"],
     "Error: give exactly one of --view, --center or --query (found --view and --center)\n"),
    (["--view", "alliances", "--param", "a=1", "--out", "x.png"],
     "Error: --param goes with --query\n"),
    (["--view", "alliances", "--out", "x.txt"],
     "Error: --out x.txt: cannot tell the format from '.txt'; use one of .png, .jpg, .jpeg, "
     ".svg, .graphml, .xml, .json, .cyjs, .csv, .zip or give --format\n"),
    (["--view", "alliances", "--format", "svg", "--out", "x.png"],
     "Error: --out x.png does not end in .svg as --format svg needs; name the file x.svg\n"),
    (["--view", "alliances", "--format", "png", "--out", "x.png", "--out", "y.png"],
     "Error: --format names the format of a single --out; with several --out each file's "
     "suffix names its format (.png, .svg, .graphml ...)\n"),
    (["--view", "alliances", "--out", "x.png", "--scale", "5"],
     "Error: --scale must be between 1 and 4; found 5\n"),
    (["--view", "alliances", "--out", "no-such-folder/x.png"],
     "Error: --out no-such-folder/x.png: the folder no-such-folder does not exist\n"),
])
def test_bad_options_are_refused_with_the_flag_that_fixes_them(unreachable, args, message,
                                                                tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 1, result.output
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("pairs", "message"), [
    (["novalue"], "Error: Invalid value for '--param': expected NAME=VALUE; found 'novalue'\n"),
    (["actor=PRK", "$actor=RUS"],
     "Error: Invalid value for '--param': $actor is given twice ('actor=PRK' and "
     "'$actor=RUS')\n"),
])
def test_a_bad_param_is_a_usage_error_as_in_query(unreachable, pairs, message, tmp_path,
                                                  monkeypatch):
    """One --param parser for `export` and `query`: a malformed pair or a name given twice is
    refused (exit 2), never silently overwritten."""
    monkeypatch.chdir(tmp_path)
    args = [arg for pair in pairs for arg in ("--param", pair)]
    result = CliRunner().invoke(main, ["export", "--query", "RETURN 1", *args, "--out", "x.png"])
    assert result.exit_code == 2, result.output
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []
    query = CliRunner().invoke(main, ["query", "RETURN 1", *args])
    assert (query.exit_code, query.stderr) == (2, message)


def test_the_same_output_twice_is_refused(tmp_path: Path):
    with pytest.raises(ExportFailed, match="is given twice"):
        plan_outputs([tmp_path / "a.png", tmp_path / "b" / ".." / "a.png"], None)


def test_outputs_keep_their_order_and_formats(tmp_path: Path):
    specs = plan_outputs([tmp_path / "a.svg", tmp_path / "a.zip", tmp_path / "a.cyjs"], None)
    assert [s.fmt.name for s in specs] == ["svg", "csv", "json"]


RESULT = ConsoleResult(
    columns=["a", "r", "b"], rows=[], truncated=False, limit=1000, elapsed_ms=1.0,
    nodes=[
        {"id": "4:x:1", "labels": ["Actor", "State"],
         "properties": {"id": "PRK", "name": "North Korea", "kind": "state",
                        "articles": ["a1"]}},
        {"id": "4:x:2", "labels": ["Event", "Meeting"],
         "properties": {"id": "m1", "title": "Talks", "kind": "meeting",
                        "modality": "feared", "evidence_count": 2}},
        {"id": "4:x:3", "labels": ["Article"],
         "properties": {"id": "a1", "title": "An article", "text": "long text " * 100}},
    ],
    relationships=[
        {"id": "5:x:9", "type": "PARTICIPATED_IN", "start": "4:x:1", "end": "4:x:2",
         "properties": {"role": "guest", "articles": ["a1"]}},
        {"id": "5:x:10", "type": "ALLIED_WITH", "start": "4:x:1", "end": "4:x:77",
         "properties": {"id": "PRK-ALLIED_WITH-RUS", "modality": "asserted",
                        "evidence_count": 3}},
    ],
)


def test_console_results_become_elements_the_stylesheet_knows():
    elements = elements_from_result(RESULT)
    by_id = {e["data"]["id"]: e for e in elements}
    assert list(by_id) == ["PRK", "m1", "a1", "4:x:77", "5:x:9", "PRK-ALLIED_WITH-RUS"]
    assert by_id["PRK"]["classes"] == "actor k-state"
    assert by_id["PRK"]["data"]["labels"] == ["Actor", "State"]
    assert by_id["PRK"]["data"]["label"] == "North Korea"
    assert by_id["m1"]["classes"] == "event k-meeting hedged"
    assert "text" not in by_id["a1"]["data"]
    assert by_id["4:x:77"]["classes"] == "stub"
    link = by_id["5:x:9"]
    assert (link["data"]["source"], link["data"]["target"]) == ("PRK", "m1")
    assert link["classes"] == "link e-participation"
    rel = by_id["PRK-ALLIED_WITH-RUS"]
    assert rel["data"]["target"] == "4:x:77"
    assert rel["classes"] == "relation e-alliance"
    assert rel["data"]["weight"] == 3.0
    assert by_id["PRK"]["data"]["degree"] == 2
