import { basename } from 'node:path';
import { UPDATE_PUBLIC_KEY_PEM } from './update-public-key';
import { sha512OfFile, signatureMatches, signatureUrlOf } from '../boot/update-signature';

/**
 * Updates from a generic HTTPS server (electron-updater): checked at start and then periodically,
 * downloaded in the background, checked against the release signature (main/boot/update-signature.ts), and
 * installed only when nobody is using the kiosk (no touch for `installWhenIdleSeconds`, by which
 * time the kiosk has reset to its start screen) or, failing that, when the app next quits. A
 * failed check is logged and tried again at the next period: updates never take the kiosk down.
 * A download whose signature does not check is never installed, not even at quit.
 */

/** The part of electron-updater's AppUpdater the kiosk uses; a fake one in tests. */
export interface KioskUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  /** `downloadedFile` is the path electron-updater saved the release to. */
  on(event: 'update-downloaded', listener: (info: { version: string; downloadedFile: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateSettings {
  url: string | null;
  checkMinutes: number;
  installWhenIdleSeconds: number;
}

export interface UpdateParts {
  /** Made only when updates are on, so a kiosk without them never loads electron-updater. */
  updater: () => Promise<KioskUpdater>;
  /** Seconds since the last touch or key (Electron's powerMonitor.getSystemIdleTime). */
  idleSeconds: () => number;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (timer: unknown) => void;
  /** The Ed25519 public key (PEM) releases are signed with; the one built into the app unless a test gives its own. */
  publicKeyPem?: string | null;
  /** Fetches a release's `.sig` file (its text); fetch over HTTPS unless a test gives its own. */
  fetchSignature?: (url: string) => Promise<string>;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'error' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.text();
}

/** electron-updater's updater for this platform and package type (AppImage, deb, NSIS). */
export async function loadElectronUpdater(): Promise<KioskUpdater> {
  const module = await import('electron-updater');
  // A CommonJS module whose autoUpdater is a getter: from ESM it is reached through the default export.
  return (module as unknown as { default: { autoUpdater: KioskUpdater } }).default.autoUpdater;
}

/** How often a downloaded update looks for an idle moment. */
export const IDLE_POLL_MS = 30_000;

export interface RunningUpdates {
  stop(): void;
}

export async function startUpdates(settings: UpdateSettings, parts: UpdateParts): Promise<RunningUpdates> {
  if (settings.url === null) {
    parts.log.info({ event: 'updates-off' }, 'updates are off (updates.url is not set)');
    return { stop: () => {} };
  }
  // The configuration refuses http already; this holds for any other way settings may arrive.
  if (!settings.url.startsWith('https://')) {
    parts.log.warn({ event: 'updates-off', url: settings.url }, 'updates are off: updates.url must be an https:// URL');
    return { stop: () => {} };
  }
  const publicKeyPem = parts.publicKeyPem === undefined ? UPDATE_PUBLIC_KEY_PEM : parts.publicKeyPem;
  if (publicKeyPem === null) {
    parts.log.warn(
      { event: 'updates-off' },
      'updates are off: this build has no update signing key (main/app/update-public-key.ts)',
    );
    return { stop: () => {} };
  }
  const feedUrl = settings.url;
  const fetchSignature = parts.fetchSignature ?? fetchText;
  const every = parts.setInterval ?? ((run: () => void, ms: number) => setInterval(run, ms));
  const clear = parts.clearInterval ?? ((timer: unknown) => clearInterval(timer as NodeJS.Timeout));
  const updater = await parts.updater();
  updater.autoDownload = true;
  // Only a download whose signature checked may be installed at quit: set once it has.
  updater.autoInstallOnAppQuit = false;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.on('error', (error) => parts.log.warn({ event: 'update-failed', error: error.message }, 'update failed'));

  /** Whether the downloaded file carries a good signature; every refusal is logged with its reason. */
  const signed = async (version: string, file: string): Promise<boolean> => {
    const url = signatureUrlOf(feedUrl, basename(file));
    try {
      const [signature, digest] = await Promise.all([fetchSignature(url), sha512OfFile(file)]);
      if (signatureMatches(digest, signature, publicKeyPem)) return true;
      parts.log.warn(
        { event: 'update-signature-refused', version, file: basename(file) },
        'update refused: its signature does not match the key built into this kiosk',
      );
    } catch (error) {
      parts.log.warn(
        { event: 'update-signature-refused', version, file: basename(file), error: String(error) },
        'update refused: its signature could not be checked',
      );
    }
    return false;
  };

  let idleTimer: unknown = null;
  const installWhenIdle = (version: string) => {
    if (idleTimer !== null) return;
    idleTimer = every(() => {
      if (parts.idleSeconds() < settings.installWhenIdleSeconds) return;
      parts.log.info({ event: 'update-installing', version }, 'installing the update');
      clear(idleTimer);
      idleTimer = null;
      updater.quitAndInstall(true, true);
    }, IDLE_POLL_MS);
  };
  // Each download replaces the one before; only the latest one's check may let it be installed.
  let downloads = 0;
  updater.on('update-downloaded', ({ version, downloadedFile }) => {
    const download = ++downloads;
    updater.autoInstallOnAppQuit = false;
    if (idleTimer !== null) clear(idleTimer);
    idleTimer = null;
    parts.log.info({ event: 'update-downloaded', version }, 'update downloaded; checking its signature');
    void signed(version, downloadedFile).then((ok) => {
      if (!ok || download !== downloads) return;
      parts.log.info(
        { event: 'update-verified', version },
        'update signature checked; installing when the kiosk is idle',
      );
      updater.autoInstallOnAppQuit = true;
      installWhenIdle(version);
    });
  });

  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      parts.log.warn({ event: 'update-check-failed', error: String(error) }, 'update check failed');
    });
  };
  check();
  const checkTimer = every(check, settings.checkMinutes * 60_000);
  return {
    stop: () => {
      clear(checkTimer);
      if (idleTimer !== null) clear(idleTimer);
    },
  };
}
