"""The scale cap: the largest scale whose canvas a browser can draw, and the pixel size a
canvas gets."""

from __future__ import annotations

from actorgraph.export.image.limits import CanvasLimit, cap_scale, pixel_size

CHROMIUM = CanvasLimit(max_side=16384, max_pixels=268_435_456)


def test_a_graph_that_fits_keeps_its_scale():
    choice = cap_scale(1000, 700, 4, CHROMIUM)
    assert (choice.scale, choice.width, choice.height, choice.capped) == (4, 4000, 2800, False)
    assert choice.notice is None


def test_the_side_limit_caps_the_scale_and_says_so():
    choice = cap_scale(6000.3, 2000, 4, CHROMIUM)  # 6001 px wide at 1x: 24,004 px at 4x
    assert choice.capped
    assert choice.scale == 2.73
    assert (choice.width, choice.height) == (16382, 5460)
    assert choice.width <= 16384
    assert choice.notice.startswith("At 4x the image would be 24,004 x 8,000 px, more than a "
                                    "browser canvas holds (16,384 px a side, 268 Mpx in all)")
    assert "Exported at 2.73x instead: 16,382 x 5,460 px." in choice.notice
    assert "JPG gives a much smaller file" in choice.notice


def test_the_area_limit_caps_the_scale():
    limit = CanvasLimit(max_side=100_000, max_pixels=10_000_000)
    choice = cap_scale(3000, 3000, 2, limit, fmt="jpg")
    assert choice.capped and choice.width * choice.height <= 10_000_000
    assert choice.scale == 1.05  # sqrt(10e6 / 9e6) = 1.054 -> 1.05
    assert "JPG gives" not in choice.notice  # already JPG


def test_a_graph_too_large_even_at_1x_is_scaled_below_1():
    choice = cap_scale(40_000, 1_000, 1, CHROMIUM)
    assert choice.capped and choice.scale == 0.4
    assert (choice.width, choice.height) == (16000, 400)


def test_svg_is_never_capped():
    choice = cap_scale(40_000, 30_000, 4, CHROMIUM, fmt="svg")
    assert not choice.capped and (choice.width, choice.height) == (160_000, 120_000)


def test_pixel_size_is_what_a_canvas_gets():
    assert pixel_size(100.2, 50, 1) == (101, 50)  # the bounding box is rounded up
    assert pixel_size(101, 50, 1.5) == (151, 75)  # the canvas drops fractions
    assert pixel_size(101, 50, 2) == (202, 100)
