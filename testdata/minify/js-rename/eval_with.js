// Direct eval and with: names they can reach are kept.
(function () {
  var log = console.log;
  function usesEval(code) {
    var localName = 'local';
    var other = 'other';
    return eval(code);
  }
  log('eval', usesEval('localName + other'));
  function outerOfEval() {
    var captured = 'captured';
    return function () { return eval('captured'); };
  }
  log('eval sees outer', outerOfEval()());
  var indirect = eval;
  function indirectEval() { var hidden = 1; return indirect('typeof hidden'); }
  log('indirect eval', indirectEval());
  function withStatement(obj) {
    var prop = 'variable';
    var other = 'kept';
    with (obj) { log('with', prop, other); }
  }
  withStatement({ prop: 'property' });
  withStatement({});
  function fnCtor() { var x = 1; return new Function('return typeof x')(); }
  log('Function', fnCtor());
})();
var globalVar = 'global';
function globalFn() { return globalVar; }
console.log('globals', globalFn(), typeof globalThis.globalFn);
