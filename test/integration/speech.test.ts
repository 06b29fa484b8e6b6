import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../main/contract';
import type { Language } from '../../main/contract';
import { SystemSpeaker } from '../../main/boot/speech';
import type { SpeechConfig, SpeechLog, UtteranceRecord } from '../../main/boot/speech';
import { tempDir } from '../support/kiosk-fixture';

/** Where this machine's espeak-ng keeps its voices, or why the tests cannot run. */
function findEspeak(): { dataDir: string } | { skipReason: string } {
  try {
    const version = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' });
    const dataDir = /Data at: (\S+)/.exec(version)?.[1];
    return dataDir ? { dataDir } : { skipReason: `espeak-ng --version names no data folder: ${version}` };
  } catch (error) {
    return { skipReason: `espeak-ng is not installed (apt-get install espeak-ng): ${(error as Error).message}` };
  }
}

const espeak = findEspeak();

const PROMPTS: Record<Language, string> = {
  az: 'Xidməti seçin. Sizin nömrəniz A-001.',
  ru: 'Выберите услугу. Ваш номер A-001.',
  en: 'Choose a service. Your number is A-001.',
  kk: 'Қызметті таңдаңыз. Сіздің нөміріңіз A-001.',
  ky: 'Кызматты тандаңыз. Сиздин номериңиз A-001.',
  uz: 'Xizmatni tanlang. Sizning raqamingiz A-001.',
};

/** The sample count of a PCM WAV's data chunk, after checking its RIFF header. */
function wavSamples(file: string): number {
  const wav = readFileSync(file);
  expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
  const bitsPerSample = wav.readUInt16LE(34);
  return (wav.length - 44) / (bitsPerSample / 8);
}

const recordingLog = () => {
  const warnings: string[] = [];
  const log: SpeechLog = { info: () => {}, warn: (fields) => warnings.push(JSON.stringify(fields)) };
  return { log, warnings };
};

const utterances = (wavDir: string): UtteranceRecord[] =>
  readFileSync(join(wavDir, 'utterances.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as UtteranceRecord);

const config = (wavDir: string, changes: Partial<SpeechConfig> = {}): SpeechConfig => ({
  enabled: true,
  fallbackLanguage: 'ru',
  rate: 150,
  volume: 80,
  wavDir,
  ...changes,
});

describe('speech through the real espeak-ng, written to WAV files (this machine has no sound card)', () => {
  let dir: ReturnType<typeof tempDir>;

  beforeAll(() => {
    dir = tempDir('kiosk-speech-');
  });
  afterAll(() => dir?.remove());

  it('speaks each of the six languages in its own voice, each a WAV of real length', async (ctx) => {
    if ('skipReason' in espeak) {
      console.warn(`skipped: ${espeak.skipReason}`);
      ctx.task.meta.skipReason = espeak.skipReason;
      return ctx.skip(espeak.skipReason);
    }
    const wavDir = join(dir.path, 'six');
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({ config: config(wavDir), log, spdSayBinary: null });

    const voices = await speaker.voices();
    expect(voices).toEqual([
      { language: 'az', voice: 'az', fallback: null },
      { language: 'ru', voice: 'ru', fallback: null },
      { language: 'en', voice: 'en-gb', fallback: null },
      { language: 'kk', voice: 'kk', fallback: null },
      { language: 'ky', voice: 'ky', fallback: null },
      { language: 'uz', voice: 'uz', fallback: null },
    ]);
    for (const language of LANGUAGES) {
      expect(await speaker.speak(PROMPTS[language], language)).toEqual({ spoken: true, language, reason: null });
      await speaker.whenQuiet();
    }

    const records = utterances(wavDir);
    expect(records.map((r) => [r.requested, r.language, r.voice, r.text])).toEqual(
      LANGUAGES.map((language) => [
        language,
        language,
        voices.find((v) => v.language === language)?.voice,
        PROMPTS[language],
      ]),
    );
    for (const record of records) {
      // espeak-ng writes 22,050 samples a second: a sentence and a number take well over a second.
      expect(wavSamples(record.file), record.file).toBeGreaterThan(22_050);
    }
    // The same words in two voices do not sound alike: Kazakh and Kyrgyz WAVs differ.
    const kk = readFileSync(records[3]!.file);
    const ky = readFileSync(records[4]!.file);
    expect(kk.equals(ky)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('a new utterance stops the one still being said', async (ctx) => {
    if ('skipReason' in espeak) {
      ctx.task.meta.skipReason = espeak.skipReason;
      return ctx.skip(espeak.skipReason);
    }
    const wavDir = join(dir.path, 'interrupt');
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({ config: config(wavDir, { rate: 80 }), log, spdSayBinary: null });
    const long = Array.from({ length: 12 }, () => PROMPTS.ru).join(' ');
    await speaker.speak(long, 'ru');
    const firstDone = speaker.whenQuiet();
    await speaker.speak(PROMPTS.en, 'en');
    await firstDone;
    await speaker.whenQuiet();

    // The same long text, left to finish, for comparison.
    await speaker.speak(long, 'ru');
    await speaker.whenQuiet();
    const [interrupted, , whole] = utterances(wavDir);
    // Stopped early: a file cut short, or none at all when it was stopped before it began.
    const interruptedBytes = existsSync(interrupted!.file) ? statSync(interrupted!.file).size : 0;
    expect(interruptedBytes).toBeLessThan(statSync(whole!.file).size / 2);
    expect(wavSamples(whole!.file)).toBeGreaterThan(20 * 22_050);
    expect(warnings).toEqual([]);
  });

  it('a language without a voice falls back to the configured one, and the technician sees which', async (ctx) => {
    if ('skipReason' in espeak) {
      ctx.task.meta.skipReason = espeak.skipReason;
      return ctx.skip(espeak.skipReason);
    }
    // A copy of this machine's espeak-ng data without the Kazakh voice: a device that lacks it.
    const dataRoot = join(dir.path, 'no-kazakh');
    cpSync(espeak.dataDir, join(dataRoot, 'espeak-ng-data'), { recursive: true });
    rmSync(join(dataRoot, 'espeak-ng-data/lang/trk/kk'));
    const wavDir = join(dir.path, 'fallback');
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({ config: config(wavDir), log, spdSayBinary: null, espeakDataPath: dataRoot });

    const voices = await speaker.voices();
    expect(voices.find((v) => v.language === 'kk')).toEqual({ language: 'kk', voice: null, fallback: 'ru' });
    expect(voices.find((v) => v.language === 'ky')).toEqual({ language: 'ky', voice: 'ky', fallback: null });

    expect(await speaker.speak(PROMPTS.kk, 'kk')).toEqual({ spoken: true, language: 'ru', reason: null });
    await speaker.whenQuiet();
    const [record] = utterances(wavDir);
    expect(record).toMatchObject({ requested: 'kk', language: 'ru', voice: 'ru', text: PROMPTS.kk });
    expect(wavSamples(record!.file)).toBeGreaterThan(22_050);
    expect(warnings).toEqual([]);

    // Without a fallback the visitor's language is not spoken, and the reason says why.
    const silent = new SystemSpeaker({
      config: config(wavDir, { fallbackLanguage: null }),
      log,
      spdSayBinary: null,
      espeakDataPath: dataRoot,
    });
    const outcome = await silent.speak(PROMPTS.kk, 'kk');
    expect(outcome).toEqual({
      spoken: false,
      language: null,
      reason: 'no voice for "kk" and no fallback language is configured (speech.fallbackLanguage)',
    });
    expect(warnings.join('\n')).toContain('speech.fallbackLanguage');
  });

  it('a missing synthesiser: every voice is null, speak says why, and the log has the cause', async () => {
    const wavDir = join(dir.path, 'missing');
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({
      config: config(wavDir),
      log,
      espeakBinary: join(dir.path, 'no-such-espeak-ng'),
      spdSayBinary: null,
    });
    const voices = await speaker.voices();
    expect(voices.map((v) => [v.language, v.voice, v.fallback])).toEqual(LANGUAGES.map((l) => [l, null, null]));
    const outcome = await speaker.speak(PROMPTS.az, 'az');
    expect(outcome.spoken).toBe(false);
    expect(outcome.reason).toMatch(/^no speech synthesiser: .*no-such-espeak-ng --voices failed \(.*ENOENT/);
    expect(warnings.some((w) => w.includes('speech-unavailable') && w.includes('ENOENT'))).toBe(true);
    expect(warnings.some((w) => w.includes('speech-failed'))).toBe(true);
    expect(() => readdirSync(wavDir)).toThrow(/ENOENT/);
  });

  it('speech turned off in the configuration says so', async () => {
    const { log } = recordingLog();
    const speaker = new SystemSpeaker({ config: config(join(dir.path, 'off'), { enabled: false }), log });
    expect(await speaker.speak(PROMPTS.en, 'en')).toEqual({
      spoken: false,
      language: null,
      reason: 'speech is turned off in the configuration (speech.enabled)',
    });
  });

  it('speaking aloud on this machine, which has no sound card, says so instead of hanging', async (ctx) => {
    const cardsFile = '/proc/asound/cards';
    const cards = existsSync(cardsFile) ? readFileSync(cardsFile, 'utf8') : null;
    if (process.platform !== 'linux' || (cards !== null && !/no soundcards/i.test(cards))) {
      const reason = 'this machine has a sound card (or is not Linux): the no-card path cannot be seen here';
      ctx.task.meta.skipReason = reason;
      return ctx.skip(reason);
    }
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({ config: config(join(dir.path, 'unused'), { wavDir: null }), log });
    const outcome = await speaker.speak(PROMPTS.en, 'en');
    expect(outcome.spoken).toBe(false);
    expect(outcome.reason).toMatch(
      /^no sound card \(\/proc\/asound\/cards (lists none|is missing: no sound driver)\); set speech\.wavDir/,
    );
    expect(warnings.join('\n')).toContain('no sound card');
  });

  /** ALSA's card list as a machine with one card writes it: this machine has none, so it is faked. */
  const oneCard = () => {
    const file = join(dir.path, 'asound-cards');
    writeFileSync(file, ' 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n');
    return file;
  };

  it('speech-dispatcher missing (sound card list faked): espeak-ng speaks directly, and the cause is logged', async (ctx) => {
    if ('skipReason' in espeak) {
      ctx.task.meta.skipReason = espeak.skipReason;
      return ctx.skip(espeak.skipReason);
    }
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({
      config: config(join(dir.path, 'unused'), { wavDir: null }),
      log,
      spdSayBinary: join(dir.path, 'no-such-spd-say'),
      soundCardsFile: oneCard(),
    });
    expect(await speaker.speak(PROMPTS.en, 'en')).toEqual({ spoken: true, language: 'en', reason: null });
    await speaker.whenQuiet();
    expect(warnings[0]).toContain('speech-dispatcher-unavailable');
    expect(warnings[0]).toContain('ENOENT');
    await speaker.close();
  });

  it('a speech-dispatcher that never answers (faked: a script that sleeps) is stopped in time, and espeak-ng takes over', async (ctx) => {
    if ('skipReason' in espeak) {
      ctx.task.meta.skipReason = espeak.skipReason;
      return ctx.skip(espeak.skipReason);
    }
    const hanging = join(dir.path, 'hanging-spd-say');
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 600\n');
    chmodSync(hanging, 0o755);
    const { log, warnings } = recordingLog();
    const speaker = new SystemSpeaker({
      config: config(join(dir.path, 'unused'), { wavDir: null }),
      log,
      spdSayBinary: hanging,
      soundCardsFile: oneCard(),
    });
    const text = 'Next.';
    const startedAt = Date.now();
    // Resolves as soon as the utterance has started: the kiosk never waits for the synthesiser.
    expect(await speaker.speak(text, 'en')).toEqual({ spoken: true, language: 'en', reason: null });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await expect.poll(() => warnings.join('\n'), { timeout: 10_000 }).toContain('speech-dispatcher-unavailable');
    expect(warnings.join('\n')).toMatch(/did not finish within 5\.75 s/);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(5_700);
    await speaker.whenQuiet();
    await speaker.close();
  }, 20_000);
});

declare module 'vitest' {
  interface TaskMeta {
    /** Why a test could not run on this machine; the test command prints it. */
    skipReason?: string;
  }
}
