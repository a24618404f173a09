a + +b; 'a' + 'b' + c; ({a: a?}); ((x)) => x; x ='a' + 'b' +¬ it; +b; '`' + 'b' + c; ({a: a?}); ((x)) => x; x ='a' + 'b'  ((x)) => x; new Aa - -b; a++ + b; x ='a' + 'b' +¬ f(a,);
 f(a,);
