import { join } from 'node:path';
import type { EvidenceBundle } from '../bundle/read-bundle.js';
import type { Crosswalk } from '../catalog/crosswalk.js';
import { AuditpackError } from '../shared/errors.js';
import { loadSchema } from '../shared/schema.js';
import { parseValidatedYaml } from '../shared/yaml-document.js';

/** Where attestations live inside a bundle. */
export const ATTESTATIONS_PATH = 'attestations/attestations.yaml';

/** A person's decision on a manual requirement, with who, when, why and until when. */
export interface Attestation {
  framework: string;
  version: string;
  requirement: string;
  /** Only this account; absent: every account in the bundle. */
  account?: string;
  result: 'pass' | 'fail' | 'not_applicable';
  attestedBy: string;
  role: string;
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM-DD: the first day it no longer holds. */
  expires: string;
  justification: string;
  evidence: { path: string; sha256: string }[];
  /** Line in attestations.yaml (or in the register file of `source`), for messages. */
  line: number;
  /** Set when the decision comes from an attestation register rather than the bundle. */
  source?: AttestationSource;
}

/** The register entry an attestation comes from: what a report names as having decided a requirement. */
export interface AttestationSource {
  /** The register as given (`--register`). */
  register: string;
  /** Its YAML file holding the entry, and the entry's line there. */
  file: string;
  line: number;
  /** The entry's id (`att-` + 12 hex digits). */
  id: string;
  /** SHA-256 of the entry's canonical JSON, as the copy in the report's outputs has it. */
  sha256: string;
  /** Set when the entry was made for another version of the framework and the crosswalk mapped it. */
  mappedFrom?: { version: string; requirement: string };
}

/** One attestation as the YAML states it (snake_case, as written). */
export interface RawAttestation {
  framework: string;
  version: string;
  requirement: string;
  account?: string;
  result: Attestation['result'];
  attested_by: string;
  role: string;
  date: string;
  expires: string;
  justification: string;
  evidence?: { path: string; sha256: string }[];
}

const validate = loadSchema('attestations.v1.schema.json');

/** Parses attestations.yaml; problems are reported as `file:line: what. what to do.` */
export function parseAttestations(text: string, file: string): Attestation[] {
  const { value, lineAt } = parseValidatedYaml<{ attestations: RawAttestation[] }>(text, file, {
    validate,
    code: 'ATTESTATION_INVALID',
    seeAlso: 'See docs/attestations.md for the format.',
    tooLarge: 'Restore the bundle from its archive.',
  });
  return value.attestations.map((a, i) => {
    if (a.expires <= a.date) {
      throw new AuditpackError(
        'ATTESTATION_INVALID',
        `${file}:${lineAt(['attestations', i, 'expires'])}: attestation for requirement "${a.requirement}" expires (${a.expires}) on or before its date (${a.date}). Give an expiry after the date.`,
      );
    }
    const attestation: Attestation = {
      framework: a.framework,
      version: a.version,
      requirement: a.requirement,
      result: a.result,
      attestedBy: a.attested_by,
      role: a.role,
      date: a.date,
      expires: a.expires,
      justification: a.justification,
      evidence: a.evidence ?? [],
      line: lineAt(['attestations', i]),
    };
    if (a.account !== undefined) attestation.account = a.account;
    return attestation;
  });
}

/** Whether an attestation holds at a moment: made on or before its expiry day, not yet expired. */
export function isValidAt(attestation: Attestation, at: Date): boolean {
  return at.getTime() < Date.parse(`${attestation.expires}T00:00:00Z`);
}

/**
 * The attestations stored in a bundle (none when it has no attestations.yaml). Each evidence file
 * an attestation cites must be listed in the manifest with the same SHA-256.
 */
export async function loadBundleAttestations(bundle: EvidenceBundle): Promise<Attestation[]> {
  const bytes = await bundle.readAttachment(ATTESTATIONS_PATH);
  if (!bytes) return [];
  const file = join(bundle.dir, ATTESTATIONS_PATH);
  const attestations = parseAttestations(bytes.toString('utf8'), file);
  const listed = new Map((bundle.manifest.attestations ?? []).map((a) => [a.path, a.sha256]));
  for (const a of attestations) {
    for (const evidence of a.evidence) {
      const sha = listed.get(evidence.path);
      if (sha === undefined)
        throw new AuditpackError(
          'BUNDLE_INTEGRITY',
          `${file}:${a.line}: evidence ${evidence.path} of the attestation for "${a.requirement}" is not listed in manifest.json. Add evidence with "auditpack attest --evidence", not by hand.`,
        );
      if (sha !== evidence.sha256)
        throw new AuditpackError(
          'BUNDLE_INTEGRITY',
          `${file}:${a.line}: evidence ${evidence.path} has sha256 ${sha} in manifest.json but ${evidence.sha256} in the attestation. One of them was changed; restore the bundle from its archive.`,
        );
    }
  }
  return attestations;
}

/**
 * A bundle's attestations as one catalog version sees them: those made for another version of the
 * same framework are mapped through the crosswalk to the equivalent requirement (one to one; the
 * justification then begins "Attested for <version> requirement <id>"), so a v5.0.0 attestation
 * also decides the v7.0.0 report of the same bundle. Those the crosswalk cannot map are left as
 * they are (evaluate ignores attestations for other versions).
 */
export function attestationsForVersion(
  attestations: readonly Attestation[],
  target: { framework: string; version: string },
  crosswalk: Pick<Crosswalk, 'hasVersion' | 'map'> | undefined,
): Attestation[] {
  return attestations.map((a) => {
    if (a.framework !== target.framework || a.version === target.version || !crosswalk) return a;
    if (!crosswalk.hasVersion(a.version) || !crosswalk.hasVersion(target.version)) return a;
    const requirement = crosswalk.map(a.version, a.requirement, target.version);
    if (requirement === undefined) return a;
    return {
      ...a,
      version: target.version,
      requirement,
      justification: `Attested for ${a.version} requirement ${a.requirement}, mapped by the crosswalk: ${a.justification}`,
    };
  });
}
