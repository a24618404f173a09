import { suffix } from './a.js';

export function shout(text) {
  return text.toUpperCase() + suffix;
}
