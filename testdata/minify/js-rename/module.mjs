// A module: exports keep their public names, imports their local ones.
import { readFileSync as readFile } from 'node:fs';
import * as pathModule from 'node:path';
import { sep } from 'node:path';
const internalValue = 40;
let counter = 0;
function increment() { counter++; return counter; }
export function exported(a) { return a + internalValue; }
export const constant = internalValue + 2;
export { increment, counter as count };
export default class Klass { method() { return sep + pathModule.basename('/a/b') + typeof readFile; } }
const topLevel = await Promise.resolve('tla');
console.log('module', exported(2), constant, increment(), new Klass().method(), topLevel, import.meta.url.length > 0);
