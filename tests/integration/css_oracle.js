// CSS oracle for the integration tests: an independent parser (lightningcss)
// minifies the original and assetopt's output; both must come out the same.
// usage: node css_oracle.js ORIGINAL MINIFIED  -> exit 0 same, 1 different
// (the first difference is printed), 2 when the original cannot be parsed.
"use strict";
const fs = require("fs");
const { transform } = require("lightningcss");
const postcss = require("postcss");

// The structural changes the minifier makes: adjacent style rules with
// the same selector become one (empty rules vanish first), adjacent rules
// with the same declarations share one selector list, and a rule repeated
// later in its list goes. Redone and undone here on both sides with
// postcss (same-selector neighbours merge, every selector list is split
// into one rule per selector, then neighbours merge and repeats go until
// nothing changes), so lightningcss sees the same rule structure.
function mergeSameSelector(code) {
  let root;
  try {
    root = postcss.parse(code.toString());
  } catch (e) {
    return code;
  }
  const key = (r) => r.selector.replace(/\s+/g, " ").replace(/\s*([>+~,])\s*/g, "$1").trim();
  const merge = (container) => {
    let prev = null;
    container.each((n) => {
      if (n.type === "comment") return;
      const plain = n.type === "rule" && n.nodes.every((c) => c.type === "decl" || c.type === "comment");
      if (plain && prev && key(prev) === key(n) && !(n.parent.type === "atrule" && /keyframes$/i.test(n.parent.name))) {
        n.nodes.slice().forEach((c) => prev.append(c));
        n.remove();
        return;
      }
      prev = plain ? n : null;
    });
  };
  // Only lists the minifier may build by joining: selectors every browser
  // reads (Selectors Level 3). A list with any other selector stays whole,
  // so a join that would let one unknown selector drop a rule shows.
  const pseudo = /^(link|visited|hover|active|focus|target|enabled|disabled|checked|root|empty|(first|last|only)-(child|of-type)|before|after|first-line|first-letter|not\()$/i;
  const plainList = (r) => !/[|&]/.test(r.selector.replace(/\|=/g, "")) &&
    !/\s[is]\s*\]/i.test(r.selector) &&
    (r.selector.match(/::?[-\w]+\(?/g) || []).every((p) => pseudo.test(p.replace(/^::?/, "")) &&
      (!p.startsWith("::") || /^::(before|after|first-line|first-letter)$/i.test(p)));
  const split = (container) => {
    container.each((n) => {
      if (n.type !== "rule" || n.selectors.length < 2 || !plainList(n)) return;
      for (const sel of n.selectors) n.before(n.clone({ selector: sel }));
      n.remove();
    });
  };
  // a rule repeated later in the same list goes (the later one wins anyway)
  const text = (r) => key(r) + "{" + r.nodes.map((c) => c.type === "decl"
    ? c.prop + ":" + c.value.replace(/\s+/g, " ").trim() + (c.important ? "!important" : "") : "").join(";") + "}";
  const dropRepeats = (container) => {
    const seen = new Set();
    const nodes = container.nodes ? container.nodes.slice().reverse() : [];
    let dropped = 0;
    for (const n of nodes) {
      if (n.type !== "rule" || !n.nodes.every((c) => c.type === "decl")) continue;
      if (n.parent.type === "atrule" && /keyframes$/i.test(n.parent.name)) continue;
      const t = text(n);
      if (seen.has(t)) {
        n.remove();
        dropped++;
      } else seen.add(t);
    }
    return dropped;
  };
  const visit = (container) => {
    container.each((n) => {
      if (n.nodes) visit(n);
    });
    container.each((n) => {
      if (n.type === "rule" && n.nodes.every((c) => c.type === "comment")) n.remove();
    });
    merge(container);
    split(container);
    for (;;) {
      merge(container);
      if (!dropRepeats(container)) break;
    }
  };
  visit(root);
  return Buffer.from(root.toString());
}

function canon(file) {
  const code = mergeSameSelector(fs.readFileSync(file));
  // Twice: the second pass sees values already in canonical form, so the
  // two sides meet the same merging decisions.
  const opts = { filename: "x.css", minify: true, errorRecovery: true };
  const once = transform({ ...opts, code }).code;
  const twice = transform({ ...opts, code: once }).code;
  return normalize(twice.toString())
    // equivalent spellings a minifier may choose
    .replace(/(?<=[{},])from(?=[,{])/g, "0%")
    .replace(/(?<=[{},])100%(?=[,{])/g, "to")
    .replace(/font-weight:normal(?=[;}!])/g, "font-weight:400")
    .replace(/font-weight:bold(?=[;}!])/g, "font-weight:700");
}

// What a minifier may change and lightningcss keeps as written (values it
// does not parse are token lists): comments, and whitespace next to
// punctuation. Strings are copied untouched.
function normalize(css) {
  const out = [];
  let last = ""; // last character written
  const punct = ",()!;{}:";
  for (let i = 0; i < css.length; ) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === "\\" ? 2 : 1;
      out.push(css.slice(i, j + 1));
      last = c;
      i = j + 1;
    } else if (c === "/" && css[i + 1] === "*") {
      const j = css.indexOf("*/", i + 2);
      i = j < 0 ? css.length : j + 2;
    } else if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f") {
      let j = i;
      while (j < css.length && " \n\t\r\f".includes(css[j])) j++;
      const next = css[j];
      if (last && next !== undefined && !punct.includes(last) && !punct.includes(next) &&
          !(next === "/" && css[j + 1] === "*")) {
        out.push(" ");
        last = " ";
      }
      i = j;
    } else {
      let j = i + 1;
      while (j < css.length && !"\"'/ \n\t\r\f".includes(css[j])) j++;
      out.push(css.slice(i, j));
      last = css[j - 1];
      i = j;
    }
  }
  return out.join("");
}

const [a, b] = process.argv.slice(2);
let ca, cb;
try {
  ca = canon(a);
} catch (e) {
  console.log("original not parsed: " + e.message);
  process.exit(2);
}
try {
  cb = canon(b);
} catch (e) {
  console.log("minified not parsed: " + e.message);
  process.exit(1);
}
if (ca === cb) process.exit(0);
let i = 0;
while (i < ca.length && ca[i] === cb[i]) i++;
console.log(`differ at ${i}:\n  original: ${ca.slice(Math.max(0, i - 80), i + 80)}\n  minified: ${cb.slice(Math.max(0, i - 80), i + 80)}`);
process.exit(1);
