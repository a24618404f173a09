"""Independent checks for SVG minification: render with rsvg-convert and
compare pixels, and compare the XML element trees (Python's own parser)."""
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib


def rsvg():
    return shutil.which("rsvg-convert")


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data):
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA or RGB PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and not interlace, "PNG format"
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                line[x] = (line[x] + _paeth(a, b, c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows


def render(path, width=None):
    args = [rsvg(), "--format=png", path]
    if width:
        args[1:1] = ["-w", str(width)]
    p = subprocess.run(args, capture_output=True, timeout=120)
    if p.returncode:
        return None
    return p.stdout


def pixel_diff(pa, pb):
    """Largest channel difference between two renderings (PNG bytes);
    None: one failed or the sizes differ."""
    if pa is None or pb is None:
        return None if pa is not pb else 0
    if pa == pb:
        return 0
    a, b = decode_png(pa), decode_png(pb)
    if a[:2] != b[:2]:
        return None
    worst = 0
    for ra, rb in zip(a[2], b[2]):
        if ra != rb:
            worst = max(worst, max(abs(x - y) for x, y in zip(ra, rb)))
    return worst


def tree(data):
    """The parsed XML root (raises on malformed XML)."""
    return ET.fromstring(data)
