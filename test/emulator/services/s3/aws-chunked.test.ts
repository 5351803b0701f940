import { expect, it } from 'vitest';
import { AwsChunkedError, decodeAwsChunked, isAwsChunked } from '../../../../src/emulator/services/s3/aws-chunked.js';

it('decodes signed chunks and trailers', () => {
  const raw = Buffer.from(
    '5;chunk-signature=aaa\r\nhello\r\n6;chunk-signature=bbb\r\n world\r\n0;chunk-signature=ccc\r\n' +
      'x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:ddd\r\n\r\n',
  );
  const decoded = decodeAwsChunked(raw);
  expect(decoded.body.toString()).toBe('hello world');
  expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==', 'x-amz-trailer-signature': 'ddd' });
});

it('decodes unsigned chunks without trailers, binary-safe', () => {
  const payload = Buffer.from([0, 13, 10, 255, 1]);
  const raw = Buffer.concat([Buffer.from('5\r\n'), payload, Buffer.from('\r\n0\r\n\r\n')]);
  expect(decodeAwsChunked(raw).body.equals(payload)).toBe(true);
});

it.each(['zz\r\nabc\r\n0\r\n\r\n', '10\r\nshort\r\n0\r\n\r\n', '3\r\nabcX0\r\n\r\n', '3\r\nabc'])('rejects malformed framing %j', (text) => {
  expect(() => decodeAwsChunked(Buffer.from(text))).toThrow(AwsChunkedError);
});

it('recognises aws-chunked by encoding or streaming payload hash', () => {
  expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(true);
  expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
  expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
});
