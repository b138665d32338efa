"""From the paths a person names (`actorgraph ingest data/articles`) to validated records.

A path is an article folder (it holds annotation.yaml) or a folder of article folders. The
registry files live in the data folder: `--data-dir`, or by default (`data_dir_for`, the rule
`actorgraph extract` follows too) the folder above the articles folder when it holds a registry
file (`data/` for `data/articles/<id>`), else the project's `data/`. Every article is validated
before any is returned, and every problem of every article is reported together.
"""

from __future__ import annotations

import os
from pathlib import Path

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.article import ANNOTATION_FILE, read_article
from actorgraph.ingest.files.datafiles import refuse_linked_folder
from actorgraph.ingest.reference.cameo import load_cameo
from actorgraph.ingest.reference.countries import DATA_DIR
from actorgraph.ingest.reference.registry import REGISTRY_FILES, read_registry
from actorgraph.records import ArticleRecords

PATH_EXPECTED = "an article folder (with annotation.yaml) or a folder of article folders"

DATA_DIR_RULE = ("the folder above the articles folder (data/ for data/articles/<id>) when it "
                 "holds actors.yaml, places.yaml, assets.yaml or sources.yaml, else the "
                 "project's data/")
"""The default data folder in words, for `--help` of `actorgraph ingest` and `extract`."""


def find_article_folders(path: Path) -> list[Path]:
    """The article folders `path` names, in name order. Raises ValidationFailed for a path
    that is neither, and for a symbolic link to a folder (the path itself or an article
    folder in it): only what lies inside the folder named is read."""
    linked = refuse_linked_folder(path)
    if linked is not None:
        raise ValidationFailed([f"{path}: expected {PATH_EXPECTED}, not a link; found {linked}"
                                "; name the folder it points to"])
    if not path.is_dir():
        raise ValidationFailed([f"{path}: expected {PATH_EXPECTED}; found "
                                f"{'a file' if path.exists() else 'no such folder'}"])
    if _has_annotation(path):
        return [path]
    folders: list[Path] = []
    problems: list[str] = []
    for child in sorted(path.iterdir()):
        linked = refuse_linked_folder(child)
        if linked is not None and child.is_dir():
            problems.append(f"{child}: expected an article folder inside {path}; found {linked}")
        elif child.is_dir() and _has_annotation(child):
            folders.append(child)
    if problems:
        raise ValidationFailed(problems)
    if not folders:
        raise ValidationFailed([f"{path}: expected {PATH_EXPECTED}; found a folder without "
                                f"{ANNOTATION_FILE} in it or in its sub-folders"])
    return folders


def _has_annotation(folder: Path) -> bool:
    """Whether the folder holds annotation.yaml (a link there counts; it is refused later)."""
    annotation = folder / ANNOTATION_FILE
    return annotation.is_file() or annotation.is_symlink()


def data_dir_for(article_folder: Path) -> Path:
    """The data folder of an article folder by default (DATA_DIR_RULE): the folder above the
    articles folder when it holds a registry file, else the project's data/."""
    above = Path(os.path.normpath(article_folder / os.pardir / os.pardir))
    if any((above / f"{kind}.yaml").is_file() for kind in REGISTRY_FILES):
        return above
    return DATA_DIR


def default_data_dir(article_folders: list[Path]) -> Path:
    """The data folder of the articles (`data_dir_for`); all articles must agree on it."""
    candidates: dict[Path, Path] = {}
    for folder in article_folders:
        shown = data_dir_for(folder)
        candidates.setdefault(shown.resolve(), shown)
    if len(candidates) > 1:
        shown_all = ", ".join(str(p) for p in candidates.values())
        raise ValidationFailed([f"--data-dir: expected one data folder for all articles; found "
                                f"articles under several ({shown_all}); name it with --data-dir"])
    return next(iter(candidates.values()))


def load_articles(paths: list[Path], data_dir: Path | None = None) -> list[ArticleRecords]:
    """Validated records of every article the paths name (each article once)."""
    folders: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        for folder in find_article_folders(path):
            if folder.resolve() not in seen:
                seen.add(folder.resolve())
                folders.append(folder)
    data = data_dir if data_dir is not None else default_data_dir(folders)
    registry, problems = read_registry(data)
    try:
        cameo = load_cameo(data)
    except ValidationFailed as e:
        raise ValidationFailed(problems + e.problems) from e
    records: list[ArticleRecords] = []
    first_folder: dict[str, Path] = {}
    for folder in folders:
        article, article_problems = read_article(folder, registry, cameo)
        problems.extend(article_problems)
        if article is None:
            continue
        if article.article.id in first_folder:
            problems.append(f"{folder / ANNOTATION_FILE}: article.id: expected each article "
                            f"once per ingest; found {article.article.id!r} also in "
                            f"{first_folder[article.article.id]}")
            continue
        first_folder[article.article.id] = folder
        records.append(article)
    if problems:
        raise ValidationFailed(problems)
    return records
