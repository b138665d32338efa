"""The app's one shape for a failure nobody planned for: a message, never a blank HTTP 500.

Dash turns an exception in a callback into HTTP 500, after which the page silently shows
nothing. `report` is the app's `on_error`: it logs the traceback (for the server's log only)
and shows one sentence in the banner at the top of every page; the callback's outputs stay as
they were. Pages that have their own error banner (the console) use `message` for it.
"""

from __future__ import annotations

import logging

from dash import Input, Output, clientside_callback, html, set_props

from actorgraph.errors import ActorgraphError

log = logging.getLogger(__name__)

BANNER_ID = "app-error"
BANNER_TEXT_ID = "app-error-text"
MAX_DETAIL_CHARS = 300


def message(error: BaseException) -> str:
    """What a person reads: an actorgraph error as it is, anything else named by its type."""
    if isinstance(error, ActorgraphError):
        return str(error)
    detail = str(error).strip()
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[:MAX_DETAIL_CHARS - 1] + "…"
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return (f"Error: the server could not finish this request ({what}). "
            "The server's log has the details.")


def report(error: Exception) -> None:
    """Dash's global `on_error`: log, show the banner, leave the outputs unchanged."""
    log.error("a callback failed", exc_info=error)
    set_props(BANNER_TEXT_ID, {"children": message(error)})
    set_props(BANNER_ID, {"hidden": False})


def banner() -> html.Div:
    """The banner at the top of every page, hidden until something fails."""
    return html.Div(id=BANNER_ID, role="alert", hidden=True, className="ag-banner-error",
                    style={"background": "#fde8e8", "border": "1px solid #d33",
                           "color": "#7a1212", "padding": "0.5em 0.8em", "margin": "0.4em 1em",
                           "whiteSpace": "pre-wrap"},
                    children=[
                        html.Span(id=BANNER_TEXT_ID),
                        html.Button("Dismiss", id="app-error-dismiss", n_clicks=0,
                                    style={"marginLeft": "1em"}),
                    ])


clientside_callback(
    "function (clicks) { return true; }",
    Output(BANNER_ID, "hidden"),
    Input("app-error-dismiss", "n_clicks"),
    prevent_initial_call=True,
)
