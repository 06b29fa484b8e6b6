import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../../main/boot/config-file';
import { BUILT_IN_PRINTER_PROFILE_IDS } from '../../../main/core/config';
import { InvalidFileError } from '../../../main/core/validation-report';
import { BUILT_IN_PRINTER_PROFILES, resolvePrinterProfile } from '../../../native/printer/profiles';
import { tempDir } from '../../support/kiosk-fixture';

describe('printer configuration', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  const load = (printer: unknown) => {
    const file = join(dir.path, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ printer }));
    return loadKioskConfig(file);
  };
  const problems = (printer: unknown): string[] => {
    try {
      load(printer);
    } catch (error) {
      if (error instanceof InvalidFileError) {
        return error.problems.map((problem) => [problem.entry, problem.field].filter(Boolean).join(' → '));
      }
      throw error;
    }
    return [];
  };

  it('defaults to an Epson TM-T20III at 9600 8N1 without flow control, numbers shown on screen when it fails', () => {
    expect(loadKioskConfig(undefined).printer).toMatchObject({
      profile: 'epson-tm-t20iii',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      whenUnavailable: 'show-on-screen',
    });
  });

  it('has data for every built-in model, and the skeleton\'s "epson-80mm" still means the TM-T20III', () => {
    expect(BUILT_IN_PRINTER_PROFILES.map((profile) => profile.id)).toEqual([...BUILT_IN_PRINTER_PROFILE_IDS]);
    expect(load({ profile: 'epson-80mm' }).printer.profile).toBe('epson-tm-t20iii');
    const t88 = resolvePrinterProfile(load({ profile: 'epson-tm-t88vi' }).printer);
    expect(t88).toMatchObject({ printWidthDots: 512, columns: 42, nativeQr: true, hasCutter: true });
    const clone = resolvePrinterProfile(load({ profile: 'generic-58mm' }).printer);
    expect(clone).toMatchObject({ printWidthDots: 384, columns: 32, nativeQr: false });
    expect(clone.codePages.map((page) => page.name)).not.toContain('KZ1048');
  });

  it("takes a technician's own profile, with a clone's own ESC t numbers", () => {
    const config = load({
      profile: 'bus-printer',
      flowControl: 'rtscts',
      customProfiles: [
        {
          id: 'bus-printer',
          printWidthDots: 384,
          columns: 32,
          hasCutter: false,
          nativeQr: true,
          codePages: [{ name: 'PC437' }, { name: 'WPC1251', escPosNumber: 73 }],
        },
      ],
    });
    expect(config.printer.flowControl).toBe('rtscts');
    const profile = resolvePrinterProfile(config.printer);
    expect(profile.codePages).toEqual([
      { name: 'PC437', escPosNumber: 0, iconvEncoding: 'cp437' },
      { name: 'WPC1251', escPosNumber: 73, iconvEncoding: 'windows1251' },
    ]);
    expect(profile).toMatchObject({ maxRasterBandRows: 255, statusQueries: true });
  });

  it('refuses an unknown model, a bad custom profile and bad line settings, naming each field', () => {
    expect(problems({ profile: 'tm-nonexistent' })).toEqual(['printer.profile']);
    expect(
      problems({
        profile: 'x',
        customProfiles: [
          {
            id: 'x',
            printWidthDots: 384,
            columns: 32,
            hasCutter: false,
            nativeQr: false,
            codePages: [{ name: 'CP1048' }],
          },
        ],
      }),
    ).toEqual(['printer.customProfiles[0] (id "x") → codePages.0.name']);
    expect(problems({ parity: 'sometimes', flowControl: 'dtrdsr', dataBits: 9 }).sort()).toEqual([
      'printer.dataBits',
      'printer.flowControl',
      'printer.parity',
    ]);
    expect(
      problems({
        customProfiles: [
          {
            id: 'generic-58mm',
            printWidthDots: 384,
            columns: 32,
            hasCutter: false,
            nativeQr: false,
            codePages: [{ name: 'PC437' }],
          },
        ],
      }),
    ).toEqual(['printer.customProfiles[0] (id "generic-58mm") → id']);
  });
});
