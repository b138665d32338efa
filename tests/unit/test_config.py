import pytest

from actorgraph import config
from actorgraph.config import Neo4jConnection, configured_connection, redact_uri
from actorgraph.errors import ConfigError


def test_redact_uri_removes_credentials():
    assert redact_uri("neo4j+s://alice:s3cret@db.example.org:7687/x") == \
        "neo4j+s://db.example.org:7687/x"
    assert redact_uri("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


@pytest.mark.parametrize("uri", ["neo4j://h:7687", "bolt://h", "neo4j+s://h.databases.neo4j.io",
                                 "bolt+ssc://h:7687", "neo4j+ssc://h"])
def test_accepted_uri_schemes(uri):
    conn = configured_connection({"NEO4J_URI": uri, "NEO4J_PASSWORD": "pw"})
    assert conn is not None and conn.uri == uri and conn.password == "pw"


def test_unknown_scheme_is_refused_without_showing_the_password():
    with pytest.raises(ConfigError) as err:
        configured_connection({"NEO4J_URI": "http://bob:hunter2@host:7474"})
    assert str(err.value) == (
        "NEO4J_URI must start with one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, "
        "bolt+s://, bolt+ssc://; found 'http://host:7474'")
    assert "hunter2" not in str(err.value)


def test_unset_uri_means_local_neo4j():
    assert configured_connection({}) is None
    assert configured_connection({"NEO4J_URI": ""}) is None


def test_connection_repr_hides_password():
    conn = Neo4jConnection("bolt://u:pw1@h:1", "neo4j", "topsecret", None)
    assert "topsecret" not in repr(conn)
    assert "pw1" not in repr(conn)
    assert "password=***" in repr(conn)


def test_defaults_and_bad_numbers():
    assert config.get("ACTORGRAPH_NEO4J_PORT", {}) == "7687"
    assert config.get("ACTORGRAPH_HOST", {}) == "127.0.0.1"
    assert config.get_int("ACTORGRAPH_NEO4J_PORT", {"ACTORGRAPH_NEO4J_PORT": "7700"}) == 7700
    with pytest.raises(ConfigError, match=r"ACTORGRAPH_NEO4J_PORT must be a whole number; "
                                          r"found 'abc'"):
        config.get_int("ACTORGRAPH_NEO4J_PORT", {"ACTORGRAPH_NEO4J_PORT": "abc"})


def test_every_setting_has_help():
    names = [s.name for s in config.SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.help.strip() for s in config.SETTINGS)
