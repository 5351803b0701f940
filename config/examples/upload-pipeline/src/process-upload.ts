// Triggered by s3:ObjectCreated under incoming/: reads the object's metadata and archives a JSON
// summary to the CloudFormation-defined archive bucket. A thrown error sends the event (after
// Lambda's own retries) to the failedUploads queue via the onFailure destination.
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

interface S3Event {
  Records: { s3: { bucket: { name: string }; object: { key: string; size: number } } }[];
}

const s3 = new S3Client({});

export default async (event: S3Event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const summary = {
      key,
      size: head.ContentLength ?? record.s3.object.size,
      contentType: head.ContentType ?? 'application/octet-stream',
      etag: head.ETag,
      // connectTo: catalogDb injects the host; a real processor would insert the row into Postgres.
      catalog: process.env.STP_CATALOG_DB_HOST,
      processedAt: new Date().toISOString(),
    };
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.ARCHIVE_BUCKET,
        Key: `summaries/${key.replace(/^incoming\//, '')}.json`,
        Body: JSON.stringify(summary),
        ContentType: 'application/json',
      }),
    );
    console.log(`processed ${key}: ${summary.size} bytes, ${summary.contentType}`);
  }
};
