// With keep-names, function and class .name values are unchanged.
(function () {
  function declared() {}
  const expr = function named() {};
  class Klass {}
  const C2 = class InnerName {};
  console.log('names', declared.name, expr.name, Klass.name, C2.name);
})();
