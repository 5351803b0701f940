import { randomBytes } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(length: number, alphabet: 'upper' | 'lower' | 'hex' | 'mixed' = 'upper'): string {
  const chars = alphabet === 'upper' ? UPPER : alphabet === 'lower' ? LOWER : alphabet === 'hex' ? HEX : MIXED;
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += chars[bytes[i]! % chars.length];
  return out;
}

/**
 * A CloudFormation-generated name: `<stack>-<logicalId>-<random>`, the stack and logical parts
 * shortened so the whole fits `maxLength` (as CloudFormation does for unnamed resources).
 */
export function generatedName(stackName: string, logicalId: string, options: { maxLength?: number; lowercase?: boolean } = {}): string {
  const maxLength = options.maxLength ?? 64;
  const suffix = randomChars(12, options.lowercase ? 'lower' : 'upper');
  const budget = maxLength - suffix.length - 2;
  let stack = stackName;
  let logical = logicalId;
  while (stack.length + logical.length > budget) {
    if (stack.length >= logical.length) stack = stack.slice(0, -1);
    else logical = logical.slice(0, -1);
  }
  const name = `${stack}-${logical}-${suffix}`;
  return options.lowercase ? name.toLowerCase() : name;
}
