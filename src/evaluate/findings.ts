import { closeSync, openSync, readSync, rmSync, writeSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, FindingStatus } from '../checks/define-check.js';
import type { CheckResult, RequirementResult, Results } from './results.js';

/** How many findings of a check (or of a requirement's deciding checks) have each status. */
export interface FindingCounts {
  PASS: number;
  FAIL: number;
  NOT_EVALUATED: number;
  total: number;
}

/**
 * One check run's findings, however they are kept: the counts in memory, the findings read on
 * demand, in the order the checks produced them (account by account in bundle order, then scope).
 * An organisation's findings do not fit in memory; everything that renders or writes them reads
 * them through this, one at a time.
 */
export interface FindingSet {
  readonly counts: FindingCounts;
  /** Counts per account id, in the order the accounts were first seen. */
  readonly byAccount: ReadonlyMap<string, FindingCounts>;
  /** The reason of the first NOT_EVALUATED finding (what a status sentence quotes). */
  readonly firstGap: string | undefined;
  /** FAIL findings an exception (accepted risk) covers; they are counted in FAIL too (absent: none). */
  readonly excepted?: number;
  /** Every finding, in order. Can be called again; each call reads from the start. */
  read(): Iterable<Finding>;
}

/** A {@link FindingSet} being filled. */
export interface FindingSink extends FindingSet {
  add(finding: Finding): void;
}

/** Where an evaluation keeps its findings: in memory, or spilled to disk for organisations. */
export interface FindingStore {
  /** A new, empty set. */
  create(): FindingSink;
  /** Deletes whatever the store keeps on disk. The sets must not be read afterwards. */
  dispose(): void;
}

export function emptyCounts(): FindingCounts {
  return { PASS: 0, FAIL: 0, NOT_EVALUATED: 0, total: 0 };
}

export function addCounts(into: FindingCounts, from: FindingCounts): FindingCounts {
  into.PASS += from.PASS;
  into.FAIL += from.FAIL;
  into.NOT_EVALUATED += from.NOT_EVALUATED;
  into.total += from.total;
  return into;
}

/** Counting shared by every kind of set. */
class Tally {
  readonly counts = emptyCounts();
  readonly byAccount = new Map<string, FindingCounts>();
  firstGap: string | undefined;
  excepted = 0;

  count(finding: Finding): void {
    if (finding.exception !== undefined && finding.status === 'FAIL') this.excepted++;
    const status: FindingStatus = finding.status;
    this.counts[status]++;
    this.counts.total++;
    let mine = this.byAccount.get(finding.account);
    if (!mine) {
      mine = emptyCounts();
      this.byAccount.set(finding.account, mine);
    }
    mine[status]++;
    mine.total++;
    if (status === 'NOT_EVALUATED' && this.firstGap === undefined) this.firstGap = finding.reason;
  }
}

class MemorySet extends Tally implements FindingSink {
  private readonly findings: Finding[] = [];

  add(finding: Finding): void {
    this.count(finding);
    this.findings.push(finding);
  }

  read(): Iterable<Finding> {
    return this.findings;
  }
}

/** Findings kept in memory (tests, single accounts, `evaluate` returning arrays). */
export function memoryStore(): FindingStore {
  return { create: () => new MemorySet(), dispose: () => undefined };
}

/** A set over findings already in an array. */
export function findingSet(findings: readonly Finding[]): FindingSet {
  const set = new MemorySet();
  for (const finding of findings) set.add(finding);
  return set;
}

const FLUSH_BYTES = 1 << 20;
const READ_BYTES = 1 << 20;

/** Findings appended to one NDJSON file per set; only counts stay in memory. */
class DiskSet extends Tally implements FindingSink {
  private pending: string[] = [];
  private pendingBytes = 0;
  private fd: number | undefined;

  constructor(private readonly path: string) {
    super();
  }

  add(finding: Finding): void {
    this.count(finding);
    const line = `${JSON.stringify(finding)}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.fd ??= openSync(this.path, 'a');
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  *read(): Iterable<Finding> {
    this.flush();
    if (this.counts.total === 0) return;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(READ_BYTES);
      let rest = Buffer.alloc(0);
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        let chunk = Buffer.concat([rest, buffer.subarray(0, n)]);
        let start = 0;
        for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
          yield JSON.parse(chunk.toString('utf8', start, end)) as Finding;
          start = end + 1;
        }
        rest = Buffer.from(chunk.subarray(start));
        chunk = Buffer.alloc(0);
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Findings spilled to NDJSON files in a new temporary folder under `parent`, so evaluation holds
 * only counts in memory however large the organisation. {@link FindingStore.dispose} deletes it.
 */
export function diskStore(parent: string): FindingStore & { dir: string } {
  const dir = mkdtempSync(join(parent, 'auditpack-findings-'));
  const sets: DiskSet[] = [];
  return {
    dir,
    create: () => {
      const set = new DiskSet(join(dir, `${sets.length}.ndjson`));
      sets.push(set);
      return set;
    },
    dispose: () => {
      for (const set of sets) set.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Results whose findings are arrays, as sets (to render results read from results.json). */
export function toFindingSets(results: Results): Results<FindingSet> {
  return {
    ...results,
    requirements: results.requirements.map((r): RequirementResult<FindingSet> => ({
      ...r,
      checks: r.checks.map((c): CheckResult<FindingSet> => ({ ...c, findings: findingSet(c.findings) })),
    })),
  };
}

/** Results whose findings are sets, with every finding read into arrays (small bundles and tests). */
export function materialise(results: Results<FindingSet>): Results {
  return {
    ...results,
    requirements: results.requirements.map((r): RequirementResult => ({
      ...r,
      checks: r.checks.map((c): CheckResult => ({ ...c, findings: [...c.findings.read()] })),
    })),
  };
}
