return (
++a)
if ((a = b)) c = (d)
while (x) ;
