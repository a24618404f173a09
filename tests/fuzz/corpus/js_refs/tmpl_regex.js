const t = `a${`b${c}`}d`; r = /[/]'x.png'/g; q = a / 2 / 'b.png'.length;
