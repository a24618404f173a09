+¹iel+('doa' + 'b'~l)== +¹iel+('doa' + 'b'!,=)= +¹iel+('dna' + 'b',)== ©;
©;
;
©;
