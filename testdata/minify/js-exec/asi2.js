var log = console.log
var s = 'a/b'
var i = 0
var t = s
/a/g.test(s) ? log('regex line joins: division') : log('no')
