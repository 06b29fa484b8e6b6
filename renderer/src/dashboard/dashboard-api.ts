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

/** An answer: the account it names (2xx), or its refusal's code and status; null when no answer came. */
type Answer =
  { ok: true; account: AccountView } | { ok: false; status: number; refusal: z.infer<typeof Refusal> | null };

async function ask(path: string, body?: unknown): Promise<Answer | null> {
  let response: Response;
  try {
    response = await fetch(
      path,
      body === undefined
        ? { credentials: 'same-origin' }
        : {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
  } catch {
    return null;
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = z.object({ account: AccountView }).safeParse(json);
    return parsed.success ? { ok: true, account: parsed.data.account } : null;
  }
  const refusal = Refusal.safeParse(json);
  return { ok: false, status: response.status, refusal: refusal.success ? refusal.data : null };
}

export async function signIn(username: string, password: string): Promise<SignInResult> {
  const answer = await ask('api/sign-in', { username, password });
  if (answer === null) return { ok: false, kind: 'failed' };
  if (answer.ok) return answer;
  const { error, until } = answer.refusal ?? {};
  if (error === 'wrong-credentials') return { ok: false, kind: 'wrong' };
  if (error === 'account-disabled') return { ok: false, kind: 'disabled' };
  if (error === 'locked' && until) return { ok: false, kind: 'locked', until: new Date(until) };
  return { ok: false, kind: 'failed' };
}

export async function whoAmI(): Promise<MeResult> {
  const answer = await ask('api/me');
  if (answer === null) return { ok: false, kind: 'failed' };
  if (answer.ok) return answer;
  if (answer.status !== 401) return { ok: false, kind: 'failed' };
  return { ok: false, kind: answer.refusal?.error === 'session-expired' ? 'expired' : 'signed-out' };
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
  // The answer is 204, no account: whatever it is, the page goes to sign-in after.
  await fetch('api/sign-out', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}
