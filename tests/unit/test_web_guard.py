"""The dashboard's request checks, pure: Host names, the allow-list, how a page arrived, and
the message an unexpected failure becomes."""

from __future__ import annotations

import pytest

from actorgraph.dashboard.failures import message
from actorgraph.dashboard.web_guard import allowed_hosts, arrival, host_name, refusal
from actorgraph.errors import ConfigError, QueryRefused


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8050", "127.0.0.1"),
    ("LocalHost:8050", "localhost"),
    ("localhost", "localhost"),
    ("[::1]:8050", "[::1]"),
    ("[::1]", "[::1]"),
    ("::1", "[::1]"),
    ("graph.example.org:443", "graph.example.org"),
])
def test_host_name_drops_the_port(header: str, name: str) -> None:
    assert host_name(header) == name


def test_allowed_hosts_are_local_plus_the_bound_address_plus_the_setting() -> None:
    assert allowed_hosts(None, env={}) == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("0.0.0.0", env={}) == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("::", env={}) == {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("192.168.1.5", env={}) == {"127.0.0.1", "localhost", "[::1]",
                                                    "192.168.1.5"}
    assert allowed_hosts("fd00::5", env={}) == {"127.0.0.1", "localhost", "[::1]", "[fd00::5]"}
    env = {"ACTORGRAPH_ALLOWED_HOSTS": " Graph.Example.org, 10.0.0.5:8050,,[fd00::7] "}
    assert allowed_hosts("127.0.0.1", env=env) == {
        "127.0.0.1", "localhost", "[::1]", "graph.example.org", "10.0.0.5", "[fd00::7]"}


def test_a_bad_allowed_hosts_entry_is_named() -> None:
    with pytest.raises(ConfigError) as info:
        allowed_hosts(None, env={"ACTORGRAPH_ALLOWED_HOSTS": "ok.example, http://x.example/"})
    assert str(info.value) == (
        "ACTORGRAPH_ALLOWED_HOSTS: 'http://x.example/' is not a host name; expected names or "
        "addresses such as graph.example.org or 10.0.0.5 (a port is ignored), separated by "
        "commas")


def test_refusal_names_the_host() -> None:
    allowed = allowed_hosts(None, env={})
    assert refusal("127.0.0.1:8050", allowed) is None
    assert refusal("localhost:9", allowed) is None
    assert refusal("rebind.attacker.example:8050", allowed) == (
        "Refused: this dashboard does not answer to the host 'rebind.attacker.example:8050'; "
        "add it to ACTORGRAPH_ALLOWED_HOSTS to allow it.\n")
    assert refusal(None, allowed) == (
        "Refused: this dashboard does not answer to the host ''; "
        "add it to ACTORGRAPH_ALLOWED_HOSTS to allow it.\n")
    assert refusal("x" * 500, allowed).count("x") == 100


@pytest.mark.parametrize(("site", "referer", "verdict"), [
    ("none", None, "trusted"),  # typed or bookmarked
    ("same-origin", "http://127.0.0.1:8050/", "trusted"),
    ("cross-site", None, "foreign"),  # rel=noreferrer does not hide where it came from
    ("cross-site", "https://news.example/", "foreign"),
    ("same-site", "http://127.0.0.1:9000/", "foreign"),  # another port: another origin
    (None, None, "trusted"),  # an old browser with no referrer: cannot tell
    (None, "http://127.0.0.1:8050/console", "trusted"),
    (None, "http://127.0.0.1:9000/page.html", "foreign"),
])
def test_arrival(site: str | None, referer: str | None, verdict: str) -> None:
    assert arrival(site, referer, "127.0.0.1:8050") == verdict


def test_failure_message() -> None:
    refused = QueryRefused("Refused: the query writes to the database")
    assert message(refused) == "Refused: the query writes to the database"
    assert message(RecursionError("maximum recursion depth exceeded")) == (
        "Error: the server could not finish this request (RecursionError: maximum recursion "
        "depth exceeded). The server's log has the details.")
    assert message(KeyError()) == (
        "Error: the server could not finish this request (KeyError). "
        "The server's log has the details.")
    long = message(ValueError("z" * 1000))
    assert long.count("z") == 299 and "…)" in long
