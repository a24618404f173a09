var log = console.log
try { null.x } catch (e) { log(e.constructor.name) }
function thrower() {
  throw new Error('boom ' + 'here')
}
try { thrower() } catch (e) { log(e.message) }
var w = 'it' + 's'
log(w)
undefinedFunction()
