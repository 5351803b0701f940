import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assetObjectKey, deterministicZip, sha256Hex } from '../../../src/engine/package/deterministic-zip.js';

const text = (s: string) => new TextEncoder().encode(s);

/** Reads (name, DOS time, DOS date, external attributes) from each central directory record. */
function centralDirectory(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const records: { name: string; time: number; date: number; mode: number }[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    records.push({
      time: view.getUint16(i + 12, true),
      date: view.getUint16(i + 14, true),
      mode: view.getUint32(i + 38, true) >>> 16,
      name: new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)),
    });
    i += 46 + nameLength - 1;
  }
  return records;
}

describe('deterministicZip', () => {
  const files = [
    { path: 'index.mjs', content: text('export const handler = () => 1;\n') },
    { path: 'lib/a.js', content: text('a'.repeat(1000)) },
    { path: 'bootstrap', content: text('#!/bin/sh\n'), executable: true },
  ];

  it('gives byte-identical archives and hashes for the same files, in any order, twice', () => {
    const first = deterministicZip(files);
    const second = deterministicZip([...files].reverse());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    expect(assetObjectKey(first)).toMatch(/^[0-9a-f]{64}\.zip$/);
  });

  it('changes when any content changes', () => {
    const changed = deterministicZip([...files.slice(1), { path: 'index.mjs', content: text('export const handler = () => 2;\n') }]);
    expect(sha256Hex(changed)).not.toBe(sha256Hex(deterministicZip(files)));
  });

  it('sorts entries, fixes the timestamp to 1980-01-01 and the permissions', () => {
    const records = centralDirectory(deterministicZip(files));
    expect(records.map((r) => r.name)).toEqual(['bootstrap', 'index.mjs', 'lib/a.js']);
    // DOS date 1980-01-01 = (0 << 9) | (1 << 5) | 1; time 00:00:00 = 0.
    expect(records.every((r) => r.date === 33 && r.time === 0)).toBe(true);
    expect(records.map((r) => r.mode.toString(8))).toEqual(['100755', '100644', '100644']);
  });

  it('round-trips the content', () => {
    const unzipped = unzipSync(deterministicZip(files));
    expect(new TextDecoder().decode(unzipped['lib/a.js'])).toBe('a'.repeat(1000));
    expect(Object.keys(unzipped).sort()).toEqual(['bootstrap', 'index.mjs', 'lib/a.js']);
  });

  it('rejects unsafe or duplicate entry paths', () => {
    expect(() => deterministicZip([{ path: '../x', content: text('') }])).toThrow(/Invalid zip entry/);
    expect(() => deterministicZip([{ path: '/etc/x', content: text('') }])).toThrow(/Invalid zip entry/);
    expect(() => deterministicZip([{ path: 'a', content: text('1') }, { path: './a', content: text('2') }])).toThrow(/Duplicate/);
  });
});
