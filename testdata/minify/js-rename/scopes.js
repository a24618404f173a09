// Shadowing, closures, hoisting, TDZ, catch scopes, labels.
(function () {
  var log = console.log;
  var value = 'outer';
  function shadow(value) {
    { let value = 'block'; log('block', value); }
    return value;
  }
  log('shadow', shadow('param'), value);

  var counters = [];
  for (let index = 0; index < 3; index++) counters.push(() => index);
  log('closures let', counters.map((f) => f()).join());
  var olds = [];
  for (var jdx = 0; jdx < 3; jdx++) olds.push(function () { return jdx; });
  log('closures var', olds.map((f) => f()).join());

  log('hoisted', typeof hoistedFn, hoistedVar);
  var hoistedVar = 1;
  function hoistedFn() { return 1; }

  try { log(tdzValue); } catch (error) { log('tdz', error.constructor.name); }
  let tdzValue = 2;

  try { throw new Error('boom'); }
  catch (problem) { var problemCopy = problem.message; let inner = problem; log('catch', inner.message); }
  log('catch var', problemCopy, typeof problem);
  try { throw 1; } catch { log('catch without binding'); }
  try { throw { code: 7, detail: { why: 'x' } }; } catch ({ code, detail: { why } }) { log('catch pattern', code, why); }

  outer: for (var row = 0; row < 3; row++) {
    inner: for (var col = 0; col < 3; col++) {
      if (col === 1) continue outer;
      if (row === 2) break outer;
      log('label', row, col);
    }
  }
  block: { log('in block'); break block; }

  function outerFn(alpha) {
    function innerFn(beta) { return alpha + beta + gamma; }
    var gamma = 10;
    return innerFn;
  }
  log('nested', outerFn(1)(2));
  var fe = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); };
  log('named fn expr', fe(5), typeof fact);
  var self = function me() { return typeof me; };
  log('named fn expr self', self());
  switch (value) { case 'outer': let s = 'case'; log('switch', s); break; default: log('no'); }
  var typeofUndeclared = typeof notDeclaredAnywhere;
  log('typeof', typeofUndeclared);
  function args(a, b) { arguments[0] = 'changed'; return a + b + arguments.length; }
  log('arguments', args('x', 'y'));
  function strictArgs(a) { 'use strict'; arguments[0] = 'changed'; return a; }
  log('strict arguments', strictArgs('x'));
  function dup(x) { var x; return x; }
  log('var redeclares param', dup(3));
  function fnOverParam(x) { function x() { return 'fn'; } return typeof x; }
  log('fn over param', fnOverParam(1));
  {
    function blockFn() { return 'block fn'; }
  }
  log('annex b', typeof blockFn === 'function' ? blockFn() : 'none');
  var nt = function Nt() { return new.target === Nt; };
  log('new.target', new nt() instanceof nt, nt());
})();
