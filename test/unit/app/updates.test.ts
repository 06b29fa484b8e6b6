import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_POLL_MS, startUpdates } from '../../../main/app/updates';
import type { KioskUpdater, UpdateParts, UpdateSettings } from '../../../main/app/updates';
import { tempDir } from '../../support/kiosk-fixture';

/** The release key pair of these tests; a real kiosk has only the public half built in. */
const RELEASE_KEYS = generateKeyPairSync('ed25519');
const PUBLIC_KEY_PEM = String(RELEASE_KEYS.publicKey.export({ type: 'spki', format: 'pem' }));
const OTHER_KEYS = generateKeyPairSync('ed25519');
const signatureOf = (bytes: Buffer, keys = RELEASE_KEYS) =>
  sign(null, createHash('sha512').update(bytes).digest(), keys.privateKey).toString('base64');

/** The fake electron-updater AppUpdater: records what the kiosk asks of it and lets the test fire its events. */
function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const listeners = new Map<string, ((payload: never) => void)[]>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(check),
    quitAndInstall: vi.fn(),
    on: vi.fn((event: string, listener: (payload: never) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    }),
  };
  const fire = (event: string, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload as never));
  return { updater: updater as KioskUpdater & typeof updater, fire };
}

/** Timers the test runs by hand, so an hour of checks takes no time. */
function manualTimers() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  return {
    setInterval: (run: () => void, ms: number) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearInterval: (timer: unknown) => void timers.delete(timer as number),
    runEvery: (ms: number) => [...timers.values()].filter((t) => t.ms === ms).forEach((t) => t.run()),
    count: () => timers.size,
  };
}

const log = () => ({ info: vi.fn(), warn: vi.fn() });
const SETTINGS: UpdateSettings = {
  url: 'https://updates.example.org/kiosk/',
  checkMinutes: 60,
  installWhenIdleSeconds: 300,
};

/** A downloaded release in a temporary folder, and the .sig files the fake server holds. */
let dir: ReturnType<typeof tempDir>;
let release: string;
let served: Map<string, string>;
const RELEASE_BYTES = Buffer.from('kiosk_0.2.0_amd64.deb contents');
beforeEach(() => {
  dir = tempDir('kiosk-updates-');
  release = join(dir.path, 'kiosk_0.2.0_amd64.deb');
  writeFileSync(release, RELEASE_BYTES);
  served = new Map([[`${SETTINGS.url}kiosk_0.2.0_amd64.deb.sig`, signatureOf(RELEASE_BYTES)]]);
});
afterEach(() => dir.remove());

/** The signing parts of a kiosk built with the test's public key, fetching .sig files from the fake server. */
const signing = (): Pick<UpdateParts, 'publicKeyPem' | 'fetchSignature'> => ({
  publicKeyPem: PUBLIC_KEY_PEM,
  fetchSignature: async (url) => {
    const text = served.get(url);
    if (text === undefined) throw new Error(`HTTP 404 for ${url}`);
    return text;
  },
});

describe('updates through a fake electron-updater (fakeUpdater), fake timers, real release files and Ed25519 keys', () => {
  it('are off without updates.url: electron-updater is not even loaded', async () => {
    const updater = vi.fn();
    const logger = log();
    await startUpdates({ ...SETTINGS, url: null }, { updater, idleSeconds: () => 0, log: logger });
    expect(updater).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith({ event: 'updates-off' }, expect.any(String));
  });

  it('use the generic server, download in the background, install at quit, and check now and every period', async () => {
    const { updater } = fakeUpdater();
    const timers = manualTimers();
    await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => 0,
      log: log(),
      ...timers,
      ...signing(),
    });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: SETTINGS.url });
    expect(updater.autoDownload).toBe(true);
    // Nothing is installed at quit before a download's signature has checked.
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    timers.runEvery(60 * 60_000);
    timers.runEvery(60 * 60_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('install a downloaded update only once nobody has touched the kiosk for the idle time', async () => {
    const { updater, fire } = fakeUpdater();
    const timers = manualTimers();
    let idle = 12;
    const logger = log();
    await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => idle,
      log: logger,
      ...timers,
      ...signing(),
    });
    fire('update-downloaded', { version: '0.2.0', downloadedFile: release });
    await vi.waitFor(() => expect(updater.autoInstallOnAppQuit).toBe(true));
    expect(logger.info).toHaveBeenCalledWith({ event: 'update-verified', version: '0.2.0' }, expect.any(String));
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    idle = 299;
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    idle = 300;
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, true);
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('log a failed check or download and carry on; stop clears every timer', async () => {
    const { updater, fire } = fakeUpdater(async () => {
      throw new Error('server unreachable');
    });
    const timers = manualTimers();
    const logger = log();
    const running = await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => 0,
      log: logger,
      ...timers,
      ...signing(),
    });
    await vi.waitFor(() =>
      expect(logger.warn).toHaveBeenCalledWith(
        { event: 'update-check-failed', error: 'Error: server unreachable' },
        expect.any(String),
      ),
    );
    fire('error', new Error('bad signature'));
    expect(logger.warn).toHaveBeenCalledWith({ event: 'update-failed', error: 'bad signature' }, expect.any(String));
    fire('update-downloaded', { version: '0.2.0', downloadedFile: release });
    await vi.waitFor(() => expect(timers.count()).toBe(2));
    running.stop();
    expect(timers.count()).toBe(0);
  });

  it.each([
    [
      'signed with another key',
      () => served.set(`${SETTINGS.url}kiosk_0.2.0_amd64.deb.sig`, signatureOf(RELEASE_BYTES, OTHER_KEYS)),
      'does not match',
    ],
    [
      'changed after signing',
      () => writeFileSync(release, Buffer.concat([RELEASE_BYTES, Buffer.from('!')])),
      'does not match',
    ],
    ['without a signature on the server', () => served.clear(), 'could not be checked'],
    [
      'with a signature that is not one',
      () => served.set(`${SETTINGS.url}kiosk_0.2.0_amd64.deb.sig`, 'bm90IGEgc2lnbmF0dXJl'),
      'does not match',
    ],
  ])('never install a download %s, not even at quit', async (_case, spoil, why) => {
    spoil();
    const { updater, fire } = fakeUpdater();
    const timers = manualTimers();
    const logger = log();
    await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => 100_000,
      log: logger,
      ...timers,
      ...signing(),
    });
    fire('update-downloaded', { version: '0.2.0', downloadedFile: release });
    await vi.waitFor(() =>
      expect(logger.warn).toHaveBeenCalledWith(
        expect.objectContaining({ event: 'update-signature-refused', version: '0.2.0' }),
        expect.stringContaining(why),
      ),
    );
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(timers.count()).toBe(1);
  });

  it('withdraw a checked download when an unchecked one replaces it', async () => {
    const { updater, fire } = fakeUpdater();
    const timers = manualTimers();
    await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => 0,
      log: log(),
      ...timers,
      ...signing(),
    });
    fire('update-downloaded', { version: '0.2.0', downloadedFile: release });
    await vi.waitFor(() => expect(updater.autoInstallOnAppQuit).toBe(true));
    const unsigned = join(dir.path, 'kiosk_0.3.0_amd64.deb');
    writeFileSync(unsigned, 'not signed');
    fire('update-downloaded', { version: '0.3.0', downloadedFile: unsigned });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(timers.count()).toBe(1);
  });

  it('are off for an http:// feed and for a build without a signing key, loading no updater', async () => {
    const updater = vi.fn();
    const logger = log();
    await startUpdates(
      { ...SETTINGS, url: 'http://updates.example.org/kiosk/' },
      { updater, idleSeconds: () => 0, log: logger, ...signing() },
    );
    await startUpdates(SETTINGS, { updater, idleSeconds: () => 0, log: logger, publicKeyPem: null });
    expect(updater).not.toHaveBeenCalled();
    expect(logger.warn.mock.calls.map(([, message]) => message)).toEqual([
      'updates are off: updates.url must be an https:// URL',
      'updates are off: this build has no update signing key (main/app/update-public-key.ts)',
    ]);
  });
});
