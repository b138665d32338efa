"""docker-compose.yml: no engine runs here, so parse it; the Neo4j line must match the launcher."""

import shutil
import subprocess
from pathlib import Path

import yaml

from actorgraph.config import NEO4J_VERSION

ROOT = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_neo4j_version_matches_local_launcher():
    image = load_compose()["services"]["neo4j"]["image"]
    name, tag = image.split(":")
    assert name == "neo4j"
    minor_line = ".".join(NEO4J_VERSION.split(".")[:2])
    assert tag == f"{minor_line}-community"


def test_compose_has_bolt_healthcheck_volume_and_app_on_8050():
    compose = load_compose()
    neo4j = compose["services"]["neo4j"]
    assert "bolt://localhost:7687" in " ".join(neo4j["healthcheck"]["test"])
    assert "neo4j-data:/data" in neo4j["volumes"]
    assert neo4j["ports"] == ["127.0.0.1:7687:7687"]
    app = compose["services"]["app"]
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert app["ports"] == ["127.0.0.1:8050:8050"]
    assert app["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "actorgraph ingest data/articles" in (ROOT / "Dockerfile").read_text()


def test_compose_config_when_plugin_exists():
    docker = shutil.which("docker")
    has_plugin = docker is not None and subprocess.run(
        [docker, "compose", "version"], capture_output=True).returncode == 0
    if not has_plugin:
        # No compose plugin on this machine: the YAML parse above is the check.
        assert load_compose()["services"].keys() == {"neo4j", "app"}
        return
    result = subprocess.run([docker, "compose", "-f", str(ROOT / "docker-compose.yml"),
                             "config", "--quiet"], capture_output=True, text=True,
                            env={"NEO4J_PASSWORD": "example", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
