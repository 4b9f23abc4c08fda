import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type KioskReply } from '@kiosk/shared';
import { dispatchKioskCall, type KioskHandlers } from '../../src/agent/handlers/dispatch.js';
import { speechHandlers } from '../../src/agent/handlers/speech.js';
import { startSpeech, type SpeechService } from '../../src/agent/speech/speech-service.js';
import { DEFAULT_VOICED_LANGUAGES, speechSettingsFromEnv } from '../../src/agent/speech/speech-settings.js';
import { outcomesFileOf } from '../../src/agent/speech/recorded-speech-file.js';

// The agent's speech methods through the real dispatch, on the real speech port with the recording
// engine: what the renderer asks is what the engine is given, in the right language; personal
// text only with a headset (the fake jack file); volume steps clamp and reset with the session.

let dir: string;
let speech: SpeechService;
let handlers: KioskHandlers;
let headsetFile: string;
let recordFile: string;
let calls = 0;

async function call(method: string, params: unknown): Promise<KioskReply> {
  calls += 1;
  return dispatchKioskCall(handlers, { v: PROTOCOL_VERSION, id: `c${calls}`, method, params });
}

function valueOf(reply: KioskReply): unknown {
  if (!reply.ok) throw new Error(`call failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

/** Waits for the next headset.changed the service reports (the fake jack is polled). */
function nextHeadsetChange(): Promise<boolean> {
  return new Promise((resolve) => {
    const off = speech.onHeadsetChanged((connected) => {
      off();
      resolve(connected);
    });
  });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-speech-'));
  headsetFile = path.join(dir, 'headset');
  recordFile = path.join(dir, 'speech.jsonl');
  fs.writeFileSync(headsetFile, 'disconnected');
  speech = await startSpeech({ engine: 'recording', recordFile, fakeHeadsetFile: headsetFile }, () => undefined);
  handlers = speechHandlers(speech) as KioskHandlers;
});

afterEach(() => {
  speech.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('speech methods on the recording engine', () => {
  it('speaks what the renderer sends, in the language it names', async () => {
    expect(valueOf(await call('speech.say', { text: 'Ayuda, botón', language: 'es' }))).toEqual({ state: 'speaking', reason: null });
    expect(valueOf(await call('speech.say', { text: 'مساعدة، زر', language: 'ar' }))).toEqual({ state: 'speaking', reason: null });
    const said = speech.recording?.utterances.map((u) => [u.text, u.language, u.private]);
    expect(said).toEqual([
      ['Ayuda, botón', 'es', false],
      ['مساعدة، زر', 'ar', false],
    ]);
    const lines = fs.readFileSync(recordFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string; language: string });
    expect(lines.map((l) => [l.text, l.language])).toEqual([
      ['Ayuda, botón', 'es'],
      ['مساعدة، زر', 'ar'],
    ]);
  });

  it('refuses personal text without a headset, and speaks it into one (never writing it to the record file)', async () => {
    expect(valueOf(await call('speech.say', { text: 'DNI 12345678Z', language: 'es', private: true }))).toEqual({ state: 'refused', reason: 'private-needs-headset' });
    expect(speech.recording?.utterances).toHaveLength(0);

    const changed = nextHeadsetChange();
    fs.writeFileSync(headsetFile, 'connected');
    expect(await changed).toBe(true);
    expect(valueOf(await call('speech.state', {}))).toMatchObject({ headsetConnected: true, engine: 'recording' });
    expect(valueOf(await call('speech.say', { text: 'DNI 12345678Z', language: 'es', private: true }))).toEqual({ state: 'speaking', reason: null });
    expect(speech.recording?.utterances.map((u) => [u.text, u.private])).toEqual([['DNI 12345678Z', true]]);
    expect(fs.readFileSync(recordFile, 'utf8')).not.toContain('12345678Z');

    const unplugged = nextHeadsetChange();
    fs.writeFileSync(headsetFile, 'disconnected');
    expect(await unplugged).toBe(false);
    expect(valueOf(await call('speech.say', { text: 'DNI 12345678Z', language: 'es', private: true }))).toMatchObject({ state: 'refused' });
  });

  it('repeats the last utterance with the current volume, steps the volume within its range, and resets it with the session', async () => {
    const start = valueOf(await call('speech.state', {})) as { volumeStep: number; volumeSteps: number; defaultVolumeStep: number };
    expect(start.volumeStep).toBe(start.defaultVolumeStep);
    for (let i = 0; i < start.volumeSteps + 2; i += 1) await call('speech.volume', { change: 'up' });
    expect(valueOf(await call('speech.state', {}))).toMatchObject({ volumeStep: start.volumeSteps - 1 });
    await call('speech.say', { text: 'Repetir', language: 'ca' });
    await call('speech.volume', { change: 'down' });
    expect(valueOf(await call('speech.repeat', {}))).toEqual({ state: 'speaking', reason: null });
    const [first, again] = speech.recording?.utterances ?? [];
    expect(again?.text).toBe('Repetir');
    expect(again?.language).toBe('ca');
    expect(again!.volumeDb).toBeLessThan(first!.volumeDb);

    speech.reset();
    expect(valueOf(await call('speech.state', {}))).toMatchObject({ volumeStep: start.defaultVolumeStep, rate: 1 });
    expect(valueOf(await call('speech.repeat', {}))).toEqual({ state: 'refused', reason: 'nothing-to-repeat' });
  });

  it('speaks personal text aloud only after consent, and forgets the consent when withdrawn or at session end', async () => {
    expect(valueOf(await call('speech.state', {}))).toMatchObject({ privateConsent: false, headsetConnected: false });
    expect(valueOf(await call('speech.say', { text: 'Ana García', language: 'es', private: true }))).toMatchObject({ state: 'refused' });
    expect(valueOf(await call('speech.consent', { consent: true }))).toMatchObject({ privateConsent: true });
    expect(valueOf(await call('speech.say', { text: 'Ana García', language: 'es', private: true }))).toEqual({ state: 'speaking', reason: null });
    expect(valueOf(await call('speech.consent', { consent: false }))).toMatchObject({ privateConsent: false });
    expect(valueOf(await call('speech.say', { text: 'Ana García', language: 'es', private: true }))).toMatchObject({ state: 'refused' });
    await call('speech.consent', { consent: true });
    speech.reset();
    expect(valueOf(await call('speech.state', {}))).toMatchObject({ privateConsent: false });
    expect(valueOf(await call('speech.say', { text: 'Ana García', language: 'es', private: true }))).toMatchObject({ state: 'refused' });
    expect(speech.recording?.utterances.map((u) => u.private)).toEqual([true]);
    expect(fs.readFileSync(recordFile, 'utf8')).not.toContain('García');
    expect((await call('speech.consent', { consent: 'yes' })).ok).toBe(false);
  });

  it('reports the languages it has a voice for (espeak-ng: es ca en fr ar; not eu, gl)', async () => {
    const state = valueOf(await call('speech.state', {})) as { voicedLanguages: string[] };
    expect(state.voicedLanguages).toEqual(['es', 'ca', 'en', 'fr', 'ar']);
    const custom = await startSpeech({ engine: 'recording', recordFile: null, fakeHeadsetFile: null, voicedLanguages: ['es', 'eu'] }, () => undefined);
    expect(custom.status().voicedLanguages).toEqual(['es', 'eu']);
    custom.close();
  });

  it('writes how each utterance ended beside the record file: a new utterance cuts the old one short, stop ends one', async () => {
    await call('speech.say', { text: 'Una frase larga que tarda en decirse entera.', language: 'es' });
    await call('speech.say', { text: 'Ya', language: 'es' });
    await call('speech.say', { text: 'Otra frase larga que se para con la tecla de parar.', language: 'es' });
    await call('speech.stop', {});
    const outcomes = (): Array<{ index: number; outcome: string }> =>
      fs.existsSync(outcomesFileOf(recordFile))
        ? fs.readFileSync(outcomesFileOf(recordFile), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { index: number; outcome: string })
        : [];
    await expect.poll(() => outcomes().length).toBe(3);
    expect(outcomes().sort((a, b) => a.index - b.index)).toEqual([
      { index: 0, outcome: 'cancelled' },
      { index: 1, outcome: 'cancelled' },
      { index: 2, outcome: 'cancelled' },
    ]);
    await call('speech.say', { text: 'Fin', language: 'es' });
    await expect.poll(() => outcomes().at(-1)).toEqual({ index: 3, outcome: 'spoken' });
  });

  it('rejects bad input with a clear error and says nothing', async () => {
    const reply = await call('speech.say', { text: 'hola', language: 'xx' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toContain('language');
    expect((await call('speech.rate', { rate: 9 })).ok).toBe(false);
    expect(speech.recording?.utterances).toHaveLength(0);
  });
});

describe('speech settings from the environment', () => {
  it('defaults to auto, accepts the named engines, and refuses anything else', () => {
    expect(speechSettingsFromEnv({}).engine).toBe('auto');
    expect(speechSettingsFromEnv({ KIOSK_SPEECH_ENGINE: 'off' }).engine).toBe('off');
    expect(() => speechSettingsFromEnv({ KIOSK_SPEECH_ENGINE: 'festival' })).toThrow(/KIOSK_SPEECH_ENGINE/);
  });

  it('reads the voiced languages and the recording pace, and refuses nonsense', () => {
    expect(speechSettingsFromEnv({}).voicedLanguages).toEqual(DEFAULT_VOICED_LANGUAGES);
    expect(speechSettingsFromEnv({ KIOSK_SPEECH_VOICES: ' es, eu ,es' }).voicedLanguages).toEqual(['es', 'eu']);
    expect(() => speechSettingsFromEnv({ KIOSK_SPEECH_VOICES: 'es,xx' })).toThrow(/KIOSK_SPEECH_VOICES/);
    expect(speechSettingsFromEnv({ KIOSK_SPEECH_RECORD_MS_PER_CHAR: '0' }).recordMsPerChar).toBe(0);
    expect(() => speechSettingsFromEnv({ KIOSK_SPEECH_RECORD_MS_PER_CHAR: '-1' })).toThrow(/MS_PER_CHAR/);
  });

  it('with speech off, says nothing and tells the renderer so', async () => {
    const off = await startSpeech({ engine: 'off', recordFile: null, fakeHeadsetFile: null }, () => undefined);
    expect(await off.say('hola', 'es', false)).toEqual({ state: 'off', reason: null });
    expect(off.status().engine).toBe('off');
    off.close();
  });
});
