import { z } from 'zod';
import { Weekday } from './catalog';

/** When a closed service or one at its daily limit takes visitors again, in the centre's time zone. */
export const Reopening = z.object({
  /** 0 is today, 1 tomorrow; at most 7. */
  daysFromNow: z.number().int().min(0).max(7),
  weekday: Weekday,
  time: z.string(),
});
export type Reopening = z.infer<typeof Reopening>;

/** getServiceAvailability's answer; main/core/service-availability.ts decides it. */
export const ServiceAvailability = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open') }),
  z.object({ state: z.literal('closed'), reopens: Reopening.nullable() }),
  z.object({ state: z.literal('limit-reached'), reopens: Reopening.nullable() }),
]);
export type ServiceAvailability = z.infer<typeof ServiceAvailability>;
