/**
 * The EC2 query protocol: requests are awsQuery forms (lists flattened as `Name.N`, which
 * decodeQueryParams already reads), but responses differ from awsQuery's: no `<OpResult>` wrapper,
 * a lower-case `<requestId>` first, lists as `<item>` elements, and errors as
 * `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
 */
import type { HttpResponseData } from '../core/backends.js';
import type { AwsServiceError } from '../core/aws-error.js';
import { encodeXmlValue, escapeXml, xmlElement } from './xml-writer.js';

export const EC2_XML_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const EC2_API_VERSION = '2016-11-15';

export function encodeEc2Response(operation: string, result: unknown, requestId: string): HttpResponseData {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${operation}Response xmlns="${EC2_XML_NAMESPACE}">` +
    xmlElement('requestId', escapeXml(requestId)) +
    encodeXmlValue(result, 'item') +
    `</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

export function encodeEc2Error(error: AwsServiceError, requestId: string): HttpResponseData {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>`;
  return { status: error.status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}
