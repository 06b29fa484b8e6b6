import type { Input, WebContents } from 'electron';

/** The parts of a key press that decide whether it is an escape route out of the kiosk. */
export type KeyPress = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

/** Letters that, with Ctrl (or Cmd), close, reload, print, open or save something. */
const BLOCKED_WITH_CTRL = new Set(['w', 'q', 'r', 'n', 't', 'o', 's', 'p', 'f', 'g', 'h', 'j', 'l', 'u']);
/** Ctrl+Shift+… opens developer tools or the task manager. */
const BLOCKED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c', 'k', 'delete', 'escape']);
/** Page zoom: the kiosk has its own large-text mode; browser zoom breaks its layout. */
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
/** Reload, full screen, developer tools, caret browsing, find, the browser menu. */
const BLOCKED_ALONE = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
]);
/** Developer tools stay reachable while developing; never in a packaged kiosk. */
const DEVTOOLS_KEYS = new Set(['F12']);

/**
 * True for the keyboard shortcuts that would close, reload, zoom, navigate or inspect the kiosk
 * window. A visitor with a keyboard (or a technician's USB keyboard left plugged in) gets nowhere.
 */
export function isEscapeShortcut(input: KeyPress, development = false): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = input.control || input.meta;
  if (development && (DEVTOOLS_KEYS.has(key) || (ctrl && input.shift && key === 'i'))) return false;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (ctrl && input.shift && BLOCKED_WITH_CTRL_SHIFT.has(key.toLowerCase())) return true;
  if (ctrl && (BLOCKED_WITH_CTRL.has(key) || ZOOM_KEYS.has(key) || key === 'F4' || key === 'F5')) return true;
  return BLOCKED_ALONE.has(key);
}

/** Swallows escape shortcuts before the page or Chromium sees them. */
export function blockEscapeShortcuts(contents: WebContents, development: boolean): void {
  contents.on('before-input-event', (event, input) => {
    if (isEscapeShortcut(input, development)) event.preventDefault();
  });
}
