// Drives headless Chromium for the end-to-end tests. Reads one JSON command
// per line on standard input and answers one JSON line on standard output:
//   {"cmd":"visit","url":…,"shot":PATH,"ready":JS,"sw":bool,"probe":JS,"keep":bool}
//   {"cmd":"eval","id":N,"expr":JS}        run JS in a kept page (awaits promises)
//   {"cmd":"close","id":N}
//   {"cmd":"compare","a":PNG,"b":PNG}      pixel difference of two screenshots
//   {"cmd":"quit"}
// Every wait is bounded; the browser only reaches 127.0.0.1. playwright-core
// starts Chromium with a fresh temporary --user-data-dir of its own, and each
// visit gets a new browser context (no cache, storage or service worker
// carried over from another visit).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const TIMEOUT = Number(process.env.AO_E2E_TIMEOUT_MS || 20000);
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-default-apps', '--disable-extensions', '--disable-domain-reliability',
  '--disable-client-side-phishing-detection', '--no-pings', '--metrics-recording-only',
  // nothing but loopback: every host name fails to resolve
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // stable pixels from run to run
  '--font-render-hinting=none', '--force-color-profile=srgb', '--hide-scrollbars',
  '--disable-lcd-text', '--force-device-scale-factor=1',
];

function bounded(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

// ---- PNG decoding (8-bit gray, RGB, RGBA, gray+alpha; no interlace) -------
function decodePng(path) {
  const buf = readFileSync(path);
  let pos = 8, width = 0, height = 0, type = 0, depth = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      depth = data[8]; type = data[9]; interlace = data[12];
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[type];
  if (depth !== 8 || !channels || interlace) throw new Error(`${path}: unsupported PNG`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4, s = x * channels;
      if (channels <= 2) {
        out[o] = out[o + 1] = out[o + 2] = cur[s];
        out[o + 3] = channels === 2 ? cur[s + 1] : 255;
      } else {
        out[o] = cur[s]; out[o + 1] = cur[s + 1]; out[o + 2] = cur[s + 2];
        out[o + 3] = channels === 4 ? cur[s + 3] : 255;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return { width, height, data: out };
}

function compare(a, b) {
  const A = decodePng(a), B = decodePng(b);
  if (A.width !== B.width || A.height !== B.height) {
    return { sameSize: false, a: [A.width, A.height], b: [B.width, B.height] };
  }
  let diff = 0, maxDelta = 0;
  for (let i = 0; i < A.data.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(A.data[i + k] - B.data[i + k]));
    if (d) diff++;
    if (d > maxDelta) maxDelta = d;
  }
  return { sameSize: true, width: A.width, height: A.height, pixels: A.width * A.height,
           diffPixels: diff, maxDelta };
}

// ---- pages ----------------------------------------------------------------
let browser;
const kept = new Map();
let nextId = 1;

// Records what a context fetched: responses with their transferred bytes,
// failures, console errors. Service worker requests are included.
function record(ctx, page) {
  const rec = { responses: [], failed: [], errors: [], inflight: 0, last: Date.now(), pending: [] };
  const done = () => { rec.inflight--; rec.last = Date.now(); };
  ctx.on('request', () => { rec.inflight++; rec.last = Date.now(); });
  ctx.on('requestfailed', (r) => {
    done();
    rec.failed.push({ url: r.url(), error: (r.failure() || {}).errorText || 'failed',
                      type: r.resourceType() });
  });
  ctx.on('requestfinished', (r) => {
    const p = (async () => {
      const resp = await bounded(r.response(), 5000, 'response');
      let sizes = { responseBodySize: 0, responseHeadersSize: 0 };
      /* a response from memory has no sizes; some browser builds never
         answer for one a service worker served: bounded, counted as 0 */
      try { sizes = await bounded(r.sizes(), 5000, 'sizes'); } catch { /* as above */ }
      let h = {};
      if (resp) {
        try { h = await bounded(resp.allHeaders(), 5000, 'headers'); } catch { h = resp.headers(); }
      }
      rec.responses.push({
        url: r.url(), method: r.method(), type: r.resourceType(),
        status: resp ? resp.status() : 0,
        encoding: h['content-encoding'] || '',
        contentType: h['content-type'] || '',
        body: Math.max(0, sizes.responseBodySize),
        bytes: Math.max(0, sizes.responseBodySize) + Math.max(0, sizes.responseHeadersSize),
        fromServiceWorker: resp ? resp.fromServiceWorker() : false,
        byServiceWorker: !!r.serviceWorker(),
      });
    })().catch((e) => {
      /* a response the browser build never reports (seen for a service
         worker's script) is a gap in the record, not an error of the page */
      if (!/no answer in/.test(e.message))
        rec.errors.push(`recording ${r.url()}: ${e.message}`);
    }).finally(done);
    rec.pending.push(p);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = (m.location() || {}).url;
    rec.errors.push(`console: ${m.text()}` + (at ? ` (at ${at})` : ''));
  });
  page.on('pageerror', (e) => rec.errors.push(`page error: ${e.message}`));
  return rec;
}

async function quiet(rec, ms = 400, limit = 10000) {
  const end = Date.now() + limit;
  while (Date.now() < end) {
    if (rec.inflight <= 0 && Date.now() - rec.last >= ms) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  /* reading bodies can take seconds while a cold browser starts up */
  await bounded(Promise.allSettled(rec.pending), 20000, 'recording responses');
}

function drain(rec) {
  const out = { responses: rec.responses, failed: rec.failed, errors: rec.errors };
  rec.responses = []; rec.failed = []; rec.errors = []; rec.pending = [];
  return out;
}

async function visit(cmd) {
  const ctx = await browser.newContext({
    viewport: { width: cmd.width || 1000, height: cmd.height || 700 },
    deviceScaleFactor: 1, serviceWorkers: 'allow', reducedMotion: 'reduce',
  });
  ctx.setDefaultTimeout(TIMEOUT);
  ctx.setDefaultNavigationTimeout(TIMEOUT);
  const page = await ctx.newPage();
  const rec = record(ctx, page);
  const res = { url: cmd.url };
  // each step runs even when one before failed, so a broken page still
  // gives its text and screenshot; the first failure is reported
  const step = async (fn) => {
    try { await fn(); } catch (e) { res.error = res.error || e.message.split('\n')[0]; }
  };
  await step(async () => {
    const resp = await page.goto(cmd.url, { waitUntil: 'load', timeout: TIMEOUT });
    res.status = resp ? resp.status() : 0;
  });
  if (!res.error && cmd.ready) {
    await step(() => page.waitForFunction(cmd.ready, null, { timeout: cmd.readyTimeout || TIMEOUT }));
  }
  await step(() => bounded(page.evaluate(() => document.fonts.ready.then(() => true)), TIMEOUT, 'fonts'));
  await step(() => page.waitForFunction(() => [...document.images].every((i) => i.complete),
                                        null, { timeout: TIMEOUT }));
  if (cmd.sw) {
    await step(async () => {
      res.serviceWorker = await page.evaluate(async (ms) => {
        const t = new Promise((r) => setTimeout(() => r(null), ms));
        const reg = await Promise.race([navigator.serviceWorker.ready, t]);
        return reg && reg.active ? { scriptURL: reg.active.scriptURL, state: reg.active.state } : null;
      }, TIMEOUT);
    });
  }
  await quiet(rec);
  if (cmd.probe) await step(async () => { res.probe = await bounded(page.evaluate(cmd.probe), TIMEOUT, 'probe'); });
  await step(async () => { res.title = await page.title(); });
  await step(async () => { res.text = await page.evaluate(() => document.body.innerText); });
  if (cmd.shot) {
    await step(() => page.screenshot({ path: cmd.shot, fullPage: true, animations: 'disabled', caret: 'hide' }));
  }
  await quiet(rec, 200, 3000);
  Object.assign(res, drain(rec));
  if (cmd.keep && !res.error) {
    res.id = nextId++;
    kept.set(res.id, { ctx, page, rec });
  } else {
    await bounded(ctx.close(), 10000, 'closing a context').catch(() => {});
  }
  return res;
}

async function evalIn(cmd) {
  const k = kept.get(cmd.id);
  if (!k) throw new Error(`no kept page ${cmd.id}`);
  const res = {};
  try {
    res.value = await bounded(k.page.evaluate(cmd.expr), TIMEOUT, 'evaluate');
  } catch (e) {
    res.error = e.message.split('\n')[0];
  }
  await quiet(k.rec);
  return Object.assign(res, drain(k.rec));
}

async function handle(cmd) {
  switch (cmd.cmd) {
    case 'visit': return visit(cmd);
    case 'eval': return evalIn(cmd);
    case 'close': {
      const k = kept.get(cmd.id);
      kept.delete(cmd.id);
      if (k) await bounded(k.ctx.close(), 10000, 'closing a context').catch(() => {});
      return {};
    }
    case 'compare': return compare(cmd.a, cmd.b);
    case 'version': return { version: browser.version() };
    default: throw new Error(`unknown command ${cmd.cmd}`);
  }
}

async function main() {
  const executablePath = process.env.AO_CHROMIUM || '/usr/bin/chromium';
  browser = await chromium.launch({
    executablePath, headless: true, args: FLAGS, timeout: 60000, chromiumSandbox: false,
  });
  process.stdout.write(JSON.stringify({ ready: true, version: browser.version() }) + '\n');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let cmd;
    try { cmd = JSON.parse(line); } catch { continue; }
    if (cmd.cmd === 'quit') break;
    let out;
    try { out = await handle(cmd); } catch (e) { out = { error: e.message.split('\n')[0] }; }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  await bounded(browser.close(), 15000, 'closing the browser').catch(() => {});
  process.exit(0);
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ ready: false, error: e.message.split('\n')[0] }) + '\n');
  process.exit(1);
});
