import type { S3Backend } from '../../../core/backends.js';
import { AwsServiceError } from '../../../core/aws-error.js';

/**
 * The template of a request: TemplateBody, or TemplateURL read from the emulator's S3 (path-style
 * `http(s)://host/bucket/key` or virtual-hosted `https://bucket.s3[.region].amazonaws.com/key`).
 */
export function templateBodyFrom(input: { TemplateBody?: string; TemplateURL?: string }, s3: S3Backend): string | undefined {
  if (input.TemplateBody !== undefined && input.TemplateBody !== '') return input.TemplateBody;
  if (input.TemplateURL === undefined || input.TemplateURL === '') return undefined;
  let url: URL;
  try {
    url = new URL(input.TemplateURL);
  } catch {
    throw new AwsServiceError('ValidationError', 'TemplateURL must be a supported URL.');
  }
  // Recorded (LocalStack api/test_templates test_create_stack_from_s3_template_url): an s3:// URL
  // and a host that is not S3 are refused with these texts. The local cloud's own endpoint counts as S3.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AwsServiceError('ValidationError', `S3 error: Domain name specified in ${url.hostname} is not a valid S3 domain`);
  }
  const ownHost = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (!ownHost && !/(^|\.)s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(url.hostname)) {
    throw new AwsServiceError('ValidationError', 'TemplateURL must be a supported URL.');
  }
  const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let bucket: string | undefined;
  let key: string;
  const hosted = /^(.+?)\.s3[.-]/.exec(url.hostname);
  if (hosted) {
    bucket = hosted[1];
    key = path.join('/');
  } else {
    bucket = path[0];
    key = path.slice(1).join('/');
  }
  if (!bucket || !key) throw new AwsServiceError('ValidationError', 'TemplateURL must be a supported URL.');
  const object = s3.getObject(bucket, key);
  if (!object) throw new AwsServiceError('ValidationError', 'S3 error: The specified key does not exist.');
  return object.toString('utf8');
}
