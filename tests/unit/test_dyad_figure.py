"""The dyad figure and summary, built from rows without a database or a browser."""

from __future__ import annotations

from actorgraph.dashboard.pages.dyads import dyad_figure, summary_text
from actorgraph.graph.read.dyads import DyadMonth

MONTHS = [
    DyadMonth("2025-06", events=2, balance=3.8, cooperation=3.8, conflict=0.0, weighted=7.6,
              weighted_cooperation=7.6, weighted_conflict=0.0, contested=0),
    DyadMonth("2025-07", events=3, balance=-5.3, cooperation=1.9, conflict=-7.2, weighted=-3.4,
              weighted_cooperation=3.8, weighted_conflict=-7.2, contested=1),
]


def test_bars_and_balance_per_month_each_event_once():
    figure = dyad_figure(MONTHS, "United States", "North Korea", "events")
    bars = {t.name: list(t.y) for t in figure.data}
    assert list(figure.data[0].x) == ["2025-06", "2025-07"]
    assert bars == {"Cooperation": [3.8, 1.9], "Conflict": [0.0, -7.2], "Balance": [3.8, -5.3]}
    assert figure.layout.title.text == "United States – North Korea"
    assert figure.layout.yaxis.title.text == "Goldstein sum"


def test_weighted_by_supporting_articles():
    figure = dyad_figure(MONTHS, "A", "B", "sources")
    bars = {t.name: list(t.y) for t in figure.data}
    assert bars == {"Cooperation": [7.6, 3.8], "Conflict": [0.0, -7.2], "Balance": [7.6, -3.4]}
    assert figure.layout.yaxis.title.text == "Goldstein sum × articles"


def test_summary_counts_events_months_balance_and_contested():
    assert summary_text(MONTHS, "United States", "North Korea") == (
        "United States – North Korea: 5 events in 2 months, balance -1.5, 1 contested")
    assert summary_text([], "Japan", "Russia") == (
        "No dated, scored events shared by Japan and Russia.")
