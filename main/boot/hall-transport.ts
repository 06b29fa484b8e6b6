import { apiPaths, type KioskCallName } from '../contract';
import { normaliseFingerprint, PinnedAgent, postPinnedJson } from './pinned-https';

/** What the hall server answered: its HTTP status and JSON body (null when none). */
export interface HallAnswer {
  status: number;
  body: unknown;
}

/** The server could not be asked at all (refused, cut, too slow, a certificate not the pinned one). */
export class HallTransportError extends Error {}

/**
 * Calls to a hall server: plain http on a hall LAN that has no TLS, or HTTPS trusting exactly the
 * certificate pinned at enrolment (pinned-https.ts), on kept connections.
 */
export class HallTransport {
  private readonly agent: PinnedAgent | null;
  private readonly fingerprint: string | null;

  constructor(
    private readonly server: string,
    fingerprint: string | null,
  ) {
    const https = new URL(server).protocol === 'https:';
    this.fingerprint = fingerprint === null ? null : normaliseFingerprint(fingerprint);
    if (https && this.fingerprint === null) {
      throw new HallTransportError(`${server} is https: its certificate's SHA-256 fingerprint is needed to trust it`);
    }
    // Two: a ticket asked for is never queued behind a handover on the same connection.
    this.agent = https && this.fingerprint ? new PinnedAgent(this.fingerprint, 2) : null;
  }

  async post(name: KioskCallName, input: unknown, token: string | null, timeoutMs: number): Promise<HallAnswer> {
    if (this.agent && this.fingerprint) {
      try {
        const answer = await postPinnedJson({
          url: this.server,
          path: apiPaths.call(name),
          fingerprint: this.fingerprint,
          body: input,
          ...(token && { token }),
          timeoutMs,
          agent: this.agent,
        });
        return { status: answer.status, body: answer.body };
      } catch (error) {
        throw new HallTransportError(error instanceof Error ? error.message : String(error));
      }
    }
    let response: Response;
    try {
      response = await fetch(new URL(apiPaths.call(name), this.server), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new HallTransportError(cause);
    }
    const text = await response.text().catch(() => '');
    return { status: response.status, body: parseJson(text) };
  }

  close(): void {
    this.agent?.destroy();
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}
