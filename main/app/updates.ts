/**
 * Updates from a generic HTTP server (electron-updater): checked at start and then periodically,
 * downloaded in the background, and installed only when nobody is using the kiosk (no touch for
 * `installWhenIdleSeconds`, by which time the kiosk has reset to its start screen) or, failing
 * that, when the app next quits (autoInstallOnAppQuit). A failed check is logged and tried again
 * at the next period: updates never take the kiosk down.
 */

/** The part of electron-updater's AppUpdater the kiosk uses; a fake one in tests. */
export interface KioskUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
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
  const every = parts.setInterval ?? ((run: () => void, ms: number) => setInterval(run, ms));
  const clear = parts.clearInterval ?? ((timer: unknown) => clearInterval(timer as NodeJS.Timeout));
  const updater = await parts.updater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: settings.url });
  updater.on('error', (error) => parts.log.warn({ event: 'update-failed', error: error.message }, 'update failed'));

  let idleTimer: unknown = null;
  updater.on('update-downloaded', ({ version }) => {
    parts.log.info({ event: 'update-downloaded', version }, 'update downloaded; installing when the kiosk is idle');
    if (idleTimer !== null) return;
    idleTimer = every(() => {
      if (parts.idleSeconds() < settings.installWhenIdleSeconds) return;
      parts.log.info({ event: 'update-installing', version }, 'installing the update');
      clear(idleTimer);
      idleTimer = null;
      updater.quitAndInstall(true, true);
    }, IDLE_POLL_MS);
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
