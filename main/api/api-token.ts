import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Compares in constant time: both sides are hashed first, so neither the length nor the first
 * differing character of the configured token shows in how long a refusal takes.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The token a client sent: `Authorization: Bearer <token>` for HTTP calls; a browser cannot set
 * headers on a WebSocket, so `?token=` on the events URL is accepted as well.
 */
export function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) return bearer.trim();
  return new URL(request.url ?? '/', 'http://kiosk.local').searchParams.get('token') ?? undefined;
}
