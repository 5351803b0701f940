import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Stacktape's stage rule: lower-case alphanumeric and dashes, 2–12 characters. */
const STAGE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const STAGE_MIN_LENGTH = 2;
export const STAGE_MAX_LENGTH = 12;

export function checkStageName(stage: string): Diagnostic | undefined {
  const valid = STAGE_PATTERN.test(stage) && stage.length >= STAGE_MIN_LENGTH && stage.length <= STAGE_MAX_LENGTH;
  if (valid) return undefined;
  const lowered = stage.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, STAGE_MAX_LENGTH);
  return {
    code: 'STP_CONFIG_INVALID_STAGE',
    severity: 'error',
    message: `invalid stage "${stage}": a stage is lower-case letters, digits and dashes, ${STAGE_MIN_LENGTH}–${STAGE_MAX_LENGTH} characters`,
    expected: `lower-case alphanumeric-dash, ${STAGE_MIN_LENGTH} to ${STAGE_MAX_LENGTH} characters (e.g. dev, staging, prod-eu)`,
    ...(lowered.length >= STAGE_MIN_LENGTH && lowered !== stage ? { hint: `did you mean "${lowered}"?` } : {}),
  };
}
