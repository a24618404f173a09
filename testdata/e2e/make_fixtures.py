#!/usr/bin/env python3
"""Writes the binary files of the end-to-end sites (run once from the
repository root; outputs are committed): PNGs drawn and zlib-encoded, JPEGs
through cjpeg, the web font through python3-fonttools, all with the helpers of
tests/tools/make_fixture_images.py. Run it before `vite-app/build.sh`."""
import math
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "tools"))
import make_fixture_images as F  # noqa: E402


def leafmark(x, y, size):
    """A round green mark with a lighter vein, transparent outside."""
    c = (size - 1) / 2
    r = math.hypot(x - c, y - c) / (size / 2)
    if r > 1:
        return (0, 0, 0, 0)
    vein = abs((x - c) - (y - c)) < size / 16
    return (120, 190, 110, 255) if vein else (46, 125, 50, 255)


def main():
    plain = os.path.join(ROOT, "testdata", "e2e", "plain")
    img = os.path.join(plain, "img")
    F.png(os.path.join(img, "logo.png"), 48, 48, lambda x, y: leafmark(x, y, 48))
    F.png(os.path.join(img, "icon-192.png"), 192, 192, lambda x, y: leafmark(x, y, 192))
    F.png(os.path.join(img, "icon-96.png"), 96, 96, lambda x, y: leafmark(x, y, 96))
    F.png(os.path.join(img, "paper.png"), 32, 32,
          lambda x, y: (250, 248, 240, 255) if (x * 7 + y * 3) % 11 else (238, 234, 222, 255),
          color_type=2)
    F.png(os.path.join(img, "rule.png"), 8, 4,
          lambda x, y: (46, 125, 50, 255) if y < 2 else (200, 220, 190, 255), color_type=2)

    def field(w, h):
        def f(x, y):
            sky = y < h * 0.45
            if sky:
                return (150 + int(60 * y / h), 190 + int(40 * y / h), 235, 255)
            wave = int(20 * math.sin(x / (w / 12.0)))
            return (60 + wave, 140 + int(50 * (y / h)), 60, 255)
        return f
    F.jpeg(os.path.join(img, "field-320.jpg"), 320, 160, field(320, 160))
    F.jpeg(os.path.join(img, "field-640.jpg"), 640, 320, field(640, 320))
    F.font(os.path.join(plain, "fonts", "boxes.woff2"))

    vite = os.path.join(ROOT, "testdata", "e2e", "vite-app", "src")
    F.png(os.path.join(vite, "logo.png"), 40, 40, lambda x, y: leafmark(x, y, 40))
    F.png(os.path.join(vite, "leaf.png"), 24, 12,
          lambda x, y: (226, 236, 218, 255) if (x // 6 + y // 6) % 2 else (236, 242, 230, 255),
          color_type=2)


if __name__ == "__main__":
    main()
