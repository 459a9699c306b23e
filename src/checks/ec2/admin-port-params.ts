import type { ParamSpec } from '../define-check.js';

/** The parameters shared by the checks that keep administration ports closed to the world. */
export const adminPortParams = {
  ports: {
    type: 'array',
    items: { type: 'integer' },
    minItems: 1,
    description: 'Administration ports that must stay closed to the sources, e.g. [22, 3389].',
  },
  sources: {
    type: 'array',
    items: { type: 'string' },
    minItems: 1,
    description: 'Source CIDRs that stand for anyone, e.g. ["0.0.0.0/0", "::/0"].',
  },
} as const satisfies Record<string, ParamSpec>;
