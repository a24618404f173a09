"""assetopt build: the output tree, siblings, manifest, determinism, cache,
atomic output, and bad input."""
import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time

import aotest
from aotest import run


def build(site, *extra, check=0):
    out = os.path.join(aotest.tmpdir(), "out")
    p = run("build", site, "-o", out, "--no-cache", *extra, check=check)
    return out, p


def digest_tree(root):
    return {k: hashlib.sha256(v).hexdigest() for k, v in aotest.tree(root).items()}


def test_every_file_is_in_out_with_manifest():
    site = aotest.copy_site("plain")
    out, _ = build(site)
    manifest = json.load(open(os.path.join(out, "asset-manifest.json")))
    assert manifest["version"] == 1
    files = manifest["files"]
    src = sorted(aotest.tree(site))
    # dotfiles are skipped, except .well-known/
    want = [p for p in src if not os.path.basename(p).startswith(".") or p.startswith(".well-known/")]
    assert ".DS_Store" in src and ".DS_Store" not in files
    assert sorted(files) == want, (sorted(files), want)
    outs = aotest.tree(out)
    for rel, entry in files.items():
        assert entry["output"] in outs, entry["output"]
        data = outs[entry["output"]]
        assert entry["size"]["raw"] == len(data)
        assert entry["size"]["original"] == os.path.getsize(os.path.join(site, rel))
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["integrity"].startswith("sha384-")
    assert files["css/site.css"]["kind"] == "css"
    assert files["img/photo.jpg"]["kind"] == "jpeg"
    assert files["manifest.webmanifest"]["kind"] == "webmanifest"
    assert files["js/app.js.map"]["kind"] == "sourcemap"


def test_siblings_decompress_to_the_file_and_are_smaller():
    out, _ = build(aotest.copy_site("plain"))
    manifest = json.load(open(os.path.join(out, "asset-manifest.json")))
    seen = 0
    for rel, entry in manifest["files"].items():
        path = os.path.join(out, entry["output"])
        data = open(path, "rb").read()
        if "gz" in entry["precompressed"]:
            gz = open(path + ".gz", "rb").read()
            assert gzip.decompress(gz) == data
            assert len(gz) < len(data)
            assert entry["size"]["gzip"] == len(gz)
            seen += 1
        else:
            assert not os.path.exists(path + ".gz")
        if "br" in entry["precompressed"]:
            br = open(path + ".br", "rb").read()
            assert len(br) < len(data)
            assert entry["size"]["brotli"] == len(br)
    assert seen >= 5
    # binary images are never precompressed
    assert not os.path.exists(os.path.join(out, manifest["files"]["img/photo.jpg"]["output"] + ".gz"))


def test_brotli_siblings_decode_with_an_independent_decoder():
    try:
        import brotli  # python3-brotli
    except ImportError:
        raise aotest.Skip("python3-brotli is not installed")
    out, _ = build(aotest.copy_site("plain"))
    for dirpath, _, names in os.walk(out):
        for n in names:
            if n.endswith(".br"):
                p = os.path.join(dirpath, n)
                assert brotli.decompress(open(p, "rb").read()) == open(p[:-3], "rb").read()


def test_no_precompress_writes_no_siblings():
    out, _ = build(aotest.copy_site("plain"), "--no-precompress")
    assert not [p for p in aotest.tree(out) if p.endswith((".gz", ".br"))]


def test_input_folder_is_never_modified():
    site = aotest.copy_site("plain")
    before = digest_tree(site)
    build(site)
    build(site, "--sri", "--webp")
    assert digest_tree(site) == before


def test_same_output_whatever_the_thread_count():
    site = aotest.copy_site("plain")
    a, _ = build(site, "-j", "1")
    b, _ = build(site, "-j", "4")
    c, _ = build(site, "-j", "3", "--sri")
    ta, tb = aotest.tree(a), aotest.tree(b)
    assert ta == tb
    assert len(aotest.tree(c)) == len(ta)


def test_warm_build_redoes_no_transform():
    site = aotest.copy_site("plain")
    cache = os.path.join(aotest.tmpdir(), "cache")
    out1 = os.path.join(aotest.tmpdir(), "o1")
    out2 = os.path.join(aotest.tmpdir(), "o2")
    p1 = run("build", site, "-o", out1, "--cache-dir", cache, "-v", check=0)
    assert "transforms: 0 run" not in p1.stderr
    p2 = run("build", site, "-o", out2, "--cache-dir", cache, "-v", check=0)
    assert "transforms: 0 run," in p2.stderr, p2.stderr
    assert "compressions: 0 run," in p2.stderr, p2.stderr
    assert aotest.tree(out1) == aotest.tree(out2)
    # a damaged cache is a miss, never a wrong output
    for dirpath, _, names in os.walk(cache):
        for n in names:
            p = os.path.join(dirpath, n)
            data = bytearray(open(p, "rb").read())
            if len(data) > 40:
                data[40] ^= 0xFF
                open(p, "wb").write(bytes(data))
    out3 = os.path.join(aotest.tmpdir(), "o3")
    run("build", site, "-o", out3, "--cache-dir", cache, check=0)
    assert aotest.tree(out3) == aotest.tree(out1)


def test_changed_file_is_recomputed_alone():
    site = aotest.copy_site("plain")
    cache = os.path.join(aotest.tmpdir(), "cache")
    out = os.path.join(aotest.tmpdir(), "o")
    run("build", site, "-o", out, "--cache-dir", cache, check=0)
    with open(os.path.join(site, "css", "base.css"), "a") as f:
        f.write("\nfooter { color: red; }\n")
    p = run("build", site, "-o", out, "--cache-dir", cache, "-v", check=0)
    assert "transforms: 1 run," in p.stderr, p.stderr


def test_rebuild_replaces_out():
    site = aotest.copy_site("plain")
    out, _ = build(site)
    os.remove(os.path.join(site, "data", "readme.txt"))
    run("build", site, "-o", out, "--no-cache", check=0)
    assert not os.path.exists(os.path.join(out, "data", "readme.txt"))
    assert not [n for n in os.listdir(os.path.dirname(out)) if "assetopt-tmp" in n]


def test_killed_build_leaves_out_as_it_was():
    site = os.path.join(aotest.tmpdir(), "big")
    os.makedirs(site)
    # enough text for brotli at quality 11 to take a while
    import random
    rnd = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    for i in range(60):
        with open(os.path.join(site, f"f{i:03}.css"), "w") as f:
            for j in range(6000):
                f.write(f".c{i}-{j} {{ color: #{rnd.randrange(1 << 24):06x}; content: \"{rnd.choice(words)}\" }}\n")
    out = os.path.join(aotest.tmpdir(), "out")
    run("build", aotest.copy_site("plain"), "-o", out, "--no-cache", check=0)
    before = digest_tree(out)
    for delay in (0.3, 0.8):
        proc = subprocess.Popen([aotest.BIN, "build", site, "-o", out, "--no-cache", "-j", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is not None:
            raise AssertionError("the build finished before it could be killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert digest_tree(out) == before
    # the next build cleans up what the killed ones left
    run("build", aotest.copy_site("plain"), "-o", out, "--no-cache", check=0)
    assert not [n for n in os.listdir(os.path.dirname(out)) if n.startswith(".")]


def test_missing_input_folder():
    out = os.path.join(aotest.tmpdir(), "out")
    p = run("build", "/nonexistent/site", "-o", out, check=3)
    assert "/nonexistent/site: no such folder" in p.stderr
    assert not os.path.exists(out)


def test_empty_input_folder():
    p = run("build", aotest.tmpdir(), "-o", os.path.join(aotest.tmpdir(), "o"), check=3)
    assert "no files to build" in p.stderr


def test_out_inside_in_and_in_inside_out_are_refused():
    site = aotest.copy_site("plain")
    p = run("build", site, "-o", os.path.join(site, "dist"), check=2)
    assert "must not be inside the input folder" in p.stderr
    assert not os.path.exists(os.path.join(site, "dist"))
    p = run("build", site, "-o", os.path.dirname(site), check=2)
    assert "must not contain the input folder" in p.stderr
    assert os.path.isdir(site)


def test_foreign_out_folder_is_not_replaced_without_force():
    site = aotest.copy_site("plain")
    out = os.path.join(aotest.tmpdir(), "precious")
    os.makedirs(out)
    open(os.path.join(out, "thesis.tex"), "w").write("years of work")
    p = run("build", site, "-o", out, check=2)
    assert "was not written by assetopt" in p.stderr
    assert os.listdir(out) == ["thesis.tex"]
    run("build", site, "-o", out, "--force", check=0)
    assert os.path.exists(os.path.join(out, "asset-manifest.json"))


def test_unreadable_file_fails_and_keeps_out():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        raise aotest.Skip("needs root and setpriv to run as another user")
    base = aotest.tmpdir()
    os.chmod(base, 0o755)
    site = aotest.copy_site("plain", os.path.join(base, "site"))
    out = os.path.join(base, "out")
    os.makedirs(out)
    for dirpath, dirs, names in os.walk(base):
        for n in dirs + names:
            os.chmod(os.path.join(dirpath, n), 0o777 if n in dirs else 0o666)
    os.chmod(base, 0o777)
    os.chmod(os.path.join(site, "css", "site.css"), 0o000)
    p = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        aotest.BIN, "build", site, "-o", out, "--no-cache"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "css/site.css" in p.stderr and "Permission denied" in p.stderr, p.stderr
    assert os.listdir(out) == []


def test_empty_file_odd_name_and_huge_file_are_copied():
    site = aotest.copy_site("plain")
    open(os.path.join(site, "empty.js"), "w").close()
    odd = os.path.join(site.encode(), b"data", b"caf\xe9.txt")
    open(odd, "wb").write(b"latin-1 name")
    huge = os.path.join(site, "video.mp4")
    with open(huge, "wb") as f:
        f.truncate(200 * 1000 * 1000)  # sparse: cheap to make
    out = os.path.join(aotest.tmpdir(), "out")
    p = run("build", site, "-o", out, "--no-cache", check=0)
    assert "empty.js: warning: empty file" in p.stderr, p.stderr
    assert "not UTF-8" in p.stderr
    assert "video.mp4: warning: 200000000 bytes, over the" in p.stderr
    assert os.path.getsize(os.path.join(out, "video.mp4")) == 200 * 1000 * 1000
    assert os.path.exists(os.path.join(out.encode(), b"data", b"caf\xe9.txt"))
    manifest = json.load(open(os.path.join(out, "asset-manifest.json")))
    assert manifest["files"]["empty.js"]["size"]["raw"] == 0
    assert not any("caf" in k for k in manifest["files"])


def test_symlink_leading_outside_is_skipped():
    site = aotest.copy_site("plain")
    secret = os.path.join(aotest.tmpdir(), "secret.txt")
    open(secret, "w").write("outside")
    os.symlink(secret, os.path.join(site, "leak.txt"))
    os.symlink(os.path.join(site, "css"), os.path.join(site, "styles"))  # inside: followed
    out, p = build(site)
    assert "leak.txt: warning: skipped: symbolic link leads outside the folder" in p.stderr
    assert not os.path.exists(os.path.join(out, "leak.txt"))
    manifest = json.load(open(os.path.join(out, "asset-manifest.json")))
    assert "styles/site.css" in manifest["files"]


def test_malformed_config_names_key_and_position():
    site = aotest.copy_site("plain")
    cfg = os.path.join(aotest.tmpdir(), "assetopt.json")
    open(cfg, "w").write('{\n  "images": { "quality": "high" }\n}\n')
    p = run("build", site, "-o", os.path.join(aotest.tmpdir(), "o"), "-c", cfg, check=2)
    assert f"{cfg}:2:26: error: images.quality: must be a whole number" in p.stderr, p.stderr


def test_preset_from_config_in_current_folder():
    site = aotest.copy_site("vite")
    work = aotest.tmpdir()
    open(os.path.join(work, "assetopt.json"), "w").write(
        json.dumps({"preset": "vite", "input": site, "output": os.path.join(work, "o")}))
    run("build", "--no-cache", cwd=work, check=0)
    assert os.path.exists(os.path.join(work, "o", "asset-manifest.json"))


def test_configured_budgets_are_checked_after_the_build():
    site = aotest.copy_site("plain")
    work = aotest.tmpdir()
    json.dump({"budgets": {"initial": {"script": "100 B"}}},
              open(os.path.join(work, "assetopt.json"), "w"))
    out = os.path.join(work, "out")
    p = run("build", site, "-o", out, "--no-cache", cwd=work, check=1)
    assert "FAIL   index.html: initial script (gzip)" in p.stderr, p.stderr
    # the build itself succeeded: OUT is there
    assert os.path.exists(os.path.join(out, "asset-manifest.json"))
    run("build", site, "-o", out, "--no-cache", "--no-budget", cwd=work, check=0)
    json.dump({"budgets": {"initial": {"script": "500 KB"}}},
              open(os.path.join(work, "assetopt.json"), "w"))
    run("build", site, "-o", out, "--no-cache", cwd=work, check=0)


def test_lossy_only_where_configured():
    site = aotest.copy_site("plain")
    work = aotest.tmpdir()
    cfg = os.path.join(work, "assetopt.json")

    def sizes(conf):
        json.dump(conf, open(cfg, "w"))
        out = os.path.join(work, "out")
        run("build", site, "-o", out, "-c", cfg, "--no-cache", check=0)
        m = json.load(open(os.path.join(out, "asset-manifest.json")))["files"]
        return {k: v["size"]["raw"] for k, v in m.items()}

    lossless = sizes({})
    globbed = sizes({"images": {"lossy": ["img/photo-2x.jpg", "img/icon-*.png"], "quality": 40}})
    everything = sizes({"images": {"lossy": True, "quality": 40,
                                   "lossless": ["img/photo.jpg"]}})
    # only the globbed files change under a lossy glob list
    assert globbed["img/photo-2x.jpg"] < lossless["img/photo-2x.jpg"]
    assert globbed["img/photo.jpg"] == lossless["img/photo.jpg"]
    # "lossless" wins over lossy: true
    assert everything["img/photo.jpg"] == lossless["img/photo.jpg"]
    assert everything["img/photo-2x.jpg"] < lossless["img/photo-2x.jpg"]
    p = run("build", site, "-o", os.path.join(work, "o2"), "-c", cfg, check=0)
    json.dump({"images": {"lossy": "yes"}}, open(cfg, "w"))
    p = run("build", site, "-o", os.path.join(work, "o2"), "-c", cfg, check=2)
    assert "images.lossy: must be true, false or an array of globs" in p.stderr


def test_js_levels():
    site = aotest.copy_site("plain")

    def a_js(*flags):
        out = os.path.join(aotest.tmpdir(), "out")
        run("build", site, "-o", out, "--no-cache", *flags, check=0)
        m = json.load(open(os.path.join(out, "asset-manifest.json")))["files"]
        return open(os.path.join(out, m["js/a.js"]["output"])).read()

    default = a_js()
    assert "function greet(" in default and "(name)" not in default  # local renamed
    assert "export const suffix" in default   # exported names stay
    ws = a_js("--minify", "whitespace")
    assert "function greet(name)" in ws
    run("build", site, "-o", os.path.join(aotest.tmpdir(), "o"), "--minify", "most", check=2)
    cfg = os.path.join(aotest.tmpdir(), "assetopt.json")
    json.dump({"minify": "whitespace"}, open(cfg, "w"))
    assert "function greet(name)" in a_js("-c", cfg)
