import { describe, expect, it, vi } from 'vitest';
import { readPngSize } from '@kiosk/shared';
import { createShellCapture, type ShellCapture } from '../../src/agent/jobs/shell-capture.js';
import { createAgentLink, type AgentLink, type AgentPort } from '../../src/electron/ipc/agent-link.js';
import { screenshotPng, type CapturedImage } from '../../src/electron/policy/capture.js';
import { greyPng } from './png-fixture.js';

// Screenshot jobs across the process boundary: the agent's shell-capture client on one side, main's
// agent link on the other, messages structured-cloned as between Electron's utility process and main.

/** The agent process, as main's link sees it, with the agent's real capture client inside. */
function agentWithCapture(link: AgentLink, timeoutMs = 5_000): { capture: ShellCapture; received: unknown[] } {
  const received: unknown[] = [];
  let toMain: (message: unknown) => void = () => {};
  const capture = createShellCapture({ post: (message) => toMain(structuredClone(message)), timeoutMs });
  const port = {
    postMessage: (message: unknown) => {
      received.push(message);
      capture.receive(structuredClone(message));
    },
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') toMain = listener as (message: unknown) => void;
      return undefined;
    },
  } as AgentPort;
  link.attach(port);
  return { capture, received };
}

/** A NativeImage stand-in that records resizes; its PNG is a real one of its current size. */
function fakeImage(width: number, height: number, resizes: Array<{ width: number }> = []): CapturedImage {
  return {
    isEmpty: () => width === 0,
    getSize: () => ({ width, height }),
    resize: (options) => {
      resizes.push(options);
      return fakeImage(options.width, Math.round((height * options.width) / width), resizes);
    },
    toPNG: () => greyPng(width, height),
  };
}

describe('the screenshot a shell takes of the kiosk window', () => {
  it('downscales a wide window to 1280 px, keeping its aspect', () => {
    const resizes: Array<{ width: number }> = [];
    const png = Buffer.from(screenshotPng(fakeImage(2560, 1440, resizes)), 'base64');
    expect(resizes).toEqual([{ width: 1280 }]);
    expect(readPngSize(png)).toEqual({ width: 1280, height: 720 });
  });

  it('leaves a window at most 1280 px wide as it is, and refuses an empty capture', () => {
    const resizes: Array<{ width: number }> = [];
    expect(readPngSize(Buffer.from(screenshotPng(fakeImage(1280, 1024, resizes)), 'base64'))).toEqual({ width: 1280, height: 1024 });
    expect(resizes).toEqual([]);
    expect(() => screenshotPng(fakeImage(0, 0))).toThrow(/empty capture/);
  });
});

describe('the capture relay between the agent and main', () => {
  it('answers the agent’s capture request with the window’s PNG', async () => {
    const image = greyPng(1280, 800);
    const link = createAgentLink({ callTimeoutMs: 5_000, onEvent: () => {}, capture: async () => image.toString('base64') });
    const { capture, received } = agentWithCapture(link);
    const png = await capture.capture();
    expect(Buffer.from(png).equals(image)).toBe(true);
    expect(received).toEqual([{ kind: 'shell.captured', id: 'capture-1', png: image.toString('base64') }]);
  });

  it('passes a failed capture on as a clear error, and says so when this shell cannot capture', async () => {
    const failing = createAgentLink({ callTimeoutMs: 5_000, onEvent: () => {}, log: () => {}, capture: async () => Promise.reject(new Error('there is no kiosk window to capture')) });
    await expect(agentWithCapture(failing).capture.capture()).rejects.toThrow('shell-capture-failed: there is no kiosk window to capture');
    const unable = createAgentLink({ callTimeoutMs: 5_000, onEvent: () => {} });
    await expect(agentWithCapture(unable).capture.capture()).rejects.toThrow('shell-capture-failed: this shell cannot capture the screen');
  });

  it('gives a restarted agent no image meant for the old one; the old request times out', async () => {
    vi.useFakeTimers();
    try {
      let finish: (png: string) => void = () => {};
      const link = createAgentLink({ callTimeoutMs: 5_000, onEvent: () => {}, capture: () => new Promise<string>((resolve) => (finish = resolve)) });
      const old = agentWithCapture(link, 15_000);
      const pending = old.capture.capture();
      const outcome = pending.then(() => 'resolved', (error: Error) => error.message);
      const restarted = agentWithCapture(link);
      finish(greyPng(10, 10).toString('base64'));
      await vi.advanceTimersByTimeAsync(15_000);
      expect(await outcome).toMatch(/^shell-timeout: the kiosk shell did not capture the screen within 15000 ms/);
      expect(old.received).toEqual([]);
      expect(restarted.received).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps relaying page calls as before: a capture request is no reply or event', async () => {
    const events: unknown[] = [];
    const link = createAgentLink({ callTimeoutMs: 5_000, onEvent: (envelope) => events.push(envelope), capture: async () => greyPng(2, 2).toString('base64') });
    const { capture } = agentWithCapture(link);
    await capture.capture();
    expect(events).toEqual([]);
    expect(link.inFlight).toBe(0);
  });
});
