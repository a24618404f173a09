in//# sourceMappingURL=new Store }
;  //# sourceMappingURL=*qqqqqqqqqqqqq//aqqqqqr --=1x00. x =
 'it	,ª; y = "\t\öœ  ª; y = "\s'; y =l/qqqqqqqqqqqqqqqqqqqqqqqr --=0x0 =ÿü [10, wÿÿÿÿÿ6n
]
