"""Reading what an exported image file says about itself: its format and pixel size."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
SVG_NS = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC, f"not a PNG: {data[:8]!r}"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment."""
    assert data[:3] == JPEG_MAGIC, f"not a JPEG: {data[:3]!r}"
    i = 2
    while i < len(data):
        assert data[i] == 0xFF, f"bad JPEG segment at {i}"
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no start-of-frame segment in the JPEG")


def svg_root(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg", root.tag
    return root


def svg_size(data: bytes) -> tuple[float, float]:
    root = svg_root(data)
    return float(root.get("width")), float(root.get("height"))


def svg_text(data: bytes) -> str:
    """Every <text> of the SVG, in document order, joined by single spaces. A label drawn
    with an outline comes twice in a row (the outline, then the fill): kept once."""
    lines: list[str] = []
    for t in svg_root(data).iter(f"{SVG_NS}text"):
        line = " ".join((t.text or "").split())
        if line and (not lines or lines[-1] != line):
            lines.append(line)
    return " ".join(lines)
