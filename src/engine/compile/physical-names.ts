import { createHash } from 'node:crypto';

/**
 * Physical names stp chooses (function names, log groups, clusters, target groups, ...). AWS caps
 * them (Lambda 64, target group 32, ...); a name over the cap is cut and suffixed with a short
 * hash of the full name, so two long names stay distinct and the result is the same every compile.
 */
export function physicalName(parts: string[], maxLength: number): string {
  const full = parts.filter((p) => p.length > 0).join('-');
  if (full.length <= maxLength) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const head = full.slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}

/** Known AWS length limits for names stp sets. */
export const nameLimits = {
  lambdaFunction: 64,
  iamRole: 64,
  targetGroup: 32,
  ecsCluster: 255,
  ecsService: 255,
  stateMachine: 80,
  batch: 128,
} as const;
