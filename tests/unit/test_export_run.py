"""An export run's outputs are checked before any query or browser: duplicates, formats, order."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.run import plan_outputs


def test_the_same_output_twice_is_refused(tmp_path: Path):
    with pytest.raises(ExportFailed, match="is given twice"):
        plan_outputs([tmp_path / "a.png", tmp_path / "b" / ".." / "a.png"], None)


def test_outputs_keep_their_order_and_formats(tmp_path: Path):
    specs = plan_outputs([tmp_path / "a.svg", tmp_path / "a.zip", tmp_path / "a.cyjs"], None)
    assert [s.fmt.name for s in specs] == ["svg", "csv", "json"]
