import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import type { UtteranceRecord } from '../../main/boot/speech';
import { loadCatalogFile } from '../../main/boot/read-files';
import { spokenTicketNumber } from '../../renderer/src/use-spoken-prompt';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { overflowProblems, seriousAxeViolations, smallTargets } from '../support/screen-checks';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');

type KioskTexts = { speech: Record<string, string>; access: Record<string, string> };
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as KioskTexts;
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

const sample = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
const providerName = (id: string, language: Language) => sample.providers.find((p) => p.id === id)!.name[language];
const categoryName = (id: string, language: Language) => sample.categories.find((c) => c.id === id)!.name[language];
const serviceName = (id: string, language: Language) => sample.services.find((s) => s.id === id)!.name[language];

function espeakMissing(): string | null {
  try {
    execFileSync('espeak-ng', ['--version']);
    return null;
  } catch (error) {
    return `espeak-ng is not installed (apt-get install espeak-ng): ${(error as Error).message}`;
  }
}

describe('audio guidance: Chromium → browser shell → real espeak-ng writing WAV files (no sound card here)', () => {
  let dir: ReturnType<typeof tempDir>;
  let wavDir: string;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;
  const skipReason = espeakMissing();

  beforeAll(async () => {
    if (skipReason) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-speech-');
    wavDir = join(dir.path, 'speech');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(sample));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        timeZone: 'Asia/Almaty',
        resultScreenSeconds: 60,
        catalogPath: catalogFile,
        speech: { wavDir },
      }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  const spoken = (): UtteranceRecord[] =>
    existsSync(join(wavDir, 'utterances.jsonl'))
      ? readFileSync(join(wavDir, 'utterances.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as UtteranceRecord)
      : [];
  /** Waits for the next utterance and checks its words and voice. */
  const expectSpoken = async (index: number, language: Language, text: string) => {
    await expect.poll(() => spoken().length, { timeout: 10_000 }).toBeGreaterThan(index);
    // espeak-ng's English voice is the British one (main/boot/speech.ts picks the main regional voice).
    const voice = language === 'en' ? 'en-gb' : language;
    expect(spoken()[index]).toMatchObject({ requested: language, language, voice, text });
  };

  it('a Kazakh visitor turns it on: every screen speaks its prompt in Kazakh, and the ticket its number', async (ctx) => {
    if (skipReason) {
      console.warn(`skipped: ${skipReason}`);
      ctx.task.meta.skipReason = skipReason;
      return ctx.skip(skipReason);
    }
    // What the technician diagnostics show: a voice for each of the six languages on this machine.
    const voices = await fetch(`${shell.url}/api/call/listSpeechVoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await voices.json()).toEqual({
      ok: true,
      value: (['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const).map((language) => ({
        language,
        voice: language === 'en' ? 'en-gb' : language,
        fallback: null,
      })),
    });
    const az = texts('az').speech;
    const kk = texts('kk');
    await kiosk.getByTestId('screen-attract').waitFor();
    await expect.poll(() => kiosk.getByTestId('access-audioGuidance').getAttribute('aria-pressed')).toBe('false');
    await kiosk.getByTestId('access-audioGuidance').click();
    await expect.poll(() => kiosk.getByTestId('access-audioGuidance').getAttribute('aria-pressed')).toBe('true');
    await shoot('speech-1-attract');
    expect(spoken()).toEqual([]);

    await kiosk.getByTestId('screen-attract').click();
    await kiosk.getByTestId('screen-language').waitFor();
    // The language screen still speaks the kiosk's default language: the visitor has not chosen yet.
    await expectSpoken(0, 'az', az.language!);

    await kiosk.getByTestId('language-kk').click();
    await kiosk.getByTestId('screen-services').waitFor();
    await expectSpoken(1, 'kk', kk.speech.providers!);
    await shoot('speech-2-providers-kk');

    await kiosk.getByTestId('provider-internal-affairs').click();
    await expectSpoken(2, 'kk', fill(kk.speech.categories!, { title: providerName('internal-affairs', 'kk') }));
    await kiosk.getByTestId('category-ia-documents').click();
    await expectSpoken(3, 'kk', fill(kk.speech.services!, { title: categoryName('ia-documents', 'kk') }));
    await kiosk.getByTestId('service-passport').click();
    await kiosk.getByTestId('take-ticket').waitFor();
    await expectSpoken(4, 'kk', fill(kk.speech.service!, { service: serviceName('passport', 'kk') }));

    await kiosk.getByTestId('take-ticket').click();
    await kiosk.getByTestId('screen-ticket').waitFor();
    const number = (await kiosk.getByTestId('ticket-number').innerText()).trim();
    await expect
      .poll(() => spoken().at(-1)?.text)
      .toBe(fill(kk.speech.ticket!, { number: spokenTicketNumber(number) }));
    // The day's first passport ticket, its characters said one by one.
    expect(number).toBe('A-001');
    expect(spokenTicketNumber(number)).toBe('A 0 0 1');
    const ticketPrompt = spoken().at(-1)!;
    expect(ticketPrompt).toMatchObject({ requested: 'kk', language: 'kk', voice: 'kk' });
    // Nobody interrupts the ticket's prompt: its WAV grows to a sentence of several seconds.
    await expect
      .poll(() => (existsSync(ticketPrompt.file) ? statSync(ticketPrompt.file).size : 0), { timeout: 15_000 })
      .toBeGreaterThan(3 * 22_050 * 2);
    await shoot('speech-3-ticket-kk');

    // The choice ends with the visitor: the next one starts with guidance off, and hears nothing.
    await kiosk.getByTestId('ticket-done').click();
    await kiosk.getByTestId('screen-attract').waitFor();
    const before = spoken().length;
    // Every speak call the page sends, in the order it sends them: a prompt spoken on the language
    // screen's arrival would stand before the one its own switch-on asks for below.
    const speakCalls: string[] = [];
    kiosk.on('request', (request) => {
      if (request.url().includes('/api/call/speak')) speakCalls.push(request.postData() ?? '');
    });
    await kiosk.getByTestId('screen-attract').click();
    await kiosk.getByTestId('screen-language').waitFor();
    expect(await kiosk.getByTestId('access-audioGuidance').getAttribute('aria-pressed')).toBe('false');
    // Switching it on speaks the screen's prompt at once: the first utterance since the visitor
    // changed is that one, so the screen's arrival with guidance off said nothing.
    await kiosk.getByTestId('access-audioGuidance').click();
    await expectSpoken(before, 'az', az.language!);
    expect(speakCalls).toHaveLength(1);
    expect(spoken()).toHaveLength(before + 1);
    await kiosk.getByTestId('access-audioGuidance').click();
    await expect.poll(() => kiosk.getByTestId('access-audioGuidance').getAttribute('aria-pressed')).toBe('false');
  });

  it('turned on halfway, in English: the search screen speaks at once, in English', async (ctx) => {
    if (skipReason) {
      ctx.task.meta.skipReason = skipReason;
      return ctx.skip(skipReason);
    }
    await kiosk.getByTestId('screen-language').waitFor();
    await kiosk.getByTestId('language-en').click();
    await kiosk.getByTestId('open-search').click();
    await kiosk.getByTestId('screen-search').waitFor();
    const before = spoken().length;
    await kiosk.getByTestId('access-audioGuidance').click();
    await expectSpoken(before, 'en', texts('en').speech.search!);
    await shoot('speech-4-search-en');
  });

  it('the fourth button fits the accessibility bar in every language and orientation, pressed or not', async (ctx) => {
    if (skipReason) {
      ctx.task.meta.skipReason = skipReason;
      return ctx.skip(skipReason);
    }
    for (const language of ['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const) {
      await kiosk.goto(shell.url);
      await kiosk.getByTestId('screen-attract').click();
      await kiosk.getByTestId(`language-${language}`).click();
      await kiosk.getByTestId('screen-services').waitFor();
      await kiosk.getByTestId('access-audioGuidance').click();
      for (const viewport of [PORTRAIT, LANDSCAPE]) {
        await kiosk.setViewportSize(viewport);
        const where = `${language} ${viewport.width}×${viewport.height}`;
        expect(await overflowProblems(kiosk), where).toEqual([]);
        expect(await smallTargets(kiosk), where).toEqual([]);
        expect(await seriousAxeViolations(kiosk), where).toEqual([]);
      }
      await kiosk.setViewportSize(PORTRAIT);
      const label = await kiosk.getByTestId('access-audioGuidance').innerText();
      expect(label.trim()).toBe(texts(language).access.audioGuidance);
      if (language === 'ky') await shoot('speech-5-access-bar-ky');
    }
  });

  const shoot = (name: string) => shootBothOrientations(kiosk, SCREENSHOTS, name);
});
