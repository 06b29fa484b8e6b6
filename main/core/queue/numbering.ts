import { z } from 'zod';

/**
 * How one ticket group is numbered through a day: from `start` to `end`, zero-padded to `width`
 * digits. At `end` the group refuses further tickets for the day (`numbers-exhausted`) rather than
 * wrap: a number repeated within one day would make calling, the hall display and rating by number
 * ambiguous, and a centre that needs more numbers widens the range.
 */
export const GroupNumbering = z
  .object({
    start: z.number().int().min(0).default(1),
    end: z.number().int().min(0).default(999),
    width: z.number().int().min(1).max(6).default(3),
  })
  .strict()
  .refine((numbering) => numbering.start <= numbering.end, { path: ['end'], message: 'must not be below start' })
  .refine((numbering) => String(numbering.end).length <= numbering.width, {
    path: ['width'],
    message: 'must hold every digit of end',
  });
export type GroupNumbering = z.infer<typeof GroupNumbering>;

/** Numbering of every group (`default`), with exceptions per group letter (`groups.B`). */
export const NumberingConfig = z
  .object({
    default: GroupNumbering.prefault({}),
    groups: z
      .record(z.string().regex(/^[A-Z]{1,3}$/, 'must be one to three capital letters'), GroupNumbering)
      .default({}),
  })
  .strict();
export type NumberingConfig = z.infer<typeof NumberingConfig>;

export function groupNumbering(config: NumberingConfig, group: string): GroupNumbering {
  return config.groups[group] ?? config.default;
}

/** The number a visitor sees: group letter, dash, sequence padded to the group's width. */
export const formatTicketNumber = (group: string, sequence: number, width = 3): string =>
  `${group}-${String(sequence).padStart(width, '0')}`;

/**
 * The sequence after the last one issued today in the group, or undefined when the range is used
 * up. A range raised during the day continues from its new start rather than reusing numbers.
 */
export function nextSequence(lastToday: number | undefined, numbering: GroupNumbering): number | undefined {
  const next = lastToday === undefined ? numbering.start : Math.max(lastToday + 1, numbering.start);
  return next > numbering.end ? undefined : next;
}
