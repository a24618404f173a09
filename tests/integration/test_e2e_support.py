"""Servers and the browser for the end-to-end tests, all on 127.0.0.1 and
free ports, started and stopped by the tests themselves, every wait bounded:

- nginx from Debian (one foreground process, `gzip_static on`), serving a
  folder or standing in front of s3rver as a CDN would;
- headless Chromium driven by tests/e2e/driver.mjs (playwright-core), one
  JSON command per line.

The browser is required: without chromium, playwright-core or nginx the tests
fail and say what is missing, unless AO_SKIP_BROWSER=1 asks to skip them.
No test function lives here (the runner only collects names test_*)."""
import json
import os
import queue
import shutil
import subprocess
import threading
import time
import urllib.parse

import aotest
import test_publish_support as S

E2E = os.path.join(aotest.ROOT, "tests", "e2e")
SITES = os.path.join(aotest.TESTDATA, "e2e")
CHROMIUM = os.environ.get("AO_CHROMIUM", "/usr/bin/chromium")
NGINX = os.environ.get("AO_NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
PLAYWRIGHT = os.path.join(aotest.ROOT, "tests", "node_modules", "playwright-core")
TEXT_EXT = (".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".svg", ".map", ".txt",
            ".xml")
# screenshots may differ in this share of pixels at most (70 of a 1000x700
# page; same browser, same fonts, lossless images: 0 is what is seen)
PIXEL_TOLERANCE = 0.0001


def need_browser():
    """Raises unless the browser stack is here: AssertionError (a failure) by
    default, aotest.Skip when AO_SKIP_BROWSER=1."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"chromium ({CHROMIUM}; Debian package chromium, deps/test.txt)")
    if not (NGINX and os.access(NGINX, os.X_OK)):
        missing.append("nginx (Debian package nginx-light, deps/test.txt)")
    if not shutil.which("node"):
        missing.append("node (Debian package nodejs)")
    if not os.path.isdir(PLAYWRIGHT):
        missing.append("playwright-core (make test-deps)")
    if missing:
        msg = "end-to-end browser test cannot run, missing: " + "; ".join(missing)
        if os.environ.get("AO_SKIP_BROWSER") == "1":
            raise aotest.Skip(msg + " (AO_SKIP_BROWSER=1)")
        raise AssertionError(msg + " — install them, or set AO_SKIP_BROWSER=1 to skip")


def need_s3rver():
    """The publish stack (s3rver, botocore), required as the browser is."""
    try:
        S.need_tools()
    except aotest.Skip as e:
        if os.environ.get("AO_SKIP_BROWSER") == "1":
            raise
        raise AssertionError(f"end-to-end publish test cannot run: {e}")


def out_dir(name):
    """The test's output folder (beside the binary: build/e2e/NAME), fresh."""
    d = os.path.join(os.path.dirname(aotest.BIN), "e2e", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


# ---- nginx -------------------------------------------------------------------

STATIC = """        root {root};
        index index.html;
        location / {{
            try_files $uri $uri/ =404;
        }}"""

# s3rver holds the objects under BUCKET/PREFIX/; folders map to index.html and
# the query string is dropped, as a CDN in front of a bucket is set up.
S3_PROXY = """        location / {{
            rewrite ^(.*)/$ /{bucket}/{prefix}$1/index.html? break;
            rewrite ^(.*)$ /{bucket}/{prefix}$1? break;
            proxy_pass http://127.0.0.1:{s3port};
            proxy_http_version 1.1;
            proxy_set_header Host 127.0.0.1:{s3port};
            proxy_set_header Authorization "";
            proxy_hide_header x-amz-request-id;
            proxy_hide_header x-amz-id-2;
        }}"""


class Nginx:
    """nginx serving root, or proxying to s3rver on s3port; a context manager."""
    def __init__(self, root=None, s3port=None, bucket=S.BUCKET, prefix="site"):
        self.prefix = aotest.tmpdir()
        self.port = S.free_port()
        if s3port is not None:
            loc = S3_PROXY.format(bucket=bucket, prefix=prefix, s3port=s3port)
        else:
            loc = STATIC.format(root=os.path.abspath(root))
        conf = open(os.path.join(E2E, "nginx.conf.in")).read()
        conf = conf.replace("@PREFIX@", self.prefix).replace("@PORT@", str(self.port))
        conf = conf.replace("@LOCATION@", loc)
        self.conf = os.path.join(self.prefix, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(conf)
        self.log = open(os.path.join(self.prefix, "stderr.log"), "wb")
        self.proc = subprocess.Popen([NGINX, "-p", self.prefix, "-c", self.conf,
                                      "-e", os.path.join(self.prefix, "error.log")],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        try:
            S.wait_port(self.port, self.proc, limit=20.0)
        except AssertionError:
            why = self.errors()
            self.stop()
            raise AssertionError("nginx did not start: " + why)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def errors(self):
        out = []
        for n in ("stderr.log", "error.log"):
            p = os.path.join(self.prefix, n)
            if os.path.exists(p):
                out.append(open(p, errors="replace").read()[-2000:])
        return "\n".join(out)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.stop()


# ---- the browser ---------------------------------------------------------------

class Browser:
    """tests/e2e/driver.mjs around one headless Chromium; a context manager."""
    def __init__(self, start_limit=90.0):
        need_browser()
        env = dict(os.environ, AO_CHROMIUM=CHROMIUM)
        self.err = open(os.path.join(aotest.tmpdir(), "driver.log"), "w+b")
        self.proc = subprocess.Popen(["node", os.path.join(E2E, "driver.mjs")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err, env=env, cwd=E2E)
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        hello = self._next(start_limit, "starting chromium")
        if not hello.get("ready"):
            self.stop()
            raise AssertionError(f"chromium did not start: {hello.get('error')}")
        self.version = hello.get("version")

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _next(self, limit, what):
        try:
            line = self.lines.get(timeout=limit)
        except queue.Empty:
            self.stop()
            raise AssertionError(f"browser driver: no answer in {limit:.0f} s ({what})")
        if line is None:
            self.err.seek(0)
            raise AssertionError(f"browser driver exited ({what}):\n"
                                 + self.err.read().decode(errors="replace")[-3000:])
        return json.loads(line)

    def call(self, limit=90.0, **cmd):
        self.proc.stdin.write((json.dumps(cmd) + "\n").encode())
        self.proc.stdin.flush()
        return self._next(limit, cmd.get("cmd", "?"))

    def visit(self, url, **kw):
        return self.call(cmd="visit", url=url, **kw)

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b'{"cmd":"quit"}\n')
                self.proc.stdin.flush()
                self.proc.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.err.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.stop()


# ---- checks --------------------------------------------------------------------

def problems(visit):
    """Every failed request, error status, console error or driver error of one
    visit (or eval), as readable lines."""
    out = []
    if visit.get("error"):
        out.append(f"driver: {visit['error']}")
    for f in visit.get("failed", []):
        out.append(f"failed request {f['url']}: {f['error']}")
    for r in visit.get("responses", []):
        if r["status"] >= 400 or r["status"] == 0:
            out.append(f"HTTP {r['status']} for {r['url']}")
    out.extend(visit.get("errors", []))
    return out


def transferred(visit):
    """Bytes that came over the network (service-worker answers not counted
    twice)."""
    return sum(r["bytes"] for r in visit.get("responses", []) if not r["fromServiceWorker"])


def path_of(url):
    return urllib.parse.urlsplit(url).path


def gzip_misses(visit, min_size=512):
    """Text responses whose body of at least min_size bytes came without
    Content-Encoding: gzip (smaller files may rightly have no .gz sibling:
    assetopt keeps one only when it is smaller)."""
    out = []
    for r in visit.get("responses", []):
        p = path_of(r["url"])
        text = p.endswith("/") or p.endswith(TEXT_EXT)
        if text and r["status"] == 200 and r["body"] >= min_size and r["encoding"] != "gzip":
            out.append(f"{p} ({r['body']} bytes, encoding {r['encoding'] or 'none'})")
    return out


def compare_shots(browser, a, b):
    """(ok, description) for two screenshots under PIXEL_TOLERANCE."""
    c = browser.call(cmd="compare", a=a, b=b)
    if c.get("error"):
        return False, c["error"]
    if not c["sameSize"]:
        return False, f"sizes differ: {c['a']} vs {c['b']}"
    share = c["diffPixels"] / c["pixels"]
    desc = (f"{c['diffPixels']} of {c['pixels']} pixels differ ({share:.4%}), "
            f"max channel delta {c['maxDelta']}")
    return share <= PIXEL_TOLERANCE, desc


def check_same(browser, pages, orig_url, built_url, shots, label):
    """Opens every page (path, options) on both servers and asserts the built
    one works as the original: no failed request or console error, same text,
    same pixels, gzip for text assets, fewer bytes in all.
    Returns {"orig": [visits], "built": [visits]}."""
    errors = []
    seen = {"orig": [], "built": []}
    total = {"orig": 0, "built": 0}
    for i, (path, opts) in enumerate(pages):
        name = f"{i:02d}-" + (path.strip("/").replace("/", "_").replace("?", "_") or "index")
        vis = {}
        for side, base in (("orig", orig_url), ("built", built_url)):
            shot = os.path.join(shots, f"{label}-{name}-{side}.png")
            v = browser.visit(base + path, shot=shot, **opts)
            vis[side] = v
            seen[side].append(v)
            total[side] += transferred(v)
            for p in problems(v):
                errors.append(f"{label} {side} {path}: {p}")
        o, b = vis["orig"], vis["built"]
        if o.get("text") != b.get("text"):
            errors.append(f"{label} {path}: visible text differs\n--- original\n{o.get('text')}\n"
                          f"--- built\n{b.get('text')}")
        if o.get("title") != b.get("title"):
            errors.append(f"{label} {path}: title {o.get('title')!r} vs {b.get('title')!r}")
        if opts.get("probe") and o.get("probe") != b.get("probe"):
            errors.append(f"{label} {path}: probe {o.get('probe')!r} vs {b.get('probe')!r}")
        if opts.get("sw"):
            for side in ("orig", "built"):
                if not vis[side].get("serviceWorker"):
                    errors.append(f"{label} {side} {path}: the service worker is not active")
        ok, desc = compare_shots(browser, os.path.join(shots, f"{label}-{name}-orig.png"),
                                 os.path.join(shots, f"{label}-{name}-built.png"))
        print(f"  {label} {path}: screenshot {desc}")
        if not ok:
            errors.append(f"{label} {path}: screenshots differ: {desc}")
        for miss in gzip_misses(b):
            errors.append(f"{label} built {path}: no Content-Encoding: gzip for {miss}")
    print(f"  {label}: transferred {total['orig']} bytes original, {total['built']} built "
          f"({total['built'] / max(1, total['orig']):.2f})")
    if total["built"] >= total["orig"]:
        errors.append(f"{label}: built site transferred {total['built']} bytes, "
                      f"original {total['orig']}")
    assert not errors, "\n".join(errors)
    return seen


def requested_paths(visits):
    return {path_of(r["url"]) for v in visits for r in v.get("responses", [])}
