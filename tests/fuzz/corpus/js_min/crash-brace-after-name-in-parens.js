anf/=(a,a; a++ + b; x = aec>>>=({a: a}); ((x)) =>>>>=({a:wtu==r: undefined
tu=r: undebfined
ne: ednui	ee:})-,((x)) =>>=+b;  x; **=({a: a})+ ((x)) =>>>>=({a: a};) ((x)) => x;a¨  + +b; a - -b; a++ +a,) catch= aec>>>=(unctioanf/=(a,a; a++ + b; x = aec>>>=({a: a}); ((x)) =>>>>=({a:wtu==r: undefined
tu=r: undebfined
ne: undei	ee:})-n()
function()c-((x)) =>>=&+b;  ðx; **=(lass{a: a});a¨for +*{a: a}); ((x)) =>>>>=({a: a};)>((x)) => x;a¨  +tion()
function(){}/ y{a: a}=+);a¨for +*=+  x;b* x;*; a f(a,)t  x;b* x;=>*; a f(a,)t=>