#!/usr/bin/env python3
"""Regenerates the image test fixtures in this folder (PNG by hand with zlib;
JPEG with ImageMagick's convert and cjpeg). Run from anywhere."""
import math
import os
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def chunk(t, data):
    c = struct.pack(">I", len(data)) + t + data
    return c + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)


def png(w, h, ct, depth, rows, extra_pre=(), extra_post=(), plte=None, trns=None,
        level=1):
    """rows: list of bytes (packed samples, no filter byte)."""
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ct, 0, 0, 0))
    for t, d in extra_pre:
        out += chunk(t, d)
    if plte:
        out += chunk(b"PLTE", plte)
    if trns is not None:
        out += chunk(b"tRNS", trns)
    raw = b"".join(b"\x00" + r for r in rows)
    out += chunk(b"IDAT", zlib.compress(raw, level))
    for t, d in extra_post:
        out += chunk(t, d)
    return out + chunk(b"IEND", b"")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def rgb_rows(w, h, alpha=False, sixteen=False):
    rows = []
    for y in range(h):
        r = bytearray()
        for x in range(w):
            px = [(x * 7 + y * 3) & 255, (x * y) & 255, (255 - x * 5) & 255]
            if alpha:
                px.append(255 if (x + y) % 5 else (x * 40) & 255)
            for v in px:
                if sixteen:
                    r += struct.pack(">H", (v * 256 + (x * 13 + y)) & 0xffff)
                else:
                    r.append(v)
        rows.append(bytes(r))
    return rows


def main():
    W, H = 48, 32
    icc = zlib.compress(b"fake-icc-profile-bytes" * 4)
    text = [(b"tEXt", b"Comment\x00made by the fixture script"),
            (b"tIME", bytes([7, 230, 1, 2, 3, 4, 5]))]
    # truecolour, with ICC, gAMA, text and time: strip text, keep colour
    write("rgb.png", png(W, H, 2, 8, rgb_rows(W, H),
                         extra_pre=[(b"iCCP", b"test\x00\x00" + icc),
                                    (b"gAMA", struct.pack(">I", 45455))] + text,
                         extra_post=[(b"tEXt", b"Author\x00nobody")]))
    write("rgba.png", png(W, H, 6, 8, rgb_rows(W, H, alpha=True)))
    # alpha channel that is fully opaque: reduces to RGB
    rows = [bytes(b for i in range(W) for b in ((i * 5) & 255, (y * 9) & 255, 77, 255)) for y in range(H)]
    write("opaque_alpha.png", png(W, H, 6, 8, rows))
    write("rgb16.png", png(W, H, 2, 16, rgb_rows(W, H, sixteen=True)))
    # 16-bit that is really 8-bit (both bytes equal)
    rows = [bytes(b for x in range(W) for v in ((x * 5) & 255, y * 7, 9) for b in (v, v)) for y in range(H)]
    write("rgb16_as8.png", png(W, H, 2, 16, rows))
    # grey stored as RGB; grey with alpha; 1-bit grey stored as 8-bit
    rows = [bytes(b for x in range(W) for v in [((x + y) * 4) & 255] for b in (v, v, v)) for y in range(H)]
    write("grey_as_rgb.png", png(W, H, 2, 8, rows))
    rows = [bytes(b for x in range(W) for b in (((x * y) & 255), 255 if x % 3 else 128)) for y in range(H)]
    write("grey_alpha.png", png(W, H, 4, 8, rows))
    rows = [bytes(255 if (x // 4 + y // 4) % 2 else 0 for x in range(W)) for y in range(H)]
    write("grey_bilevel.png", png(W, H, 0, 8, rows))
    # palette image with tRNS, stored 8-bit with unused entries
    plte = bytes(v for i in range(200) for v in (i, 255 - i, (i * 3) & 255))
    trns = bytes([0, 128, 255, 64])
    rows = [bytes((x + y) % 6 for x in range(W)) for y in range(H)]
    write("palette.png", png(W, H, 3, 8, rows, plte=plte, trns=trns))
    # RGBA with few colours: becomes a palette
    cols = [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 128), (0, 0, 0, 0)]
    rows = [bytes(b for x in range(W) for b in cols[(x // 8 + y // 8) % 4]) for y in range(H)]
    write("few_colours.png", png(W, H, 6, 8, rows))
    # smooth gradient plus noise: a photo stand-in for the lossy tests
    seed = 12345
    rows = []
    for y in range(64):
        r = bytearray()
        for x in range(64):
            for c in range(3):
                seed = (seed * 1103515245 + 12345) & 0x7fffffff
                r.append(max(0, min(255, (x * 3 + y * (c + 1) * 2) + (seed >> 16) % 24 - 12)))
        rows.append(bytes(r))
    write("noise.png", png(64, 64, 2, 8, rows, level=9))
    # Adam7 interlaced, and a 16-bit grey with alpha (ImageMagick)
    subprocess.run(["/usr/bin/convert", os.path.join(HERE, "rgba.png"), "-interlace", "PNG",
                    "PNG32:" + os.path.join(HERE, "interlaced.png")], check=True)
    subprocess.run(["/usr/bin/convert", "-size", "40x24", "gradient:black-white",
                    "-alpha", "set", "-channel", "A", "-fx", "i/w", "-depth", "16",
                    "PNG64:" + os.path.join(HERE, "grey16.png")], check=True)
    # APNG: acTL + fcTL before IDAT
    actl = struct.pack(">II", 1, 0)
    fctl = struct.pack(">IIIIIHHBB", 0, W, H, 0, 0, 1, 10, 0, 0)
    write("animated.png", png(W, H, 2, 8, rgb_rows(W, H),
                              extra_pre=[(b"acTL", actl), (b"fcTL", fctl)]))
    # eXIf with orientation 6: kept even when metadata is stripped
    exif = bytes([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 1, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0])
    write("exif_orient.png", png(W, H, 2, 8, rgb_rows(W, H), extra_pre=[(b"eXIf", exif)]))
    good = open(os.path.join(HERE, "rgb.png"), "rb").read()
    write("truncated.png", good[:len(good) * 2 // 3])
    bad = bytearray(good)
    idat = bad.find(b"IDAT")
    bad[idat + 10] ^= 0x55           # inside IDAT data: CRC mismatch
    write("bad_crc.png", bytes(bad))
    # a 30000 x 30000 header (900 megapixels): refused before decoding
    write("huge.png", png(30000, 30000, 0, 1, [b"\x00" * 3750] * 2))
    # JPEGs through ImageMagick and cjpeg
    src = os.path.join(HERE, "rgb.png")
    tmp = "/tmp/ao_fixture.ppm"
    conv = "/usr/bin/convert"
    subprocess.run([conv, "-size", "64x48", "gradient:red-blue", "-swirl", "90",
                    "-quality", "92", "-strip", os.path.join(HERE, "photo.jpg")], check=True)
    subprocess.run([conv, os.path.join(HERE, "photo.jpg"), tmp], check=True)
    with open(os.path.join(HERE, "progressive.jpg"), "wb") as f:
        subprocess.run(["cjpeg", "-progressive", "-quality", "85", tmp], check=True, stdout=f)
    with open(os.path.join(HERE, "arith.jpg"), "wb") as f:
        subprocess.run(["cjpeg", "-arithmetic", "-quality", "85", tmp], check=True, stdout=f)
    subprocess.run([conv, os.path.join(HERE, "photo.jpg"), "-colorspace", "CMYK",
                    "-quality", "90", os.path.join(HERE, "cmyk.jpg")], check=True)
    subprocess.run([conv, os.path.join(HERE, "photo.jpg"), "-colorspace", "Gray",
                    "-quality", "90", "-strip", os.path.join(HERE, "grey.jpg")], check=True)
    # EXIF orientation 6 and a comment spliced in after SOI
    j = open(os.path.join(HERE, "photo.jpg"), "rb").read()
    tiff = bytes([0x49, 0x49, 42, 0, 8, 0, 0, 0, 2, 0,
                  0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,
                  0x0f, 0x01, 2, 0, 4, 0, 0, 0, 0x41, 0x43, 0x4d, 0,
                  0, 0, 0, 0])
    app1 = b"Exif\x00\x00" + tiff
    seg = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    com = b"a comment to strip"
    seg += b"\xff\xfe" + struct.pack(">H", len(com) + 2) + com
    write("orient6.jpg", j[:2] + seg + j[2:])
    write("truncated.jpg", j[:len(j) // 2])
    bad = bytearray(j)
    dht = bad.find(b"\xff\xc4")
    for i in range(dht + 5, dht + 21):     # the code-length counts: impossible table
        bad[i] = 0xff
    write("bad_huffman.jpg", bytes(bad))
    os.remove(tmp)


if __name__ == "__main__":
    main()
