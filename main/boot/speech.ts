import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../contract';
import type { Language, SpeechVoice } from '../contract';
import type { KioskConfig } from '../core/config';
import type { Speaker, SpeechOutcome } from '../core/ports';

export type SpeechConfig = KioskConfig['speech'];

/** The part of the kiosk's logger the speaker writes to (pino's Logger fits). */
export interface SpeechLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SpeakerOptions {
  config: SpeechConfig;
  log: SpeechLog;
  /** The synthesiser; another path (or a missing one) in tests and unusual installs. */
  espeakBinary?: string;
  /** speech-dispatcher's client; null speaks through espeak-ng directly. */
  spdSayBinary?: string | null;
  /** Folder holding `espeak-ng-data` (espeak-ng `--path`), for a non-standard install. */
  espeakDataPath?: string;
  /** ALSA's list of sound cards, read before speaking aloud; another file in tests. */
  soundCardsFile?: string;
}

/** One language's voice, or why there is none. */
type VoiceTable = { ok: true; voices: Map<Language, string> } | { ok: false; cause: string };

interface Chosen {
  language: Language;
  voice: string;
}

/** One line of `utterances.jsonl` in the WAV folder: what was said, in which voice, into which file. */
export interface UtteranceRecord {
  at: string;
  text: string;
  requested: Language;
  language: Language;
  voice: string;
  file: string;
}

const ESPEAK_DEFAULT_RATE = 175;
/** `spd-say -C` answers at once from a working speech-dispatcher; one that hangs is not waited for. */
const CANCEL_TIMEOUT_MS = 2_000;

/**
 * Longest an utterance may take before its process is taken to hang (a speech-dispatcher whose
 * audio output is stuck never says "done"): half espeak-ng's slowest speed, plus a start-up allowance.
 */
const utteranceTimeoutMs = (text: string) => 5_000 + text.length * 150;

/**
 * Speaks through speech-dispatcher (`spd-say`) while it answers, else through espeak-ng directly;
 * with `config.wavDir`, into WAV files instead of the sound card. Every utterance runs in its own
 * process, so the event loop never waits on the synthesiser, and a new one stops the last.
 */
export class SystemSpeaker implements Speaker {
  private readonly espeak: string;
  private spdSay: string | null;
  private voiceTable: Promise<VoiceTable> | null = null;
  private current: ChildProcess | null = null;
  private currentDone: Promise<void> = Promise.resolve();
  private utterances = 0;

  constructor(private readonly options: SpeakerOptions) {
    this.espeak = options.espeakBinary ?? 'espeak-ng';
    this.spdSay = options.spdSayBinary === undefined ? 'spd-say' : options.spdSayBinary;
  }

  async voices(): Promise<SpeechVoice[]> {
    const table = await this.voicesFound();
    return LANGUAGES.map((language) => {
      const voice = table.ok ? (table.voices.get(language) ?? null) : null;
      const fallback = voice === null && table.ok ? this.fallbackFor(table) : null;
      return { language, voice, fallback: fallback?.language ?? null };
    });
  }

  async speak(text: string, language: Language): Promise<SpeechOutcome> {
    if (!this.options.config.enabled) return this.silent('speech is turned off in the configuration (speech.enabled)');
    const table = await this.voicesFound();
    if (!table.ok) return this.silent(`no speech synthesiser: ${table.cause}`);
    const own = table.voices.get(language);
    const chosen = own ? { language, voice: own } : this.fallbackFor(table);
    if (!chosen) {
      const fallback = this.options.config.fallbackLanguage;
      return this.silent(
        fallback
          ? `no voice for "${language}", nor for the fallback language "${fallback}"`
          : `no voice for "${language}" and no fallback language is configured (speech.fallbackLanguage)`,
      );
    }
    this.stop();
    const failure = await this.start(text, language, chosen);
    if (failure) return this.silent(failure);
    return { spoken: true, language: chosen.language, reason: null };
  }

  /** Resolves once the utterance being said (or written) has ended: the tests read the WAV then. */
  whenQuiet(): Promise<void> {
    return this.currentDone;
  }

  async close(): Promise<void> {
    this.stop();
    await this.currentDone;
  }

  private fallbackFor(table: { voices: Map<Language, string> }): Chosen | null {
    const fallback = this.options.config.fallbackLanguage;
    const voice = fallback ? table.voices.get(fallback) : undefined;
    return fallback && voice ? { language: fallback, voice } : null;
  }

  private silent(reason: string): SpeechOutcome {
    this.options.log.warn({ event: 'speech-failed', cause: reason }, `nothing spoken: ${reason}`);
    return { spoken: false, language: null, reason };
  }

  /** Asked once: the voices do not change while the kiosk runs. */
  private voicesFound(): Promise<VoiceTable> {
    this.voiceTable ??= new Promise((resolve) => {
      execFile(this.espeak, [...this.dataPathArgs(), '--voices'], { timeout: 10_000 }, (error, stdout) => {
        if (error) {
          const cause = `${this.espeak} --voices failed (${error.message.split('\n')[0]})`;
          this.options.log.warn(
            { event: 'speech-unavailable', cause },
            'no speech synthesiser: audio guidance is silent',
          );
          return resolve({ ok: false, cause });
        }
        const voices = voicesByLanguage(stdout);
        const missing = LANGUAGES.filter((language) => !voices.has(language));
        this.options.log.info(
          { event: 'speech-voices', voices: Object.fromEntries(voices), missing },
          missing.length ? `no speech voice for ${missing.join(', ')}` : 'speech voices found for every language',
        );
        resolve({ ok: true, voices });
      });
    });
    return this.voiceTable;
  }

  private dataPathArgs(): string[] {
    return this.options.espeakDataPath ? [`--path=${this.options.espeakDataPath}`] : [];
  }

  /** Starts the utterance; resolves with why it could not start, or null once it has. */
  private async start(text: string, requested: Language, chosen: Chosen): Promise<string | null> {
    const { wavDir } = this.options.config;
    if (wavDir) return this.run(this.espeak, this.espeakArgs(chosen, this.wavFile(text, requested, chosen)), text);
    const noCard = this.noSoundCard();
    if (noCard) return noCard;
    if (this.spdSay) {
      const failure = await this.run(this.spdSay, this.spdSayArgs(chosen, text), null, (cause) =>
        this.speechDispatcherFailed(cause, text, chosen),
      );
      if (!failure) return null;
      this.speechDispatcherFailed(failure, text, chosen);
      return null;
    }
    return this.run(this.espeak, this.espeakArgs(chosen, null), text);
  }

  /**
   * Why nothing can be heard, when ALSA lists no sound card or Linux has no sound driver at all;
   * null when a card is listed, or off Linux (speaking is tried then). Speaking into no card would
   * only leave speech-dispatcher hanging on its audio output.
   */
  private noSoundCard(): string | null {
    const file = this.options.soundCardsFile ?? '/proc/asound/cards';
    let cards: string;
    try {
      cards = readFileSync(file, 'utf8');
    } catch {
      return process.platform === 'linux'
        ? `no sound card (${file} is missing: no sound driver); set speech.wavDir to write WAV files instead`
        : null;
    }
    return /no soundcards/i.test(cards) || cards.trim() === ''
      ? `no sound card (${file} lists none); set speech.wavDir to write WAV files instead`
      : null;
  }

  /** speech-dispatcher is not there or does not answer: espeak-ng speaks from now on. */
  private speechDispatcherFailed(cause: string, text: string, chosen: Chosen): void {
    this.options.log.warn(
      { event: 'speech-dispatcher-unavailable', cause },
      'speech-dispatcher failed; speaking through espeak-ng directly',
    );
    this.spdSay = null;
    void this.run(this.espeak, this.espeakArgs(chosen, null), text);
  }

  private wavFile(text: string, requested: Language, chosen: Chosen): string {
    const dir = this.options.config.wavDir as string;
    mkdirSync(dir, { recursive: true });
    this.utterances += 1;
    const file = join(dir, `${String(this.utterances).padStart(4, '0')}-${chosen.language}.wav`);
    const record: UtteranceRecord = {
      at: new Date().toISOString(),
      text,
      requested,
      language: chosen.language,
      voice: chosen.voice,
      file,
    };
    appendFileSync(join(dir, 'utterances.jsonl'), `${JSON.stringify(record)}\n`);
    return file;
  }

  private espeakArgs(chosen: Chosen, wavFile: string | null): string[] {
    const { rate, volume } = this.options.config;
    // Text comes through stdin as UTF-8, so a prompt starting with "-" is never taken for an option.
    const args = [...this.dataPathArgs(), '-v', chosen.voice, '-s', String(rate), '-a', String(volume * 2), '-b', '1'];
    return [...args, ...(wavFile ? ['-w', wavFile] : []), '--stdin'];
  }

  private spdSayArgs(chosen: Chosen, text: string): string[] {
    const { rate, volume } = this.options.config;
    // speech-dispatcher picks its own voice for a language code.
    return ['-w', '-l', chosen.language, '-r', String(spdRate(rate)), '-i', String(volume * 2 - 100), '--', text];
  }

  /**
   * Runs one utterance's process; resolves once it has started (null) or could not (why). A
   * failure after the start is logged, and handed to `onFailure` when one is given.
   */
  private run(
    binary: string,
    args: string[],
    stdinText: string | null,
    onFailure?: (cause: string) => void,
  ): Promise<string | null> {
    const child = spawn(binary, args, { stdio: [stdinText === null ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    this.current = child;
    const limitMs = utteranceTimeoutMs(stdinText ?? args.at(-1) ?? '');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    // The limit is a guard, never a reason to keep a closing kiosk alive.
    timer.unref();
    child.once('close', () => clearTimeout(timer));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-500)));
    this.currentDone = new Promise((done) => {
      child.once('close', () => done());
      child.once('error', () => done());
    });
    return new Promise((resolve) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        if (this.current === child) this.current = null;
        resolve(`${binary} could not be started (${error.message})`);
      });
      child.once('spawn', () => {
        if (stdinText !== null) child.stdin?.end(stdinText);
        resolve(null);
      });
      child.once('exit', (code, signal) => {
        if (this.current === child) this.current = null;
        if (code === 0 || (signal === 'SIGTERM' && !timedOut)) return;
        const cause = timedOut
          ? `${binary} did not finish within ${limitMs / 1000} s and was stopped (its audio output hangs?)`
          : `${binary} ended with ${code ?? signal}${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
        if (onFailure) onFailure(cause);
        else this.options.log.warn({ event: 'speech-failed', cause }, 'speech synthesis failed');
      });
    });
  }

  private stop(): void {
    const previous = this.current;
    if (!previous) return;
    this.current = null;
    previous.kill('SIGTERM');
    // speech-dispatcher keeps speaking after its client is gone: cancel it there too.
    if (this.spdSay && !this.options.config.wavDir)
      spawn(this.spdSay, ['-C'], { stdio: 'ignore', timeout: CANCEL_TIMEOUT_MS, killSignal: 'SIGKILL' }).on(
        'error',
        () => {},
      );
  }
}

/**
 * espeak-ng's voice list ("Pty Language Age/Gender VoiceName File ...") as the first voice of each
 * kiosk language: the exact code, else the main regional one (en → en-gb).
 */
export function voicesByLanguage(listing: string): Map<Language, string> {
  const codes = listing
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[1])
    .filter((code): code is string => Boolean(code));
  const voices = new Map<Language, string>();
  for (const language of LANGUAGES) {
    const regional = codes.filter((code) => code.startsWith(`${language}-`));
    // The shortest regional code is the main one (en-gb before en-gb-scotland or en-029).
    const main = regional.sort((a, b) => a.length - b.length)[0];
    const voice = codes.find((code) => code === language) ?? main;
    if (voice) voices.set(language, voice);
  }
  return voices;
}

/** Words per minute as spd-say's -100…100, 0 being espeak-ng's usual 175. */
function spdRate(wordsPerMinute: number): number {
  const span = wordsPerMinute < ESPEAK_DEFAULT_RATE ? ESPEAK_DEFAULT_RATE - 80 : 450 - ESPEAK_DEFAULT_RATE;
  return Math.max(-100, Math.min(100, Math.round(((wordsPerMinute - ESPEAK_DEFAULT_RATE) / span) * 100)));
}
