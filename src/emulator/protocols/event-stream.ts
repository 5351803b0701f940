/**
 * AWS event-stream responses (`application/vnd.amazon.eventstream`), used by CloudWatch Logs
 * StartLiveTail. A service returns an EventStreamResult from `handle()`; the server answers 200
 * and lets it write frames until it ends or the client goes away.
 *
 * Frame layout: total length (u32) | headers length (u32) | CRC32 of those 8 bytes | headers |
 * payload | CRC32 of everything before. Headers here are all strings (type 7):
 * name length (u8) | name | 7 | value length (u16) | value.
 */
import { crc32 } from 'node:zlib';

export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const encodedHeaders = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name, 'utf8');
      const valueBytes = Buffer.from(value, 'utf8');
      const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
      header.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(header, 1);
      header.writeUInt8(7, 1 + nameBytes.length);
      header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      valueBytes.copy(header, 4 + nameBytes.length);
      return header;
    }),
  );
  const total = 12 + encodedHeaders.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(encodedHeaders.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)) >>> 0, 8);
  const message = Buffer.concat([prelude, encodedHeaders, payload]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(message) >>> 0, 0);
  return Buffer.concat([message, trailer]);
}

/** An event of a union member (`:event-type`), with a JSON payload. */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(payload)),
  );
}

/** A modeled exception inside the stream (e.g. SessionTimeoutException). */
export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message })),
  );
}

export interface EventStreamWriter {
  send(frame: Buffer): void;
  end(): void;
  /** Aborted when the client disconnects or the server stops. */
  readonly signal: AbortSignal;
}

export class EventStreamResult {
  constructor(readonly run: (writer: EventStreamWriter) => void) {}
}

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';
