.async
(s)=>