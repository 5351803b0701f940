import { describe, expect, it } from 'vitest';
import { Bindings, alignTimestamps, bindPlaceholders, normaliseActual, renderRecorded } from './recorded-match.js';

const identity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const stackArn = 'arn:aws:cloudformation:us-east-1:000000000000:stack/s-1/1b2c';

function rendered(recorded: unknown, actual: unknown, bindings = new Bindings(identity)): unknown {
  const aligned = alignTimestamps(recorded, actual);
  bindPlaceholders(recorded, aligned, bindings);
  return renderRecorded(recorded, bindings);
}

describe('matching a recorded AWS response against a local one', () => {
  it('binds placeholders, partition, region and account inside an ARN', () => {
    const recorded = { StackId: 'arn:<partition>:cloudformation:<region>:111111111111:stack/<stack-name:1>/<resource:2>' };
    expect(rendered(recorded, { StackId: stackArn })).toEqual({ StackId: stackArn });
  });

  it('keeps a placeholder bound across responses: another value shows as a diff', () => {
    const bindings = new Bindings(identity);
    rendered({ StackName: '<stack-name:1>' }, { StackName: 's-1' }, bindings);
    expect(rendered({ StackName: '<stack-name:1>' }, { StackName: 's-2' }, bindings)).toEqual({ StackName: 's-1' });
  });

  it('leaves a placeholder visible when the local value has another shape', () => {
    const recorded = { Id: 'arn:<partition>:cloudformation:<region>:111111111111:changeSet/<cs:1>/<resource:1>' };
    expect(rendered(recorded, { Id: 'arn:aws:cloudformation:eu-west-1:000000000000:changeSet/a/b' })).toEqual({
      Id: 'arn:aws:cloudformation:us-east-1:000000000000:changeSet/<cs:1>/<resource:1>',
    });
  });

  it('takes Dates, ISO strings and epoch numbers for a recorded timestamp word, and nothing else', () => {
    const recorded = { a: 'datetime', b: 'date', c: 'timestamp', d: 'datetime' };
    const actual = { a: new Date(0), b: '2024-01-02T03:04:05.000+0000', c: 1_700_000_000_000, d: 'soon' };
    expect(alignTimestamps(recorded, actual)).toEqual({ a: 'datetime', b: 'datetime', c: 'datetime', d: 'soon' });
  });

  it('renders a whole-value placeholder that matched a number as that number', () => {
    expect(rendered({ CodeSize: '<code-size>' }, { CodeSize: 1234 })).toEqual({ CodeSize: 1234 });
  });

  it('drops SDK and boto metadata and undefined members from the local response', () => {
    expect(normaliseActual({ $metadata: { httpStatusCode: 200 }, A: undefined, B: [new Date(1)] })).toEqual({ B: ['datetime'] });
  });
});

describe('placeholder keys', () => {
  it('binds an object key that is a placeholder to the local key the recording does not name', () => {
    const recorded = { Topic1: [1], '<stack-name:1>': [2] };
    expect(rendered(recorded, { Topic1: [1], 'stack-abc': [2] })).toEqual({ Topic1: [1], 'stack-abc': [2] });
  });

  it('keeps a timestamp word used as a key a key', () => {
    expect(rendered({ timestamp: 'date' }, { timestamp: new Date(5) })).toEqual({ timestamp: 'datetime' });
  });
});

describe('literal UUIDs in a recording', () => {
  it('match any local UUID, the same one each time', async () => {
    const { anonymiseUuids } = await import('./recorded-match.js');
    const recorded = anonymiseUuids({ a: 'Topic1-ae91de11-e3e2-4f87-bc72-efe640626413', b: 'x/ae91de11-e3e2-4f87-bc72-efe640626413' });
    const local = '0b5e3e5c-1a5b-4c39-9e7c-2a1f0c9d9f11';
    expect(rendered(recorded, { a: `Topic1-${local}`, b: `x/${local}` })).toEqual({ a: `Topic1-${local}`, b: `x/${local}` });
    const other = '1b5e3e5c-1a5b-4c39-9e7c-2a1f0c9d9f11';
    expect(rendered(recorded, { a: `Topic1-${local}`, b: `x/${other}` })).toEqual({ a: `Topic1-${local}`, b: `x/${local}` });
  });
});
