/**
 * Error bodies for the REST protocols when the server itself answers (faults, unsupported
 * operations, crashes) rather than the REST service: S3's REST-XML `<Error>` document and the
 * REST-JSON shape Lambda uses (`x-amzn-ErrorType` header plus `{"Type","Message"}`).
 */
import type { HttpResponseData } from '../core/backends.js';
import type { AwsServiceError } from '../core/aws-error.js';
import { escapeXml } from './xml-writer.js';

export function encodeRestXmlError(error: AwsServiceError, requestId: string, extra: Record<string, string> = {}): HttpResponseData {
  let fields = '';
  for (const [name, value] of Object.entries(extra)) fields += `<${name}>${escapeXml(value)}</${name}>`;
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml' },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message>${fields}<RequestId>${escapeXml(requestId)}</RequestId></Error>`,
  };
}

export function encodeRestJsonError(error: AwsServiceError): HttpResponseData {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({ Type: error.fault === 'Sender' ? 'User' : 'Service', Message: error.message, message: error.message }),
  };
}
