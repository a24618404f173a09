'use strict'
var log = console.log
function f() {
  'use strict'
  return typeof this
}
log('directive', f())
var a = 5, b = 3, arr = [1, 2, 3]
log('merges', a + +b, a - -b, a++ + b, a-- - b, a + ++b, a - --b)
log('regex/div', a / 2 / 1, 'x/y/z'.split(/\//).length / 2, arr.length / /3/.source.length)
if (a) /re/.test('re') && log('regex after if head')
log('numbers', 1000000, 0.50, 5., 1.0e3, 0xff, 0b1010, 0o17, 123e-7, 1e21, 1 .toString(), 2..toFixed(1), 9007199254740993, 10n ** 20n)
log('strings', 'it\'s', "a\"b", 'tab\there', '\x41\u0042', '\0' + '1', 'a' + 'b' + 'c', typeof 'a' + 'b', 5 - '1' + '2')
var o = { a: a, b: b, __proto__: { inherited: 1 } }
log('shorthand', JSON.stringify(o), o.inherited, Object.keys(o))
var dbl = (n) => n * 2, add = async (n) => n + 1
log('arrows', dbl(4), arr.map((v) => v * v), typeof add)
log('trailing commas', [1, 2,].length, [1, , ].length, [, ].length, Math.max(1, 2,))
function Foo() { this.v = 7 }
Foo.prototype.get = function () { return this.v }
log('new', new Foo().get(), (new Foo).v, new Foo() instanceof Foo)
var m
if ((m = /(\d+)/.exec('ab12'))) log('parens', m[1], (a + b) * 2, (1, 2), ((3)))
log('templates', `a  ${ `b ${ a + b }` }  c`, String.raw`x\ty`, ((t) => t)`q`)
label: for (var i = 0; i < 3; i++) { for (;;) { if (i === 1) continue label; break } log('label', i) }
function* g() { yield 1; yield
  2 }
log('generator', [...g()])
class K { #p = 1; static s() { return new K().#p } get q() { return 2 } }
log('class', K.s(), new K().q)
var e = 1, f2 = 2, gg = e
-f2
log('minus line', gg)
var obj = {} 
log('empty obj then', typeof obj)
var z = function () { return 3 }
(function () {})
log('call joined', z)
var u = `line1
line2`
log('template newline', u.length)
log('end', a < !--b ? 1 : 2, b-- > 0)
