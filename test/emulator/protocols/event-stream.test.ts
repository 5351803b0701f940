import { EventStreamCodec } from '@smithy/core/event-streams';
import { expect, it } from 'vitest';
import { encodeEventStreamMessage, eventFrame, exceptionFrame } from '../../../src/emulator/protocols/event-stream.js';

// The SDK's own codec checks both CRCs and the lengths while decoding.
const codec = new EventStreamCodec(
  (input: Uint8Array) => Buffer.from(input).toString('utf8'),
  (input: string) => new Uint8Array(Buffer.from(input, 'utf8')),
);

it('encodes frames the SDK codec decodes, headers and payload intact', () => {
  const decoded = codec.decode(eventFrame('sessionUpdate', { sessionResults: [], sessionMetadata: { sampled: false } }));
  expect(decoded.headers[':message-type']).toEqual({ type: 'string', value: 'event' });
  expect(decoded.headers[':event-type']).toEqual({ type: 'string', value: 'sessionUpdate' });
  expect(decoded.headers[':content-type']).toEqual({ type: 'string', value: 'application/json' });
  expect(JSON.parse(Buffer.from(decoded.body).toString('utf8'))).toEqual({ sessionResults: [], sessionMetadata: { sampled: false } });
});

it('encodes exception frames', () => {
  const decoded = codec.decode(exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'));
  expect(decoded.headers[':message-type']?.value).toBe('exception');
  expect(decoded.headers[':exception-type']?.value).toBe('SessionTimeoutException');
});

it('produces a frame whose corruption the codec detects', () => {
  const frame = encodeEventStreamMessage({ a: 'b' }, Buffer.from('payload ü'));
  expect(frame.readUInt32BE(0)).toBe(frame.length);
  const corrupted = Buffer.from(frame);
  corrupted[frame.length - 6] = (corrupted[frame.length - 6] ?? 0) ^ 0xff;
  expect(() => codec.decode(corrupted)).toThrow();
});
