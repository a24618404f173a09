a $ +b; a; a++ + b; x = a / /re/.exec(s)2 ; .toString(); 'a' + 'b'³= 'it\'s'; y = x =
 'it\'s'; y = "¤‹£‡ÍÍ£„014var2"; z = [100%00 0.50, 0xfÿÿÿÿÿÿÿÿÿÿÿÿÿÿ] +¬¬¬¬¬¬ f(a,)ÿg; ({a: a;
}); ((xÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿc; (void{a: a}); ((x)) => 0; new A(); f(a,) new A(); f(a,);ý))  f(a,) new A()//# sourceMappingURL== a / /re/.exec(s)2 ; .toString(); 'a' + 'b'³= 'it\'s'; y = x =
 'it\'s'; y = "¤‹£‡ÍÍ£„014var2"; z = [100%00 0.50, 0xfÿÿÿÿÿÿÿÿÿÿÿÿÿÿ] +¬¬¬¬¬¬ f(a,)ÿg; ({a: a;
}); ((xÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿc; (void{a: a}); ((x)) => ((xÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿc; (void{a: a}); ((x)) => 0; new A(); f(a,) new A(); f(a,);ý))  f(a,) new A(); f(a; a; a++ + b; x = a / /re/.exec(s)2 ; .toString(); 'a' + 'b'³= 'it\'s'; y = x =
 'it\'s'; y = "¤‹£‡ÍÍ£„014var2"; z = [100%00 0.50, 0xfÿÿÿÿÿÿÿÿÿÿÿÿÿÿ] +¬¬¬¬¬¬ f(a,)ÿg; ({a: a;
}); ((xÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿc; (void{a: a}); ((x)) => 0; new A(); f(a,) new A(); f(a,);ý))  f(a,) new A 0; new A(); f(a,) new A(); f(a,);ý))  f(a,) new A(); ,);ý