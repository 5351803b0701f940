/**
 * Recorded NDJSON event streams under test/fixtures/events/ (see canary-and-scripts.md there for
 * how each was made), read as the engine emitted them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployEvent, DeployEventBody } from '../../src/engine/events.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/events');

export function readEventFixture(name: string): DeployEvent[] {
  return readFileSync(path.join(dir, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeployEvent);
}

/** The fixture's events without their envelope (for `sessionFixture` / `push`). */
export function readEventBodies(name: string): DeployEventBody[] {
  return readEventFixture(name).map(({ v: _v, seq: _seq, ts: _ts, ...body }) => body as DeployEventBody);
}
