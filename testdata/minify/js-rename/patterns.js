// Destructuring, defaults, shorthand, default-parameter scope.
(function () {
  var log = console.log;
  var source = { first: 1, second: { third: 3 }, rest1: 4, rest2: 5 };
  var { first, second: { third }, ...others } = source;
  log('object pattern', first, third, JSON.stringify(others));
  var [head, , tail = 'dflt', ...more] = [1, 2, undefined, 4, 5];
  log('array pattern', head, tail, more.join());
  let alpha = 1, beta = 2;
  [alpha, beta] = [beta, alpha];
  log('swap', alpha, beta);
  let gamma, delta;
  ({ gamma, delta = 'def' } = { gamma: 'g' });
  log('assignment shorthand default', gamma, delta);
  var shorthand = { alpha, beta, method() { return alpha; }, get getter() { return beta; } };
  log('shorthand', JSON.stringify(shorthand), shorthand.method(), shorthand.getter);
  var outerVal = 'outer';
  function defaults(x = outerVal, y = x + '!', f = () => x) {
    var outerVal = 'inner';
    x = 'changed';
    return [x, y, f(), outerVal].join();
  }
  log('default param scope', defaults());
  function paramShadow(a, b = () => a) { var a = 2; return [a, b()].join(); }
  log('param and body var', paramShadow(1));
  function destructParams({ p, q: [r] = [9] }, ...rest) { return [p, r, rest.length].join(); }
  log('param patterns', destructParams({ p: 1 }, 2, 3));
  const keyName = 'dyn';
  var computed = { [keyName]: 1, [keyName + '2']() { return 2; } };
  log('computed', computed.dyn, computed.dyn2());
  for (const { k, v = 0 } of [{ k: 'a', v: 1 }, { k: 'b' }]) log('for-of pattern', k, v);
  for (const key in { x: 1, y: 2 }) log('for-in', key);
  var nested = ({ a: { b: [c] } }) => c;
  log('arrow pattern', nested({ a: { b: [42] } }));
  var optional = { deep: { fn() { return 'called'; } } };
  log('optional', optional?.deep?.fn?.(), optional.none?.x, optional.none?.());
  let nullish = null;
  nullish ??= 'set';
  log('logical assign', nullish);
})();
