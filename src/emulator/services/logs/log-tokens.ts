/**
 * Pagination tokens of the local CloudWatch Logs.
 *
 * GetLogEvents tokens look like AWS's: `f/<56 digits>` (events after a position) and
 * `b/<56 digits>` (events before it); the digits are the event key (16-digit timestamp, 40-digit
 * sequence number). Other operations use opaque base64url cursors.
 */

export interface EventKey {
  timestamp: number;
  seq: number;
}

export function compareKeys(a: EventKey, b: EventKey): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

export function encodeStreamToken(direction: 'f' | 'b', key: EventKey): string {
  return `${direction}/${String(Math.max(0, key.timestamp)).padStart(16, '0')}${String(Math.max(0, key.seq)).padStart(40, '0')}`;
}

export function decodeStreamToken(token: string): { direction: 'f' | 'b'; key: EventKey } | undefined {
  const match = /^([fb])\/(\d{16})(\d{40})(?:\/s)?$/.exec(token);
  if (!match) return undefined;
  return { direction: match[1] as 'f' | 'b', key: { timestamp: Number(match[2]), seq: Number(match[3]) } };
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
