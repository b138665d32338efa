from actorgraph.localdb.launcher import (
    POM_TEMPLATE,
    generate_password,
    parse_java_major,
    render_neo4j_conf,
)


def test_parse_java_major():
    assert parse_java_major('openjdk version "17.0.15" 2025-04-15') == 17
    assert parse_java_major('openjdk version "21" 2023-09-19') == 21
    assert parse_java_major('java version "1.8.0_392"') == 8
    assert parse_java_major("no java here") is None


def test_conf_binds_loopback_and_locks_down_files_and_procedures():
    conf = render_neo4j_conf(7701, "1g", "256m", "30s")
    lines = dict(line.split("=", 1) for line in conf.splitlines()
                 if line and not line.startswith("#"))
    assert lines["server.default_listen_address"] == "127.0.0.1"
    assert lines["server.bolt.listen_address"] == "127.0.0.1:7701"
    assert lines["server.http.enabled"] == "false"
    assert lines["dbms.security.auth_enabled"] == "true"
    assert lines["server.directories.import"] == "import"
    assert lines["dbms.security.procedures.unrestricted"] == ""
    assert lines["db.transaction.timeout"] == "30s"
    assert lines["server.memory.heap.max_size"] == "1g"
    assert lines["server.memory.pagecache.size"] == "256m"


def test_pom_pins_one_version_for_both_artifacts():
    pom = POM_TEMPLATE.format(version="5.26.30")
    assert pom.count("<version>5.26.30</version>") == 3
    assert "<artifactId>neo4j-server</artifactId>" in pom


def test_generated_passwords_never_look_like_an_option_to_the_admin_tool():
    # token_urlsafe began with "-" about once in 64 draws, and set-initial-password then
    # failed with "Missing required parameter: '<password>'" (a flaky first start).
    passwords = {generate_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert [p for p in passwords if not p.isalnum() or len(p) < 32] == []
