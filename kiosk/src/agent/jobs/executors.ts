import { JOB_PARAMS_SCHEMAS, JobTypeSchema, MAX_LOG_UPLOAD_LINES, UploadLogsParamsSchema } from '@kiosk/shared';
import type { JobResult, JobType, KioskJob, ReceiptOutcome } from '@kiosk/shared';
import type { JobOutcome } from './job-store.js';

/**
 * What the agent (and, under Electron, the shell) lets remote jobs do. Each is a narrow hook so
 * the runner needs no printer, content or config internals, and tests can pass fakes.
 */
export interface JobCapabilities {
  /** Check the hub for a newer signed content bundle now. */
  reloadContent(): Promise<{ ok: boolean; detail: string }>;
  /** Fetch and apply the desired configuration now; throws when it could not. */
  applyConfig(): Promise<void>;
  /** Tell the renderer to reload itself. */
  restartRenderer(): void;
  /** Absent when this printer cannot reprint: the job is rejected, not failed. */
  reprintLast?: () => Promise<ReceiptOutcome>;
  printTestPage(): Promise<ReceiptOutcome>;
  /**
   * Electron only: captures the screen through the shell (only when no session is active, so it
   * shows the attract screen) and uploads it for this job itself; resolves with a small result
   * (bytes, width, height). Absent in browser mode, where there is no way to capture.
   */
  screenshot?: (jobId: string) => Promise<JobResult>;
  /** Log lines between two instants, at most `limit`. */
  logLines(from: Date, to: Date, limit: number): string[];
  uploadLogs(jobId: string, lines: readonly string[]): Promise<void>;
  setMaintenance(on: boolean): void;
}

export interface Execution {
  readonly outcome: JobOutcome;
  readonly result: JobResult | null;
  readonly error: string | null;
}

const succeeded = (result: JobResult = {}): Execution => ({ outcome: 'succeeded', result, error: null });
const failed = (error: string, result: JobResult | null = null): Execution => ({ outcome: 'failed', result, error });
const rejected = (error: string): Execution => ({ outcome: 'rejected', result: null, error });

/** Why this kiosk will not even start a job (null: it may), checked before it is claimed. */
export function refusal(job: KioskJob, caps: JobCapabilities, sessionActive: boolean): string | null {
  const type = JobTypeSchema.safeParse(job.type);
  if (!type.success) return `unknown-job-type: this kiosk does not run "${job.type.slice(0, 40)}" jobs`;
  if (!JOB_PARAMS_SCHEMAS[type.data].safeParse(job.params).success) return 'invalid-params';
  if (type.data === 'screenshot') {
    if (caps.screenshot === undefined) return 'not-supported: no screen capture in browser mode (only the Electron shell can take screenshots)';
    if (sessionActive) return 'session-active: screenshots are only taken when no citizen is using the kiosk';
  }
  if (type.data === 'reprint-last' && caps.reprintLast === undefined) return 'not-supported: this printer cannot reprint';
  return null;
}

function fromReceipt(outcome: ReceiptOutcome): Execution {
  if (outcome.state === 'printed') return succeeded({ printed: true, warning: outcome.warning });
  return failed(outcome.reason ?? outcome.state, { printed: false });
}

/** Runs one allow-listed job (refusal() has already said yes). Never throws: failures are outcomes. */
export async function execute(job: KioskJob, caps: JobCapabilities): Promise<Execution> {
  const type: JobType = JobTypeSchema.parse(job.type);
  try {
    switch (type) {
      case 'reload-content': {
        const { ok, detail } = await caps.reloadContent();
        return ok ? succeeded({ content: detail }) : failed(detail);
      }
      case 'apply-config':
        await caps.applyConfig();
        return succeeded();
      case 'restart-renderer':
        caps.restartRenderer();
        return succeeded();
      case 'reprint-last':
        return caps.reprintLast === undefined ? rejected('not-supported') : fromReceipt(await caps.reprintLast());
      case 'print-test-page':
        return fromReceipt(await caps.printTestPage());
      case 'screenshot':
        return caps.screenshot === undefined ? rejected('not-supported') : succeeded(await caps.screenshot(job.id));
      case 'upload-logs': {
        const { from, to } = UploadLogsParamsSchema.parse(job.params);
        const lines = caps.logLines(new Date(from), new Date(to), MAX_LOG_UPLOAD_LINES);
        await caps.uploadLogs(job.id, lines);
        return succeeded({ lines: lines.length });
      }
      case 'maintenance-on':
      case 'maintenance-off':
        caps.setMaintenance(type === 'maintenance-on');
        return succeeded({ maintenance: type === 'maintenance-on' });
    }
  } catch (error) {
    return failed(error instanceof Error ? error.message.slice(0, 300) : 'failed');
  }
}
