import type { EbsVolume } from '../../bundle/evidence/ec2.js';

// An attachment in these states ties the volume to an instance; detaching and detached ones no longer do.
const ATTACHED_STATES = new Set(['attaching', 'attached', 'busy']);
const DETACHED_STATES = new Set(['detaching', 'detached']);

/** Whether a volume is attached to an instance: true, false, or 'unknown' when an attachment's state cannot be read. */
export function isAttached(volume: EbsVolume): boolean | 'unknown' {
  if (volume.attachments.some((a) => a.state !== undefined && ATTACHED_STATES.has(a.state))) return true;
  if (volume.attachments.every((a) => a.state !== undefined && DETACHED_STATES.has(a.state))) return false;
  return 'unknown';
}

/** "volume vol-0… (attached to i-0…, i-0…)" for reasons. */
export function describeVolume(volume: EbsVolume): string {
  const instances = volume.attachments
    .filter((a) => a.state !== undefined && ATTACHED_STATES.has(a.state))
    .map((a) => a.instanceId ?? 'an unnamed instance');
  return `volume ${volume.id}${instances.length > 0 ? ` (attached to ${instances.join(', ')})` : ''}`;
}
