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
