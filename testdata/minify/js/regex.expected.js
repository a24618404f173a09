var s='a/b/c',re=/[/\]]+/g,n=10
var q=n/2/1
if(re.test(s))/x/.exec(s)
var r=s.split(/\//).length/2
var t=n/2,u=[n]/2,v={}/2
function w(){}/y/.test(s)
var x=typeof/z/==='object'?`${/a/.source}/${n/2}`:0
var y=a=>a/2,z=()=>{}
/end/.test(s)