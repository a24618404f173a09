// ASI hazards: every line break that matters must survive.
var log = console.log
function r1() {
  return
  42
}
log('return newline', r1())
var a = 1, b = 2, c = [5, 6]
var x = a
++b
log('postfix on next line', x, a, b)
var y = a
(function () { log('called as y = a(...)? no: a is not a function') })
