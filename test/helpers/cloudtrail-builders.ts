import type { TestFile } from './bundle-builder.js';

/** Builders for CloudTrail evidence beyond aws-builders.ts, shaped as SDK v3 returns them. */

/** `cloudtrail:GetTrailStatus` of a trail in its home region, with exactly these fields. */
export function trailStatusWith(t: { TrailARN: string; HomeRegion: string }, body: Record<string, unknown>): TestFile {
  return { region: t.HomeRegion, service: 'cloudtrail', operation: 'GetTrailStatus', parameters: { Name: t.TrailARN }, body };
}

/** A trail status or selectors file of a trail homed outside the bundle's regions: the collector files it under `global`. */
export function filedGlobally(file: TestFile): TestFile {
  return { ...file, region: 'global' };
}

/** A trail as DescribeTrails lists it with some fields left out (an implementation that omits them). */
export function without<T extends object>(record: T, ...fields: (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...record };
  for (const field of fields) delete copy[field];
  return copy;
}
