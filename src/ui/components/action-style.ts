/**
 * How a planned change's action looks everywhere in the console: a symbol that carries the meaning
 * alone (NO_COLOR), a word, and a colour that only repeats it. The same symbols as the plain lines.
 */
import type { ChangeAction } from '../../engine/events.js';
import { ACTION_SYMBOL } from '../plain/deploy-lines.js';

export interface ActionStyle {
  symbol: string;
  word: string;
  color: 'green' | 'yellow' | 'red' | 'magenta' | 'cyan';
}

export const ACTION_STYLE: Record<ChangeAction, ActionStyle> = {
  add: { symbol: ACTION_SYMBOL.add, word: 'add', color: 'green' },
  modify: { symbol: ACTION_SYMBOL.modify, word: 'modify', color: 'yellow' },
  replace: { symbol: ACTION_SYMBOL.replace, word: 'replace', color: 'red' },
  'may-replace': { symbol: ACTION_SYMBOL['may-replace'], word: 'may replace', color: 'magenta' },
  remove: { symbol: ACTION_SYMBOL.remove, word: 'remove', color: 'red' },
  import: { symbol: ACTION_SYMBOL.import, word: 'import', color: 'cyan' },
  dynamic: { symbol: ACTION_SYMBOL.dynamic, word: 'dynamic', color: 'yellow' },
};

/** Groups in the order an operator should read them: what destroys first, what only adds last. */
export const ACTION_ORDER: readonly ChangeAction[] = ['replace', 'remove', 'may-replace', 'modify', 'dynamic', 'import', 'add'];
