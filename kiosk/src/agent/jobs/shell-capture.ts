/**
 * The agent's side of a screen capture under Electron: the agent (a utility process, which cannot
 * capture) asks the shell's main process over the parent port, and main answers with the kiosk
 * window's PNG. Same message shapes as kiosk/src/electron/ipc/agent-link.ts (the agent may not
 * import shell code, so they are written out on both sides).
 */

/** Agent -> main. */
export interface ShellCaptureRequest {
  readonly kind: 'shell.capture';
  readonly id: string;
}

/** Main -> agent: the PNG (base64), or why there is none. */
export type ShellCaptured =
  | { readonly kind: 'shell.captured'; readonly id: string; readonly png: string }
  | { readonly kind: 'shell.captured'; readonly id: string; readonly error: string };

export interface ShellCapture {
  /** The kiosk window as PNG bytes; rejects with a clear reason on error or timeout. */
  capture(): Promise<Uint8Array>;
  /** Hand every message from main here: true when it was a capture answer (and is handled). */
  receive(message: unknown): boolean;
}

interface Waiting {
  readonly resolve: (png: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const isCaptured = (message: unknown): message is ShellCaptured =>
  typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'shell.captured' && typeof (message as { id?: unknown }).id === 'string';

export function createShellCapture(options: { readonly post: (message: ShellCaptureRequest) => void; readonly timeoutMs: number }): ShellCapture {
  const waiting = new Map<string, Waiting>();
  let next = 0;
  return {
    capture() {
      next += 1;
      const id = `capture-${next}`;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`shell-timeout: the kiosk shell did not capture the screen within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        options.post({ kind: 'shell.capture', id });
      });
    },
    receive(message) {
      if (!isCaptured(message)) return false;
      const call = waiting.get(message.id);
      if (call === undefined) return true; // late answer after its timeout: already failed
      waiting.delete(message.id);
      clearTimeout(call.timer);
      if ('png' in message && typeof message.png === 'string') call.resolve(new Uint8Array(Buffer.from(message.png, 'base64')));
      else call.reject(new Error(`shell-capture-failed: ${'error' in message ? String(message.error).slice(0, 200) : 'no image'}`));
      return true;
    },
  };
}
