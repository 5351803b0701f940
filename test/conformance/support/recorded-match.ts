/**
 * Matches a response recorded from real AWS (with LocalStack's snapshot placeholders) against the
 * local cloud's response, and renders the recording with every placeholder replaced by the value
 * it matched — so a mismatch shows as an ordinary structural diff of two plain values.
 *
 * Recorded values use LocalStack's transformer output:
 *   - `<kind:N>` / `<kind>` stand for one generated value (stack name, uuid, resource id…). The
 *     same placeholder must stand for the same value throughout a scenario (a bound placeholder
 *     is substituted literally on later use): that is how "describe by ARN returns the same
 *     change set" is checked.
 *   - `<partition>`, `<region>` and the account `111111111111` stand for the local cloud's own.
 *   - `"datetime"` / `"timestamp"` stand for any timestamp (the SDK gives Date objects).
 * The local cloud's response is normalised first: SDK `$metadata` and boto's `ResponseMetadata`
 * are dropped (HTTP status is compared where the recording has an error), Dates become
 * "datetime".
 */

export interface LocalIdentity {
  partition: string;
  region: string;
  accountId: string;
}

export const RECORDED_ACCOUNT_ID = '111111111111';

const PLACEHOLDER = /<([a-zA-Z0-9_.-]+(?::\d+)?)>/g;
const HAS_PLACEHOLDER = /<[a-zA-Z0-9_.-]+(?::\d+)?>/;
const TIMESTAMP_WORDS = new Set(['datetime', 'timestamp', 'date', '<datetime>', '<timestamp>', '<date>']);
const EMBEDDED_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const WHOLE_PLACEHOLDER = /^<([a-zA-Z0-9_.-]+(?::\d+)?)>$/;

/** Placeholder → the value it stood for, shared by every response of one scenario. */
export class Bindings {
  private readonly values = new Map<string, string>();
  /** Non-string values a whole-value placeholder matched (`"CodeSize": "<code-size>"` → 1234). */
  private readonly raw = new Map<string, unknown>();

  constructor(readonly identity: LocalIdentity) {}

  get(name: string): string | undefined {
    if (name === 'partition') return this.identity.partition;
    if (name === 'region') return this.identity.region;
    if (name === 'account_id' || name === 'account-id') return this.identity.accountId;
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** Pre-binds a placeholder to a value the scenario chose itself (e.g. its stack name). */
  bind(name: string, value: string): this {
    this.values.set(name, value);
    return this;
  }

  setRaw(name: string, value: unknown): void {
    this.raw.set(name, value);
    this.values.set(name, String(value));
  }

  /** The value to render for a whole-value placeholder: the raw non-string value when it had one. */
  rendered(name: string): unknown {
    return this.raw.has(name) ? this.raw.get(name) : this.get(name);
  }

  entries(): [string, string][] {
    return [...this.values.entries()];
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A UUID left literally in a recording (a cleanup event's `Topic1-<uuid>` EventId) is an ID like
 * any other: it becomes a placeholder named after itself, so the same recorded UUID must still
 * stand for the same local one.
 */
export function anonymiseUuids(recorded: unknown): unknown {
  if (typeof recorded === 'string') return recorded.replace(UUID, (uuid) => `<recorded-uuid-${uuid}>`);
  if (Array.isArray(recorded)) return recorded.map(anonymiseUuids);
  if (recorded !== null && typeof recorded === 'object') {
    return Object.fromEntries(Object.entries(recorded).map(([key, inner]) => [key, anonymiseUuids(inner)]));
  }
  return recorded;
}

/** The local response as plain JSON data: Dates → "datetime", SDK/boto metadata dropped. */
export function normaliseActual(value: unknown): unknown {
  if (value instanceof Date) return 'datetime';
  if (Array.isArray(value)) return value.map(normaliseActual);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$metadata' || key === 'ResponseMetadata' || inner === undefined) continue;
      out[key] = normaliseActual(inner);
    }
    return out;
  }
  return value;
}

/** The recording without its boto `ResponseMetadata` (the HTTP status of errors is kept by the error shape). */
export function stripRecordedMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRecordedMetadata);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'ResponseMetadata') continue;
      out[key] = stripRecordedMetadata(inner);
    }
    return out;
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Binds the placeholders of one recorded string against the actual string, when the actual string
 * has the recorded shape. Returns false (and binds nothing) when it does not.
 */
function bindString(recorded: string, actual: string, bindings: Bindings): boolean {
  const withAccount = recorded.split(RECORDED_ACCOUNT_ID).join('\u0000ACCOUNT\u0000');
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of withAccount.matchAll(PLACEHOLDER)) {
    pattern += literalPattern(withAccount.slice(last, match.index), bindings);
    const name = match[1]!;
    const bound = bindings.get(name);
    if (bound !== undefined) pattern += escapeRegExp(bound);
    else if (names.includes(name)) pattern += `\\k<p${names.indexOf(name)}>`;
    else {
      pattern += `(?<p${names.length}>.+?)`;
      names.push(name);
    }
    last = match.index + match[0].length;
  }
  pattern += literalPattern(withAccount.slice(last), bindings);
  const found = new RegExp(`^${pattern}$`, 's').exec(actual);
  if (!found) return false;
  names.forEach((name, index) => bindings.set(name, found.groups![`p${index}`]!));
  return true;
}

function literalPattern(text: string, bindings: Bindings): string {
  return text
    .split('\u0000ACCOUNT\u0000')
    .map(escapeRegExp)
    .join(escapeRegExp(bindings.identity.accountId));
}

function looksLikeTimestamp(value: unknown): boolean {
  if (value instanceof Date || value === 'datetime') return true;
  if (typeof value === 'number') return value > 1e9;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value);
}

/**
 * The normalised actual value with "datetime" wherever the recording has a timestamp word and the
 * local cloud has a timestamp (Date, ISO string or epoch number) — a string that is no timestamp
 * stays as is and shows in the diff.
 */
export function alignTimestamps(recorded: unknown, actual: unknown): unknown {
  if (typeof recorded === 'string' && TIMESTAMP_WORDS.has(recorded)) return looksLikeTimestamp(actual) ? 'datetime' : normaliseActual(actual);
  // A timestamp inside a string (a resource event's `Topic1-CREATE_COMPLETE-2025-…Z`) was recorded as "date".
  if (typeof recorded === 'string' && typeof actual === 'string' && recorded.includes('date')) return actual.replace(EMBEDDED_TIMESTAMP, 'date');
  if (Array.isArray(recorded) && Array.isArray(actual)) return actual.map((item, index) => alignTimestamps(recorded[index], item));
  if (recorded !== null && typeof recorded === 'object' && actual !== null && typeof actual === 'object' && !Array.isArray(actual) && !(actual instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(actual)) {
      if (key === '$metadata' || key === 'ResponseMetadata' || inner === undefined) continue;
      out[key] = alignTimestamps((recorded as Record<string, unknown>)[key], inner);
    }
    return out;
  }
  return normaliseActual(actual);
}

/** Walks recording and actual together, binding placeholders wherever the shapes agree. */
export function bindPlaceholders(recorded: unknown, actual: unknown, bindings: Bindings): void {
  if (typeof recorded === 'string') {
    if (typeof actual === 'string') bindString(recorded, actual, bindings);
    else if (typeof actual === 'number' || typeof actual === 'boolean') {
      const whole = WHOLE_PLACEHOLDER.exec(recorded);
      if (whole && bindings.get(whole[1]!) === undefined) bindings.setRaw(whole[1]!, actual);
    }
    return;
  }
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return;
    recorded.forEach((item, index) => bindPlaceholders(item, actual[index], bindings));
    return;
  }
  if (recorded !== null && typeof recorded === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return;
    const actualObject = actual as Record<string, unknown>;
    const literalKeys = new Set(Object.keys(recorded).filter((key) => !HAS_PLACEHOLDER.test(key)));
    for (const [key, inner] of Object.entries(recorded)) {
      let actualKey = key;
      if (HAS_PLACEHOLDER.test(key)) {
        // A key that is a placeholder (events grouped by stack name): bind it to a local key the
        // recording does not name literally.
        const rendered = renderKey(key, bindings);
        actualKey = Object.hasOwn(actualObject, rendered)
          ? rendered
          : (Object.keys(actualObject).find((candidate) => !literalKeys.has(candidate) && bindString(key, candidate, bindings)) ?? key);
      }
      bindPlaceholders(inner, actualObject[actualKey], bindings);
    }
  }
}

/** An object key with its bound placeholders substituted (keys are never timestamp words). */
function renderKey(key: string, bindings: Bindings): string {
  return key.replace(PLACEHOLDER, (whole, name: string) => bindings.get(name) ?? whole);
}

/**
 * The recording with every bound placeholder replaced by its value, the account and region by
 * the local ones. Unbound placeholders stay visible as `<kind:N>` in the diff. A recorded
 * timestamp word stays as is (the normalised actual has "datetime" for each Date).
 */
export function renderRecorded(recorded: unknown, bindings: Bindings): unknown {
  if (typeof recorded === 'string') {
    if (TIMESTAMP_WORDS.has(recorded)) return 'datetime';
    const whole = WHOLE_PLACEHOLDER.exec(recorded);
    if (whole && bindings.rendered(whole[1]!) !== undefined) return bindings.rendered(whole[1]!);
    return recorded
      .split(RECORDED_ACCOUNT_ID)
      .join(bindings.identity.accountId)
      .replace(PLACEHOLDER, (whole, name: string) => bindings.get(name) ?? whole);
  }
  if (Array.isArray(recorded)) return recorded.map((item) => renderRecorded(item, bindings));
  if (recorded !== null && typeof recorded === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(recorded)) out[renderKey(key, bindings)] = renderRecorded(inner, bindings);
    return out;
  }
  return recorded;
}
