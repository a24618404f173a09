"""Shared helpers for assetopt's integration tests: running the binary,
temporary folders, and an independent checker that every reference in a built
folder resolves to a file in it (written without assetopt's own parsers)."""
import html.parser
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("AO_BIN", os.path.join(ROOT, "build", "assetopt")))
TESTDATA = os.path.join(ROOT, "testdata")


class Skip(Exception):
    """Raised by a test that cannot run here (says why)."""


def corpus():
    """The shared benchmark corpus, or None when it is absent."""
    c = os.environ.get("AO_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
    return c if os.path.isdir(c) else None


def run(*args, check=None, input=None, env=None, cwd=None, timeout=300):
    """Runs assetopt with args; returns CompletedProcess (text mode).
    check=N asserts the exit code is N."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True,
                       encoding="utf-8", errors="replace",
                       input=input, env=e, cwd=cwd, timeout=timeout)
    if check is not None and p.returncode != check:
        raise AssertionError(f"assetopt {' '.join(map(str, args))}: exit {p.returncode}, "
                             f"want {check}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def tmpdir():
    d = tempfile.mkdtemp(prefix="aotest-")
    return d


def copy_site(name, dest=None):
    """Copies testdata/sites/NAME to a fresh temporary folder; returns it."""
    d = dest or os.path.join(tmpdir(), name)
    shutil.copytree(os.path.join(TESTDATA, "sites", name), d, symlinks=True)
    return d


def tree(root):
    """{relative path: bytes} of every file below root."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, root).replace(os.sep, "/")] = open(p, "rb").read()
    return out


# ---- the reference checker ---------------------------------------------------

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_JS_IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*${}\s,]+from\s*)?|\bexport\s*[\w*${}\s,]+from\s*|\bimport\s*\(\s*)"""
    r"""(["'])(\.{0,2}/[^"'\n]*)\1""")
_JS_NEW_URL = re.compile(r"""new\s+URL\(\s*(["'])([^"'\n]+)\1\s*,\s*import\.meta\.url""")
_MAP_URL = re.compile(r"[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.M)


def _local(url):
    url = url.strip()
    if not url or url.startswith("#") or url.startswith("//") or _SCHEME.match(url):
        return None
    path = re.split(r"[?#]", url, 1)[0]
    return urllib.parse.unquote(path) if path else None


def _css_urls(text):
    text = _CSS_COMMENT.sub("", text)
    for m in _CSS_URL.finditer(text):
        yield next(g for g in m.groups() if g is not None)
    for m in _CSS_IMPORT.finditer(text):
        yield m.group(1) if m.group(1) is not None else m.group(2)


def _srcset(value):
    for cand in value.split(","):
        parts = cand.strip().split()
        if parts:
            yield parts[0]


class _HTMLRefs(html.parser.HTMLParser):
    URL_ATTRS = {"src", "href", "poster", "data", "action"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []
        self._in = None
        self._module = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for k, v in a.items():
            if k in self.URL_ATTRS and not (tag == "base"):
                self.urls.append(v)
            elif k in ("srcset", "imagesrcset"):
                self.urls.extend(_srcset(v))
            elif k == "style":
                self.urls.extend(_css_urls(v))
        if tag == "meta" and a.get("property", a.get("name", "")) in (
                "og:image", "twitter:image"):
            self.urls.append(a.get("content", ""))
        if tag in ("style", "script"):
            self._in = tag
            self._module = a.get("type") == "module" and "src" not in a

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.urls.extend(_css_urls(data))
        elif self._in == "script" and self._module:
            self.urls.extend(m.group(2) for m in _JS_IMPORT.finditer(data))


def references(path, data):
    """URLs (as written) that the file at path names, by its extension."""
    ext = path.rsplit(".", 1)[-1].lower()
    text = data.decode("utf-8", "replace")
    if ext in ("html", "htm"):
        p = _HTMLRefs()
        p.feed(text)
        return p.urls
    if ext == "svg":
        return [m.group(2) for m in re.finditer(r"""(?:xlink:)?href\s*=\s*(["'])([^"']*)\1""", text)] + \
            list(_css_urls(text))
    if ext == "css":
        return list(_css_urls(text)) + [m.group(1) for m in _MAP_URL.finditer(text)]
    if ext in ("js", "mjs"):
        return [m.group(2) for m in _JS_IMPORT.finditer(text)] + \
            [m.group(2) for m in _JS_NEW_URL.finditer(text)] + \
            [m.group(1) for m in _MAP_URL.finditer(text)]
    if ext == "webmanifest" or path.endswith("manifest.json"):
        try:
            doc = json.loads(text)
        except ValueError:
            return []
        urls = []
        for key in ("icons", "screenshots"):
            for item in doc.get(key, []) or []:
                if isinstance(item, dict) and "src" in item:
                    urls.append(item["src"])
        return urls
    return []


def broken_references(root, skip=()):
    """[(file, url)] for every local reference in root that names no file.
    A reference to a folder counts when the folder has an index.html."""
    files = tree(root)
    bad = []
    for rel, data in sorted(files.items()):
        if rel in skip or rel.endswith((".gz", ".br")) or rel == "asset-manifest.json":
            continue
        for url in references(rel, data):
            path = _local(url)
            if path is None:
                continue
            base = "" if path.startswith("/") else os.path.dirname(rel)
            target = os.path.normpath(os.path.join(base, path.lstrip("/"))).replace(os.sep, "/")
            if target in files or (target + "/index.html") in files or \
                    (path.endswith("/") and (target + "/index.html") in files) or \
                    (target == "." and "index.html" in files):
                continue
            bad.append((rel, url))
    return bad
