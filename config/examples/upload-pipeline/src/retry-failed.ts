// Drains the failedUploads queue: each message is a Lambda onFailure record for processUpload.
// Moves the upload to failed/ so it can be inspected, and logs why it failed.
import { CopyObjectCommand, S3Client } from '@aws-sdk/client-s3';

interface SqsEvent {
  Records: { messageId: string; body: string }[];
}

interface FailureRecord {
  requestPayload?: { Records?: { s3: { object: { key: string } } }[] };
  responsePayload?: { errorMessage?: string };
}

const s3 = new S3Client({});

export default async (event: SqsEvent) => {
  for (const message of event.Records) {
    let failure: FailureRecord;
    try {
      failure = JSON.parse(message.body) as FailureRecord;
    } catch {
      console.log(`message ${message.messageId} is not a Lambda failure record; dropping it`);
      continue;
    }
    for (const record of failure.requestPayload?.Records ?? []) {
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const target = key.replace(/^incoming\//, 'failed/');
      await s3.send(
        new CopyObjectCommand({
          Bucket: process.env.STP_UPLOADS_NAME,
          CopySource: `${process.env.STP_UPLOADS_NAME}/${encodeURIComponent(key)}`,
          Key: target,
        }),
      );
      console.log(`moved ${key} to ${target}: ${failure.responsePayload?.errorMessage ?? 'unknown error'}`);
    }
  }
};
