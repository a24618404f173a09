+biel+('a' + 'b' );
