// POST /uploads/{name}: stores the request body under incoming/ in the uploads bucket; the bucket
// event starts processUpload.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

interface HttpEvent {
  body?: string;
  isBase64Encoded?: boolean;
  pathParameters?: { name?: string };
}

const s3 = new S3Client({});

export default async (event: HttpEvent) => {
  const name = event.pathParameters?.name;
  if (!name || !/^[\w.-]{1,200}$/.test(name)) {
    return { statusCode: 400, body: JSON.stringify({ message: 'name must be 1-200 letters, digits, dots, dashes or underscores' }) };
  }
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  const key = `incoming/${Date.now()}-${name}`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.STP_UPLOADS_NAME, Key: key, Body: body }));
  console.log(`stored s3://${process.env.STP_UPLOADS_NAME}/${key} (${body.length} bytes)`);
  return { statusCode: 202, body: JSON.stringify({ key }) };
};
