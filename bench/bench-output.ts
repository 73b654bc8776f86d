// What every bench prints: `BENCH <name> <value> <unit>` lines, and the machine's load average beside them.
import { loadavg } from 'node:os';

export const bench = (name: string, value: number | string, unit: string): void =>
  void process.stdout.write(`BENCH ${name} ${value} ${unit}\n`);

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
export const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
