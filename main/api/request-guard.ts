import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../core/loopback';

/**
 * Which requests the local API takes at all, before any call is looked at. A page on any web site
 * open in a browser on the kiosk (or on a desk tablet) can send requests to 127.0.0.1; the browser
 * then names the page's origin in `Origin`, and a DNS-rebinding page names its own domain in
 * `Host`. So the API answers only requests that name the API itself:
 *
 * - `Host` is one of the API's own names with the port it listens on: localhost, 127.0.0.1 and
 *   [::1] always; when it listens on a LAN address, that address; when it listens on every address
 *   (0.0.0.0 or ::), each address of the machine's network interfaces and its host name (also with
 *   `.local`); and every entry of `api.allowedHosts` (a name or address, with the API's port, or
 *   `name:port` for another port, such as a proxy's). A Host without a port names port 80.
 * - `Origin`, when a browser sends one, is `http://` or `https://` followed by such a host. A
 *   request without `Origin` comes from a program (a queue system, a test), which no web page can
 *   make; `Origin: null` (a sandboxed frame, a file) is refused.
 */
export interface HostRule {
  /** Whether `Host` (or an Origin's host) names the API. */
  allows(host: string | undefined): boolean;
}

export function hostRule(options: { boundHost: string; port: number; allowedHosts: readonly string[] }): HostRule {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1', bare(options.boundHost)]);
  if (isWildcard(options.boundHost)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(bare(address.address));
    }
    const machine = hostname().toLowerCase();
    names.add(machine);
    names.add(`${machine}.local`);
  }
  const withPorts = new Set<string>();
  for (const entry of options.allowedHosts) {
    const parsed = splitHost(entry);
    if (!parsed) continue;
    if (parsed.port === null) names.add(parsed.name);
    else withPorts.add(`${parsed.name}:${parsed.port}`);
  }
  return {
    allows(host) {
      const parsed = host === undefined ? null : splitHost(host);
      if (!parsed) return false;
      // A Host without a port names port 80, as HTTP says.
      const port = parsed.port ?? 80;
      if (port === options.port && names.has(parsed.name)) return true;
      return withPorts.has(`${parsed.name}:${port}`);
    },
  };
}

export type RequestRefusal = { status: number; message: string } | null;

/** Why the request is refused by its Host or Origin, or null when it names the API itself. */
export function hostOrOriginRefusal(request: IncomingMessage, rule: HostRule): RequestRefusal {
  if (!rule.allows(request.headers.host)) {
    return { status: 421, message: `this API does not answer for the host "${request.headers.host ?? ''}"` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !originAllowed(origin, rule)) {
    return { status: 403, message: `cross-origin requests are refused (origin "${origin}")` };
  }
  return null;
}

function originAllowed(origin: string, rule: HostRule): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return rule.allows(`${url.hostname}:${port}`);
}

/** Calls are JSON: any other type (text/plain, a form) is what a foreign page can send without asking. */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The client's address as Node reports it, an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as IPv4. */
export function clientAddress(request: IncomingMessage): string | null {
  const address = request.socket.remoteAddress;
  if (!address) return null;
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

export function isLoopbackAddress(address: string | null): boolean {
  return address !== null && isLoopbackHost(address);
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

function isWildcard(host: string): boolean {
  const name = bare(host);
  return name === '0.0.0.0' || name === '::' || name === '';
}

/** `name`, `name:port`, `[v6]` or `[v6]:port` in lower case; null when it is none of them. */
function splitHost(text: string): { name: string; port: number | null } | null {
  const value = text.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (v6) return { name: v6[1]!, port: v6[2] === undefined ? null : Number(v6[2]) };
  if (isIP(value) === 6) return { name: value, port: null };
  const named = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!named) return null;
  return { name: named[1]!.replace(/\.$/, ''), port: named[2] === undefined ? null : Number(named[2]) };
}
