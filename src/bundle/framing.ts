import type { EvidenceBundle } from './read-bundle.js';

/** Who collected a bundle and from what: what a report's "Scope and method" states. */
export interface CollectionFraming {
  /** The AWS identities that made the calls (sts:GetCallerIdentity answers), distinct, in bundle order. */
  collectedBy: string[];
  /** The AWS Organization, when organizations:DescribeOrganization was collected. */
  organization?: { id: string; managementAccountId?: string };
  /** Services with at least one evidence file, sorted. */
  services: string[];
}

/** The framing, and what could not be read for it (a report warning each). */
export interface FramingRead {
  framing: CollectionFraming;
  warnings: string[];
}

/**
 * Reads the collection's framing from the evidence itself. Evidence is untrusted: a value that is
 * not a string is left out, never guessed.
 */
export async function collectionFraming(bundle: EvidenceBundle): Promise<FramingRead> {
  const warnings: string[] = [];
  const read = async (file: (typeof bundle.manifest.files)[number], what: string): Promise<unknown> => {
    try {
      return await bundle.readJson(file);
    } catch (error) {
      warnings.push(`${file.path} could not be read (${error instanceof Error ? error.message : String(error)}), so the report cannot state ${what}.`);
      return undefined;
    }
  };
  const collectedBy: string[] = [];
  for (const file of bundle.manifest.files.filter((f) => f.service === 'sts' && f.operation === 'GetCallerIdentity' && f.status === 'ok')) {
    const arn = text(await read(file, 'who collected this evidence'), 'Arn');
    if (arn !== undefined && !collectedBy.includes(arn)) collectedBy.push(arn);
  }
  const framing: CollectionFraming = { collectedBy, services: [...new Set(bundle.manifest.files.map((f) => f.service))].sort() };
  const described = bundle.manifest.files.find((f) => f.service === 'organizations' && f.operation === 'DescribeOrganization' && f.status === 'ok');
  if (described) {
    const organization = member(await read(described, 'the organization'), 'Organization');
    const id = text(organization, 'Id');
    const managementAccountId = text(organization, 'MasterAccountId');
    if (id !== undefined) framing.organization = { id, ...(managementAccountId !== undefined ? { managementAccountId } : {}) };
  }
  return { framing, warnings };
}

function member(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown, name: string): string | undefined {
  const v = member(value, name);
  return typeof v === 'string' ? v : undefined;
}
