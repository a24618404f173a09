// Usage: node ast_equal.cjs ORIGINAL MINIFIED [module|script]
// Parses both files with acorn and compares their syntax trees, ignoring
// positions and raw spellings (number and string values must be equal;
// directive prologues must be byte-identical). Before comparing, both trees
// get the rewrites the minifier may make, so these compare equal:
// {a: a} and {a}; 'a' + 'b' and 'ab'; (x + 'a') + 'b' and x + 'ab';
// undefined and void 0. Exit 0 when equal; else
// prints the first difference and exits 1. Exit 2 when the original does
// not parse (nothing to compare).
'use strict';
const fs = require('fs');
const path = require('path');
const acorn = require(path.join(__dirname, '..', '..', 'node_modules', 'acorn'));

function parse(text, type) {
  return acorn.parse(text, {
    ecmaVersion: 'latest', sourceType: type, allowHashBang: true,
    allowReturnOutsideFunction: type === 'script',
  });
}

function parseAny(text, want) {
  if (want) return [parse(text, want), want];
  try { return [parse(text, 'script'), 'script']; }
  catch (e) { return [parse(text, 'module'), 'module']; }
}

const SKIP = new Set(['start', 'end', 'loc', 'range', 'raw']);

function diff(a, b, where) {
  if (typeof a !== typeof b) return `${where}: ${typeof a} vs ${typeof b}`;
  if (a === null || b === null || typeof a !== 'object') {
    if (typeof a === 'bigint' ? a !== b : !Object.is(a, b))
      return `${where}: ${String(a)} vs ${String(b)}`;
    return null;
  }
  if (a instanceof RegExp || b instanceof RegExp) return null; // regex: pattern/flags compared
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (SKIP.has(k)) continue;
    const d = diff(a[k], b[k], `${where}.${k}`);
    if (d) return d + (a.type ? ` (in ${a.type} at ${a.start})` : '');
  }
  return null;
}

const isStr = (n) => n && n.type === 'Literal' && typeof n.value === 'string';

function normalize(n) {
  if (Array.isArray(n)) { n.forEach(normalize); return n; }
  if (!n || typeof n !== 'object' || n instanceof RegExp) return n;
  for (const k of Object.keys(n)) if (!SKIP.has(k)) normalize(n[k]);
  if (n.type === 'Property' && n.shorthand) n.shorthand = false;
  // void 0 is how the minifier writes the global undefined
  if (n.type === 'UnaryExpression' && n.operator === 'void' && n.argument &&
      n.argument.type === 'Literal' && n.argument.value === 0) {
    for (const k of Object.keys(n)) delete n[k];
    Object.assign(n, { type: 'Identifier', name: 'undefined' });
  }
  if (n.type === 'BinaryExpression' && n.operator === '+' && isStr(n.right)) {
    if (isStr(n.left)) {
      const v = n.left.value + n.right.value;
      for (const k of Object.keys(n)) delete n[k];
      Object.assign(n, { type: 'Literal', value: v });
    } else if (n.left.type === 'BinaryExpression' && n.left.operator === '+' &&
               isStr(n.left.right)) {
      n.right = { type: 'Literal', value: n.left.right.value + n.right.value };
      n.left = n.left.left;
    }
  }
  return n;
}

const [orig, mini, type] = process.argv.slice(2);
let A, kind;
try { [A, kind] = parseAny(fs.readFileSync(orig, 'utf8'), type); }
catch (e) { console.log(`original does not parse: ${e.message}`); process.exit(2); }
let B;
try { B = parse(fs.readFileSync(mini, 'utf8'), kind); }
catch (e) { console.log(`minified does not parse: ${e.message}`); process.exit(1); }
const d = diff(normalize(A), normalize(B), 'Program');
if (d) { console.log(d); process.exit(1); }
