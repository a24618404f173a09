"""assetopt report: the size table (golden files; UPDATE=1 rewrites them),
JSON that reads back, --compare with markdown for pull requests, colour,
folders without a manifest, and the HTML file's self-containment."""
import json
import os
import re
import shutil

import aotest

GRAPH = os.path.join(aotest.TESTDATA, "budget", "graph")
DATA = os.path.join(aotest.TESTDATA, "report")
GOLDEN = os.path.join(DATA, "golden")


def site():
    d = aotest.tmpdir()
    shutil.copytree(GRAPH, os.path.join(d, "site"))
    shutil.copy(os.path.join(DATA, "old-manifest.json"), os.path.join(d, "old.json"))
    return d


def golden(name, got):
    path = os.path.join(GOLDEN, name)
    if os.environ.get("UPDATE") == "1" or not os.path.exists(path):
        with open(path, "w") as f:
            f.write(got)
        return
    with open(path) as f:
        want = f.read()
    assert got == want, f"{name} differs from the golden file:\n--- got\n{got}\n--- want\n{want}"


def test_table_without_options():
    d = site()
    p = aotest.run("report", "site", check=0, cwd=d)
    out = p.stdout
    assert out.splitlines()[0].split() == ["file", "type", "original", "optimized",
                                           "gzip", "brotli", "saving"]
    assert "total (15 files)" in out
    assert "by type" in out and "by HTML entry (gzip)" in out and "top 10 by gzip" in out
    assert "\033[" not in out  # not a terminal: no colour
    golden("table.txt", out)


def test_colour_and_no_color():
    d = site()
    p = aotest.run("report", "site", "--color", "always", check=0, cwd=d)
    assert "\033[1m" in p.stdout
    p = aotest.run("report", "site", "--color", "auto", check=0, cwd=d,
                   env={"NO_COLOR": "1"})
    assert "\033[" not in p.stdout


def test_json_and_markdown_golden():
    d = site()
    p = aotest.run("report", "site", "--format", "json", check=0, cwd=d)
    golden("report.json", p.stdout)
    doc = json.loads(p.stdout)
    assert doc["total"]["files"] == 15
    e = doc["entries"]["index.html"]
    assert e["initial"]["files"] == 8 and e["lazy"]["files"] == 2
    assert e["missing"] == ["js/missing.js"]
    assert doc["files"]["js/vendor.js"]["size"]["gzip"] == 420000
    assert doc["budgets"]["failed"] == 1
    p = aotest.run("report", "site", "--format", "markdown", check=0, cwd=d)
    golden("report.md", p.stdout)
    assert p.stdout.startswith("| file | type |")


def test_compare_markdown_and_json():
    d = site()
    p = aotest.run("report", "site", "--compare", "old.json", "--format", "markdown",
                   check=0, cwd=d)
    golden("compare.md", p.stdout)
    out = p.stdout
    assert "| `js/chunk.js` | – | 6.0 kB | +6.0 kB | added |" in out
    assert "| `js/legacy.js` | 4.0 kB | – | -4.0 kB | removed |" in out
    assert "| `js/vendor.js` | 410.0 kB | 420.0 kB | +10.0 kB (+2.4%) |  |" in out
    p = aotest.run("report", "site", "--compare", "old.json", "--format", "json",
                   check=0, cwd=d)
    doc = json.loads(p.stdout)
    assert doc["added"] == 1 and doc["removed"] == 1 and doc["changed"] == 2
    assert doc["total"]["delta"] == 6000 - 4000 + 10000 - 5000
    p = aotest.run("report", "site", "--compare", "old.json", check=0, cwd=d)
    golden("compare.txt", p.stdout)


def test_report_json_reads_back_for_compare():
    d = site()
    aotest.run("report", "site", "--format", "json", "-o", "now.json", check=0, cwd=d)
    p = aotest.run("report", "site", "--compare", "now.json", "--format", "json",
                   check=0, cwd=d)
    doc = json.loads(p.stdout)
    assert doc["changed"] == doc["added"] == doc["removed"] == 0
    assert doc["unchanged"] == 15


def test_compare_folders_without_manifest_match_hashed_names():
    old = aotest.tmpdir()
    new = aotest.tmpdir()
    for root, name, body in ((old, "app.1a2b3c4d5e.js", "x" * 100),
                             (new, "app.9z8y7x6w5v.js", "x" * 300),
                             (old, "index-DF__Szq7.css", "a{}"),
                             (new, "index-Ck3Pq_9a.css", "a{}")):
        with open(os.path.join(root, name), "w") as f:
            f.write(body)
    p = aotest.run("report", new, "--compare", old, "--measure", "raw",
                   "--format", "json", check=0)
    doc = json.loads(p.stdout)
    files = {f["file"]: f for f in doc["files"]}
    assert set(files) == {"app.js", "index.css"}, files
    assert files["app.js"]["delta"] == 200
    assert files["index.css"]["status"] == "unchanged"


def test_folder_without_manifest():
    d = aotest.tmpdir()
    os.makedirs(os.path.join(d, "css"))
    css = ("body{margin:0;padding:0}\n" * 400).encode()
    with open(os.path.join(d, "css", "a.css"), "wb") as f:
        f.write(css)
    with open(os.path.join(d, "css", "a.css.br"), "wb") as f:
        f.write(b"b" * 77)
    with open(os.path.join(d, "logo.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    p = aotest.run("report", d, "--format", "json", check=0)
    doc = json.loads(p.stdout)
    assert set(doc["files"]) == {"css/a.css", "logo.png"}  # .br is a sibling
    a = doc["files"]["css/a.css"]
    assert a["kind"] == "css" and a["size"]["raw"] == len(css)
    assert a["size"]["brotli"] == 77
    assert 0 < a["size"]["gzip"] < len(css) // 10
    png = doc["files"]["logo.png"]
    assert png["kind"] == "png" and png["size"]["gzip"] == png["size"]["raw"] == 108


def test_empty_and_missing_folder():
    d = aotest.tmpdir()
    p = aotest.run("report", d, check=0)
    assert "no files" in p.stdout
    aotest.run("report", os.path.join(d, "nope"), check=3)
    aotest.run("report", d, "--format", "yaml", check=2)
    aotest.run("report", d, "--compare", os.path.join(d, "nope.json"), check=3)
    bad = os.path.join(d, "bad.json")
    with open(bad, "w") as f:
        f.write("{\"files\": [")
    p = aotest.run("report", d, "--compare", bad, check=3)
    assert "malformed JSON" in p.stderr


def test_html_is_self_contained():
    d = site()
    aotest.run("report", "site", "--html", "sizes.html", check=0, cwd=d)
    with open(os.path.join(d, "sizes.html")) as f:
        page = f.read()
    assert page.startswith("<!DOCTYPE html>")
    # nothing is fetched: no src/href attributes, no url(), no @import
    assert not re.search(r"""\s(?:src|href)\s*=""", page, re.I)
    assert "url(" not in page and "@import" not in page
    assert "http://" not in page and "https://" not in page
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    data = json.loads(m.group(1))
    assert len(data["files"]) == 15
    over = {f["p"] for f in data["files"] if f["s"] == 1}
    assert "js/vendor.dddddddddd.js" in over


def test_html_escapes_script_end_in_names():
    d = aotest.tmpdir()
    with open(os.path.join(d, "a<!--<script>.js"), "w") as f:
        f.write("x")
    aotest.run("report", d, "--html", os.path.join(d, "..", "r.html"), check=0)
    with open(os.path.join(d, "..", "r.html")) as f:
        page = f.read()
    assert page.count("<script") == 2 and "<!--" not in page
    assert "a\\u003c!--\\u003cscript>.js" in page
