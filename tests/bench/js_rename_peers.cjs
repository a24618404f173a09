// node js_rename_peers.cjs CORPUS_JS_DIR WORKDIR TEST_NODE_MODULES BENCH_NODE_MODULES
// Runs assetopt (the C driver named by $AO_DRIVER) and every peer that is
// installed on each file, and prints bytes, gzip -9, brotli -q 11 and MB/s per
// file and in total, then the ratios the targets are stated in.
'use strict';
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const { execFileSync } = require('child_process');
const [dir, work, testMods, benchMods] = process.argv.slice(2);
const rounds = +(process.env.ROUNDS || 3);

function load(base, name) {
  try { return require(path.join(base, name)); } catch (e) { return null; }
}
const esbuild = load(testMods, 'esbuild');
const terser = load(testMods, 'terser');
const oxc = load(benchMods, 'oxc-minify');
const swc = load(benchMods, '@swc/core');

// untimed rounds for at least 0.2 s first (as the assetopt driver does),
// then the best of rounds
async function best(fn) {
  let t = 1e9, out;
  const w0 = process.hrtime.bigint();
  do out = await fn(); while (Number(process.hrtime.bigint() - w0) / 1e9 < 0.2);
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    out = await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < t) t = s;
  }
  return [t, out];
}

const tools = [
  ['assetopt', async (file) => {
    const out = path.join(work, 'assetopt-' + path.basename(file));
    const s = +execFileSync(process.env.AO_DRIVER, [file, out, String(rounds), 'all']).toString();
    return [s, fs.readFileSync(out)];
  }],
];
if (esbuild) tools.push(['esbuild', (file, code) =>
  best(() => esbuild.transformSync(code, { loader: 'js', minify: true, logLevel: 'silent' }).code)]);
if (terser) tools.push(['terser', (file, code, mod) =>
  best(async () => (await terser.minify(code, { compress: true, mangle: true, module: mod })).code)]);
if (oxc) tools.push(['oxc', (file, code) => {
  const run = oxc.minifySync || oxc.minify;
  return best(() => run(path.basename(file), code, { compress: true, mangle: true }).code);
}]);
if (swc) tools.push(['swc', (file, code, mod) =>
  best(() => swc.minifySync(code, { compress: true, mangle: true, module: mod }).code)]);
for (const [name] of [['esbuild', esbuild], ['terser', terser],
  ['oxc-minify', oxc], ['@swc/core', swc]].filter((x) => !x[1]))
  console.log(`bench_js_rename: ${name} not installed; left out`);

const total = {};
let tin = 0;
const row = (a, b, c, d, e) =>
  console.log(`${a.padEnd(34)} ${b.padEnd(9)} ${c.padStart(9)} ${d.padStart(8)} ${e.padStart(8)}`);
row('file', 'tool', 'bytes', 'gzip', 'brotli') ;

(async () => {
  const files = fs.readdirSync(dir).filter((f) => /\.(m?js|cjs)$/.test(f)).sort();
  for (const f of files) {
    const file = path.join(dir, f), code = fs.readFileSync(file, 'utf8');
    const mod = f.endsWith('.mjs');
    const size = fs.statSync(file).size;
    tin += size;
    console.log(`${f}  (${size} bytes)`);
    for (const [name, fn] of tools) {
      let s, out;
      try { [s, out] = await fn(file, code, mod); } catch (e) {
        console.log(`  ${name} failed: ${String(e.message || e).split('\n')[0]}`);
        continue;
      }
      const buf = Buffer.from(out);
      const g = zlib.gzipSync(buf, { level: 9 }).length;
      const b = zlib.brotliCompressSync(buf, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
      const t = total[name] || (total[name] = { bytes: 0, gzip: 0, br: 0, s: 0, n: 0 });
      t.bytes += buf.length; t.gzip += g; t.br += b; t.s += s; t.n++;
      console.log(`  ${name.padEnd(9)} ${String(buf.length).padStart(9)} ${String(g).padStart(8)} ${String(b).padStart(8)} ${(size / 1e6 / s).toFixed(1).padStart(8)} MB/s`);
    }
  }
  console.log(`\ntotal: ${tin} input bytes`);
  console.log(`  ${'tool'.padEnd(9)} ${'bytes'.padStart(9)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)} ${'MB/s'.padStart(8)}`);
  const nfiles = total.assetopt ? total.assetopt.n : 0;
  for (const [name] of tools) {
    const t = total[name];
    if (!t) continue;
    const note = t.n === nfiles ? '' : `  (${t.n} of ${nfiles} files)`;
    console.log(`  ${name.padEnd(9)} ${String(t.bytes).padStart(9)} ${String(t.gzip).padStart(8)} ${String(t.br).padStart(8)} ${(tin / 1e6 / t.s).toFixed(1).padStart(8)}${note}`);
  }
  const a = total.assetopt;
  if (!a) return;
  let smallest = null;
  for (const [name] of tools) {
    const t = total[name];
    if (!t || name === 'assetopt') continue;
    if (t.n !== a.n) continue;
    console.log(`  assetopt/${name}: bytes ${(a.bytes / t.bytes).toFixed(3)}, gzip ${(a.gzip / t.gzip).toFixed(3)}, brotli ${(a.br / t.br).toFixed(3)}, speed ${(t.s / a.s).toFixed(1)}x`);
    if (!smallest || t.gzip < total[smallest].gzip) smallest = name;
  }
  if (smallest)
    console.log(`smallest peer by gzip: ${smallest}; assetopt is ${((a.gzip / total[smallest].gzip - 1) * 100).toFixed(1)}% ${a.gzip <= total[smallest].gzip ? 'below or equal' : 'above'} it`);
})();
