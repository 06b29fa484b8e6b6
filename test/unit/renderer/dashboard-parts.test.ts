import { describe, expect, it } from 'vitest';
import { afterSignIn, chosenLanguage, type KeptChoices } from '../../../renderer/src/dashboard/dashboard-choices';

/** A browser's localStorage, in memory. */
function memoryStorage(): KeptChoices {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe("the dashboards' language", () => {
  it('takes the address first and keeps it for the pages after, then the browser’s own languages', () => {
    const storage = memoryStorage();
    expect(chosenLanguage('', storage, ['de-DE', 'ru-RU', 'en'])).toBe('ru');
    expect(chosenLanguage('?lng=ky', storage, ['ru-RU'])).toBe('ky');
    expect(chosenLanguage('', storage, ['ru-RU'])).toBe('ky');
    expect(chosenLanguage('?lng=xx', storage, ['ru-RU'])).toBe('ky');
    expect(chosenLanguage('', memoryStorage(), ['de', 'fr'])).toBe('en');
  });
});

describe('where sign-in leads', () => {
  it("goes back to the dashboards' page asked for, never to another site or back to sign-in", () => {
    expect(afterSignIn('?next=%2Fdashboard%2Flive')).toBe('/dashboard/live');
    expect(afterSignIn('?next=%2Fdashboard%2F')).toBe('/dashboard/');
    for (const next of [
      'https://evil.example/',
      '//evil.example/dashboard/',
      '/dashboard/sign-in',
      '/elsewhere',
      '/dashboard/../x',
    ])
      expect(afterSignIn(`?next=${encodeURIComponent(next)}`), next).toBe('./');
    expect(afterSignIn('')).toBe('./');
  });

  it('keeps the view the address named, and only a view', () => {
    expect(afterSignIn('?next=%2Fdashboard%2F', '#/live')).toBe('/dashboard/#/live');
    expect(afterSignIn('', '#/figures?centre=baku-1&from=2026-12-01&to=2026-12-31')).toBe(
      './#/figures?centre=baku-1&from=2026-12-01&to=2026-12-31',
    );
    for (const hash of ['#javascript:alert(1)', '#/x"><script>', '#//evil.example'])
      expect(afterSignIn('?next=%2Fdashboard%2F', hash), hash).toBe('/dashboard/');
  });
});
