import { shout } from './b.js';

export function greet(name) {
  return shout('hello, ' + name);
}

export const suffix = '!';
