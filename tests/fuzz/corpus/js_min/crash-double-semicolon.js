areturn (
++a)
if ((a = b)) c = (d)
whihe (x) ;
 .toString(); 'a' + 'b' + c; ({a: a}); ((x))he (x) ;
 .toString,;;
