import { createServer, connect, type Socket } from 'node:net';
import type { Prng } from './prng.js';

/**
 * A TCP proxy on 127.0.0.1 between the kiosk agents and the hub that misbehaves on purpose: each
 * new connection is, at random (seeded), dropped (both sides destroyed) or stalled (no bytes read
 * either way for a while) at a random moment of its life, or left alone. A request can therefore
 * die before the hub sees it, after the hub committed it but before the answer arrives, or hang
 * until the agent's own timeout: the cases an outbox must survive without losing or doubling.
 */
export interface ChaosOptions {
  /** Per new connection. */
  readonly dropProbability: number;
  readonly stallProbability: number;
  /** The fault hits within this many ms of the connection opening. */
  readonly maxFaultDelayMs: number;
  readonly stallMs: readonly [min: number, max: number];
}

export interface ChaosFigures {
  readonly connections: number;
  readonly drops: number;
  readonly stalls: number;
  readonly refused: number;
}

export interface ChaosProxy {
  readonly port: number;
  /** Chaos on or off (off: a plain, faithful proxy), e.g. to let a run settle at the end. */
  setChaos(enabled: boolean): void;
  figures(): ChaosFigures;
  close(): Promise<void>;
}

export async function startChaosProxy(options: { port: number; targetPort: number; prng: Prng; chaos: ChaosOptions }): Promise<ChaosProxy> {
  const { prng, chaos } = options;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let enabled = true;
  const counts = { connections: 0, drops: 0, stalls: 0, refused: 0 };

  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const server = createServer((client) => {
    counts.connections += 1;
    const upstream = connect(options.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    let closed = false;
    const destroyBoth = () => {
      closed = true;
      client.destroy();
      upstream.destroy();
    };
    // The hub being down (SIGKILLed, restarting) shows up here as a refused upstream connection.
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') counts.refused += 1;
      destroyBoth();
    });
    client.on('error', destroyBoth);
    client.on('close', destroyBoth);
    upstream.on('close', destroyBoth);

    let stalled = false;
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => {
        if (!stalled) from.resume();
      });
      from.on('end', () => to.end());
    };
    forward(client, upstream);
    forward(upstream, client);

    // One draw per connection, in accept order, so the seed fixes the sequence of faults.
    const roll = prng.next();
    const delay = prng.int(0, chaos.maxFaultDelayMs);
    const stallFor = prng.int(chaos.stallMs[0], chaos.stallMs[1]);
    if (!enabled) return;
    if (roll < chaos.dropProbability) {
      later(delay, () => {
        if (closed) return;
        counts.drops += 1;
        destroyBoth();
      });
    } else if (roll < chaos.dropProbability + chaos.stallProbability) {
      later(delay, () => {
        if (closed) return;
        counts.stalls += 1;
        stalled = true;
        client.pause();
        upstream.pause();
        later(stallFor, () => {
          stalled = false;
          if (!closed) {
            client.resume();
            upstream.resume();
          }
        });
      });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  return {
    port,
    setChaos(value) {
      enabled = value;
    },
    figures: () => ({ ...counts }),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
