import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutReceiptEscPos, DEFAULT_PRINTER_PROFILE } from '../src/index.js';
import type { EmulatedReceipt } from '../src/sim/index.js';
import { nextReceipt, sampleReceipt, withEmulator } from './fixtures.js';

const GOLDEN_DIR = new URL('../../../shared/data/escpos-golden/', import.meta.url);

/** Sends bytes on a fresh connection and collects what the printer answers until it is told to stop. */
function exchange(port: number, bytes: Buffer, expectedReplyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= expectedReplyBytes) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
  });
}

const dleEot = (n: number): Buffer => Buffer.from([0x10, 0x04, n]);
const ack = (id: string): Buffer => Buffer.concat([Buffer.from([0x37, 0x22]), Buffer.from(id), Buffer.from([0])]);
const completion = (id: string): Buffer => Buffer.concat([Buffer.from([0x1d, 0x28, 0x48, 6, 0, 0x30, 0x30]), Buffer.from(id)]);

describe('printer emulator over TCP', () => {
  it('answers DLE EOT 1-4 from its state with the hardware.md bit layout', async () => {
    await withEmulator(async (emulator) => {
      const all = Buffer.concat([dleEot(1), dleEot(2), dleEot(3), dleEot(4)]);
      expect([...(await exchange(emulator.port, all, 4))]).toEqual([0x12, 0x12, 0x12, 0x12]);
      emulator.setState({ paperEnd: true, paperNearEnd: true });
      expect([...(await exchange(emulator.port, all, 4))]).toEqual([0x1a, 0x32, 0x12, 0x7e]);
      emulator.setState({ paperEnd: false, paperNearEnd: false, coverOpen: true });
      expect([...(await exchange(emulator.port, all, 4))]).toEqual([0x1a, 0x16, 0x12, 0x12]);
      emulator.setState({ coverOpen: false, cutterError: true });
      expect([...(await exchange(emulator.port, all, 4))]).toEqual([0x1a, 0x52, 0x1a, 0x12]);
    });
  });

  it('holds a job while the cover is open, keeps answering status, and acks after it closes', async () => {
    await withEmulator(async (emulator) => {
      emulator.setState({ coverOpen: true });
      const job = Buffer.concat([layoutReceiptEscPos(sampleReceipt(), DEFAULT_PRINTER_PROFILE), completion('AB12')]);
      const replies = new Promise<Buffer>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: emulator.port }, () => socket.write(Buffer.concat([job, dleEot(1)])));
        let received = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          received = Buffer.concat([received, chunk]);
          if (received.length === 1) emulator.setState({ coverOpen: false });
          if (received.length >= 1 + 7) {
            socket.destroy();
            resolve(received);
          }
        });
        socket.on('error', reject);
      });
      const printed = nextReceipt(emulator);
      const received = await replies;
      expect(received[0]).toBe(0x1a);
      expect(received.subarray(1).equals(ack('AB12'))).toBe(true);
      expect((await printed).cut).toBe(true);
    });
  });

  it('survives every golden stream sent over TCP, then still prints and acks', async () => {
    await withEmulator(async (emulator) => {
      for (const name of readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.bin'))) {
        const bytes = readFileSync(new URL(name, GOLDEN_DIR));
        const reply = await exchange(emulator.port, Buffer.concat([bytes, completion('GOLD')]), 7);
        expect(reply.subarray(-7).equals(ack('GOLD'))).toBe(true);
      }
      const qrPayloads = emulator.receipts().flatMap((r) => r.qrPayloads);
      expect(qrPayloads).toContain('Testing 123');
      expect(emulator.receipts().some((r) => r.text === 'Hello world')).toBe(true);
    });
  });

  it('never crashes on random bytes and counts what it does not know', async () => {
    await withEmulator(async (emulator) => {
      let seed = 42;
      const random = Buffer.from(Array.from({ length: 20_000 }, () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) & 0xff));
      // ESC @ then the ack request: the random stream may leave a command waiting for its payload,
      // so the probe goes on a new connection whose parser starts clean.
      await new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: emulator.port }, () => socket.end(random));
        socket.on('close', () => resolve());
      });
      const reply = await exchange(emulator.port, Buffer.concat([dleEot(1)]), 1);
      expect(reply[0] === 0x12 || reply[0] === 0x1a).toBe(true);
      expect(emulator.stats().unknownCommands).toBeGreaterThan(0);
    });
  });
});

describe('printer emulator HTTP side', () => {
  it('lists receipts, shows one, flips state, renders escaped HTML and clears', async () => {
    await withEmulator(async (emulator) => {
      const base = `http://127.0.0.1:${emulator.httpPort}`;
      const printed = nextReceipt(emulator);
      await exchange(
        emulator.port,
        Buffer.concat([layoutReceiptEscPos(sampleReceipt({ contact: '<script>alert(1)</script>' }), DEFAULT_PRINTER_PROFILE), completion('HTTP')]),
        7,
      );
      const receipt = await printed;
      const list = (await (await fetch(`${base}/receipts`)).json()) as EmulatedReceipt[];
      expect(list.map((r) => r.id)).toEqual([receipt.id]);
      const one = (await (await fetch(`${base}/receipts/${receipt.id}`)).json()) as EmulatedReceipt;
      expect(one.qrPayloads).toEqual([sampleReceipt().qrPayload]);
      expect((await fetch(`${base}/receipts/999`)).status).toBe(404);

      const page = await (await fetch(`${base}/`)).text();
      expect(page).toContain('K7QM-000A4-R');
      expect(page).not.toContain('<script>alert(1)</script>');
      expect(page).toContain('&#60;script&#62;');

      const flipped = await fetch(`${base}/state`, { method: 'POST', body: JSON.stringify({ paperEnd: true }) });
      expect(flipped.status).toBe(200);
      expect(await flipped.json()).toMatchObject({ paperEnd: true });
      expect(emulator.state().paperEnd).toBe(true);
      const bad = await fetch(`${base}/state`, { method: 'POST', body: JSON.stringify({ paper: 'gone' }) });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'bad-state' } });
      expect((await fetch(`${base}/state`, { method: 'POST', body: '{' })).status).toBe(400);

      expect((await fetch(`${base}/receipts`, { method: 'DELETE' })).status).toBe(200);
      expect(emulator.receipts()).toEqual([]);
    });
  });
});

describe('simulator CLI', () => {
  it('starts the printer, flips its state from a second command, and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../src/sim/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'printer', '--port', '0', '--http-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const httpPort = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const flip = spawn(process.execPath, ['--import', 'tsx', cli, 'printer-state', '--http-port', httpPort, 'paper=end', 'cover=open'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let flipOut = '';
      flip.stdout.on('data', (chunk: Buffer) => (flipOut += chunk.toString()));
      const flipCode = await new Promise<number | null>((resolve) => flip.once('exit', resolve));
      expect(flipCode).toBe(0);
      expect(JSON.parse(flipOut)).toMatchObject({ paperEnd: true, coverOpen: true });
      const state = (await (await fetch(`http://127.0.0.1:${httpPort}/state`)).json()) as { paperEnd: boolean };
      expect(state.paperEnd).toBe(true);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
