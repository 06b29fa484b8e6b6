import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` unless told not to, and merely probing for that is
 * reported as a violation of the pages' CSP (script-src 'self', no 'unsafe-eval'). Imported first
 * by every entry, before any message is parsed.
 */
z.config({ jitless: true });
