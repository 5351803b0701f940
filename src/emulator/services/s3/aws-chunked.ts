/**
 * Decoding of `Content-Encoding: aws-chunked` request bodies, which SDK v3 sends for streaming
 * uploads (x-amz-content-sha256 `STREAMING-...`, x-amz-decoded-content-length) and with flexible
 * checksums as trailers:
 *
 *   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
 *   [<trailer-name>:<value>\r\n]* \r\n
 *
 * Signatures are not checked (the local cloud accepts any credentials).
 */

export class AwsChunkedError extends Error {}

export function isAwsChunked(headers: Record<string, string | undefined>): boolean {
  const encoding = headers['content-encoding'] ?? '';
  const sha = headers['x-amz-content-sha256'] ?? '';
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = [];
  let pos = 0;
  const readLine = (): string => {
    const end = raw.indexOf('\r\n', pos);
    if (end < 0) throw new AwsChunkedError('an aws-chunked body ended in the middle of a line');
    const line = raw.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return line;
  };
  for (;;) {
    const header = readLine();
    const sizeText = header.split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new AwsChunkedError(`an aws-chunked body has an invalid chunk size "${sizeText}"`);
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) break;
    if (pos + size + 2 > raw.length) throw new AwsChunkedError('an aws-chunked body is shorter than its chunk sizes say');
    chunks.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw[pos] !== 0x0d || raw[pos + 1] !== 0x0a) throw new AwsChunkedError('an aws-chunked chunk is not followed by CRLF');
    pos += 2;
  }
  const trailers: Record<string, string> = {};
  while (pos < raw.length) {
    const line = readLine();
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new AwsChunkedError(`an aws-chunked trailer is malformed: "${line}"`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}
