"""Image jobs without a browser: the background, and the frame counted against the canvas
limit."""

from __future__ import annotations

from actorgraph.export.image.frame import Publication, build_frame
from actorgraph.export.image.images import background_color, plan_image
from actorgraph.export.image.limits import CanvasLimit, pixel_size


def test_jpg_is_always_on_white():
    assert background_color("jpg", "transparent") == "#ffffff"
    assert background_color("png", "transparent") is None
    assert background_color("svg", "white") == "#ffffff"


def test_the_frame_counts_against_the_canvas_limit():
    pub = Publication(title="t", source_lines=("s",))
    job, choice = plan_image("png", (8000, 8000), 4, "white", pub,
                             CanvasLimit(max_side=16384, max_pixels=268_435_456))
    frame = build_frame(8000, 8000, pub)
    assert choice.capped
    assert choice.height == pixel_size(frame.width, frame.height, choice.scale)[1] <= 16384
    assert job["frame"]["height"] == frame.height
    assert job["graphPx"] == list(pixel_size(8000, 8000, choice.scale))
