import { z } from 'zod';

/*
 * What the monitoring reads a centre and a service against (issue 13): a centre's name, region,
 * kind and wall clock, and a service's standards. Set by a technician (`npm run central --
 * describe-centre`, `standard`); a centre never described is in the region 'unassigned' on the
 * network's clock, and a service without a standard is read against 15 and 15 minutes.
 */

const Key = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores');
const Minutes = z
  .number()
  .int('must be whole minutes')
  .min(1, 'must be at least 1 minute')
  .max(600, 'must be at most 600 minutes');

/** A centre's description; a field left out keeps what is held (or the default for a new centre). */
export const CentreDescription = z.object({
  centreId: Key,
  name: z.string().trim().min(1, 'is empty').max(120, 'is longer than 120 characters').optional(),
  region: Key.optional(),
  kind: z.enum(['centre', 'bus']).optional(),
  /** An IANA zone PostgreSQL knows (checked by the store against pg_timezone_names). */
  timeZone: z.string().min(1, 'is empty').max(64).optional(),
});
export type CentreDescription = z.infer<typeof CentreDescription>;

/** A centre as held. */
export interface DescribedCentre {
  centreId: string;
  name: string | null;
  region: string;
  kind: 'centre' | 'bus';
  timeZone: string;
}

/** A service's standards: its service time, and how long a visitor may wait for it. */
export const ServiceStandard = z.object({
  serviceId: Key,
  serviceMinutes: Minutes,
  waitingMinutes: Minutes.default(15),
});
export type ServiceStandard = z.infer<typeof ServiceStandard>;

/** A zod error as one line naming each field. */
export const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
