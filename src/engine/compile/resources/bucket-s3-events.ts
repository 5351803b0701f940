/** S3 notification event types → the EventBridge detail they arrive as. */
export const S3_EVENTS: Record<string, { detailType: string; detail?: Record<string, string[]> }> = {
  's3:ObjectCreated:*': { detailType: 'Object Created' },
  's3:ObjectCreated:Put': { detailType: 'Object Created', detail: { reason: ['PutObject'] } },
  's3:ObjectCreated:Post': { detailType: 'Object Created', detail: { reason: ['POST Object'] } },
  's3:ObjectCreated:Copy': { detailType: 'Object Created', detail: { reason: ['CopyObject'] } },
  's3:ObjectCreated:CompleteMultipartUpload': { detailType: 'Object Created', detail: { reason: ['CompleteMultipartUpload'] } },
  's3:ObjectRemoved:*': { detailType: 'Object Deleted' },
  's3:ObjectRemoved:Delete': { detailType: 'Object Deleted', detail: { 'deletion-type': ['Permanently Deleted'] } },
  's3:ObjectRemoved:DeleteMarkerCreated': { detailType: 'Object Deleted', detail: { 'deletion-type': ['Delete Marker Created'] } },
  's3:ObjectRestore:*': { detailType: 'Object Restore Completed' },
  's3:ObjectRestore:Post': { detailType: 'Object Restore Initiated' },
  's3:ObjectRestore:Completed': { detailType: 'Object Restore Completed' },
  's3:ObjectRestore:Delete': { detailType: 'Object Restore Expired' },
  's3:LifecycleExpiration:*': { detailType: 'Object Deleted', detail: { reason: ['Lifecycle Expiration'] } },
  's3:LifecycleTransition': { detailType: 'Object Storage Class Changed' },
  's3:IntelligentTiering': { detailType: 'Object Access Tier Changed' },
  's3:ObjectTagging:*': { detailType: 'Object Tags Added' },
  's3:ObjectTagging:Put': { detailType: 'Object Tags Added' },
  's3:ObjectTagging:Delete': { detailType: 'Object Tags Deleted' },
  's3:ObjectAcl:Put': { detailType: 'Object ACL Updated' },
};

/** The `s3EventType` values stp can route (EventBridge patterns exist for them). */
export const SUPPORTED_S3_EVENT_TYPES: readonly string[] = Object.keys(S3_EVENTS);
