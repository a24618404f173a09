/for/ yield
%rom wha; lieË