/**
 * A small JSON-lines logger (one object per line, like pino). Callers pass only technical fields:
 * references, counts, error messages; never what a citizen typed.
 */
export type Log = (message: string, fields?: Record<string, unknown>) => void;

export function createLog(component: string, write: (line: string) => void = (line) => process.stdout.write(line)): Log {
  return (message, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), component, msg: message, ...fields })}\n`);
  };
}

/**
 * The agent's most recent log lines, kept in memory for remote "upload logs" jobs. Bounded in
 * lines and line length; it holds only what the log holds, and the log never holds personal data.
 */
export class LogRing {
  private readonly entries: Array<{ at: number; line: string }> = [];

  constructor(
    private readonly maxLines = 2000,
    private readonly maxChars = 500,
  ) {}

  record(at: Date, line: string): void {
    this.entries.push({ at: at.getTime(), line: line.length > this.maxChars ? `${line.slice(0, this.maxChars - 1)}…` : line });
    if (this.entries.length > this.maxLines) this.entries.splice(0, this.entries.length - this.maxLines);
  }

  /** Lines logged from `from` to `to` (inclusive), oldest first, at most `limit` (the newest kept). */
  between(from: Date, to: Date, limit: number): string[] {
    const lines = this.entries.filter((e) => e.at >= from.getTime() && e.at <= to.getTime()).map((e) => e.line);
    return lines.slice(Math.max(0, lines.length - limit));
  }
}

/** A log that also keeps each line in `ring`. */
export function withLogRing(log: Log, ring: LogRing, now: () => Date = () => new Date()): Log {
  return (message, fields = {}) => {
    const at = now();
    ring.record(at, JSON.stringify({ time: at.toISOString(), msg: message, ...fields }));
    log(message, fields);
  };
}
