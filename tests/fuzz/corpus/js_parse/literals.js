// true/false/undefined become !0/!1/void 0 only where that means the same.
(function () {
  var log = console.log;
  log('bools', true, false, !true, true + 1, true ? 'y' : 'n', typeof true, [true, false]);
  log('members', true.toString(), false['valueOf'](), (true).constructor.name);
  log('exponent', 2 ** true, (true) ** 2);
  log('keys', JSON.stringify({ true: 1, false: 2, undefined: 3 }), { true: 1 }.true);
  log('undefined', undefined, typeof undefined, void 0 === undefined, [undefined].length);
  function shadowed(undefined) { return undefined; }
  log('shadowed undefined', shadowed(5));
  function localUndefined() { var undefined = 'local'; return undefined; }
  log('local undefined', localUndefined());
  var target = [];
  [target[0] = true] = [undefined];
  log('pattern', target[0]);
  log('in', 'undefined' in { undefined: 1 }, undefined in { undefined: 1 });
  log('delete', delete undefined);
  log('with undefined', (function () { with ({ undefined: 'prop' }) { return undefined; } })());
  log('eval undefined', (function () { eval('var undefined = 1'); return undefined; })());
  var arrow = () => undefined;
  log('arrow', arrow(), (() => true)());
  log('compare', 1 == true, 0 === false, null == undefined);
})();
