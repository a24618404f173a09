a + +b; a - -b; a++ + b; x = a / /re/.exec(s); 1 .toString(); 'a' + 'b' + c; ({a: a}); ((x)) => x; new A(); f(a,);
