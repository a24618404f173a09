// Syntax compression hazards: every branch prints what it did.
var log = [];
function p(x) { log.push(x); return x; }

function braces(a, b) {
  if (a) { p("a1"); }
  if (a) { p("a2"); } else { p("not a2"); }
  if (a) { if (b) p("ab"); } else { p("dangling"); }
  if (a) for (var i = 0; i < 1; i++) { if (b) p("loop ab"); } else p("loop else");
  if (a) { l: for (;;) { p("label"); break l; } }
  if (a) { var hoisted = 1; }
  while (a && log.length < 100) { a = 0; }
  do { p("do"); } while (false);
  with ({ w: 1 }) { p(w); }
  return hoisted;
}

function logic(a, b, c) {
  if (a) p("and");
  if (!a) p("or");
  if (!!a) p("notnot");
  if (a) p("t"); else p("f");
  if (a || b) p("or-cond");
  if (a && b) p("and-cond");
  if (a ?? b) p("nullish-cond");
  if (a) c = p("assign"); else c = 2;
  if (a) p(1), p(2);
  if (a) b ? p("x") : p("y");
  if (a) if (b) p("n1"); else p("n2"); else if (c) p("n3"); else p("n4");
  if (a) { p("j1"); p("j2"); } else { p("j3"); }
  if (a) { p("k1")
  }
  (function () { p("after asi"); })();
  if (a) b = b || p("in or");
  if (!a) b = b && p("in and");
  if (a) { p(b ?? "nul"); }
  if (!(a && b)) p("neg group");
  if (a) x: { p("lab"); break x; }
  return c;
}

function decls(a) {
  var x = 1; var y = x + 1
  var z = y * 2
  let m = 1; let n = m + 1;
  const q = n, r = q + 1; const s = r + 1;
  return [x, y, z, m, n, q, r, s, typeof a];
}

function numbers() {
  return [1000, 1000000, 0.5, 0.50, 1.0, 1e21, 1.5e-7, 0x10, 0xFF, 0b101, 0o17,
          123456789012345680000, 0.000001, 1e-7, 5..toString(), 1.0.toFixed(1),
          1e3.toFixed(0), 10 .toString(2), 0.0, 100e-2, 2e0];
}

function returns(a) {
  if (a) return p("r1");
  if (a) { return; }
  switch (a) { case 1: var u = 1; var v = 2; p(u + v); break; default: p("d"); }
  return "end";
}

for (const a of [0, 1, null, "", "s"]) {
  for (const b of [0, 1, undefined]) {
    log.length = 0;
    braces(a, b);
    logic(a, b, 3);
    console.log(JSON.stringify([a, b, log, braces(a, b), logic(a, b, 0)]));
  }
}
console.log(JSON.stringify(decls(1)), JSON.stringify(numbers()), returns(0), returns(1),
            returns(2));

function misc(o) {
  class A { constructor() { this.v = 1; } get b() { return 2; } }
  const ns = { A: A };
  { p("plain block"); }
  { var inner = new A(); }
  var r = [new A().v, new ns.A().b, new A, inner.v, o["key"], o?.["key"], o["a-b"],
           o["if"], 7["toString"](2)];
  return r;
}
console.log(JSON.stringify(misc({ key: 1, "a-b": 2, if: 3 })), JSON.stringify(log));

function rets(a, b) {
  if (a === 1) return "one";
  if (a === 2) { if (b) return "two b"; return "two"; }
  if (a === 3) return "three"; else if (b) return "three b"; else return "other";
}
function rets2(a) {
  if (a) return;
  if (a === 0) return "zero"
  return "falsy";
}
console.log([0, 1, 2, 3, 4].map(a => [rets(a, 0), rets(a, 1), rets2(a)]).join(";"));

function loose(v, w) {
  return [typeof v === "string", "number" !== typeof v, typeof v === "object" === true,
          w < typeof v === "x", "a" + "b" + "c", v + "d" + "e", w - "1" + "2",
          "3" + "4" * 2, "\0" + "1", 'q' + "r"];
}
function directive() { "use " + "strict"; return this === undefined; }
console.log(JSON.stringify([loose("s", 1), loose(2, "z"), loose(null, 0), directive()]));

const keyed = { 'a': 1, 'b-c': 2, 'if': 3, 'get': 4, "d"() { return 5; }, '__proto__': { inh: 6 } };
class Keyed { 'constructor'() { this.k = 7; } 'm'() { return 8; } static 's'() { return 9; } }
const { 'a': ka, 'if': ki } = keyed;
console.log(JSON.stringify([keyed.a, keyed["b-c"], keyed.if, keyed.get, keyed.d(), keyed.inh,
  new Keyed().k, new Keyed().m(), Keyed.s(), ka, ki, [1, 2].map((x) => x * 2), Object.keys(keyed)]));

function dangling(a, b, c) {
  var out = [];
  if (a) for (var i = 0; i < 1; i++) { if (b) out.push("ab"); } else out.push("not a");
  if (a) if (b) out.push("b"); else { if (c) out.push("c"); } else out.push("else a");
  if (a) while (out.length < 9) { if (b) out.push("w"); break; } else out.push("w else");
  if (a) { { if (c) out.push("nested c"); } } else out.push("nested else");
  if (a) with ({}) { if (c) out.push("with c"); } else out.push("with else");
  return out.join();
}
for (const a of [0, 1]) for (const b of [0, 1]) for (const c of [0, 1]) console.log(dangling(a, b, c));

function labels(n) {
  var hits = [];
  outer: for (var i = 0; i < n; i++) {
    inner: for (var j = 0; j < n; j++) {
      if (j === 1) continue outer;
      if (i === 2) break outer;
      hits.push(i + "" + j);
      block: { if (j) break block; hits.push("b"); }
    }
    (function () { outer: for (;;) { hits.push("f"); break outer; } })();
  }
  return hits.join();
}
console.log(labels(3), labels(1));

// unused function declarations go, with what only they used; hoisting and
// the statement boundaries around them stay as they were
function unusedDecls(n) {
  var order = [];
  function neverCalled() { return onlyFromDead(); }
  function onlyFromDead() { order.push("dead"); return 1; }
  function countdown(k) { return k ? countdown(k - 1) : 0; }
  order.push(typeof hoistedLater)
  function deadAfterAsi() {}
  (function () { order.push("iife"); })();
  function hoistedLater() { return n; }
  var same = 1;
  function same() {}
  order.push(typeof same, hoistedLater());
  return order.join();
}
console.log(unusedDecls(7));

// const becomes let only where nothing assigns the binding: an assignment
// to a const throws, to a let does not
function constLet(o) {
  var out = [];
  const a = 1, b = { n: 0 };
  b.n++; b["m"] = 2; b[a] = 3;
  out.push(a, JSON.stringify(b));
  const w = 1;
  try { w = 2; } catch (e) { out.push("w: " + e.constructor.name); }
  const u = 1;
  try { u++; } catch (e) { out.push("u: " + e.constructor.name); }
  const d = [1];
  try { [d] = [2]; } catch (e) { out.push("d: " + e.constructor.name); }
  const s = 1;
  try { ({ s } = { s: 5 }); } catch (e) { out.push("s: " + e.constructor.name); }
  const f = 0;
  try { for (f of [1]); } catch (e) { out.push("f: " + e.constructor.name); }
  const g = 1;
  try { g += 1; } catch (e) { out.push("g: " + e.constructor.name); }
  const late = () => { try { h = 3; } catch (e) { out.push("h: " + e.constructor.name); } };
  const h = 1;
  late();
  const ev = 1;
  try { eval("ev = 2"); } catch (e) { out.push("ev: " + e.constructor.name); }
  const wv = 1;
  with (o) { try { wv = 2; } catch (e) { out.push("wv: " + e.constructor.name); } }
  let m1 = 1;
  const m2 = 2;
  let m3 = 3;
  try { tdz; } catch (e) { out.push("tdz: " + e.constructor.name); }
  const tdz = 4;
  const ix = 0;
  try { if (o) [ix] = [1]; } catch (e) { out.push("ix: " + e.constructor.name); }
  const fns = [];
  for (const i of [1, 2]) fns.push(() => i);
  for (const k in { x: 1, y: 2 }) fns.push(() => k);
  for (const j = 0; fns.length < 5;) fns.push(() => j);
  out.push(w, u, d, s, f, g, h, ev, wv, m1 + m2 + m3, tdz, fns.map((x) => x()).join(""));
  return out.join();
}
console.log(constLet({}), constLet({ wv: 0 }));

// blocks of statement lists give their statements to the list unless
// they hold a block-scoped declaration
function blocks(a) {
  var out = [];
  { out.push("b1"); out.push("b2"); }
  { var hv = 1; out.push(typeof hv); }
  { let x = "inner"; out.push(x); }
  { function bf() { return "block fn"; } out.push(bf()); }
  { class K { m() { return "klass"; } } out.push(new K().m()); }
  { out.push(typeof x, typeof K); }
  switch (a) { case 1: { out.push("c1"); out.push("c1b"); } case 2: { let y = "c2"; out.push(y); } }
  lab: { out.push("l1"); if (a) break lab; out.push("l2"); }
  if (a) { { out.push("n1"); out.push("n2"); } } else { { out.push("n3"); } }
  out.push("asi")
  { out.push("after asi") }
  return out.join();
}
console.log(blocks(0), blocks(1), blocks(2));

// a break last in a switch, a continue last in a loop body and a return
// without a value last in a function do nothing
function jumps(n) {
  var out = [];
  for (var i = 0; i < n; i++) {
    switch (i % 4) {
      case 0: out.push("zero"); break;
      case 1: { out.push("one"); break; }
      case 2: out.push("two");
      default: out.push("dflt"); break;
    }
    if (i === 2) continue;
    out.push("i" + i);
    continue;
  }
  var k = 0;
  do { k++; if (k > 3) break; out.push("k" + k); continue; } while (k < 5);
  outer: for (var a = 0; a < 2; a++) { for (var b = 0; b < 2; b++) { out.push(a + "" + b); continue outer; } }
  (function () { out.push("fn"); return; })();
  var r = (function () { out.push("fn2"); if (n) return; out.push("not"); return })();
  out.push(typeof r);
  return out.join();
}
console.log(jumps(5), jumps(0));

// an else after a statement that always leaves becomes the next statement
function elses(a, b) {
  var out = [];
  for (var i = 0; i < 3; i++) {
    if (i === a) { out.push("brk"); break; } else { out.push("i" + i); }
    if (i === b) continue; else out.push("c" + i);
  }
  function r(x) {
    if (x === 1) return "one"; else if (x === 2) return "two"; else if (x === 3) { out.push("three"); return "3"; }
    else { var late = "other"; }
    if (x) { return late; } else { let late = "shadow"; out.push(late); }
    try { if (x === 4) throw new Error("four"); else out.push("no throw"); } catch (e) { out.push(e.message); }
    return typeof late;
  }
  out.push(r(1), r(2), r(3), r(4), r(0));
  return out.join();
}
console.log(elses(1, 0), elses(5, 2));

// an arrow whose body is one return becomes an expression body
var arrows = [
  (x) => { return x * 2; },
  (x) => { if (x) return "t"; return "f"; },
  (x) => { return { obj: x }; },
  (x) => { return x, "comma"; },
  async (x) => { return await x; },
  (x) => { return (y) => { return x + y; }; },
  function () { return (() => { return this === undefined; })(); },
];
console.log(JSON.stringify([arrows[0](3), arrows[1](0), arrows[1](1), arrows[2](4), arrows[3](5),
  arrows[5](1)(2), arrows[6]()]), String(arrows[4]).length > 0);
arrows[4](7).then((v) => console.log("async", v));
