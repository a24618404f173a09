"""End to end: the sites of testdata/e2e built by assetopt, served by nginx
(and, after publish, from s3rver behind nginx), opened in headless Chromium
next to the originals. The built site must work and look exactly as before,
load every asset (the lazy chunk and the service worker too), come with gzip
for text, and transfer fewer bytes. Screenshots of both versions are kept in
build/e2e/<test>/."""
import json
import os
import re
import shutil

import aotest
import test_e2e_support as E
import test_publish_support as S

READY = "document.documentElement.dataset.ready === '1'"
COLOR = "getComputedStyle(document.querySelector('.display')).color"
# headless Chromium does not fetch the web manifest by itself: fetch it and
# its icons as an installing browser would
MANIFEST_ICONS = """(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const doc = await (await fetch(href)).json();
    const icons = [];
    for (const i of doc.icons) {
        const r = await fetch(new URL(i.src, href));
        icons.push([i.sizes, r.status, r.headers.get('content-type')]);
    }
    return { color: %s, icons };
})()""" % COLOR
PLAIN_PAGES = [
    ("/", {"ready": READY, "sw": True, "probe": MANIFEST_ICONS}),
    ("/?chart=1", {"ready": READY + " && document.getElementById('chart').dataset.lazy === 'loaded'",
                   "sw": True}),
    ("/about/", {"ready": READY}),
    ("/blog/first-frost/", {"ready": READY,
                            "probe": "getComputedStyle(document.querySelector('.post-banner'))"
                                     ".backgroundImage.replace(/^.*\\//, '').slice(0, 5)"}),
]
VITE_PAGES = [
    ("/", {"ready": READY + " && !!document.querySelector('.card')"}),
    ("/#/stats", {"ready": "!!document.getElementById('lazy-loaded')"}),
]


def build(src, *args):
    out = os.path.join(aotest.tmpdir(), "out")
    aotest.run("build", src, "-o", out, "-j", "2", "--cache-dir",
               os.path.join(aotest.tmpdir(), "cache"), *args, check=0)
    return out


def manifest(out):
    with open(os.path.join(out, "asset-manifest.json")) as f:
        return json.load(f)["files"]


def output_path(out, src):
    return "/" + manifest(out)[src]["output"]


def loaded(visits, path):
    """Responses (status 200) for path among visits."""
    return [r for v in visits for r in v.get("responses", [])
            if E.path_of(r["url"]) == path and r["status"] == 200]


def test_e2e_plain_pages_cover_every_html_file():
    pages = {p.split("?")[0] + "index.html" for p, _ in PLAIN_PAGES}
    html = {"/" + k for k in aotest.tree(os.path.join(E.SITES, "plain")) if k.endswith(".html")}
    assert pages == html, (sorted(pages), sorted(html))


def test_e2e_plain_site_built_works_as_original():
    E.need_browser()
    src = os.path.join(E.SITES, "plain")
    out = build(src)
    assert not aotest.broken_references(out), aotest.broken_references(out)
    shots = E.out_dir("plain")
    with E.Nginx(src) as orig, E.Nginx(out) as built, E.Browser() as br:
        print(f"  chromium {br.version}; screenshots in {shots}")
        seen = E.check_same(br, PLAIN_PAGES, orig.url, built.url, shots, "plain")
    b = seen["built"]
    chart = output_path(out, "js/lazy/chart.js")
    assert chart != "/js/lazy/chart.js" and loaded(b, chart), f"lazy chunk {chart} not loaded"
    assert loaded(b, "/sw.js"), "service worker script not loaded"
    # the pages and the stylesheet came precompressed
    for s in ("index.html", "css/site.css"):
        path = "/" if s == "index.html" else output_path(out, s)
        assert any(r["encoding"] == "gzip" for r in loaded(b, path)), (s, loaded(b, path))
    # the service worker's precache list names the new files, and they loaded
    for s in ("css/site.css", "img/logo.png"):
        assert loaded(b, output_path(out, s)), s
    # every asset of the built site that a page uses came from its hashed name
    got = E.requested_paths(b)
    for s in ("css/base.css", "fonts/boxes.woff2", "img/icons.svg", "img/paper.png",
              "img/rule.png", "img/field-320.jpg", "js/lib/format.js", "site.webmanifest"):
        assert output_path(out, s) in got, (s, sorted(got))


_MAP_DEPS = re.compile(r"__vite__mapDeps\s*=.*?\[([^\]]*)\]")


def stale_preload_paths(out):
    """Paths in the preload tables of Vite's JS (`__vite__mapDeps`, written
    relative to the site root) that name no file of out."""
    stale = set()
    for rel, data in aotest.tree(out).items():
        if not rel.endswith(".js"):
            continue
        for m in _MAP_DEPS.finditer(data.decode("utf-8", "replace")):
            for p in re.findall(r"""["']([^"']+)["']""", m.group(1)):
                if not os.path.isfile(os.path.join(out, p)):
                    stale.add(p)
    return sorted(stale)


def test_e2e_vite_app_built_works_as_original():
    E.need_browser()
    src = os.path.join(E.SITES, "vite-app", "dist")
    out = build(src, "-p", "vite")
    assert not aotest.broken_references(out), aotest.broken_references(out)
    # Vite's preload table (__vite__mapDeps) names chunks by root-relative
    # paths: every one must still name a file of the built site.
    stale = stale_preload_paths(out)
    assert not stale, f"__vite__mapDeps names missing files: {stale}"
    shots = E.out_dir("vite")
    with E.Nginx(src) as orig, E.Nginx(out) as built, E.Browser() as br:
        print(f"  screenshots in {shots}")
        seen = E.check_same(br, VITE_PAGES, orig.url, built.url, shots, "vite")
    m = manifest(out)
    stats = [k for k in m if re.match(r"assets/stats-.*\.js$", k)]
    assert len(stats) == 1, sorted(m)
    assert loaded(seen["built"], "/" + m[stats[0]]["output"]), "lazy route chunk not loaded"




def test_e2e_plain_site_published_works_and_updates():
    E.need_browser()
    E.need_s3rver()
    site = os.path.join(aotest.tmpdir(), "plain")
    shutil.copytree(os.path.join(E.SITES, "plain"), site)
    # with integrity attributes: the browser refuses a script or stylesheet
    # whose bytes do not match, so they are checked too
    out = build(site, "--sri")
    with open(os.path.join(out, "index.html"), "rb") as f:
        assert b"integrity=" in f.read()
    shots = E.out_dir("publish")
    with S.Stack() as st, E.Nginx(os.path.join(E.SITES, "plain")) as orig, \
            E.Nginx(s3port=st.s3.port) as edge, E.Browser() as br:
        print(f"  screenshots in {shots}")
        st.publish(out, "--content-encoding", "gzip", "--delete")
        assert not st.proxy.bad, st.proxy.bad
        E.check_same(br, PLAIN_PAGES, orig.url, edge.url, shots, "published")

        # a visitor has the home page open; the chart is not loaded yet
        old = br.visit(edge.url + "/", ready=READY, sw=True,
                       probe=COLOR, keep=True)
        assert not E.problems(old), E.problems(old)
        old_color = old["probe"]
        old_css = output_path(out, "css/site.css")

        # a new release changes one CSS rule
        with open(os.path.join(site, "css", "site.css"), "a") as f:
            f.write("\n.display {\n  color: rgb(142, 36, 170);\n}\n")
        out2 = build(site, "--sri")
        assert output_path(out2, "css/site.css") != old_css
        st.publish(out2, "--content-encoding", "gzip", "--delete")
        assert not st.proxy.bad, st.proxy.bad

        # the open page still gets every asset it named, and its lazy chunk
        again = br.call(cmd="eval", id=old["id"], expr="""(async () => {
            const urls = performance.getEntriesByType('resource').map((e) => e.name)
                .filter((u) => u.startsWith(location.origin));
            const out = {};
            for (const u of urls) out[u] = (await fetch(u, { cache: 'no-store' })).status;
            document.getElementById('more').click();
            const end = Date.now() + 15000;
            while (document.getElementById('chart').dataset.lazy !== 'loaded' && Date.now() < end)
                await new Promise((r) => setTimeout(r, 50));
            out.lazy = document.getElementById('chart').dataset.lazy || 'missing';
            return out;
        })()""")
        assert not E.problems(again), E.problems(again)
        value = again["value"]
        assert value.pop("lazy") == "loaded", value
        assert any(old_css in u for u in value), (old_css, value)
        bad = {u: s for u, s in value.items() if s != 200}
        assert not bad, bad
        br.call(cmd="close", id=old["id"])

        # a reload shows the new style, with every asset loaded
        new = br.visit(edge.url + "/", ready=READY, sw=True, probe=COLOR,
                       shot=os.path.join(shots, "published-after-change.png"))
        assert not E.problems(new), E.problems(new)
        assert new["probe"] == "rgb(142, 36, 170)" != old_color, (old_color, new["probe"])
        assert loaded([new], output_path(out2, "css/site.css"))


def test_e2e_check_catches_a_broken_site():
    """The check itself: a built site with a missing image, a changed colour
    and a changed word must fail it, naming each."""
    E.need_browser()
    src = os.path.join(E.SITES, "plain")
    out = build(src)
    m = manifest(out)

    def edit(source, old, new):
        p = os.path.join(out, m[source]["output"])
        for sib in (p + ".gz", p + ".br"):
            if os.path.exists(sib):
                os.remove(sib)
        data = open(p, "rb").read()
        assert old in data, (source, old)
        open(p, "wb").write(data.replace(old, new, 1))
    os.remove(os.path.join(out, m["img/paper.png"]["output"]))
    edit("css/site.css", b"#2e7d32", b"#2e7d33")
    edit("index.html", b"four beds", b"five beds")
    shots = E.out_dir("broken")
    with E.Nginx(src) as orig, E.Nginx(out) as built, E.Browser() as br:
        try:
            E.check_same(br, PLAIN_PAGES[:1], orig.url, built.url, shots, "broken")
        except AssertionError as e:
            msg = str(e)
        else:
            raise AssertionError("a broken site passed the check")
    paper = "/" + m["img/paper.png"]["output"]
    assert f"HTTP 404 for http://127.0.0.1:{built.port}{paper}" in msg, msg
    assert "visible text differs" in msg and "five beds" in msg, msg
    assert "screenshots differ" in msg, msg


def same_page(site):
    """Builds testdata/e2e/SITE and checks its one page in the browser
    against the original: no failed request, same text and pixels."""
    E.need_browser()
    src = os.path.join(E.SITES, site)
    out = build(src)
    shots = E.out_dir(site)
    pages = [("/", {"ready": READY, "readyTimeout": 5000})]
    with E.Nginx(src) as orig, E.Nginx(out) as built, E.Browser() as br:
        print(f"  screenshots in {shots}")
        E.check_same(br, pages, orig.url, built.url, shots, site)
    assert not aotest.broken_references(out), aotest.broken_references(out)
    return out


def test_e2e_svg_sprite_preloaded_and_used_inline():
    """A sprite both preloaded (so it gets a hashed name) and used by inline
    <svg><use href>: every icon must still show."""
    out = same_page("sprite")
    assert output_path(out, "img/sprite.svg") != "/img/sprite.svg"


def test_e2e_import_map_names_a_renamed_module():
    """A module named by an import map and preloaded (so it gets a hashed
    name): the page must still run, the map following the new name."""
    out = same_page("importmap")
    assert output_path(out, "js/format.js") != "/js/format.js"
