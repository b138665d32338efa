"""Export formats and file names: which format a path names, and names that say the view and
the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.formats import export_filename, format_for, slug


def test_file_names_say_the_view_and_the_date():
    day = date(2026, 11, 27)
    assert export_filename("alliances", ".png", day) == "actorgraph-alliances-2026-11-27.png"
    assert export_filename("ego-PRK", ".svg", day) == "actorgraph-ego-PRK-2026-11-27.svg"
    assert slug("../etc/passwd x") == "etc-passwd-x"
    assert slug("...") == "graph"


def test_formats_come_from_the_suffix_or_must_match_it():
    assert format_for(Path("a.jpeg")).name == "jpg"
    assert format_for(Path("a.ZIP")).name == "csv"
    assert format_for(Path("graph.xml"), "graphml").name == "graphml"
    with pytest.raises(ExportFailed) as e:
        format_for(Path("out.png"), "svg")
    assert str(e.value) == "--out out.png does not end in .svg as --format svg needs; name " \
                           "the file out.svg"
    with pytest.raises(ExportFailed, match=r"cannot tell the format from '\.txt'"):
        format_for(Path("out.txt"))
