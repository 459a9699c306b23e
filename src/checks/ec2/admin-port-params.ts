import type { ParamSpec } from '../define-check.js';

/** The parameters shared by the checks that keep administration ports closed to the world. */
export const adminPortParams = {
  ports: {
    type: 'array',
    items: { type: 'integer' },
    minItems: 1,
    description:
      'Administration ports that must stay closed to the sources over TCP, UDP and all protocols, e.g. [22, 3389]; a rule whose port range contains a port covers it.',
  },
  sources: {
    type: 'array',
    items: { type: 'string' },
    minItems: 1,
    description:
      'Source CIDR blocks that stand for anyone, e.g. ["0.0.0.0/0", "::/0"]; a rule admits a source when its own block contains it, so "0.0.0.0/00" and "::0/0" count as the world.',
  },
} as const satisfies Record<string, ParamSpec>;
