"""assetopt minify with several files and --outdir: each output is what the
one-file form writes, names are checked before anything is written, and a
bad file does not stop the others."""
import os

import aotest

DATA = os.path.join(aotest.TESTDATA, "minify")


def inputs():
    picks = []
    for sub, ext in (("css", ".css"), ("svg", ".svg"), ("js", ".js"), ("json", ".json"),
                     ("html", ".html")):
        d = os.path.join(DATA, sub)
        names = sorted(n for n in os.listdir(d) if n.endswith(ext) and ".expected" not in n)
        picks.append(os.path.join(d, names[0]))
    return picks


def one(path, *flags):
    out = os.path.join(aotest.tmpdir(), "one")
    aotest.run("minify", "-q", *flags, path, "-o", out, check=0)
    with open(out, "rb") as f:
        return f.read()


def test_outdir_equals_one_file_at_a_time():
    files = inputs()
    out = os.path.join(aotest.tmpdir(), "min")
    aotest.run("minify", "-q", "--minify", "all", "--outdir", out, *files, check=0)
    assert sorted(os.listdir(out)) == sorted(os.path.basename(f) for f in files)
    for f in files:
        with open(os.path.join(out, os.path.basename(f)), "rb") as g:
            got = g.read()
        assert got == one(f, "--minify", "all"), f
        assert len(got) <= os.path.getsize(f)


def test_outdir_same_name_twice_writes_nothing():
    d = aotest.tmpdir()
    for sub in ("a", "b"):
        os.makedirs(os.path.join(d, sub))
        with open(os.path.join(d, sub, "x.css"), "w") as f:
            f.write("a { color : red }\n")
    out = os.path.join(d, "out")
    p = aotest.run("minify", "--outdir", out, os.path.join(d, "a", "x.css"),
                   os.path.join(d, "b", "x.css"), check=2)
    assert "both be written" in p.stderr, p.stderr
    assert not os.path.exists(out)


def test_outdir_usage_errors():
    f = inputs()[0]
    out = aotest.tmpdir()
    aotest.run("minify", "--outdir", out, "-o", os.path.join(out, "x"), f, check=2)
    aotest.run("minify", f, f, check=2)               # several files need --outdir
    aotest.run("minify", "--outdir", out, check=2)    # and --outdir needs files
    aotest.run("minify", "--outdir", out, "-", check=2)


def test_outdir_bad_file_does_not_stop_the_others():
    d = aotest.tmpdir()
    good = os.path.join(d, "good.css")
    with open(good, "w") as f:
        f.write("a { color : #ffffff }\n")
    missing = os.path.join(d, "missing.css")
    out = os.path.join(d, "out")
    p = aotest.run("minify", "--outdir", out, missing, good, check=3)
    assert "missing.css" in p.stderr, p.stderr
    with open(os.path.join(out, "good.css")) as f:
        assert f.read() == "a{color:#fff}"
    assert not os.path.exists(os.path.join(out, "missing.css"))


def test_output_to_a_fifo_writes_into_it():
    """-o naming what is no regular file (a pipe, /dev/null) writes into it;
    it is never replaced by a file."""
    import stat
    d = aotest.tmpdir()
    src = os.path.join(d, "a.js")
    with open(src, "w") as f:
        f.write("var  a = 1 ;\n")
    fifo = os.path.join(d, "pipe")
    os.mkfifo(fifo)
    r = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        aotest.run("minify", src, "-o", fifo, check=0)
        got = os.read(r, 4096)
    finally:
        os.close(r)
    assert got == b"var a=1", got
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(os.listdir(d)) == ["a.js", "pipe"], os.listdir(d)
