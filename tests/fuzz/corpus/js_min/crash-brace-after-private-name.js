anf/=(a,a; a++ + b; x = aec>>>=({a: a}); ((x!) =>>>>=({a:wtu==r: undefinfined+™;  : undebfined
ne: undei	ee:})-n()
function()c-((x)) =>>=&+b;  ðx; **=(la#ss{a: a});a¨for +*{a: a}); ((x)) =>>>>=({a: a}?)>((x)) => x;a¨  +tio;()
function(){}/ y{a: a}=+);a¨for +*==>