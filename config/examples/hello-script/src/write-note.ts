// Writes a note to the bucket it is connected to (connectTo: notes injects STP_NOTES_NAME).
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });

export default async (event: { text?: string }) => {
  const key = `notes/${Date.now()}.txt`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.STP_NOTES_NAME, Key: key, Body: event.text ?? '(empty)' }));
  return { bucket: process.env.STP_NOTES_NAME, key };
};
