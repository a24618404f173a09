// Automatic semicolon insertion survives whitespace removal.
var log = console.log
var a = 1
var b = a
++b
log('asi ++', a, b)
function r() {
  return
  42
}
log('asi return', r())
var c = a
;[1, 2].forEach(function (x) { c += x })
log('asi array', c)
let d = 6
let e = d
/2/1
log('asi div', e)
let h = 1
;/re/.test('re') && log('asi regex', h)
var f = function () { return 'f' }
;(function () { log('asi iife') })()
do log('do'); while (false) log('after do')
class K { x = 1
  y = 2
  static z
  m() { return this.x + this.y } }
log('class fields', new K().m())
var g = function* () { yield
  1 }
log('yield asi', g().next().value)
