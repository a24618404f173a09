anf/=(afor a+ + b; x = aec>>>=({a: a}); ((x!) =>>>>=({a:wtu==r: undef nfined+™;  : undebfined
ne: undei	ee:})-n()
function()c&&&&&&&&&&&&&&&&&&&rnàÐßÇ&&&&&&&&-((x)) =>>=&+b;  ðx; **=(async{a: a});a¨for +*{a: a}); ((x)) anf/=(a,a; a++ + b; x = aec>>>=({a: a}); ((x!) =>>>>=({a:wtu==r: undef nfelse+™;  : undebfined
ne: undei	ee:})-n()
function()c-((x)) =>>=&+b;  ðx; **=(la#ss{a: a});a¨for +*{a: a}); ((x)) =>>>>=({a: a}?)>((x))Žn()c-((x)) =>>=&+b;  ðx; **=(la#ss{a: a});a¨for +*{a: a}); ((x)) anf/=(a,a; a++ + b; xy{a: a}=+);a¨for +*=>>>>=({a: a}?)>((x)) => x;a¨  +tio;()
function(){}/ y{a: a}=+);a¨for +*==,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,>