import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { accountLabel, registerReportHelpers } from '../report/format.js';

export { accountLabel, formatPercent, formatUtc, statusLabel } from '../report/format.js';

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
  registerReportHelpers(hb);
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

/** The accounts of a period for a running header: up to three by name, else a count. */
export function accountsText(accounts: readonly { id: string; name?: string }[]): string {
  return accounts.length > 3 ? `${accounts.length} accounts` : accounts.map(accountLabel).join(', ') || 'no accounts';
}
