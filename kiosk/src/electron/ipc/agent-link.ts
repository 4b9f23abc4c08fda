import {
  KioskEventEnvelopeSchema,
  KioskReplySchema,
  PROTOCOL_VERSION,
  type KioskCall,
  type KioskError,
  type KioskReply,
} from '@kiosk/shared';

/**
 * The agent process as main sees it: Electron's UtilityProcess (postMessage / 'message' / 'exit')
 * has this shape, and so does a test's in-process fake.
 */
export interface AgentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** Main -> agent, besides calls: the shell's own state, for the agent's next heartbeat. */
export interface ShellStatusMessage {
  readonly kind: 'shell.status';
  readonly state: 'running' | 'recovering' | 'out-of-service';
  /** e.g. `crashed`, `oom`, `hung`; never anything from the screen. */
  readonly reason: string | null;
  readonly since: string;
}

/**
 * Agent -> main: take a screenshot of the kiosk window (a screenshot job; the agent already checked
 * that no citizen session is active). Main answers with `ShellCapturedMessage` under the same id.
 * Same shapes as kiosk/src/agent/jobs/shell-capture.ts.
 */
export interface ShellCaptureMessage {
  readonly kind: 'shell.capture';
  readonly id: string;
}

/** Main -> agent: the PNG as base64, or why there is none. */
export type ShellCapturedMessage =
  | { readonly kind: 'shell.captured'; readonly id: string; readonly png: string }
  | { readonly kind: 'shell.captured'; readonly id: string; readonly error: string };

const isCaptureRequest = (message: unknown): message is ShellCaptureMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { kind?: unknown }).kind === 'shell.capture' &&
  typeof (message as { id?: unknown }).id === 'string' &&
  ((message as { id: string }).id.length <= 80);

export interface AgentLink {
  /** Forwards a validated call; always resolves with a reply (an error reply on timeout or exit). */
  call(envelope: KioskCall): Promise<KioskReply>;
  /** Sends the shell's status to the agent (kept by it for the heartbeat). */
  reportShellStatus(status: ShellStatusMessage): void;
  /** Switches to a new agent process after a restart; calls in flight on the old one fail. */
  attach(port: AgentPort): void;
  readonly inFlight: number;
}

interface Pending {
  readonly callerId: string;
  readonly resolve: (reply: KioskReply) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Relays calls to the agent process and replies back. Main gives every call its own id: the
 * renderer's ids restart at each reload, and a late reply to a dead page must not answer a new one.
 */
export function createAgentLink(options: {
  readonly callTimeoutMs: number;
  /** Agent events (`{ v, event, data }`) to pass on to the page. */
  readonly onEvent: (envelope: { v: number; event: string; data: unknown }) => void;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
  /** The kiosk window as a PNG in base64 (main.ts: capturePage, downscaled); absent: captures are refused. */
  readonly capture?: () => Promise<string>;
}): AgentLink {
  const pending = new Map<string, Pending>();
  let port: AgentPort | null = null;
  let nextId = 0;
  let generation = 0;
  let lastStatus: ShellStatusMessage | null = null;

  const errorReply = (callerId: string, error: KioskError): KioskReply => ({ v: PROTOCOL_VERSION, id: callerId, ok: false, error });

  function failAll(message: string): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.resolve(errorReply(call.callerId, { code: 'internal', message }));
    }
  }

  /** Answers a capture request on the port that asked (a restarted agent gets no stale image). */
  function answerCapture(asking: AgentPort, mine: number, id: string): void {
    const send = (answer: ShellCapturedMessage) => {
      if (mine === generation) asking.postMessage(answer);
    };
    if (options.capture === undefined) {
      send({ kind: 'shell.captured', id, error: 'this shell cannot capture the screen' });
      return;
    }
    options.capture().then(
      (png) => send({ kind: 'shell.captured', id, png }),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message.slice(0, 200) : 'capture failed';
        options.log?.('screen capture failed', { reason });
        send({ kind: 'shell.captured', id, error: reason });
      },
    );
  }

  function handleMessage(message: unknown, asking: AgentPort, mine: number): void {
    if (isCaptureRequest(message)) {
      answerCapture(asking, mine, message.id);
      return;
    }
    const reply = KioskReplySchema.safeParse(message);
    if (reply.success) {
      const call = pending.get(reply.data.id);
      if (!call) return; // A reply after its timeout: the page already got an error.
      clearTimeout(call.timer);
      pending.delete(reply.data.id);
      call.resolve({ ...reply.data, id: call.callerId });
      return;
    }
    const event = KioskEventEnvelopeSchema.safeParse(message);
    if (event.success) options.onEvent(event.data);
    else options.log?.('agent sent a message that is neither a reply nor an event');
  }

  return {
    call(envelope) {
      nextId += 1;
      const linkId = `m${nextId}`;
      return new Promise<KioskReply>((resolve) => {
        if (port === null) {
          resolve(errorReply(envelope.id, { code: 'internal', message: 'the kiosk agent is starting; please try again' }));
          return;
        }
        const timer = setTimeout(() => {
          pending.delete(linkId);
          resolve(errorReply(envelope.id, { code: 'internal', message: `no answer from the kiosk agent within ${options.callTimeoutMs} ms` }));
        }, options.callTimeoutMs);
        pending.set(linkId, { callerId: envelope.id, resolve, timer });
        port.postMessage({ ...envelope, id: linkId });
      });
    },
    reportShellStatus(status) {
      lastStatus = status;
      port?.postMessage(status);
    },
    attach(next) {
      generation += 1;
      const mine = generation;
      failAll('the kiosk agent restarted; please try again');
      port = next;
      next.on('message', (message) => {
        if (mine === generation) handleMessage(message, next, mine);
      });
      next.on('exit', () => {
        if (mine !== generation) return;
        port = null;
        failAll('the kiosk agent stopped; please try again');
      });
      // A restarted agent has forgotten the shell's state: tell it again.
      if (lastStatus !== null) next.postMessage(lastStatus);
    },
    get inFlight() {
      return pending.size;
    },
  };
}
