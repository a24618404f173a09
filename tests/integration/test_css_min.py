"""CSS minification through `assetopt minify`: golden files, an independent
oracle (lightningcss from npm re-minifies the original and our output; the
two must agree), idempotence and size over the corpus, and malformed input."""
import glob
import os
import shutil
import subprocess

import aotest

GOLDEN = os.path.join(aotest.TESTDATA, "minify", "css")
ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "css_oracle.js")
NODE_MODULES = os.path.join(aotest.ROOT, "tests", "node_modules")


def _fixtures():
    return sorted(f for f in glob.glob(os.path.join(GOLDEN, "*.css"))
                  if not f.endswith(".expected.css"))


def _corpus_css():
    c = aotest.corpus()
    return sorted(glob.glob(os.path.join(c, "css", "*.css"))) if c else []


def _minify(path, out, *extra):
    aotest.run("minify", path, "-o", out, *extra, check=0)
    with open(out, "rb") as f:
        return f.read()


def _need_oracle():
    if not shutil.which("node") or not os.path.isdir(os.path.join(NODE_MODULES, "lightningcss")):
        if os.environ.get("AO_NO_NODE") == "1":
            raise aotest.Skip("AO_NO_NODE=1: lightningcss not installed")
        raise AssertionError("lightningcss missing: run `make test-deps`")


def _oracle(original, minified):
    """(exit code, message): 0 when lightningcss reads both the same."""
    env = dict(os.environ, NODE_PATH=NODE_MODULES)
    p = subprocess.run(["node", ORACLE, original, minified], capture_output=True,
                       text=True, env=env, timeout=300)
    return p.returncode, p.stdout + p.stderr


def test_css_golden_files():
    update = os.environ.get("UPDATE") == "1"
    d = aotest.tmpdir()
    bad = []
    for src in _fixtures():
        name = os.path.basename(src)[:-4]
        got = _minify(src, os.path.join(d, name + ".css"))
        want_path = os.path.join(GOLDEN, name + ".expected.css")
        if update:
            with open(want_path, "wb") as f:
                f.write(got)
            continue
        with open(want_path, "rb") as f:
            if f.read() != got:
                bad.append(name)
    assert not bad, f"golden files differ (make test UPDATE=1 to rewrite): {bad}"


def test_css_oracle_fixtures():
    _need_oracle()
    d = aotest.tmpdir()
    bad = []
    for src in _fixtures():
        out = os.path.join(d, os.path.basename(src))
        _minify(src, out)
        rc, msg = _oracle(src, out)
        if rc == 2:
            continue  # lightningcss cannot read the original at all
        if rc:
            bad.append(f"{os.path.basename(src)}: {msg}")
    assert not bad, "\n".join(bad)


def test_css_oracle_corpus():
    files = _corpus_css()
    if not files:
        raise aotest.Skip("no corpus")
    _need_oracle()
    d = aotest.tmpdir()
    bad = []
    for src in files:
        out = os.path.join(d, os.path.basename(src))
        _minify(src, out)
        rc, msg = _oracle(src, out)
        if rc:
            bad.append(f"{os.path.basename(src)}: {msg}")
    assert not bad, "\n".join(bad)


def test_css_oracle_catches_breakage():
    """The oracle is only worth something if it sees a broken minification."""
    _need_oracle()
    d = aotest.tmpdir()
    orig = os.path.join(d, "orig.css")
    with open(orig, "w") as f:
        f.write("a{color:red;margin:0 1px}b .c{width:calc(1px + 2em)}d{x:y}\n")
    broken = {
        "dropped rule": "a{color:red;margin:0 1px}b .c{width:calc(1px + 2em)}",
        "changed value": "a{color:red;margin:0 2px}b .c{width:calc(1px + 2em)}d{x:y}",
        "lost combinator": "a{color:red;margin:0 1px}b.c{width:calc(1px + 2em)}d{x:y}",
        "merged selector": "a,d{color:red;margin:0 1px}b .c{width:calc(1px + 2em)}d{x:y}",
    }
    for what, text in broken.items():
        p = os.path.join(d, "broken.css")
        with open(p, "w") as f:
            f.write(text)
        rc, _ = _oracle(orig, p)
        assert rc == 1, f"oracle missed: {what}"
    # joining rules is only safe between selectors every browser reads
    orig2 = os.path.join(d, "orig2.css")
    with open(orig2, "w") as f:
        f.write("a{color:red}b::-moz-selection{color:red}c{color:red}d{color:red}")
    for what, text in {
        "joined a prefixed pseudo-element": "a,b::-moz-selection{color:red}c,d{color:red}",
        "joined rules dropped": "a,b::-moz-selection,c,d{color:red}",
    }.items():
        p = os.path.join(d, "broken.css")
        with open(p, "w") as f:
            f.write(text)
        rc, msg = _oracle(orig2, p)
        assert rc == 1, f"oracle missed: {what}"
    # only an earlier repeat of a rule may go, never the later one
    orig3 = os.path.join(d, "orig3.css")
    with open(orig3, "w") as f:
        f.write(".x{color:red}.y{color:blue}.x{color:red}")
    p = os.path.join(d, "broken.css")
    with open(p, "w") as f:
        f.write(".x{color:red}.y{color:blue}")
    assert _oracle(orig3, p)[0] == 1, "oracle missed: later repeat dropped"
    with open(p, "w") as f:
        f.write(".y{color:blue}.x{color:red}")
    assert _oracle(orig3, p)[0] == 0
    p = os.path.join(d, "joined.css")
    with open(p, "w") as f:
        f.write("a{color:red}b::-moz-selection{color:red}c,d{color:red}")
    assert _oracle(orig2, p)[0] == 0
    ok = os.path.join(d, "ok.css")
    with open(ok, "w") as f:
        f.write("a{color:red;margin:0 1px}b .c{width:calc(1px + 2em)}d{x:y}")
    assert _oracle(orig, ok)[0] == 0


def test_css_idempotent_and_never_larger():
    d = aotest.tmpdir()
    for src in _fixtures() + _corpus_css():
        once = os.path.join(d, "once.css")
        twice = os.path.join(d, "twice.css")
        a = _minify(src, once, "--type", "css")
        b = _minify(once, twice, "--type", "css")
        assert a == b, f"{os.path.basename(src)}: minify(minify(x)) != minify(x)"
        assert len(a) <= os.path.getsize(src), f"{os.path.basename(src)}: grew"


def test_css_malformed_is_reported_with_position():
    d = aotest.tmpdir()
    p = os.path.join(d, "bad.css")
    with open(p, "w") as f:
        f.write("a{color:red}\nb{content:\"oops}\n")
    r = aotest.run("minify", p, check=3)
    assert "bad.css:2:11: error:" in r.stderr, r.stderr
    assert r.stdout == ""


def test_css_stdin_and_drop_source_map_url():
    r = aotest.run("minify", "--type", "css", "--drop-source-map-url", "-",
                   input="a { color : #ffffff }\n/*# sourceMappingURL=a.map */\n", check=0)
    assert r.stdout == "a{color:#fff}", r.stdout
