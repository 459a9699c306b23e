import type { ServiceName } from '../clients.js';
import type { SourceContext } from '../context.js';

/** One evidence source: the calls for one kind of evidence, made through a {@link SourceContext}. */
export interface Source {
  /** kebab-case, equal to the file name. */
  readonly id: string;
  /** `account`: once per account (global calls); `region`: once per account and region. */
  readonly scope: 'account' | 'region';
  /** The services it calls (for progress, docs/collection.md and the IAM policy). */
  readonly services: readonly ServiceName[];
  collect(ctx: SourceContext): Promise<void>;
}

/** Declares a source. */
export function defineSource(source: Source): Source {
  return source;
}
