#!/usr/bin/env python3
"""Writes the small images of testdata/sites/* (run once; outputs are
committed). PNGs are drawn here and encoded with zlib; JPEGs go through
cjpeg (libjpeg-turbo-progs); the ICO wraps a PNG."""
import math
import os
import struct
import subprocess
import sys
import zlib


def png(path, w, h, pixel, color_type=6):
    """pixel(x, y) -> (r, g, b, a). Written deliberately unoptimized
    (filter 0, zlib level 1) so optimizers have something to do."""
    ch = {2: 3, 6: 4}[color_type]
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw.extend(pixel(x, y)[:ch])
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0))
    data += chunk(b"tEXt", b"Comment\x00fixture drawn by make_fixture_images.py")
    data += chunk(b"IDAT", zlib.compress(bytes(raw), 1)) + chunk(b"IEND", b"")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(data)
    return data


def jpeg(path, w, h, pixel, quality=95):
    ppm = b"P6\n%d %d\n255\n" % (w, h) + bytes(
        c for y in range(h) for x in range(w) for c in pixel(x, y)[:3])
    out = subprocess.run(["cjpeg", "-quality", str(quality)], input=ppm,
                         capture_output=True, check=True).stdout
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(out)


def ico(path, png_bytes, size):
    hdr = struct.pack("<HHH", 0, 1, 1)
    ent = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    open(path, "wb").write(hdr + ent + png_bytes)


def logo(x, y):
    cx, cy = x - 31.5, y - 31.5
    r = math.hypot(cx, cy)
    if r < 28:
        return (30, 90 + int(r * 4), 200, 255)
    if r < 31:
        return (30, 90, 200, int(255 * (31 - r) / 3))
    return (0, 0, 0, 0)


def photo(w, h):
    def f(x, y):
        return (int(128 + 100 * math.sin(x / 9.0)), int(128 + 90 * math.cos(y / 7.0)),
                int((x * y) % 256))
    return f


def main(root):
    site = os.path.join(root, "testdata", "sites", "plain")
    png(os.path.join(site, "img", "logo.png"), 64, 64, logo)
    png(os.path.join(site, "img", "bg.png"), 48, 48,
        lambda x, y: (240, 240, 250, 255) if (x // 8 + y // 8) % 2 else (225, 230, 245, 255))
    png(os.path.join(site, "img", "icon-192.png"), 192, 192,
        lambda x, y: logo(x // 3, y // 3))
    jpeg(os.path.join(site, "img", "photo.jpg"), 160, 100, photo(160, 100))
    jpeg(os.path.join(site, "img", "photo-2x.jpg"), 320, 200, photo(320, 200))
    fav = png("/tmp/fav.png", 32, 32, lambda x, y: logo(x * 2, y * 2))
    ico(os.path.join(site, "favicon.ico"), fav, 32)
    vite = os.path.join(root, "testdata", "sites", "vite")
    png(os.path.join(vite, "assets", "hero-Bx7kP2aQ.png"), 80, 40,
        lambda x, y: (x * 3, y * 6, 150, 255), color_type=2)
    png(os.path.join(vite, "images", "banner.png"), 40, 20,
        lambda x, y: (200, x * 6, y * 12, 255), color_type=2)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())


def font(path_woff2):
    """A tiny font drawn here: box glyphs for the ASCII letters and digits."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    chars = [chr(c) for c in range(0x30, 0x3a)] + [chr(c) for c in range(0x41, 0x5b)] + \
        [chr(c) for c in range(0x61, 0x7b)] + [" "]
    names = [".notdef"] + ["g%04x" % ord(c) for c in chars]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): "g%04x" % ord(c) for c in chars})
    glyphs, metrics = {}, {}
    for i, n in enumerate(names):
        pen = TTGlyphPen(None)
        if n != "g0020":
            w = 300 + (i * 37) % 250
            pen.moveTo((50, 0)); pen.lineTo((50, 700)); pen.lineTo((w, 700)); pen.lineTo((w, 0))
            pen.closePath()
        glyphs[n] = pen.glyph()
        metrics[n] = (600, 50)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "AssetoptBoxes", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.font.flavor = "woff2"
    os.makedirs(os.path.dirname(path_woff2), exist_ok=True)
    fb.save(path_woff2)


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[2] == "font":
    font(os.path.join(sys.argv[1], "testdata", "sites", "plain", "fonts", "boxes.woff2"))
