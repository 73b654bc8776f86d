// Ctrl-C (SIGINT) and SIGTERM during `run`: the first one cancels the run (items in flight are abandoned, their
// requests aborted; results already made are stored), after which `run` closes its stores (releasing the lock) and
// exits 130 or 143. A second signal, or a shutdown that takes longer than the grace period, exits at once: a stuck
// write must not keep a cluster job alive past its scheduler's kill.
import type { RunControl } from '../core/run';
import type { CliIO } from './io';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

export interface RunSignals {
  /** 130 or 143 once a signal arrived, else null. */
  exitCode(): number | null;
  /** Stops listening; after a signal, makes sure the process ends even if a dead socket would keep it alive. */
  dispose(): void;
}

export interface RunSignalOptions {
  /** From the first signal to a forced exit. */
  graceMs: number;
  /** Injected for tests; process.exit by default. */
  exit?: (code: number) => void;
}

export function handleRunSignals(control: RunControl, io: CliIO, options: RunSignalOptions): RunSignals {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let received: StopSignal | null = null;
  const on = (signal: StopSignal): void => {
    if (received !== null) {
      io.stderr(`\n${signal} again: exiting now; rerun the same command to resume.\n`);
      exit(EXIT_CODES[signal]);
      return;
    }
    received = signal;
    const code = EXIT_CODES[signal];
    io.stderr(
      `\n${signal}: stopping — abandoning the items in flight, saving results, releasing the results file (${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once); rerun the same command to resume.\n`,
    );
    control.cancel();
    setTimeout(() => {
      io.stderr(`run did not stop within ${options.graceMs / 1000} s of ${signal}: exiting without waiting further.\n`);
      exit(code);
    }, options.graceMs).unref();
  };
  const onInt = (): void => on('SIGINT');
  const onTerm = (): void => on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    exitCode: () => (received === null ? null : EXIT_CODES[received]),
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      // everything is saved: an aborted request's socket that never closes must not hold the exit
      if (received !== null) setTimeout(() => exit(EXIT_CODES[received ?? 'SIGINT']), 1_000).unref();
    },
  };
}
