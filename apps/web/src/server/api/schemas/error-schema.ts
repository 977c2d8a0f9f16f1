import { z } from 'zod';
import { named } from './component-registry';

export const errorSchema = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_request, not_found, idempotency_key_reused'),
      message: z.string().describe('What went wrong, for a person'),
      details: z.unknown().optional().describe('For invalid input: `[{ field, message }]` naming each failing field; for workflows: `{ problems }`'),
    }),
  }),
);
