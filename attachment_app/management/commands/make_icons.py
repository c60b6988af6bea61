"""Draw the app's icons (static/icons/) from the favicon's shapes: a green circle, a soft arc, a dot.

The PNGs are committed; run this again only when the design changes. No imaging library is needed: each pixel's
cover is its distance to the shape's edge (anti-aliased), written with a small PNG encoder (zlib and struct).
"""

import math
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

GREEN = (0x2F, 0x6F, 0x5E)
WHITE = (0xFF, 0xFF, 0xFF)
# The favicon's 32-unit design: circle r=15 at (16, 16); the arc "M9 17c2-5 12-5 14 0" (as a circle through its
# ends and peak), stroke 3 with round caps; the dot r=2.5 at (16, 20).
ARC_CENTRE = (16.0, 21.66)
ARC_RADIUS = 8.41
ARC_ENDS = ((9.0, 17.0), (23.0, 17.0))
ARC_WIDTH = 3.0
DOT_CENTRE, DOT_RADIUS = (16.0, 20.0), 2.5

ICONS = {
    # name: (size in pixels, full-bleed background for maskable icons, scale of the 32-unit design)
    "icon-192.png": (192, False, 1.0),
    "icon-512.png": (512, False, 1.0),
    "icon-maskable-512.png": (512, True, 0.8),  # the design stays inside the maskable safe zone (a 40% radius)
}


def cover(distance):
    """How much of a pixel a shape covers, given the signed distance (in pixels) from its centre to the edge."""
    return min(1.0, max(0.0, 0.5 - distance))


def distance_to_arc(x, y):
    cx, cy = ARC_CENTRE
    angle = math.atan2(y - cy, x - cx)
    start = math.atan2(ARC_ENDS[0][1] - cy, ARC_ENDS[0][0] - cx)
    end = math.atan2(ARC_ENDS[1][1] - cy, ARC_ENDS[1][0] - cx)
    if start <= angle <= end:  # the arc runs over the top, where atan2 goes from start up to end
        return abs(math.hypot(x - cx, y - cy) - ARC_RADIUS)
    return min(math.hypot(x - ex, y - ey) for ex, ey in ARC_ENDS)


def blend(under, over, alpha):
    return tuple(round(u + (o - u) * alpha) for u, o in zip(under, over, strict=True))


def draw(size, maskable, scale):
    unit = size / 32 * scale  # pixels per design unit
    offset = size / 2 - 16 * unit
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            x, y = (px + 0.5 - offset) / unit, (py + 0.5 - offset) / unit
            if maskable:
                colour, alpha = GREEN, 1.0
            else:
                colour, alpha = GREEN, cover((math.hypot(x - 16, y - 16) - 15) * unit)
            mark = max(
                cover((distance_to_arc(x, y) - ARC_WIDTH / 2) * unit),
                cover((math.hypot(x - DOT_CENTRE[0], y - DOT_CENTRE[1]) - DOT_RADIUS) * unit),
            )
            colour = blend(colour, WHITE, mark)
            row += bytes((*colour, round(255 * max(alpha, mark))))
        rows.append(bytes(row))
    return rows


def png(rows, size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)  # filter 0 on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class Command(BaseCommand):
    help = "Draw the app icons into static/icons/ (192, 512 and a maskable 512)."

    def handle(self, *args, **options):
        folder = Path(settings.BASE_DIR) / "static" / "icons"
        folder.mkdir(exist_ok=True)
        for name, (size, maskable, scale) in ICONS.items():
            (folder / name).write_bytes(png(draw(size, maskable, scale), size))
            self.stdout.write(f"{name}: {size}×{size}")
