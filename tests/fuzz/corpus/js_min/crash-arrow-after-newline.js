//x = 'yt\'s'; y = "\t\x20\u0042"; = z [return1000000, 0 = zq = n / 2 / 1
if (re.test(s)) /x/.exec(s)
 
=> x; whilertionplit(/\//).+b;ÿ(gth /x)  2
var t = (n) / 2, u = ction w() {} /y/.test(s)
var 
x = typeof /z/ ===from what livar q 