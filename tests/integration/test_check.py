"""assetopt check: budgets from assetopt.json and Lighthouse budget.json,
the initial-load graph of a hand-written manifest, output formats (golden
files; UPDATE=1 rewrites them), exit codes and bad input."""
import gzip
import json
import os
import random
import shutil
import xml.etree.ElementTree as ET

import aotest

DATA = os.path.join(aotest.TESTDATA, "budget")
GOLDEN = os.path.join(DATA, "golden")


def site():
    """A temporary folder holding the fixture as ./site, and its config
    folder as ./config; returns the temporary folder (the cwd to use)."""
    d = aotest.tmpdir()
    shutil.copytree(os.path.join(DATA, "graph"), os.path.join(d, "site"))
    shutil.copytree(os.path.join(DATA, "config"), os.path.join(d, "config"))
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


def test_default_budget_fails_with_table():
    d = site()
    p = aotest.run("check", "site", check=1, cwd=d)
    assert "FAIL   index.html: initial script (gzip)" in p.stdout
    assert "+25.0 kB" in p.stdout and "105%" in p.stdout
    assert "js/vendor.dddddddddd.js" in p.stdout  # largest contributor
    assert "1 of 2 budgets exceeded" in p.stdout
    assert "js/missing.js, which is not in the folder" in p.stderr
    golden("default.txt", p.stdout)


def test_formats_golden():
    d = site()
    for fmt, name in (("json", "default.json"), ("github", "default.github"),
                      ("junit", "default.junit.xml")):
        p = aotest.run("check", "site", "--format", fmt, check=1, cwd=d)
        golden(name, p.stdout)
    p = aotest.run("check", "site", "--format", "json", check=1, cwd=d)
    doc = json.loads(p.stdout)
    assert doc["ok"] is False and doc["failed"] == 1
    r = doc["results"][1]
    assert r["actual"] == 525000 and r["limit"] == 500000 and r["overBy"] == 25000
    assert r["limitText"] == "500 KB" and r["measure"] == "gzip"
    p = aotest.run("check", "site", "--format", "github", check=1, cwd=d)
    assert p.stdout.startswith("::error file=site/index.html,title=Size budget exceeded::")


def test_junit_file_is_xml():
    d = site()
    out = os.path.join(d, "junit.xml")
    aotest.run("check", "site", "--format", "junit", "-o", out, check=1, cwd=d)
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites" and root.get("failures") == "1"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 2
    assert cases[1].find("failure") is not None
    assert cases[0].find("failure") is None


def test_config_rules_and_units_as_written():
    d = site()
    p = aotest.run("check", "site", "--config", "config/ok.json", check=1, cwd=d)
    out = p.stdout
    assert "500 kb" in out        # echoed as written
    assert "20 KiB" in out
    assert "about.html: initial script (brotli)" in out
    assert "index.html: initial font requests" in out
    assert "**/*.png: total (raw)" in out
    assert "js/vendor.dddddddddd.js (brotli)" in out
    golden("config.txt", out)


def test_measure_flag_overrides():
    d = site()
    p = aotest.run("check", "site", "--measure", "raw", "--format", "json", check=1, cwd=d)
    doc = json.loads(p.stdout)
    assert all(r["measure"] == "raw" for r in doc["results"])
    assert doc["results"][1]["actual"] == 1200000 + 300000 + 50000
    aotest.run("check", "site", "--measure", "zstd", check=2, cwd=d)


def test_lighthouse_budget_file():
    d = site()
    p = aotest.run("check", "site", "--budget-file", "config/budget.json",
                   "--format", "json", check=1, cwd=d)
    doc = json.loads(p.stdout)
    names = [r["rule"] for r in doc["results"]]
    assert names == ["about.html: initial script (gzip)",
                     "index.html: initial script (gzip)",
                     "index.html: initial total (gzip)",
                     "index.html: initial third-party requests"], names
    about, script, total, third = doc["results"]
    assert about["limitText"] == "10 KiB" and not about["over"]
    assert script["limit"] == 600 * 1024 and not script["over"]
    assert total["over"]
    # through assetopt.json "budgetFile", relative to the config
    p = aotest.run("check", "site", "--config", "config/with-budget-file.json",
                   "--format", "json", check=1, cwd=d)
    assert [r["rule"] for r in json.loads(p.stdout)["results"]] == names


def test_bad_config_names_path_and_line():
    d = site()
    p = aotest.run("check", "site", "--config", "config/bad-size.json", check=2, cwd=d)
    assert ('config/bad-size.json:4:18: error: budgets.files["js/*.js"]: '
            'invalid size "abc"') in p.stderr, p.stderr
    p = aotest.run("check", "site", "--budget-file", "config/budget-bad-type.json",
                   check=2, cwd=d)
    assert ('config/budget-bad-type.json:5:25: error: [0].resourceSizes[0].resourceType: '
            'unknown resource type "scripts"') in p.stderr, p.stderr
    with open(os.path.join(d, "broken.json"), "w") as f:
        f.write('{"budgets": {\n  "initial": {"script": "1 KB",}\n}}')
    p = aotest.run("check", "site", "--config", "broken.json", check=2, cwd=d)
    assert "broken.json:2:" in p.stderr and "malformed JSON" in p.stderr
    p = aotest.run("check", "site", "--config", "nowhere.json", check=2, cwd=d)
    assert "nowhere.json" in p.stderr


def test_assetopt_json_in_cwd_is_read():
    d = site()
    shutil.copy(os.path.join(d, "config", "ok.json"), os.path.join(d, "assetopt.json"))
    p = aotest.run("check", "site", check=1, cwd=d)
    assert "500 kb" in p.stdout


def test_usage_and_input_errors():
    d = site()
    aotest.run("check", "site", "--format", "xml", check=2, cwd=d)
    aotest.run("check", "site", "--bogus", check=2, cwd=d)
    aotest.run("check", "site", "--config", check=2, cwd=d)
    aotest.run("check", "no-such-folder", check=3, cwd=d)
    p = aotest.run("check", "--help", check=0)
    assert "--budget-file" in p.stdout


def test_empty_folder_passes():
    d = aotest.tmpdir()
    p = aotest.run("check", d, check=0)
    assert "no budget applies" in p.stdout


def test_within_budget_exits_zero():
    d = site()
    with open(os.path.join(d, "big.json"), "w") as f:
        json.dump({"budgets": {"initial": {"script": "2 MB"}}}, f)
    p = aotest.run("check", "site", "--config", "big.json", check=0, cwd=d)
    assert "all 2 budgets met" in p.stdout


def test_folder_without_manifest_measures_files():
    d = aotest.tmpdir()
    rnd = random.Random(5)
    words = ["function", "return", "const", "let", "value", "item", "(", ")", "{", "}", ";"]
    js = " ".join(rnd.choice(words) for _ in range(40000)).encode()
    os.makedirs(os.path.join(d, "js"))
    with open(os.path.join(d, "js", "app.js"), "wb") as f:
        f.write(js)
    with open(os.path.join(d, "js", "other.js"), "wb") as f:
        f.write(js[:5000])
    # a precompressed sibling: its size is the served size
    with open(os.path.join(d, "js", "other.js.gz"), "wb") as f:
        f.write(b"\x1f\x8b" + b"x" * 998)
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<!doctype html><script src=js/app.js></script>")
    cfg = os.path.join(d, "..", "budget-cfg.json")
    with open(cfg, "w") as f:
        json.dump({"budgets": {"files": {"js/*.js": "10 KB"}}}, f)
    p = aotest.run("check", d, "--config", cfg, "--format", "json", check=1)
    doc = json.loads(p.stdout)
    sizes = {r["file"]: r["actual"] for r in doc["results"]}
    assert set(sizes) == {"js/app.js", "js/other.js"}, sizes
    assert sizes["js/other.js"] == 1000
    zlib9 = len(gzip.compress(js, 9, mtime=0))
    assert 0 < sizes["js/app.js"] <= zlib9, (sizes, zlib9)
    assert doc["failed"] == 1
