import { v5 as uuidv5 } from 'uuid';

/** auditpack's UUIDv5 namespace (itself the v5 UUID of its URL in the RFC 9562 URL namespace). */
export const AUDITPACK_NAMESPACE = uuidv5('https://auditpack.invalid/', uuidv5.URL);

/**
 * A deterministic UUID (version 5) for an output object: the same parts (bundle id, catalog,
 * requirement, resource …) always give the same UUID, so the same inputs give byte-identical
 * OSCAL and OCSF files. Parts are joined with a separator no id contains.
 */
export function outputUuid(...parts: readonly string[]): string {
  return uuidv5(parts.join('\u0000'), AUDITPACK_NAMESPACE);
}
