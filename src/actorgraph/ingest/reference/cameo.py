"""CAMEO event codes: the Goldstein score (data/cameo-goldstein.tsv) and the label
(data/cameo-labels.tsv, optional) of every code.

An event's `goldstein` always comes from this table, never from an annotation, so GDELT rows
and annotated events score the same code the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import FileMissing, FileRefused, ValidationFailed
from actorgraph.ingest.files.datafiles import MAX_TABLE_BYTES, read_data_file

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
    goldstein_lines = _lines(goldstein_path, data_dir, problems,
                             missing="the CAMEO code -> Goldstein score table")
    if goldstein_lines is not None:
        for line_no, code, value in _rows(goldstein_path, goldstein_lines, GOLDSTEIN_HEADER,
                                          problems):
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
    labels_lines = _lines(labels_path, data_dir, problems)
    if labels_lines is not None:
        labels = {code: label for _, code, label in _rows(labels_path, labels_lines,
                                                           LABELS_HEADER, problems)}
    if problems:
        raise ValidationFailed(problems)
    return CameoTable(scores, labels, str(goldstein_path))


def _lines(path: Path, data_dir: Path, problems: list[str], missing: str | None = None
           ) -> list[str] | None:
    """The table's lines; None when it is missing (a problem if `missing` names what was
    expected) or refused (the refusal is a problem)."""
    try:
        raw = read_data_file(path, data_dir, MAX_TABLE_BYTES)
    except FileMissing:
        if missing is not None:
            problems.append(f"{path}: expected {missing}; found no such file")
        return None
    except FileRefused as e:
        problems.append(str(e))
        return None
    try:
        return raw.decode("utf-8").splitlines()
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        problems.append(f"{path}:{line}: expected UTF-8 text; found byte "
                        f"0x{raw[e.start]:02x}, which is not UTF-8")
        return None


def _rows(path: Path, lines: list[str], header: tuple[str, str], problems: list[str]):
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
