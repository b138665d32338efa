"""CAMEO event codes: the Goldstein score (data/cameo-goldstein.tsv) and the label
(data/cameo-labels.tsv, optional) of every code.

An event's `goldstein` always comes from this table, never from an annotation, so GDELT rows
and annotated events score the same code the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import ValidationFailed

GOLDSTEIN_FILE = "cameo-goldstein.tsv"
LABELS_FILE = "cameo-labels.tsv"
GOLDSTEIN_HEADER = ("CAMEOEVENTCODE", "GOLDSTEINSCALE")
LABELS_HEADER = ("CAMEOEVENTCODE", "LABEL")


@dataclass(frozen=True)
class CameoTable:
    goldstein: dict[str, float]
    labels: dict[str, str]
    source: str = GOLDSTEIN_FILE
    """The Goldstein table's path, as messages show it."""

    def __contains__(self, code: object) -> bool:
        return code in self.goldstein

    def label(self, code: str) -> str | None:
        return self.labels.get(code)


def load_cameo(data_dir: Path) -> CameoTable:
    """Both tables from `data_dir`; a malformed line raises ValidationFailed naming it."""
    problems: list[str] = []
    goldstein_path = data_dir / GOLDSTEIN_FILE
    scores: dict[str, float] = {}
    if not goldstein_path.is_file():
        problems.append(f"{goldstein_path}: expected the CAMEO code -> Goldstein score table; "
                        "found no such file")
    else:
        for line_no, code, value in _rows(goldstein_path, GOLDSTEIN_HEADER, problems):
            try:
                score = float(value)
            except ValueError:
                problems.append(f"{goldstein_path}:{line_no}: GOLDSTEINSCALE: expected a number "
                                f"from -10 to 10; found {value!r}")
                continue
            if not -10.0 <= score <= 10.0:
                problems.append(f"{goldstein_path}:{line_no}: GOLDSTEINSCALE: expected a number "
                                f"from -10 to 10; found {value!r}")
                continue
            scores[code] = score
    labels_path = data_dir / LABELS_FILE
    labels: dict[str, str] = {}
    if labels_path.is_file():
        labels = {code: label for _, code, label in _rows(labels_path, LABELS_HEADER, problems)}
    if problems:
        raise ValidationFailed(problems)
    return CameoTable(scores, labels, str(goldstein_path))


def _rows(path: Path, header: tuple[str, str], problems: list[str]):
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != header:
        found = repr(lines[0]) if lines else "an empty file"
        problems.append(f"{path}:1: expected the header {chr(9).join(header)!r}; found {found}")
        return
    seen: dict[str, int] = {}
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].isdigit():
            problems.append(f"{path}:{line_no}: expected a CAMEO code (digits), a tab and a "
                            f"value; found {line!r}")
            continue
        code, value = parts
        if code in seen:
            problems.append(f"{path}:{line_no}: {header[0]}: expected each code once; found "
                            f"{code!r} again (first at line {seen[code]})")
            continue
        seen[code] = line_no
        yield line_no, code, value
