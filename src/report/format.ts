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

// Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the
// marks (U+200E, U+200F) and the Arabic letter mark (U+061C). In evidence (a tag, a bucket name)
// they can make a reader see text in another order than it is, e.g. "FAIL" read as "LIAF".
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Shows each bidirectional control character visibly, as `<U+202E>`, so it cannot reorder the text. */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** {@link neutraliseBidi} for text already escaped as HTML: the visible marker is escaped too. */
export function neutraliseBidiHtml(html: string): string {
  return html.replace(BIDI_CONTROLS, (ch) => `&lt;U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}&gt;`);
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
