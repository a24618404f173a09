x = 'it\'s'; y = "\t\x41\u004\x41\u0042"; z = [0,new0n]
