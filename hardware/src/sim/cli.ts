import { startPrinterEmulator, DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_HTTP_PORT, DEFAULT_EMULATOR_PORT } from './printer-emulator.js';
import { CAMERA_USAGE, CameraUsageError, runCamera } from './camera-cli.js';
import { runScanner, SCANNER_USAGE } from './scanner-cli.js';

/**
 * Simulators from the command line.
 *   printer [--port 9100] [--http-port 9180] [--host 127.0.0.1]
 *   printer-state [--http-port 9180] [--host 127.0.0.1] paper=end|near-end|ok cover=open|closed
 *                 offline=true|false cutter=error|ok fault=none|never-read|close-without-reply|reply-late|drop-mid-job|refuse-second-connection
 *                 fault-stage=connect|job delay-ms=N
 *   scanner [--link /tmp/ttyScanner] [--type TEXT] [--suffix crlf|cr|lf|none] [--aim]
 *   camera --file PATH (--show TEXT | --blank)
 */

const USAGE = `usage:
  sim printer [--port ${DEFAULT_EMULATOR_PORT}] [--http-port ${DEFAULT_EMULATOR_HTTP_PORT}] [--host ${DEFAULT_EMULATOR_HOST}]
  sim printer-state [--http-port ${DEFAULT_EMULATOR_HTTP_PORT}] [--host ${DEFAULT_EMULATOR_HOST}] paper=end|near-end|ok cover=open|closed offline=true|false
                    cutter=error|ok fault=none|never-read|close-without-reply|reply-late|drop-mid-job|refuse-second-connection fault-stage=connect|job delay-ms=N
  ${SCANNER_USAGE}
  ${CAMERA_USAGE}`;

class UsageError extends Error {}

interface Parsed {
  readonly flags: Map<string, string>;
  readonly assignments: Map<string, string>;
}

function parseArgs(args: readonly string[]): Parsed {
  const flags = new Map<string, string>();
  const assignments = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      flags.set(arg.slice(2), value);
      i += 1;
    } else if (arg.includes('=')) {
      const [key = '', value = ''] = arg.split('=', 2);
      assignments.set(key, value);
    } else {
      throw new UsageError(`unexpected argument: ${arg}`);
    }
  }
  return { flags, assignments };
}

function portFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--${name} must be a port number`);
  return port;
}

const choice = <T>(key: string, value: string, options: Record<string, T>): T => {
  if (!Object.hasOwn(options, value)) throw new UsageError(`${key}= takes ${Object.keys(options).join('|')}`);
  return options[value] as T;
};

/** `paper=end cover=open ...` -> the JSON patch the emulator's POST /state takes. */
export function statePatchFromAssignments(assignments: ReadonlyMap<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const fault: Record<string, unknown> = {};
  for (const [key, value] of assignments) {
    switch (key) {
      case 'paper':
        Object.assign(patch, choice(key, value, {
          end: { paperEnd: true, paperNearEnd: true },
          'near-end': { paperEnd: false, paperNearEnd: true },
          ok: { paperEnd: false, paperNearEnd: false },
        }));
        break;
      case 'cover':
        patch.coverOpen = choice(key, value, { open: true, closed: false });
        break;
      case 'offline':
        patch.offline = choice(key, value, { true: true, false: false });
        break;
      case 'cutter':
        patch.cutterError = choice(key, value, { error: true, ok: false });
        break;
      case 'fault':
        fault.mode = value;
        break;
      case 'fault-stage':
        fault.stage = value;
        break;
      case 'delay-ms':
        fault.delayMs = Number(value);
        break;
      default:
        throw new UsageError(`unknown setting: ${key}`);
    }
  }
  if (Object.keys(fault).length > 0) patch.fault = fault;
  if (Object.keys(patch).length === 0) throw new UsageError('say what to change, e.g. paper=end');
  return patch;
}

async function runPrinter(parsed: Parsed): Promise<void> {
  const host = parsed.flags.get('host') ?? DEFAULT_EMULATOR_HOST;
  const emulator = await startPrinterEmulator({
    host,
    port: portFlag(parsed.flags, 'port', DEFAULT_EMULATOR_PORT),
    httpPort: portFlag(parsed.flags, 'http-port', DEFAULT_EMULATOR_HTTP_PORT),
  });
  console.log(`ESC/POS printer emulator listening on tcp://${host}:${emulator.port}`);
  console.log(`receipts and state: http://${host}:${emulator.httpPort ?? '-'}/`);
  emulator.onReceipt((receipt) => {
    // Only the id and size: receipts carry personal data, which never goes to logs.
    console.log(`receipt ${receipt.id}: ${receipt.lines.length} lines, ${receipt.qrPayloads.length} QR, cut=${receipt.cut}`);
  });
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function runPrinterState(parsed: Parsed): Promise<void> {
  const host = parsed.flags.get('host') ?? DEFAULT_EMULATOR_HOST;
  const port = portFlag(parsed.flags, 'http-port', DEFAULT_EMULATOR_HTTP_PORT);
  const patch = statePatchFromAssignments(parsed.assignments);
  const response = await fetch(`http://${host}:${port}/state`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`the emulator refused the change (${response.status}): ${body}`);
  console.log(body);
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'scanner') return runScanner(rest);
  if (command === 'camera') return runCamera(rest);
  const parsed = parseArgs(rest);
  if (command === 'printer') return runPrinter(parsed);
  if (command === 'printer-state') return runPrinterState(parsed);
  throw new UsageError(command === undefined ? 'which simulator?' : `unknown simulator: ${command}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || error instanceof CameraUsageError;
  if (usage) console.error(`${(error as Error).message}\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(usage ? 2 : 1);
});
