import { describe, expect, test } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../main/app/app-origin';

describe('isAppUrl', () => {
  test('accepts the app origin, whatever the path', () => {
    expect(APP_ENTRY_URL).toBe('app://kiosk/index.html');
    for (const url of ['app://kiosk/', 'app://kiosk/index.html', 'app://kiosk/desk.html#rate', 'app://kiosk/a?b=c']) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  test('refuses every other origin, look-alikes included', () => {
    for (const url of [
      'https://kiosk/',
      'http://127.0.0.1:8787/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://kiosk.evil.example/',
      'app://kiosk:8080/',
      'app://kiosk@evil.example/',
      'app://user:pass@kiosk/',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
