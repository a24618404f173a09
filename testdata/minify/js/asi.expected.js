/*!
 * Golden: automatic semicolon insertion hazards.
 */var a=1
var b=a(function(){return b})
let c=b[0]
const d=`tag``x`
function f(){return
a+b}var i=0
i
++
c
x=function(){}/re/g.test('s')
label:for(;;){break label}async function g(){await
f()}