import { z } from 'zod';

/*
 * The dashboards' calls to the central (main/central/http/dashboard-server.ts), relative to the
 * page, so they go to /dashboard/api/… wherever the page is. The session is the HttpOnly cookie:
 * this code never sees it.
 */

export const AccountView = z.object({
  username: z.string(),
  role: z.enum(['analyst', 'manager']),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('network') }),
    z.object({ kind: z.literal('centres'), centreIds: z.array(z.string()) }),
  ]),
});
export type AccountView = z.infer<typeof AccountView>;

const Refusal = z.object({ error: z.string(), message: z.string().optional(), until: z.string().optional() });

export type SignInResult =
  | { ok: true; account: AccountView }
  | { ok: false; kind: 'wrong' | 'disabled' | 'failed' }
  | { ok: false; kind: 'locked'; until: Date };

export type MeResult = { ok: true; account: AccountView } | { ok: false; kind: 'signed-out' | 'expired' | 'failed' };

const post = (path: string, body?: unknown) =>
  fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export async function signIn(username: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await post('api/sign-in', { username, password });
  } catch {
    return { ok: false, kind: 'failed' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = z.object({ account: AccountView }).safeParse(body);
    return parsed.success ? { ok: true, account: parsed.data.account } : { ok: false, kind: 'failed' };
  }
  const refusal = Refusal.safeParse(body);
  const code = refusal.success ? refusal.data.error : '';
  if (code === 'wrong-credentials') return { ok: false, kind: 'wrong' };
  if (code === 'account-disabled') return { ok: false, kind: 'disabled' };
  if (code === 'locked' && refusal.success && refusal.data.until)
    return { ok: false, kind: 'locked', until: new Date(refusal.data.until) };
  return { ok: false, kind: 'failed' };
}

export async function whoAmI(): Promise<MeResult> {
  let response: Response;
  try {
    response = await fetch('api/me', { credentials: 'same-origin' });
  } catch {
    return { ok: false, kind: 'failed' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = z.object({ account: AccountView }).safeParse(body);
    return parsed.success ? { ok: true, account: parsed.data.account } : { ok: false, kind: 'failed' };
  }
  if (response.status !== 401) return { ok: false, kind: 'failed' };
  const refusal = Refusal.safeParse(body);
  return { ok: false, kind: refusal.success && refusal.data.error === 'session-expired' ? 'expired' : 'signed-out' };
}

/** The centres the account may read, or null when they could not be fetched. */
export async function visibleCentres(): Promise<string[] | null> {
  try {
    const response = await fetch('api/centres', { credentials: 'same-origin' });
    const parsed = z.object({ centres: z.array(z.string()) }).safeParse(await response.json());
    return response.ok && parsed.success ? parsed.data.centres : null;
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  await post('api/sign-out').catch(() => undefined);
}

/**
 * Where to go after sign-in: the page asked for, if it is one of the dashboards' own (never
 * another site, and never back to sign-in).
 */
export function afterSignIn(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '';
  return /^\/dashboard\/[a-z-]*$/.test(next) && next !== '/dashboard/sign-in' ? next : './';
}
