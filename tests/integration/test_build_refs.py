"""assetopt build: content-hashed names, rewritten references, dependency
order, cycles, bundler names, SRI — checked with the independent reference
checker in aotest (not assetopt's own parsers)."""
import base64
import hashlib
import json
import os
import re
import shutil

import aotest
from aotest import run


def build(site, *extra):
    out = os.path.join(aotest.tmpdir(), "out")
    p = run("build", site, "-o", out, "--no-cache", *extra, check=0)
    return out, json.load(open(os.path.join(out, "asset-manifest.json"))), p


def b32name(data):
    return base64.b32encode(hashlib.sha256(data).digest()).decode().lower().rstrip("=")[:10]


def test_plain_site_every_reference_resolves():
    out, m, p = build(aotest.copy_site("plain"))
    # the fixture names one missing page on purpose; nothing else is broken
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]
    assert "guide/index.html:10:68: warning: reference to a missing file: missing.html" in p.stderr, p.stderr


def test_which_names_change():
    _, m, _ = build(aotest.copy_site("plain"))
    f = m["files"]
    for fixed in ("index.html", "about/index.html", "guide/index.html", "robots.txt",
                  "sitemap.xml", "favicon.ico", "sw.js", "manifest.webmanifest",
                  ".well-known/security.txt"):
        assert f[fixed]["output"] == fixed and not f[fixed]["hashed"], fixed
    # nothing references it: whoever links to it from outside keeps working
    assert f["data/unreferenced.txt"]["output"] == "data/unreferenced.txt"
    for renamed in ("css/site.css", "css/base.css", "js/app.js", "js/a.js", "js/b.js",
                    "js/lazy.js", "img/logo.png", "img/bg.png", "img/photo.jpg",
                    "fonts/boxes.woff2", "img/icon-192.png", "js/app.js.map"):
        o = f[renamed]["output"]
        assert f[renamed]["hashed"] and o != renamed, renamed
        assert re.fullmatch(r".*\.[a-z2-7]{10}\.[a-z0-9.]+", o), o
    assert f["js/app.js.map"]["output"].endswith(".js.map")


def test_name_hash_covers_final_bytes():
    out, m, _ = build(aotest.copy_site("plain"))
    for rel in ("css/site.css", "img/bg.png", "js/lazy.js", "js/legacy.js"):
        o = m["files"][rel]["output"]
        data = open(os.path.join(out, o), "rb").read()
        assert o.split(".")[-2] == b32name(data), rel


def test_changed_image_renames_everything_above_it():
    site = aotest.copy_site("plain")
    _, m1, _ = build(site)
    # other pixels (trailing bytes would not do: the PNG optimizer drops them)
    shutil.copyfile(os.path.join(site, "img", "logo.png"), os.path.join(site, "img", "bg.png"))
    out, m2, _ = build(site)
    f1, f2 = m1["files"], m2["files"]
    changed = {k for k in f1 if f1[k]["output"] != f2[k]["output"]}
    # bg.png is used by site.css (url) and by index.html's inline style;
    # site.css is used by the three pages and by sw.js (fixed names)
    assert changed == {"img/bg.png", "css/site.css"}, changed
    index = open(os.path.join(out, "index.html")).read()
    assert f2["css/site.css"]["output"].split("/")[-1] in index
    assert f2["img/bg.png"]["output"].split("/")[-1] in index
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]


def test_cycle_is_named_as_one_unit():
    site = aotest.copy_site("plain")
    _, m1, _ = build(site)
    _, m1b, _ = build(site)
    assert m1 == m1b  # stable
    with open(os.path.join(site, "js", "b.js"), "a") as f:
        f.write("\nexport const extra = 1;\n")
    out, m2, _ = build(site)
    f1, f2 = m1["files"], m2["files"]
    # a.js did not change, but it is in a cycle with b.js: both get new names
    assert f1["js/a.js"]["output"] != f2["js/a.js"]["output"]
    assert f1["js/b.js"]["output"] != f2["js/b.js"]["output"]
    assert f1["js/lazy.js"]["output"] == f2["js/lazy.js"]["output"]
    a = open(os.path.join(out, f2["js/a.js"]["output"])).read()
    b = open(os.path.join(out, f2["js/b.js"]["output"])).read()
    assert os.path.basename(f2["js/b.js"]["output"]) in a
    assert os.path.basename(f2["js/a.js"]["output"]) in b


def test_query_and_fragment_are_kept():
    out, m, _ = build(aotest.copy_site("plain"))
    guide = open(os.path.join(out, "guide", "index.html")).read()
    photo = os.path.basename(m["files"]["img/photo.jpg"]["output"])
    assert f"/img/{photo}?v=3#frag" in guide


def test_manifest_lists_references_with_kinds():
    _, m, _ = build(aotest.copy_site("plain"))
    refs = {(r["path"], r["kind"]) for r in m["files"]["index.html"]["references"]}
    assert ("css/site.css", "stylesheet") in refs
    assert ("js/app.js", "script") in refs
    assert ("js/a.js", "preload") in refs
    assert ("img/logo.png", "resource") in refs
    app = {(r["path"], r["kind"]) for r in m["files"]["js/app.js"]["references"]}
    assert ("js/a.js", "import") in app and ("js/lazy.js", "dynamic-import") in app
    css = {(r["path"], r["kind"]) for r in m["files"]["css/site.css"]["references"]}
    assert ("css/base.css", "import") in css and ("img/bg.png", "resource") in css
    script = [r for r in m["files"]["index.html"]["references"] if r["path"] == "js/app.js"][0]
    assert "module" in script["flags"]


def test_vite_bundler_names_are_kept():
    out, m, _ = build(aotest.copy_site("vite"), "--preset", "vite")
    f = m["files"]
    for kept in ("assets/index-Dq3k9xZa.js", "assets/vendor-C4mJ8wQe.js",
                 "assets/Lazy-Hk5pW1sN.js", "assets/hero-Bx7kP2aQ.png"):
        assert f[kept]["output"] == kept and f[kept]["hashed"], kept
    # the public image has no hash: it gets one, so the CSS that names it
    # changes, and a changed file may not keep its bundler name
    assert f["images/banner.png"]["output"] != "images/banner.png"
    css = f["assets/index-Bm2Lr7Tx.css"]["output"]
    assert css != "assets/index-Bm2Lr7Tx.css" and css.startswith("assets/index-Bm2Lr7Tx.")
    assert aotest.broken_references(out) == []
    index = open(os.path.join(out, "index.html")).read()
    assert os.path.basename(css) in index


def test_sri_attributes_match_the_files():
    out, m, _ = build(aotest.copy_site("plain"), "--sri")
    index = open(os.path.join(out, "index.html")).read()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", index)
    checked = 0
    for tag in tags:
        url = re.search(r"(?:src|href)=\"?([^\" >]+)", tag).group(1)
        integ = re.search(r"integrity=\"([^\"]+)\"", tag)
        local = not url.startswith(("http", "/favicon", "manifest")) and "rel=icon" not in tag \
            and "rel=manifest" not in tag and "as=font" not in tag
        if not local:
            continue
        assert integ, tag
        data = open(os.path.join(out, url.lstrip("/")), "rb").read()
        want = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        assert integ.group(1) == want, tag
        checked += 1
    assert checked == 4, tags  # stylesheet, modulepreload, module script, classic script
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]


def test_no_hash_keeps_every_name():
    out, m, _ = build(aotest.copy_site("plain"), "--no-hash")
    assert all(v["output"] == k for k, v in m["files"].items())
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]


def test_keep_names_from_config():
    site = aotest.copy_site("plain")
    cfg = os.path.join(aotest.tmpdir(), "assetopt.json")
    json.dump({"keepNames": ["img/*.png"]}, open(cfg, "w"))
    out = os.path.join(aotest.tmpdir(), "out")
    run("build", site, "-o", out, "-c", cfg, "--no-cache", check=0)
    m = json.load(open(os.path.join(out, "asset-manifest.json")))
    assert m["files"]["img/logo.png"]["output"] == "img/logo.png"
    assert m["files"]["img/photo.jpg"]["output"] != "img/photo.jpg"
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]


def test_reference_written_with_escapes_pins_the_name():
    site = aotest.copy_site("plain")
    with open(os.path.join(site, "about", "index.html"), "a") as f:
        f.write('<img src="../img/icon&#45;192.png" alt="">\n')
    out, m, _ = build(site)
    # the entity-encoded reference cannot be rewritten safely: the file keeps its name
    assert m["files"]["img/icon-192.png"]["output"] == "img/icon-192.png"
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]


def test_corpus_sites_build_with_no_broken_reference():
    corpus = aotest.corpus()
    if not corpus:
        raise aotest.Skip("no ../shared/corpus")
    for name, preset in (("static-docs", "plain"), ("vite-react", "vite")):
        site = os.path.join(corpus, "sites", name)
        before = aotest.broken_references(site)
        out = os.path.join(aotest.tmpdir(), name)
        run("build", site, "-o", out, "--no-cache", "--preset", preset, check=0)
        after = aotest.broken_references(out)
        assert len(after) <= len(before), (name, before, after)


def test_webp_siblings_and_picture():
    out, m, _ = build(aotest.copy_site("plain"), "--picture")
    f = m["files"]
    with_webp = [k for k, v in f.items() if "webp" in v]
    assert "img/photo.jpg" in with_webp and "img/photo-2x.jpg" in with_webp, with_webp
    for k in with_webp:
        webp = open(os.path.join(out, f[k]["webp"]), "rb").read()
        assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP", k
        assert len(webp) < f[k]["size"]["raw"], k
        assert re.fullmatch(r".*\.[a-z2-7]{10}\.webp", f[k]["webp"])
    guide = open(os.path.join(out, "guide", "index.html")).read()
    photo = os.path.basename(f["img/photo.jpg"]["output"])
    webp = os.path.basename(f["img/photo.jpg"]["webp"])
    assert re.search(r'<picture><source srcset="/img/%s" type="image/webp"><img src="/img/%s\?v=3#frag"[^>]*></picture>'
                     % (re.escape(webp), re.escape(photo)), guide), guide
    # an <img> already inside a <picture> is left alone
    index = open(os.path.join(out, "index.html")).read()
    assert index.count("<picture>") == 1
    assert aotest.broken_references(out) == [("guide/index.html", "missing.html")]
    # without --picture, HTML does not change
    out2, _, _ = build(aotest.copy_site("plain"), "--webp")
    assert "<picture><source srcset=\"/img/" not in open(os.path.join(out2, "guide", "index.html")).read()


def test_vite_maps_keep_names_and_root_relative_strings_follow():
    site = os.path.join(aotest.tmpdir(), "vite")
    os.makedirs(os.path.join(site, "assets"))
    os.makedirs(os.path.join(site, "public-img"))
    files = {
        "index.html": '<!doctype html><script type="module" src="/assets/main-AAAAAAAA.js"></script>',
        "assets/main-AAAAAAAA.js": 'const deps=["assets/lazy-BBBBBBBB.js","public-img/p.png"];'
                                   'import("./lazy-BBBBBBBB.js");\n//# sourceMappingURL=main-AAAAAAAA.js.map\n',
        "assets/main-AAAAAAAA.js.map": '{"version":3,"file":"main-AAAAAAAA.js","sources":[],"mappings":""}',
        "assets/lazy-BBBBBBBB.js": 'export default 1;\n//# sourceMappingURL=lazy-BBBBBBBB.js.map\n',
        "assets/lazy-BBBBBBBB.js.map": '{"version":3,"file":"lazy-BBBBBBBB.js","sources":[],"mappings":""}',
    }
    for k, v in files.items():
        open(os.path.join(site, k), "w").write(v)
    shutil.copyfile(os.path.join(aotest.TESTDATA, "sites", "plain", "img", "bg.png"),
                    os.path.join(site, "public-img", "p.png"))
    out, m, _ = build(site, "--preset", "vite")
    f = m["files"]
    # bundler names (maps included) stay; the public image gets a hash, so
    # main's bytes change and main needs a new name
    assert f["assets/lazy-BBBBBBBB.js"]["output"] == "assets/lazy-BBBBBBBB.js"
    assert f["assets/lazy-BBBBBBBB.js.map"]["output"] == "assets/lazy-BBBBBBBB.js.map"
    assert f["public-img/p.png"]["output"] != "public-img/p.png"
    # main and its map name each other: both change together
    main_map = f["assets/main-AAAAAAAA.js.map"]["output"]
    assert main_map != "assets/main-AAAAAAAA.js.map" and main_map.endswith(".js.map")
    main = open(os.path.join(out, f["assets/main-AAAAAAAA.js"]["output"])).read()
    assert "sourceMappingURL=" + os.path.basename(main_map) in main
    # a root-relative path in a string (a preload table) follows the rename
    assert '"' + f["public-img/p.png"]["output"] + '"' in main, main
    assert '"assets/lazy-BBBBBBBB.js"' in main


def test_import_map_addresses_follow_renames():
    site = os.path.join(aotest.tmpdir(), "im")
    os.makedirs(os.path.join(site, "js"))
    open(os.path.join(site, "index.html"), "w").write(
        '<script type="importmap">{"imports": {"fmt": "./js/format.js"}}</script>'
        '<link rel="modulepreload" href="js/format.js">'
        '<script type="module">import f from "fmt"; f();</script>')
    open(os.path.join(site, "js", "format.js"), "w").write("export default function(){}\n")
    out, m, _ = build(site)
    new = m["files"]["js/format.js"]["output"]
    assert new != "js/format.js"
    index = open(os.path.join(out, "index.html")).read()
    assert f'"./{new}"' in index, index
