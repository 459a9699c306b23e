/** A check as a requirement uses it, with the catalog's thresholds. */
export interface CheckRef {
  check: string;
  params: Record<string, unknown>;
}

/** One requirement of a framework version, as its catalog states it. */
export interface Requirement {
  id: string;
  section: string;
  title: string;
  profile?: 1 | 2;
  assessment: 'automated' | 'manual';
  description?: string;
  /** Why evidence cannot decide it (manual requirements). */
  manualBecause?: string;
  /** What to do about a failure, in a sentence of our own words (not the benchmark's text). */
  remediation?: string;
  checks: CheckRef[];
  /** 1-based line of the requirement in its YAML file, for messages. */
  line: number;
}

/** A loaded, validated catalog: one framework version. */
export interface Catalog {
  framework: string;
  version: string;
  title: string;
  source: string;
  description?: string;
  sections: { id: string; title: string }[];
  requirements: Requirement[];
  /** Path it was loaded from, as given. */
  file: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
}
