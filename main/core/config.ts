import { z } from 'zod';
import { LANGUAGES, Language } from '../contract';
import { isValidTimeZone } from './local-time';

export const PrinterConfig = z.object({
  /** Serial device path (e.g. /dev/ttyUSB0); null prints to the virtual printer's folder. */
  port: z.string().min(1).nullable().default(null),
  baudRate: z.number().int().positive().default(9600),
  /** Printer model profile; decides paper width and code pages. */
  profile: z.enum(['epson-80mm']).default('epson-80mm'),
});

export const KioskConfig = z
  .object({
    centreName: z.string().trim().min(1).default('ASAN xidmət'),
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default('kiosk-1'),
    timeZone: z.string().refine(isValidTimeZone, 'is not a known IANA time zone').default('Asia/Baku'),
    languages: z
      .array(Language)
      .min(1)
      .default([...LANGUAGES]),
    defaultLanguage: Language.default('az'),
    resultScreenSeconds: z.number().positive().max(600).default(12),
    /** Catalog file; a relative path is taken from the directory the kiosk was started in. */
    catalogPath: z.string().min(1).default('catalog/sample-catalog.json'),
    printer: PrinterConfig.prefault({}),
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
      })
      .prefault({}),
  })
  .strict()
  .refine((config) => config.languages.includes(config.defaultLanguage), {
    path: ['defaultLanguage'],
    message: 'must be one of the languages on offer',
  });
export type KioskConfig = z.infer<typeof KioskConfig>;
