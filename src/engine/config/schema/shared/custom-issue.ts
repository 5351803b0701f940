import type * as z from 'zod';

/**
 * Custom checks inside the schema (cross-field rules zod cannot express declaratively) attach the
 * stp diagnostic code and the "expected" text as issue params, so the issue → diagnostic mapping
 * stays a lookup rather than message parsing.
 */
export interface StpIssueParams {
  stpCode: string;
  expected?: string;
}

export function addStpIssue(
  ctx: z.core.$RefinementCtx,
  path: (string | number)[],
  message: string,
  params: StpIssueParams,
): void {
  ctx.addIssue({ code: 'custom', path, message, params: { ...params } });
}
