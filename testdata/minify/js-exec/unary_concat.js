console.log(!'a' + 'b', -'1' + '2', ~'1' + '2', void 'a' + 'b')
