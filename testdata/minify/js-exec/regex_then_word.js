var o = { '/b/': 1 }
console.log(/a/ instanceof RegExp, String(/b/) in o)
