"""The choices `actorgraph export` offers, in a module light enough for the CLI to import
when it starts (the modules that act on them import Dash's helpers, the driver, Playwright)."""

VIEW_ALIASES: dict[str, str] = {"alliances": "alliances", "events": "events",
                                "all": "everything", "everything": "everything"}
LAYOUT_NAMES: tuple[str, ...] = ("force", "hierarchical", "concentric", "grid")
"""The explorer's layouts (dashboard/explorer_view.layout_options)."""
BACKGROUNDS: dict[str, str | None] = {"white": "#ffffff", "transparent": None}
