/**
 * The last lines of a child process's output, kept in memory and shown only when the run fails
 * (printing every line of six processes would bury the one line that matters).
 */
export class TailLog {
  private readonly lines: string[] = [];

  constructor(private readonly limit: number) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n');
  }
}
