"""The HTML report in a real browser: headless Chromium (Debian `chromium`)
driven by playwright-core from tests/node_modules. Asserts no console error
and no network request, one treemap cell per file, that clicking a folder
zooms in, that the table sorts; saves a screenshot as a test artifact
(build/test-artifacts/report.png, or $AO_ARTIFACTS)."""
import json
import os
import shutil
import subprocess

import aotest

CHROMIUM = os.environ.get("AO_CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = os.path.join(aotest.ROOT, "tests", "node_modules")

DRIVER = r"""
const { chromium } = require('playwright-core');
const [exe, page_path, shot, profile] = process.argv.slice(2);
(async () => {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: exe, headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out = { errors: [], requests: [] };
  const page = await ctx.newPage();
  page.on('console', m => { if (m.type() === 'error') out.errors.push(m.text()); });
  page.on('pageerror', e => out.errors.push(String(e)));
  page.on('request', r => { if (!r.url().startsWith('file:')) out.requests.push(r.url()); });
  await page.goto('file://' + page_path);
  await page.waitForSelector('#map .cell.file');
  out.cells = await page.locator('#map .cell.file').count();
  out.title = await page.title();
  out.rows = await page.locator('#files tbody tr').count();
  await page.screenshot({ path: shot, fullPage: true });
  await page.click('#map .cell.dir[data-path="js"] > .lbl');
  out.zoomCells = await page.locator('#map .cell.file').count();
  out.zoomPaths = await page.$$eval('#map .cell.file', cs => cs.map(c => c.dataset.path));
  out.crumbs = await page.textContent('#crumbs');
  await page.click('#crumbs a');
  out.backCells = await page.locator('#map .cell.file').count();
  await page.click('#files th[data-k="p"]');
  out.firstRow = await page.textContent('#files tbody tr:first-child td:first-child');
  await page.selectOption('#measure', 'r');
  out.afterMeasure = await page.locator('#map .cell.file').count();
  await ctx.close();
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"""


def test_report_html_in_chromium():
    if not os.path.exists(CHROMIUM):
        raise aotest.Skip(f"{CHROMIUM} not found (apt-get install chromium)")
    if not os.path.isdir(os.path.join(NODE_MODULES, "playwright-core")):
        raise aotest.Skip("playwright-core not installed (make test-deps)")
    if not shutil.which("node"):
        raise aotest.Skip("node not found")
    d = aotest.tmpdir()
    site = os.path.join(d, "site")
    shutil.copytree(os.path.join(aotest.TESTDATA, "budget", "graph"), site)
    html = os.path.join(d, "report.html")
    aotest.run("report", site, "--html", html, "--title", "graph fixture", check=0)
    artifacts = os.environ.get("AO_ARTIFACTS",
                               os.path.join(aotest.ROOT, "build", "test-artifacts"))
    os.makedirs(artifacts, exist_ok=True)
    shot = os.path.join(artifacts, "report.png")
    driver = os.path.join(d, "driver.js")
    with open(driver, "w") as f:
        f.write(DRIVER)
    env = dict(os.environ, NODE_PATH=NODE_MODULES)
    p = subprocess.run(["node", driver, CHROMIUM, html, shot, os.path.join(d, "profile")],
                       capture_output=True, text=True, env=env, timeout=180)
    assert p.returncode == 0, f"driver failed:\n{p.stdout}\n{p.stderr}"
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["errors"] == [], out["errors"]
    assert out["requests"] == [], out["requests"]
    assert out["cells"] == 15, out
    assert out["rows"] == 15, out
    assert out["title"] == "graph fixture · assetopt sizes", out["title"]
    # js/ holds 7 files; zoomed in, only they are drawn
    assert out["zoomCells"] == 7, out
    assert all(p.startswith("js/") for p in out["zoomPaths"]), out["zoomPaths"]
    assert "js" in out["crumbs"]
    assert out["backCells"] == 15 and out["afterMeasure"] == 15
    assert out["firstRow"] == "about.html", out["firstRow"]
    assert os.path.getsize(shot) > 10000
