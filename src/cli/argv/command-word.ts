import type { FlagSpec } from './flag-spec.js';

/**
 * Where the command word is in argv: the first word that is neither a flag nor the value of a
 * global flag that takes one, so `stp --config x.yml validate` finds `validate`, not `x.yml`.
 * -1 when there is none (flags only, or everything after `--`).
 */
export function findCommandWord(argv: readonly string[], globalFlags: readonly FlagSpec[]): number {
  const takesValue = (word: string) =>
    globalFlags.some((f) => f.type === 'string' && (word === `--${f.name}` || (f.alias !== undefined && word === `-${f.alias}`)));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return -1;
    if (word.startsWith('-') && word !== '-') {
      if (takesValue(word)) i++;
      continue;
    }
    return i;
  }
  return -1;
}
