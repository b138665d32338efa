"""One YAML rule file of `data/extract/` and the checks its readers share.

`RuleFile` reads the file (bounded like every YAML file ingest reads) and collects the
problems found in it, each naming the file and the entry; `checked_role` and `word_sets` are
checks several readers use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import FileMissing, FileRefused
from actorgraph.ingest.extract.rules import (
    LANGUAGES,
    form_pattern,
)
from actorgraph.ingest.files.datafiles import MAX_TABLE_BYTES, read_data_file
from actorgraph.ingest.files.yamldoc import BoundedLoader
from actorgraph.records import PARTICIPANT_ROLES


class RuleFile:
    """One YAML rule file and the problems found in it (each naming the file and entry)."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        self.data: Any = None
        try:
            raw = read_data_file(path, path.parent, MAX_TABLE_BYTES)
            self.data = yaml.load(raw.decode("utf-8"), Loader=BoundedLoader)
        except FileMissing:
            problems.append(f"{path}: rule file is missing")
        except FileRefused as e:
            problems.append(str(e))
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as e:
            problems.append(f"{path}: not valid YAML: {e}")
        if self.data is not None and not isinstance(self.data, dict):
            problems.append(f"{path}: expected a mapping at the top, found "
                            f"{type(self.data).__name__}")
            self.data = None

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}")

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(where, f"expected a mapping, found {value!r}")
            return {}
        return value

    def listing(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, f"expected a list, found {value!r}")
            return []
        return value

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        items = self.listing(value, where)
        out = []
        for item in items:
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.problem(where, f"expected words, found {item!r}")
        return tuple(out)

    def per_language(self, value: Any, where: str) -> dict[str, tuple[str, ...]]:
        """{de: [...], en: [...]}: forms per language, each form checked."""
        out: dict[str, tuple[str, ...]] = {}
        for language, forms in self.mapping(value, where).items():
            if language not in LANGUAGES:
                self.problem(where, f"unknown language {language!r}; expected one of "
                             f"{', '.join(LANGUAGES)}")
                continue
            checked = []
            for form in self.strings(forms, f"{where}.{language}"):
                try:
                    form_pattern(form)
                except ValueError as e:
                    self.problem(f"{where}.{language}", str(e))
                    continue
                checked.append(form)
            out[language] = tuple(checked)
        return out

    def keys(self, value: dict, allowed: Iterable[str], where: str) -> None:
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            self.problem(where, f"unknown key(s) {', '.join(unknown)}; expected "
                         f"{', '.join(sorted(allowed))}")

    def regex(self, text: Any, where: str, flags: int) -> re.Pattern[str] | None:
        try:
            return re.compile(str(text), flags)
        except re.error as e:
            self.problem(where, f"not a valid regular expression {text!r}: {e}")
            return None


def checked_role(f: RuleFile, value: Any, where: str, allow_target: bool = True) -> str:
    allowed = (*PARTICIPANT_ROLES, "target") if allow_target else PARTICIPANT_ROLES
    if value not in allowed:
        f.problem(where, f"role must be one of {', '.join(allowed)}; found {value!r}")
        return "participant"
    return str(value)


def word_sets(f: RuleFile, value: Any, where: str) -> dict[str, frozenset[str]]:
    """Single words per language (compared word by word, so a phrase could never match)."""
    out = {}
    for lang, words in f.per_language(value, where).items():
        for word in words:
            if len(word.split()) != 1 or "*" in word:
                f.problem(f"{where}.{lang}", f"expected single words; found {word!r}")
        out[lang] = frozenset(w.lower() for w in words)
    return out
