import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** A compiled diff or trend template with the CSS it inlines. */
export interface LoadedTemplate<V> {
  template: Handlebars.TemplateDelegate<V>;
  css: Handlebars.SafeString;
}

const cache = new Map<string, LoadedTemplate<unknown>>();

/**
 * Loads templates/<name>.hbs with report.css and diff.css inlined, the way render-html loads the
 * report: an isolated Handlebars instance, every value escaped by {{ }}, and CSS refused if it
 * could close the style element. Templates are part of the program, read once and cached.
 */
export function loadTemplate<V>(dir: string, name: 'diff' | 'trend'): LoadedTemplate<V> {
  const key = `${dir}\u0000${name}`;
  const cached = cache.get(key) as LoadedTemplate<V> | undefined;
  if (cached) return cached;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const css = ['report.css', 'diff.css']
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      if (/<\/style/i.test(text)) throw new Error(`${join(dir, file)}: contains "</style". Remove it.`);
      return text;
    })
    .join('\n');
  const loaded: LoadedTemplate<V> = {
    template: hb.compile<V>(readFileSync(join(dir, `${name}.hbs`), 'utf8'), { strict: false }),
    css: new Handlebars.SafeString(css),
  };
  cache.set(key, loaded as LoadedTemplate<unknown>);
  return loaded;
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('statusLabel', (status: unknown) => statusLabel(String(status)));
  hb.registerHelper('statusClass', (status: unknown) => `status-${String(status).toLowerCase().replace(/_/g, '-')}`);
  hb.registerHelper('percent', (rate: unknown) => (typeof rate === 'number' ? formatPercent(rate) : '—'));
  hb.registerHelper('utc', (iso: unknown) => formatUtc(String(iso)));
  hb.registerHelper('shortHash', (hash: unknown) => String(hash).slice(0, 12));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('plural', (count: unknown, singular: unknown, plural: unknown) => (count === 1 ? String(singular) : String(plural)));
  hb.registerHelper('join', (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  );
}

/** PASS, FAIL, NOT EVALUATED, MANUAL, NOT APPLICABLE: the report's wording. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

/** Floored like the report, so a section with one failure never shows as 100%. */
export function formatPercent(rate: number): string {
  return `${Math.floor(rate * 100)}%`;
}

/** Change in whole percentage points between two floored percentages: "+3 pts", "−3 pts", "±0 pts"; "—" when either is unknown. */
export function formatPoints(from: number | null, to: number | null): string {
  if (from === null || to === null) return '—';
  const points = Math.floor(to * 100) - Math.floor(from * 100);
  return points > 0 ? `+${points} pts` : points < 0 ? `\u2212${-points} pts` : '±0 pts';
}

/** The tone of a pass-rate change: better, worse or same. */
export function pointsTone(from: number | null, to: number | null): 'better' | 'worse' | 'neutral' {
  if (from === null || to === null) return 'neutral';
  const points = Math.floor(to * 100) - Math.floor(from * 100);
  return points > 0 ? 'better' : points < 0 ? 'worse' : 'neutral';
}

/** `2026-09-30T08:04:12.000Z` → `2026-09-30 08:04:12 UTC`; anything else as given. */
export function formatUtc(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** `acme-prod (111122223333)`, or the id alone. */
export function accountLabel(account: { id: string; name?: string }): string {
  return account.name ? `${account.name} (${account.id})` : account.id;
}

/** The accounts of a period for a running header: up to three by name, else a count. */
export function accountsText(accounts: readonly { id: string; name?: string }[]): string {
  return accounts.length > 3 ? `${accounts.length} accounts` : accounts.map(accountLabel).join(', ') || 'no accounts';
}
