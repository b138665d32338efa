"""`actorgraph export` refuses bad options before it touches Neo4j or Chromium."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from actorgraph.cli import main


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
