import { bucketNotifications, type BucketNotification } from '../../bundle/evidence/s3.js';
import { wildcardMatches } from '../../bundle/evidence/policy.js';
import { defineCheck } from '../define-check.js';

/** Every bucket sends event notifications (to the expected destination, for the expected events, when the catalog names them). */
export default defineCheck({
  id: 's3-bucket-event-notifications-enabled',
  title: 'S3 buckets send event notifications',
  description:
    "For every bucket in ListBuckets, GetBucketNotificationConfiguration must show an SNS topic, SQS queue or Lambda function notification (or, with no destinationArn and no eventTypes, EventBridge delivery); with destinationArn, one notification must go there; with eventTypes, that notification's events must cover every listed type (s3:ObjectCreated:* covers s3:ObjectCreated:Put).",
  scope: 'account',
  needs: { notifications: bucketNotifications },
  params: {
    destinationArn: {
      type: 'string',
      description:
        'The SNS topic, SQS queue or Lambda function ARN notifications must go to (the rule parameter destinationArn); empty: any.',
    },
    eventTypes: {
      type: 'array',
      items: { type: 'string' },
      description: 'S3 event types a notification must cover (the rule parameter eventTypes); empty: any.',
    },
  },
  *run({ notifications }, ctx) {
    const { destinationArn, eventTypes } = ctx.params;
    const unconstrained = destinationArn === '' && eventTypes.length === 0;
    const required = [destinationArn !== '' ? `to ${destinationArn}` : '', eventTypes.length > 0 ? `for ${eventTypes.join(', ')}` : '']
      .filter(Boolean)
      .join(' ');
    for (const { bucket, evidence } of notifications) {
      if (!evidence.ok) {
        yield ctx.notEvaluated(bucket.arn, evidence.reason);
        continue;
      }
      const files = evidence.files;
      const { notifications: list, eventBridge } = evidence.value;
      const matching = list.find((n) => matches(n, destinationArn, eventTypes));
      if (matching) {
        yield ctx.pass(
          bucket.arn,
          `bucket ${bucket.name} notifies ${matching.kind} ${matching.destination ?? '(no ARN)'} of ${matching.events.join(', ') || 'no events'}`,
          files,
        );
      } else if (unconstrained && eventBridge) {
        yield ctx.pass(bucket.arn, `bucket ${bucket.name} sends its events to Amazon EventBridge`, files);
      } else if (list.length === 0) {
        yield ctx.fail(
          bucket.arn,
          `bucket ${bucket.name} has no event notifications${eventBridge ? ' other than EventBridge delivery' : ''} (required: one${required ? ` ${required}` : ''})`,
          files,
        );
      } else {
        const seen = list.map((n) => `${n.kind} ${n.destination ?? '(no ARN)'} of ${n.events.join(', ') || 'no events'}`).join('; ');
        yield ctx.fail(bucket.arn, `bucket ${bucket.name} has no event notification ${required} (it has: ${seen})`, files);
      }
    }
  },
});

/** Whether a notification goes to the destination (if named) and covers every event type (if listed). */
function matches(notification: BucketNotification, destinationArn: string, eventTypes: readonly string[]): boolean {
  if (destinationArn !== '' && notification.destination !== destinationArn) return false;
  return eventTypes.every((wanted) => notification.events.some((event) => wildcardMatches(event, wanted)));
}
