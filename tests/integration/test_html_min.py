"""HTML minifier: an oracle with an independent HTML5 parser (parse5).

Each input and its minified output are parsed by parse5; the two DOM trees
must be equal after normalizing only what the minifier may change:
comments, whitespace that CSS's collapsing makes invisible (per the default
display of each element), attribute quoting, boolean attribute values,
redundant type attributes. Runs over testdata/minify/html and the shared
corpus, checks idempotence, never-larger output, and the goldens."""
import json
import os
import re
import subprocess

import aotest

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
DATA = os.path.join(aotest.TESTDATA, "minify", "html")

# Dumps each file named on stdin (JSON list) as a parse5 tree in JSON.
DUMP_JS = r"""
const parse5 = require('parse5');
const fs = require('fs');
function dump(n) {
  if (n.nodeName === '#text') return ['#', n.value];
  if (n.nodeName === '#comment') return ['!', n.data];
  if (n.nodeName === '#documentType') return ['D', n.name || ''];
  const kids = (n.content ? n.content.childNodes : n.childNodes || []).map(dump);
  if (!n.tagName) return ['doc', '', [], kids];
  const ns = n.namespaceURI.endsWith('svg') ? 'svg' :
             n.namespaceURI.endsWith('MathML') ? 'math' : 'html';
  return [ns, n.tagName, n.attrs.map(a => [(a.prefix ? a.prefix + ':' : '') + a.name, a.value]), kids];
}
const files = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(files.map(f =>
  dump(parse5.parse(fs.readFileSync(f, 'latin1'))))));
"""

BLOCK = set("""address article aside blockquote body br caption center col colgroup dd
details dialog dir div dl dt fieldset figcaption figure footer form frame frameset
h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li listing main menu nav ol
optgroup option p plaintext pre search section summary table tbody td tfoot th
thead title tr ul xmp""".split())
INLINE = set("""a abbr acronym area b base bdi bdo big cite code data datalist del dfn
em font i ins kbd label link mark meta nobr noembed noframes noscript output param
picture q s samp script small source span strike strong style sub sup template
time track tt u var""".split())
ATOMIC = set("audio button canvas iframe math meter object progress select svg "
             "textarea video".split())
VOID_ATOMIC = set("embed img input keygen wbr".split())
KEEP_WS = set("pre textarea listing xmp plaintext".split())
RAW = set("script style textarea title xmp iframe noembed noframes noscript plaintext".split())
BOOLEANS = set("""allowfullscreen async autofocus autoplay checked controls default
defer disabled formnovalidate inert ismap itemscope loop multiple muted nomodule
novalidate open playsinline readonly required reversed selected""".split())
SVG_TEXT = set("text tspan textPath title desc".split())
WS = re.compile(r"[ \t\n\r]+")


class Canon:
    """Flattens a parse5 tree into events with whitespace made canonical:
    the CSS collapsing model the minifier promises to keep."""

    def __init__(self, exact_bodies):
        self.ev = []
        self.pending = False
        self.pend_at = None
        self.edge = True
        self.space = False
        self.exact = exact_bodies

    def emit_text(self, s):
        self.ev.append(("t", s))

    def drop(self):
        self.pending = False
        self.pend_at = None

    def flush(self):
        if self.pending and not self.edge and not self.space:
            if self.pend_at is None:
                self.emit_text(" ")
            else:
                self.ev.insert(self.pend_at, ("t", " "))
            self.space = True
        self.drop()

    def before(self, cls, end):
        if cls == "block" or (cls == "atomic" and end):
            self.drop()
        elif cls == "inline":
            # a space before inline tags is placed once what follows is known
            if self.pending and (self.edge or self.space):
                self.drop()
            elif self.pending and self.pend_at is None:
                self.pend_at = len(self.ev)
        else:
            self.flush()

    def after(self, cls, end):
        if cls == "block":
            self.edge, self.space = True, False
        elif cls == "inline":
            pass
        elif cls == "atomic":
            self.edge, self.space = (not end), False
        else:
            self.edge = self.space = False

    def attrs(self, ns, tag, attrs):
        out = {}
        names = {k.lower() for k, _ in attrs}
        for k, v in attrs:
            lk = k.lower()
            if ns == "html":
                if lk in BOOLEANS and v.lower() == lk:
                    v = ""
                if lk == "type":
                    vv = v.strip().lower()
                    if tag == "script" and "language" not in names and vv in (
                            "text/javascript", "application/javascript"):
                        continue
                    if tag == "style" and vv == "text/css":
                        continue
                    if tag == "link" and vv == "text/css" and dict(
                            (a.lower(), b) for a, b in attrs).get("rel", "").strip().lower() == "stylesheet":
                        continue
                if lk == "style" and not self.exact:
                    v = "<css>"
                if lk == "class":
                    v = " ".join(x for x in re.split(r"[ \t\n\f\r]+", v) if x)
            out[k] = v
        return tuple(sorted(out.items()))

    def walk(self, node, keep=False, foreign_text=False, raw=None):
        kind = node[0]
        if kind == "#":
            text = node[1]
            if raw is not None:
                if raw in ("script", "style") and not self.exact:
                    text = "<code>" if text.strip() else ""
                self.emit_text(text)  # not rendered, or in a box of its own
            elif keep:
                self.flush()
                self.emit_text(text)
                self.edge = self.space = False
            elif foreign_text is None:  # svg/math, outside text elements
                if text.strip(" \t\n\r"):
                    self.emit_text(WS.sub(" ", text))
            elif foreign_text:
                self.emit_text(WS.sub(" ", text))
            else:
                for part in re.split(r"([ \t\n\r]+)", text):
                    if not part:
                        continue
                    if WS.fullmatch(part):
                        self.pending = True
                    else:
                        self.flush()
                        self.emit_text(part)
                        self.edge = self.space = False
            return
        if kind in ("!", "D"):
            return
        if kind == "doc":
            for c in node[3]:
                self.walk(c)
            self.pending = False
            return
        ns, tag, attrs, kids = node
        if ns != "html":
            # svg/math: structure and attributes, text collapsed
            if foreign_text is False:  # entering from HTML
                if not keep:
                    self.before("atomic", False)
                self.ev.append(("<", ns, tag, self.attrs(ns, tag, attrs)))
                for c in kids:
                    self.walk(c, keep, None)
                self.ev.append((">", tag))
                if not keep:
                    self.before("atomic", True)
                    self.after("atomic", True)
                return
            self.ev.append(("<", ns, tag, self.attrs(ns, tag, attrs)))
            inner = True if (tag in SVG_TEXT or foreign_text) else None
            for c in kids:
                self.walk(c, keep, inner)
            self.ev.append((">", tag))
            return
        cls = ("block" if tag in BLOCK else "inline" if tag in INLINE else
               "atomic" if tag in ATOMIC else "unknown")
        style = dict((k.lower(), v) for k, v in attrs).get("style", "")
        inner_keep = keep or tag in KEEP_WS or "white-space" in style.lower() or "&" in style
        if not keep:
            self.before(cls, False)
        else:
            self.flush()
        self.ev.append(("<", ns, tag, self.attrs(ns, tag, attrs)))
        if not keep:
            self.after(cls, False)
        if tag in VOID_ATOMIC:
            self.edge = self.space = False
        for c in kids:
            self.walk(c, inner_keep, False, tag if tag in RAW else None)
        if not keep:
            self.before(cls, True)
        self.ev.append((">", tag))
        if not keep:
            self.after(cls, True)


def parse_trees(paths):
    p = subprocess.run(["node", "-e", DUMP_JS], cwd=TESTS, input=json.dumps(paths),
                       capture_output=True, text=True, timeout=300)
    if p.returncode:
        if "Cannot find module" in p.stderr:
            raise aotest.Skip("parse5 missing: run make test-deps")
        raise AssertionError(p.stderr)
    return json.loads(p.stdout)


def canon(tree, exact):
    c = Canon(exact)
    c.walk(tree)
    out = []
    for e in c.ev:
        if e[0] == "t" and out and out[-1][0] == "t":
            out[-1] = ("t", out[-1][1] + e[1])
        elif e[0] != "t" or e[1]:
            out.append(e)
    return out


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i, x, y
    return min(len(a), len(b)), a[len(b):len(b) + 1], b[len(a):len(a) + 1]


def minify(src, dst, *extra):
    p = aotest.run("minify", "--type", "html", *extra, src, "-o", dst)
    return p


def check_files(paths, extra=(), exact=True):
    d = aotest.tmpdir()
    pairs = []
    for i, src in enumerate(paths):
        out = os.path.join(d, "%d.html" % i)
        p = minify(src, out, *extra)
        if p.returncode == 3:  # refused: the file must be malformed; skip it
            continue
        assert p.returncode == 0, (src, p.stderr)
        assert os.path.getsize(out) <= os.path.getsize(src), src
        again = os.path.join(d, "%d.again.html" % i)
        minify(out, again, *extra)
        assert open(out, "rb").read() == open(again, "rb").read(), \
            "not idempotent: " + src
        pairs.append((src, out))
    trees = parse_trees([x for pair in pairs for x in pair])
    bad = []
    for k, (src, out) in enumerate(pairs):
        a = canon(trees[2 * k], exact)
        b = canon(trees[2 * k + 1], exact)
        if a != b:
            i, x, y = first_diff(a, b)
            bad.append("%s: event %d differs:\n  orig %r\n  min  %r" % (src, i, x, y))
    assert not bad, "\n".join(bad)
    return len(pairs)


def fixtures():
    return sorted(os.path.join(DATA, f) for f in os.listdir(DATA)
                  if f.endswith(".html") and not f.endswith(".expected.html"))


def test_html_oracle_fixtures():
    check_files(fixtures(), ("--no-inline-js", "--no-inline-css"), exact=True)
    check_files(fixtures(), (), exact=False)


def test_html_oracle_corpus():
    c = aotest.corpus()
    if not c or not os.path.isdir(os.path.join(c, "html")):
        raise aotest.Skip("no corpus")
    h = os.path.join(c, "html")
    files = sorted(os.path.join(h, f) for f in os.listdir(h)
                   if f.endswith((".html", ".htm")))
    if not files:
        raise aotest.Skip("no corpus html")
    check_files(files, ("--no-inline-js", "--no-inline-css"), exact=True)
    check_files(files, (), exact=False)


def test_html_goldens():
    """testdata/minify/html/NAME.html → NAME.expected.html (UPDATE=1 rewrites)."""
    d = aotest.tmpdir()
    for src in fixtures():
        want = src[:-5] + ".expected.html"
        out = os.path.join(d, os.path.basename(src))
        minify(src, out, "--no-inline-js", "--no-inline-css")
        got = open(out, "rb").read()
        if os.environ.get("UPDATE") == "1" or not os.path.exists(want):
            with open(want, "wb") as f:
                f.write(got)
            continue
        assert got == open(want, "rb").read(), "golden differs: " + src


def test_html_malformed_left_unchanged():
    d = aotest.tmpdir()
    for name, text in [("comment", "<p>a</p><!-- never closed"),
                       ("tag", "<p>a</p><img src=\"x"),
                       ("script", "<p>a</p><script>var a = 1;")]:
        src = os.path.join(d, name + ".html")
        with open(src, "w") as f:
            f.write(text)
        p = aotest.run("minify", src, check=3)
        assert re.search(r":1:\d+: error: ", p.stderr), p.stderr


# ---- random documents ------------------------------------------------------

_BLOCKS = ["div", "p", "ul", "ol", "li", "dl", "dt", "dd", "section", "h2",
           "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead",
           "select", "option", "optgroup", "form", "details", "summary",
           "header", "footer", "main", "nav", "figure", "figcaption"]
_INLINES = ["span", "b", "i", "a", "em", "strong", "code", "label", "small",
            "button", "textarea", "x-el", "q", "sub", "font"]
_VOIDS = ["br", "img", "input", "hr", "wbr"]
_TEXTS = ["a", "word", "two words", " lead", "trail ", "  ", "\n", "\t x \n ",
          "&amp;", "&lt;", "&nbsp;", "中文", "中\n文", "x<y", "1 &", "&copy"]


def _random_doc(rnd, depth=0):
    out = []
    for _ in range(rnd.randint(0, 5 if depth < 4 else 1)):
        r = rnd.random()
        if r < 0.3:
            out.append(rnd.choice(_TEXTS))
        elif r < 0.4:
            out.append(rnd.choice(["<!-- c -->", "<!--[if IE]>x<![endif]-->",
                                   " <!-- c --> ", "<!---->"]))
        elif r < 0.5:
            v = rnd.choice(_VOIDS)
            out.append("<%s%s>" % (v, rnd.choice(["", " alt=\"\"", " class=' a  b '",
                                                   " disabled=disabled", " /"])))
        else:
            tag = rnd.choice(_BLOCKS + _INLINES if r < 0.85 else _INLINES)
            attrs = rnd.choice(["", " class=\"k\"", " id=x title='a b'",
                                " style=\"white-space:pre\"", " hidden"])
            inner = _random_doc(rnd, depth + 1)
            close = rnd.random()
            if close < 0.8:
                out.append("<%s%s>%s</%s>" % (tag, attrs, inner, tag))
            elif close < 0.9:
                out.append("<%s%s>%s" % (tag, attrs, inner))  # left open
            else:
                out.append("<%s%s>%s</%s>" % (tag, attrs, inner,
                                              rnd.choice(_BLOCKS + _INLINES)))
    return "".join(out)


def test_html_oracle_random_documents():
    """Seeded random markup (misnested and unclosed tags included): the
    minified DOM must equal the original's."""
    import random
    rnd = random.Random(int(os.environ.get("AO_HTML_SEED", "20261122")))
    d = aotest.tmpdir()
    paths = []
    for i in range(int(os.environ.get("AO_HTML_DOCS", "300"))):
        head = rnd.choice(["<!doctype html>", "", "<!DOCTYPE html><html><head><title>t</title></head><body>",
                           "<html><body>"])
        p = os.path.join(d, "r%03d.html" % i)
        with open(p, "w") as f:
            f.write(head + _random_doc(rnd) + rnd.choice(["", "</body></html>", "\n"]))
        paths.append(p)
    check_files(paths, ("--no-inline-js", "--no-inline-css"), exact=True)
