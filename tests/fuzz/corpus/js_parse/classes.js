// Classes, generators, async, getters, private names, static blocks.
(async function () {
  var log = console.log;
  const factor = 3;
  class Base {
    #secret = factor;
    static count = 0;
    static { Base.count = factor * 2; }
    constructor(name) { this.name = name; }
    get secret() { return this.#secret; }
    set secret(value) { this.#secret = value; }
    static create(name) { return new this(name); }
    #hidden() { return 'hidden:' + this.name; }
    reveal() { return this.#hidden(); }
    has(o) { return #secret in o; }
  }
  class Derived extends Base {
    field = this.name + '!';
    constructor(name) { super(name.toUpperCase()); }
    reveal() { return 'derived ' + super.reveal(); }
  }
  const d = Derived.create('x');
  d.secret = 7;
  log('class', d.name, d.secret, d.reveal(), d.field, Base.count, d.has(d), d.has({}));
  const Named = class Inner { who() { return Inner === Named; } };
  log('class expr', new Named().who(), typeof Inner);
  function* gen(limit) { let i = 0; while (i < limit) { const got = yield i++; if (got) log('sent', got); } return 'done'; }
  const it = gen(3);
  log('gen', it.next().value, it.next('hello').value, it.next().value, it.next().value);
  function* delegate() { yield* gen(2); yield* [7, 8]; }
  log('yield*', [...delegate()].join());
  async function later(v) { await null; return v * 2; }
  const results = await Promise.all([1, 2].map(async (n) => later(n)));
  log('async', results.join());
  async function* agen() { yield 1; yield 2; }
  const collected = [];
  for await (const v of agen()) collected.push(v);
  log('for await', collected.join());
  const obj = { async method() { return 'm'; }, *g() { yield 'g'; }, async *ag() { yield 'ag'; } };
  log('methods', await obj.method(), obj.g().next().value, (await obj.ag().next()).value);
  const tag = (strings, ...vals) => strings.raw.join('|') + vals.join(',');
  const a = 1, b = 2;
  log('tagged', tag`x${a}y${b}z`, `${a + b}`);
})();
