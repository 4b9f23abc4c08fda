import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createEspeakEngine,
  createRecordingEngine,
  createSpeechPort,
  DEFAULT_SPEECH_CONFIG,
  espeakAmplitude,
  espeakArguments,
  MIN_VOLUME_RANGE_DB,
} from '../../src/index.js';

describe('speech port', () => {
  it('records each utterance with its language, volume and rate', async () => {
    const engine = createRecordingEngine();
    const port = createSpeechPort(engine);
    expect(await port.speak('Bienvenido', { language: 'es' })).toEqual({ state: 'spoken' });
    port.setVolumeStep(0);
    port.setRate(1.5);
    expect(await port.speak('مرحبا', { language: 'ar' })).toEqual({ state: 'spoken' });
    expect(engine.utterances.map(({ text, language, volumeDb, rate }) => ({ text, language, volumeDb, rate }))).toEqual([
      { text: 'Bienvenido', language: 'es', volumeDb: 0, rate: 1 },
      { text: 'مرحبا', language: 'ar', volumeDb: -18, rate: 1.5 },
    ]);
  });

  it('volume steps cover at least 18 dB, clamp at the ends, and a narrower config is refused', () => {
    const port = createSpeechPort(createRecordingEngine());
    port.setVolumeStep(-5);
    const quietest = port.state.volumeDb;
    port.setVolumeStep(99);
    const loudest = port.state.volumeDb;
    expect(port.state.volumeStep).toBe(DEFAULT_SPEECH_CONFIG.volumeSteps - 1);
    expect(loudest - quietest).toBeGreaterThanOrEqual(MIN_VOLUME_RANGE_DB);
    expect(() => createSpeechPort(createRecordingEngine(), { ...DEFAULT_SPEECH_CONFIG, minVolumeDb: -6 })).toThrow(/18 dB/);
    port.setRate(10);
    expect(port.state.rate).toBe(DEFAULT_SPEECH_CONFIG.maxRate);
  });

  it('refuses private text without a headset or consent, and speaks it with either', async () => {
    const engine = createRecordingEngine();
    const port = createSpeechPort(engine);
    expect(await port.speak('DNI 12345678Z', { language: 'es', private: true })).toEqual({ state: 'refused', reason: 'private-needs-headset' });
    expect(engine.utterances).toHaveLength(0);
    port.setHeadsetConnected(true);
    expect((await port.speak('DNI 12345678Z', { language: 'es', private: true })).state).toBe('spoken');
    port.setHeadsetConnected(false);
    port.setPrivateConsent(true);
    expect((await port.speak('DNI 12345678Z', { language: 'es', private: true })).state).toBe('spoken');
    port.reset();
    expect(port.state.privateConsent).toBe(false);
    expect((await port.speak('DNI 12345678Z', { language: 'es', private: true })).state).toBe('refused');
    expect(engine.utterances.every((u) => u.private)).toBe(true);
  });

  it('cancel stops the utterance in progress; a new one interrupts the old; repeat says the last again', async () => {
    const engine = createRecordingEngine({ manual: true });
    const port = createSpeechPort(engine);
    const first = port.speak('Uno', { language: 'es' });
    expect(port.state.speaking).toBe(true);
    port.cancel();
    expect(await first).toEqual({ state: 'cancelled' });
    const second = port.speak('Dos', { language: 'ca' });
    const third = port.speak('Tres', { language: 'eu' });
    expect(await second).toEqual({ state: 'cancelled' });
    engine.finish();
    expect(await third).toEqual({ state: 'spoken' });
    port.setVolumeStep(8);
    const again = port.repeat();
    engine.finish();
    expect(await again).toEqual({ state: 'spoken' });
    expect(engine.utterances.map((u) => [u.text, u.outcome])).toEqual([
      ['Uno', 'cancelled'],
      ['Dos', 'cancelled'],
      ['Tres', 'spoken'],
      ['Tres', 'spoken'],
    ]);
    expect(engine.utterances[3]?.volumeDb).toBe(6);
    port.reset();
    expect(await port.repeat()).toEqual({ state: 'refused', reason: 'nothing-to-repeat' });
  });

  it('unplugging the headset stops private text, and an engine failure is reported, not thrown', async () => {
    const engine = createRecordingEngine({ manual: true });
    const port = createSpeechPort(engine);
    port.setHeadsetConnected(true);
    const personal = port.speak('Su cita es a las 10', { language: 'es', private: true });
    port.setHeadsetConnected(false);
    expect(await personal).toEqual({ state: 'cancelled' });
    engine.failNext('audio device busy');
    expect(await port.speak('Hola', { language: 'es' })).toEqual({ state: 'failed', reason: 'engine-failed' });
  });
});

describe('speech port: consent and simulated speaking time', () => {
  it('withdrawing consent stops personal text on the loudspeaker and refuses the next', async () => {
    const engine = createRecordingEngine({ manual: true });
    const port = createSpeechPort(engine);
    port.setPrivateConsent(true);
    const personal = port.speak('Ana García', { language: 'es', private: true });
    port.setPrivateConsent(false);
    expect(await personal).toEqual({ state: 'cancelled' });
    expect(await port.speak('Ana García', { language: 'es', private: true })).toEqual({ state: 'refused', reason: 'private-needs-headset' });
    // Into a headset, withdrawing consent for the loudspeaker changes nothing.
    port.setHeadsetConnected(true);
    const intoHeadset = port.speak('Ana García', { language: 'es', private: true });
    port.setPrivateConsent(false);
    engine.finish();
    expect(await intoHeadset).toEqual({ state: 'spoken' });
  });

  it('a paced recording engine takes the time a voice would (faster at a higher rate), and a new utterance cuts it short', async () => {
    const engine = createRecordingEngine({ msPerChar: 5 });
    const port = createSpeechPort(engine);
    const started = Date.now();
    expect(await port.speak('x'.repeat(20), { language: 'es' })).toEqual({ state: 'spoken' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    port.setRate(2);
    const fast = Date.now();
    await port.speak('x'.repeat(20), { language: 'es' });
    const fastMs = Date.now() - fast;
    expect(fastMs).toBeGreaterThanOrEqual(45);
    expect(fastMs).toBeLessThan(95);
    const long = port.speak('y'.repeat(400), { language: 'es' });
    const next = port.speak('z', { language: 'es' });
    expect(await long).toEqual({ state: 'cancelled' });
    expect(await next).toEqual({ state: 'spoken' });
    expect(engine.utterances.map((u) => u.outcome)).toEqual(['spoken', 'spoken', 'cancelled', 'spoken']);
  });
});

describe('espeak-ng engine', () => {
  it('maps dB to espeak amplitude and never puts the text on the command line', () => {
    expect(espeakAmplitude(0)).toBe(100);
    expect(espeakAmplitude(6)).toBe(200);
    expect(espeakAmplitude(-18)).toBe(13);
    const args = espeakArguments({ text: 'DNI 12345678Z', language: 'gl', volumeDb: 0, rate: 2, private: true }, '/tmp/x.wav');
    expect(args).toEqual(['-v', 'es', '-a', '100', '-s', '350', '--stdin', '-w', '/tmp/x.wav']);
  });

  it('reports a missing program as unavailable with the reason', async () => {
    const engine = createEspeakEngine({ command: 'espeak-ng-not-installed-here' });
    const availability = await engine.availability();
    expect(availability.available).toBe(false);
    expect(availability.available ? '' : availability.reason).toMatch(/not installed/);
    const port = createSpeechPort(engine);
    expect(await port.speak('Hola', { language: 'es' })).toEqual({ state: 'failed', reason: 'unavailable' });
  });

  it('writes a non-empty WAV for each kiosk language', async (context) => {
    const engine = createEspeakEngine({ wavPath: (u) => join(dir, `${u.language}.wav`) });
    const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
    try {
      const availability = await engine.availability();
      if (!availability.available) {
        console.warn(`skipped: ${availability.reason}`);
        context.skip();
        return;
      }
      const port = createSpeechPort(engine);
      for (const language of ['es', 'ca', 'eu', 'gl', 'en', 'fr', 'ar'] as const) {
        expect(await port.speak('12345', { language })).toEqual({ state: 'spoken' });
        const wav = readFileSync(join(dir, `${language}.wav`));
        expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
        expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
        // More than the 44-byte header: there is sound in it.
        expect(wav.length).toBeGreaterThan(1_000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
