import type Handlebars from 'handlebars';

/** PASS, FAIL, NOT EVALUATED, MANUAL, NOT APPLICABLE: the one wording used everywhere in reports. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

/** Floored, so a section with one failure never shows as 100%. */
export function formatPercent(rate: number): string {
  return `${Math.floor(rate * 100)}%`;
}

/** `2026-09-30T08:04:12.000Z` → `2026-09-30 08:04:12 UTC`; anything else is printed as given. */
export function formatUtc(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** `acme-prod (111122223333)`, or the id alone. */
export function accountLabel(account: { id: string; name?: string }): string {
  return account.name ? `${account.name} (${account.id})` : account.id;
}

/** The helpers every report template (report, diff, trend) may use; all return plain text, escaped by {{ }}. */
export function registerReportHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('statusLabel', (status: unknown) => statusLabel(String(status)));
  hb.registerHelper('statusClass', (status: unknown) => `status-${String(status).toLowerCase().replace(/_/g, '-')}`);
  hb.registerHelper('percent', (rate: unknown) => (typeof rate === 'number' ? formatPercent(rate) : '—'));
  hb.registerHelper('utc', (iso: unknown) => formatUtc(String(iso)));
  hb.registerHelper('shortHash', (hash: unknown) => String(hash).slice(0, 12));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hb.registerHelper('plural', (count: unknown, singular: unknown, plural: unknown) => (count === 1 ? String(singular) : String(plural)));
  hb.registerHelper('join', (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  );
}
