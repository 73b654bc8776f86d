// The real CLI (node bin/medvlm-bench.mjs) as a child process: its output, exit code or signal, wall time, and its
// peak resident memory as the child itself reports it on exit (process.resourceUsage().maxRSS, KiB on Linux).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../support/shared-datasets';

const MAX_RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("MAXRSS_KB "+process.resourceUsage().maxRSS+"\\n"))';

export interface CliChild {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  output(): string;
  /** Peak RSS in MiB, once exited; null when the child did not report it. */
  maxRssMiB(): number | null;
}

export function startCli(args: string[]): CliChild {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', MAX_RSS_HOOK, 'bin/medvlm-bench.mjs', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ms: performance.now() - started })),
  );
  return {
    child,
    exited,
    output: () => output,
    maxRssMiB: () => {
      const kb = /MAXRSS_KB (\d+)/.exec(output)?.[1];
      return kb === undefined ? null : Number(kb) / 1024;
    },
  };
}

/** `run` on a VQA-RAD folder against one endpoint serving `model`, writing `out`. */
export const radRunArgs = (dataDir: string, endpoint: string, model: string, out: string, extra: string[] = []) => [
  'run',
  '--benchmark',
  'vqa-rad',
  '--data',
  dataDir,
  '--endpoint',
  endpoint,
  '--model',
  model,
  '--out',
  out,
  ...extra,
];
