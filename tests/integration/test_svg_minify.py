"""SVG minification against independent oracles: rsvg-convert renders the
original and the minified file to the same pixels; Python's XML parser reads
both, and the minified elements are the original ones, in order, with the
same text. Every file in testdata/minify/svg and the corpus's svg folder."""
import glob
import os
import tempfile
import xml.etree.ElementTree as ET

import aotest
import svgcheck

SVG_NS = "{http://www.w3.org/2000/svg}"


def _files():
    files = sorted(f for f in glob.glob(os.path.join(aotest.TESTDATA, "minify", "svg", "*.svg"))
                   if not f.endswith(".expected.svg"))
    c = aotest.corpus()
    if c:
        files += sorted(glob.glob(os.path.join(c, "svg", "*.svg")))
    return files


def _minify(path, tmp):
    out = os.path.join(tmp, os.path.basename(path))
    aotest.run("minify", path, "-o", out, check=0)
    return out


def _elements(root):
    return [e.tag for e in root.iter() if isinstance(e.tag, str)]


def _is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def _texts(root):
    return ["".join(e.itertext()) for e in root.iter()
            if e.tag in (SVG_NS + "text", SVG_NS + "title", SVG_NS + "desc")]


_GRAPHICS = {SVG_NS + t for t in ("path", "rect", "circle", "ellipse", "line", "polyline",
                                   "polygon", "text", "image", "use")}
_NOT_DRAWN = {SVG_NS + t for t in ("defs", "clipPath", "mask", "pattern", "marker",
                                   "symbol", "filter", "linearGradient", "radialGradient",
                                   "metadata")}


def _drawn(root):
    """Tags of the graphics elements outside definitions, in order."""
    out = []

    def walk(e):
        if e.tag in _NOT_DRAWN or not e.tag.startswith(SVG_NS):
            return
        if e.tag in _GRAPHICS:
            out.append(e.tag)
        for c in e:
            walk(c)
    walk(root)
    return out


def test_svg_structure_is_kept():
    tmp = tempfile.mkdtemp(prefix="aosvg-")
    for f in _files():
        out = _minify(f, tmp)
        a = open(f, "rb").read()
        b = open(out, "rb").read()
        assert len(b) <= len(a), f"{f}: output larger"
        ra, rb = ET.fromstring(a), ET.fromstring(b)
        assert rb.tag == ra.tag, f
        assert _is_subsequence(_elements(rb), _elements(ra)), f"{f}: elements not from the input"
        assert _texts(rb) == _texts(ra), f"{f}: text changed"
        # drawn graphics elements are never removed
        assert _drawn(rb) == _drawn(ra), f"{f}: drawn elements changed"


def test_svg_idempotent():
    tmp = tempfile.mkdtemp(prefix="aosvg-")
    tmp2 = tempfile.mkdtemp(prefix="aosvg-")
    for f in _files():
        once = _minify(f, tmp)
        twice = _minify(once, tmp2)
        assert open(once, "rb").read() == open(twice, "rb").read(), f


def test_svg_renders_the_same_pixels():
    if not svgcheck.rsvg():
        raise aotest.Skip("rsvg-convert not installed (Debian: librsvg2-bin)")
    tmp = tempfile.mkdtemp(prefix="aosvg-")
    bad = []
    for f in _files():
        out = _minify(f, tmp)
        for width in (None, 97):  # intrinsic size, and scaled to an odd width
            d = svgcheck.pixel_diff(svgcheck.render(f, width), svgcheck.render(out, width))
            if d != 0:
                bad.append((os.path.basename(f), width, d))
    assert not bad, f"pixels differ: {bad}"


def test_svg_malformed_is_an_error_and_unchanged():
    tmp = tempfile.mkdtemp(prefix="aosvg-")
    src = os.path.join(tmp, "bad.svg")
    with open(src, "w") as fh:
        fh.write('<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n  <!-- never closed\n</svg>\n')
    out = os.path.join(tmp, "out.svg")
    p = aotest.run("minify", src, "-o", out)
    assert p.returncode != 0
    assert f"{src}:3:3: error:" in p.stderr, p.stderr
    assert not os.path.exists(out)
