"""What the dashboard's web server checks on every request, and the headers it always sends.

- `Host` must name this dashboard (127.0.0.1, localhost, [::1], the address `serve --host`
  binds to, `ACTORGRAPH_ALLOWED_HOSTS`); anything else gets HTTP 400 and a one-line reason.
  A page on another site that rebinds its own name to 127.0.0.1 (DNS rebinding) sends its own
  name as `Host`, so it never reaches the console.
- Every response forbids framing (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`),
  content sniffing and sending the address to other sites. The CSP says nothing else: Dash,
  Plotly and Cytoscape need inline scripts and `eval`, which a fuller policy would forbid.
- `arrival` tells a page loaded from another site's link from one typed, bookmarked or opened
  from the app itself, so that the console does not run a query another site chose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from flask import Flask, Response, request

from actorgraph import config
from actorgraph.errors import ConfigError

LOCAL_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_BINDS = frozenset({"", "0.0.0.0", "::", "[::]"})
SECURITY_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})
_HOST_ENTRY = re.compile(  # a name or IPv4 address, a [bracketed] or bare IPv6; a port
    r"^(([a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(:[0-9]+)?|[0-9a-f:]*:[0-9a-f:.]*)$",
    re.IGNORECASE)
_SHOWN_HOST_CHARS = 100


def host_name(value: str) -> str:
    """A `Host` header or host setting without its port, in lower case: `[::1]:8050` -> `[::1]`."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value if end == -1 else value[:end + 1]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    if ":" in value:  # a bare IPv6 address, as `--host ::1` gives it
        return f"[{value}]"
    return value


def allowed_hosts(bind_host: str | None = None,
                  env: Mapping[str, str] | None = None) -> frozenset[str]:
    """The host names the dashboard answers to. A bad ACTORGRAPH_ALLOWED_HOSTS entry is a
    ConfigError naming it."""
    names = set(LOCAL_HOSTS)
    if bind_host is not None and bind_host.strip() not in WILDCARD_BINDS:
        names.add(host_name(bind_host))
    raw = config.get("ACTORGRAPH_ALLOWED_HOSTS", env) or ""
    for entry in (part.strip() for part in raw.split(",")):
        if not entry:
            continue
        if not _HOST_ENTRY.match(entry):
            raise ConfigError(
                f"ACTORGRAPH_ALLOWED_HOSTS: {entry!r} is not a host name; expected names or "
                "addresses such as graph.example.org or 10.0.0.5 (a port is ignored), "
                "separated by commas")
        names.add(host_name(entry))
    return frozenset(names)


def refusal(host_header: str | None, allowed: Iterable[str]) -> str | None:
    """Why a request with this `Host` is refused, or None when it is served."""
    if host_header and host_name(host_header) in allowed:
        return None
    shown = (host_header or "")[:_SHOWN_HOST_CHARS]
    return (f"Refused: this dashboard does not answer to the host {shown!r}; "
            "add it to ACTORGRAPH_ALLOWED_HOSTS to allow it.\n")


def arrival(sec_fetch_site: str | None, referer: str | None, host: str) -> str:
    """"trusted" for a page typed in the address bar, opened from a bookmark or from this
    dashboard; "foreign" for one another site opened (a link, `window.open`, a form).

    Browsers send `Sec-Fetch-Site` and a page cannot forge or suppress it. Without it (an old
    browser) the `Referer` decides: another site's address is foreign, none at all is trusted.
    """
    if sec_fetch_site:
        return "trusted" if sec_fetch_site.strip().lower() in TRUSTED_FETCH_SITES else "foreign"
    if not referer:
        return "trusted"
    return "trusted" if urlsplit(referer).netloc.lower() == host.lower() else "foreign"


def arrival_meta() -> str:
    """The `<meta>` tag that tells the page's scripts how the current request arrived."""
    verdict = arrival(request.headers.get("Sec-Fetch-Site"), request.headers.get("Referer"),
                      request.host)
    return f'<meta name="actorgraph-arrival" content="{verdict}">'


def install(server: Flask, allowed: frozenset[str]) -> None:
    """Refuse unknown hosts before anything else runs; add the security headers to every
    response (pages, Dash's JSON endpoints, assets, refusals)."""

    def check_host() -> Response | None:
        reason = refusal(request.headers.get("Host"), allowed)
        if reason is None:
            return None
        return Response(reason, status=400, mimetype="text/plain")

    def add_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response

    server.before_request_funcs.setdefault(None, []).insert(0, check_host)
    server.after_request(add_headers)
