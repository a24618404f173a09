anf/=(a,a; a++ + b; x = aec>>>=({a: a}); ((x)) =>>>>=({a:wtu==r: undefined
tu=r: undebfined
ne: undeinee:})--((x)) =>>=+b;  x; **=({a: a}); ((x)) =>>>>=({a: a};) ((x)) => x;a¨  + +b; a - -b; a++ +a,) catch= aec>>>=(unction()
function(){}/ y{a: a});a¨for +*=+  x;b* x;*; a f(a,)t=>