import { z } from 'zod';

/**
 * Who may take a priority ticket (on the service page, one tap, only where the service allows
 * priority) and how far priority goes before a normal ticket is called (main/core/queue/ordering.ts).
 */
export const PriorityConfig = z
  .object({
    /** Category ids; the kiosk shows each with its label from the locales (`priority.<id>`). */
    categories: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'))
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a category')
      .default(['elderly', 'disabled', 'pregnant']),
    /** After this many priority calls in a row the oldest normal ticket is called. */
    maxInRow: z.number().int().min(1).max(20).default(3),
  })
  .strict();
export type PriorityConfig = z.infer<typeof PriorityConfig>;
