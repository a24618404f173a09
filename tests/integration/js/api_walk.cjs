// Usage: node api_walk.cjs FILE [script|module] [PRELOAD]
// Loads a library (a script in a fresh vm context with a small fake
// window/document, or an ES module through import()), walks what it exports
// and calls a fixed battery of functions and methods, then prints one JSON
// object: {loaded, error, calls, results}. Run on the original and on the
// minified file, the two outputs must be equal.
'use strict';
const fs = require('fs');
const vm = require('vm');
const path = require('path');
const url = require('url');

const ARGS = [[], [1, 2], ['a', 'b'], [[3, 1, 2]], [{ a: 1, b: [2] }], [0.5, 'x']];
const SKIP_NAMES = /^(now|random|uniqueId|delay|defer|debounce|throttle|setTimeout|setInterval|requestAnimationFrame|nextTick|Date|performance|act|unstable_|render|hydrate|create(Root|Portal)|flushSync|mount|createApp|createSSRApp|timer|interval|timeout|timerFlush|geoPath|utcParse|timeParse|isoParse|csv|tsv|json|text|xml|html|svg|image|buffer|dsv)/;
const MAX_CALLS = 4000;

function summarize(v, depth, seen) {
  const t = typeof v;
  if (v === null) return 'null';
  if (t === 'undefined') return 'undefined';
  if (t === 'number') return Object.is(v, -0) ? 'n:-0' : 'n:' + String(v);
  if (t === 'string') return 's:' + (v.length > 200 ? v.slice(0, 200) + '…' + v.length : v);
  if (t === 'boolean' || t === 'bigint' || t === 'symbol') return t[0] + ':' + String(v);
  if (t === 'function') return `f:${v.name}/${v.length}`;
  if (seen.has(v)) return 'cycle';
  if (depth <= 0) return 'o';
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      return ['a' + v.length, ...v.slice(0, 6).map((x) => summarize(x, depth - 1, seen))];
    }
    if (v instanceof Date) return 'date';
    const keys = Object.keys(v).sort().slice(0, 24);
    const o = { __: Object.prototype.toString.call(v) };
    for (const k of keys) {
      let x;
      try { x = v[k]; } catch (e) { x = 'get-threw'; }
      o[k] = summarize(x, depth - 1, seen);
    }
    return o;
  } finally {
    seen.delete(v);
  }
}

function errSummary(e) {
  if (e && typeof e === 'object') return 'E:' + (e.name || '?') + ':' + String(e.message).slice(0, 120);
  return 'E:' + typeof e;
}

function walk(api, out, prefix = '', depth = 1) {
  let calls = 0;
  const call = (label, fn) => {
    if (calls >= MAX_CALLS) return;
    calls++;
    let r;
    try { r = summarize(fn(), 2, new Set()); } catch (e) { r = errSummary(e); }
    out[prefix + label] = r;
  };
  out[prefix + '<shape>'] = summarize(api, 2, new Set());
  const top = (api && (typeof api === 'object' || typeof api === 'function'))
    ? Object.keys(api).sort() : [];
  for (const k of top) {
    if (SKIP_NAMES.test(k)) continue;
    let f;
    try { f = api[k]; } catch (e) { continue; }
    if (f && typeof f === 'object' && !Array.isArray(f) && depth > 0) {
      calls += walk(f, out, prefix + k + '.', depth - 1);   /* a namespace */
      continue;
    }
    if (typeof f !== 'function') continue;
    const isClass = /^[A-Z]/.test(k);
    ARGS.forEach((args, i) => {
      if (isClass) {
        if (!walk.noNew) call(`new ${k}#${i}`, () => new f(...args));
      } else if (!walk.noCalls) {
        call(`${k}#${i}`, () => f.apply(api, args));
      }
    });
    if (isClass && f.prototype && !walk.noMethods) {
      const methods = Object.getOwnPropertyNames(f.prototype).sort();
      for (const m of methods) {
        if (m === 'constructor' || SKIP_NAMES.test(m)) continue;
        const d = Object.getOwnPropertyDescriptor(f.prototype, m);
        if (!d || typeof d.value !== 'function' || d.value.length > 3) continue;
        ARGS.slice(0, 3).forEach((args, i) => {
          call(`${k}.${m}#${i}`, () => { const o = new f(); return o[m](...args); });
        });
      }
    }
  }
  return calls;
}

function fakeWindow(ctx) {
  const noop = () => {};
  const el = () => ({ style: {}, setAttribute: noop, getAttribute: () => null, appendChild: noop,
    addEventListener: noop, removeEventListener: noop, classList: { add: noop, remove: noop, contains: () => false },
    childNodes: [], children: [], querySelectorAll: () => [], querySelector: () => null,
    getElementsByTagName: () => [], ownerDocument: null, nodeType: 1 });
  const documentElement = el();
  const document = { documentElement, body: el(), head: el(), createElement: el,
    createElementNS: el, createTextNode: () => ({ nodeType: 3 }), addEventListener: noop,
    removeEventListener: noop, querySelectorAll: () => [], querySelector: () => null,
    getElementById: () => null, getElementsByTagName: () => [], readyState: 'complete', nodeType: 9,
    createDocumentFragment: el, implementation: { createHTMLDocument: () => document } };
  Object.assign(ctx, {
    document, navigator: { userAgent: 'node', platform: 'node' }, location: { href: 'http://localhost/', protocol: 'http:' },
    addEventListener: noop, removeEventListener: noop, getComputedStyle: () => ({ getPropertyValue: () => '' }),
    setTimeout: () => 0, clearTimeout: noop, setInterval: () => 0, clearInterval: noop,
    requestAnimationFrame: () => 0, cancelAnimationFrame: noop, matchMedia: () => ({ matches: false, addListener: noop }),
    console: { log: noop, warn: noop, error: noop, info: noop, debug: noop, trace: noop, group: noop, groupEnd: noop },
    performance: { now: () => 0 }, queueMicrotask: noop, MessageChannel: undefined,
  });
  ctx.window = ctx; ctx.self = ctx; ctx.global = ctx;
}

async function main() {
  const [file, kind, preload] = process.argv.slice(2);
  // Work a library queued during the walk (promise jobs in a fake DOM) may
  // throw after the walk is over; that must not cut the output short, which
  // would make the comparison depend on timing.
  process.on('uncaughtException', () => {});
  process.on('unhandledRejection', () => {});
  const res = { loaded: false, error: null, calls: 0, results: {} };
  if (kind === 'module' || file.endsWith('.mjs')) {
    try {
      const ns = await import(url.pathToFileURL(path.resolve(file)).href);
      res.loaded = true;
      const api = {};
      for (const k of Object.keys(ns).sort()) api[k] = ns[k];
      walk.noMethods = true;   // module classes may allocate without bound
      walk.noNew = true;
      walk.noCalls = true;   // and some functions build arrays without end
      res.calls = walk(api, res.results);
    } catch (e) {
      res.error = errSummary(e).split(path.dirname(path.resolve(file))).join('<dir>');
    }
  } else {
    // with a fake DOM first; a library that cannot start on it, without
    let ctx, before;
    for (const dom of [true, false]) {
      ctx = preload ? {} : { module: { exports: {} } };
      if (!preload) ctx.exports = ctx.module.exports;
      if (dom) fakeWindow(ctx); else { ctx.window = ctx; ctx.self = ctx; }
      vm.createContext(ctx);
      vm.runInContext('Math.random = (() => { let s = 42; return () => (s = (s * 16807) % 2147483647) / 2147483647; })();' +
                      'Date.now = () => 1700000000000;', ctx);
      try {
        if (preload) vm.runInContext(fs.readFileSync(preload, 'utf8'), ctx, { filename: 'pre.js', timeout: 20000 });
        before = new Set(Object.keys(ctx));
        vm.runInContext(fs.readFileSync(file, 'utf8'), ctx, { filename: 'lib.js', timeout: 20000 });
        res.loaded = true;
        res.error = null;
        res.dom = dom;
        break;
      } catch (e) { res.error = errSummary(e); }
    }
    let api = ctx.module && ctx.module.exports;
    if (!api || (typeof api === 'object' && Object.keys(api).length === 0)) {
      api = {};
      for (const k of Object.keys(ctx)) if (!before.has(k)) api[k] = ctx[k];
    }
    ctx.__api = api;
    ctx.__walk = walk;
    ctx.__out = res.results;
    try {
      res.calls = vm.runInContext('__walk(__api, __out)', ctx, { timeout: 300000 });
    } catch (e) { res.error = (res.error || '') + ' walk:' + errSummary(e); }
  }
  // exit now: work a library queued (promises, timers) must not run after
  const text = JSON.stringify(res);
  if (process.env.AO_WALK_OUT) fs.writeFileSync(process.env.AO_WALK_OUT, text);
  else fs.writeSync(1, text);
  process.exit(0);
}
main();
