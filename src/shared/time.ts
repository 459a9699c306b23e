const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (floored), e.g. 90 for 90 days and 5 hours. */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Parses an ISO 8601 timestamp, or returns undefined when the text is not one. */
export function parseTimestamp(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The date part of a timestamp, `2026-09-30`, for reasons and reports. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
