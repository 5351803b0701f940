import { didYouMean } from '../../diagnostics/did-you-mean.js';

/**
 * A did-you-mean for names of this stack: the closest by edit distance, else the only candidate
 * that contains the input (`loadBalancer` → `mainLoadBalancer`), a common way names drift.
 */
export function suggestName(input: string, candidates: readonly string[]): string | undefined {
  const close = didYouMean(input, candidates);
  if (close !== undefined) return close;
  const lowered = input.toLowerCase();
  if (lowered.length < 3) return undefined;
  const containing = candidates.filter((c) => c.toLowerCase().includes(lowered) || lowered.includes(c.toLowerCase()));
  return containing.length === 1 ? containing[0] : undefined;
}
