import { z } from 'zod';

const IPV4 = z.ipv4();

/** Loopback addresses reach only this machine: there the local API needs no token. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return bare.startsWith('127.') && IPV4.safeParse(bare).success;
}
