import type { StaffAccount, StaffScope } from './staff-store';

/*
 * What a staff account may read. An analyst of the ministry reads the whole network (or, for a
 * regional analyst, some centres); a centre manager reads their centres only.
 */

export const canSee = (account: Pick<StaffAccount, 'scope'>, centreId: string): boolean =>
  account.scope.kind === 'network' || account.scope.centreIds.includes(centreId);

/** The centres of `known` the account may read, in the order given. */
export const visibleCentres = (account: Pick<StaffAccount, 'scope'>, known: readonly string[]): string[] =>
  known.filter((centreId) => canSee(account, centreId));

/** A centre id as devices are enrolled with: letters, digits, dots, dashes, underscores. */
const CENTRE_ID = /^[\w.-]{1,64}$/;

/** The scope of a new account from what was asked, or the problem with it. */
export function scopeFor(
  role: StaffAccount['role'],
  request: { network: boolean; centreIds: readonly string[] },
): { ok: true; scope: StaffScope } | { ok: false; problem: string } {
  if (request.network && request.centreIds.length > 0)
    return { ok: false, problem: 'give --network or --centre, not both' };
  if (request.network) {
    if (role === 'manager') return { ok: false, problem: 'a centre manager reads their centres only: give --centre' };
    return { ok: true, scope: { kind: 'network' } };
  }
  if (request.centreIds.length === 0) return { ok: false, problem: 'give --network, or --centre once per centre' };
  const bad = request.centreIds.find((id) => !CENTRE_ID.test(id));
  if (bad !== undefined) return { ok: false, problem: `--centre ${JSON.stringify(bad)}: not a centre id` };
  return { ok: true, scope: { kind: 'centres', centreIds: [...new Set(request.centreIds)].sort() } };
}
