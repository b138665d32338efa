"""The fonts the dashboard and its image exports are designed with, named in one place.

Liberation Sans and Liberation Mono (Debian: fonts-liberation2, installed by
`scripts/setup-system.sh`) have the metrics of Arial and Courier New, so a page laid out with
them looks the same on Debian, macOS (Arial, Helvetica) and Windows (Arial). Every stack ends
in DejaVu, Debian's default, and a generic family: without the designed fonts the layout still
holds (the browser tests run with DejaVu alone), only a little wider.

The CSS files in `dashboard/assets` name the same stacks (a unit test checks it); image exports
take theirs from the page's body (`assets/export.js`), so a publication frame is drawn in the
font the page is.
"""

from __future__ import annotations

from pathlib import Path

DEBIAN_PACKAGE = "fonts-liberation2"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
"""Where Debian's fonts-liberation2 puts the font files."""
SANS_FAMILY = "Liberation Sans"
MONO_FAMILY = "Liberation Mono"

SANS = f'"{SANS_FAMILY}", Arial, Helvetica, "DejaVu Sans", sans-serif'
MONO = f'"{MONO_FAMILY}", "DejaVu Sans Mono", Menlo, Consolas, monospace'
