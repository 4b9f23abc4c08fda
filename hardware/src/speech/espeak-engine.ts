import { spawn } from 'node:child_process';
import type { KioskLocale } from '@kiosk/shared';
import { SpeechEngineError, type EngineAvailability, type SpeechEngine, type Utterance } from './speech-engine.js';

/**
 * Speech through Debian's `espeak-ng`. The text goes in on stdin, never on the command line
 * (the process list is readable by every user, and the text may be personal). Without an output
 * file it plays to the default audio device; with one it writes a WAV (checks, recordings).
 */

/**
 * espeak-ng voices per kiosk language. Basque is experimental and there is no Galician voice: the
 * agent reports only KIOSK_SPEECH_VOICES (default es ca en fr ar) as voiced, and the renderer asks
 * the citizen which of those to hear instead (EN 301 549 5.1.3.14). Should gl still arrive here,
 * Spanish reads it best.
 */
export const ESPEAK_VOICES: Readonly<Record<KioskLocale, string>> = {
  es: 'es',
  ca: 'ca',
  eu: 'eu',
  gl: 'es',
  en: 'en-gb',
  fr: 'fr-fr',
  ar: 'ar',
};

export const ESPEAK_DEFAULTS = {
  command: 'espeak-ng',
  /** espeak-ng's normal speed in words per minute (`-s`). */
  wordsPerMinute: 175,
  /** espeak-ng's normal amplitude (`-a`); its scale is linear and tops out at 200 (+6 dB). */
  amplitude: 100,
  maxAmplitude: 200,
  /** Longest time one utterance may take before the process is killed and the engine fails. */
  maxUtteranceMs: 120_000,
  /** Stderr kept for the error message (espeak-ng errors are short). */
  maxStderrChars: 500,
} as const;

export interface EspeakEngineOptions {
  readonly command?: string;
  /** Where to write a WAV instead of playing; called per utterance, null to play. */
  readonly wavPath?: (utterance: Utterance) => string | null;
  readonly maxUtteranceMs?: number;
}

/** espeak-ng's amplitude for a gain in dB (linear amplitude, 100 = 0 dB). */
export function espeakAmplitude(volumeDb: number): number {
  const amplitude = Math.round(ESPEAK_DEFAULTS.amplitude * 10 ** (volumeDb / 20));
  return Math.min(ESPEAK_DEFAULTS.maxAmplitude, Math.max(0, amplitude));
}

export function espeakArguments(utterance: Utterance, wavPath: string | null): string[] {
  const args = [
    '-v',
    ESPEAK_VOICES[utterance.language],
    '-a',
    String(espeakAmplitude(utterance.volumeDb)),
    '-s',
    String(Math.round(ESPEAK_DEFAULTS.wordsPerMinute * utterance.rate)),
    '--stdin',
  ];
  if (wavPath !== null) args.push('-w', wavPath);
  return args;
}

export function createEspeakEngine(options: EspeakEngineOptions = {}): SpeechEngine {
  const command = options.command ?? ESPEAK_DEFAULTS.command;
  const maxMs = options.maxUtteranceMs ?? ESPEAK_DEFAULTS.maxUtteranceMs;

  function run(args: string[], input: string | null, signal: AbortSignal | null): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), maxMs);
      const onAbort = (): void => {
        child.kill('SIGTERM');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-ESPEAK_DEFAULTS.maxStderrChars);
      });
      child.stdin.on('error', () => undefined);
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(
          error.code === 'ENOENT'
            ? new SpeechEngineError('unavailable', `${command} is not installed (Debian: apt-get install espeak-ng)`)
            : new SpeechEngineError('engine-failed', `${command} could not start: ${error.code ?? error.message}`),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (code === 0 || signal?.aborted === true) resolve({ code, stdout });
        else reject(new SpeechEngineError('engine-failed', `${command} exited with ${code ?? 'a signal'}: ${stderr.trim()}`));
      });
      child.stdin.end(input ?? '');
    });
  }

  return {
    name: 'espeak-ng',
    async availability(): Promise<EngineAvailability> {
      try {
        const { stdout } = await run(['--version'], null, null);
        return stdout.includes('eSpeak NG') ? { available: true } : { available: false, reason: `${command} --version does not look like eSpeak NG` };
      } catch (error) {
        return { available: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
    async say(utterance, signal) {
      if (signal.aborted) return;
      await run(espeakArguments(utterance, options.wavPath?.(utterance) ?? null), utterance.text, signal);
    },
  };
}
