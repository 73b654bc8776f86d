// Results and predictions files as the CLI reads them: streamed line by line, and what was wrong with them printed
// capped (the first SHOWN_PROBLEMS per list, then "… and N more") so a damaged file never floods stderr.
import {
  createPredictionsReader,
  createResultsReader,
  formatProblems,
  type ParsedPredictions,
  type ParsedResults,
} from '../core/results';
import { streamUserFile } from './files';
import type { CliIO } from './io';

export async function readResultsFile(io: CliIO, path: string): Promise<ParsedResults> {
  const reader = createResultsReader(path);
  await streamUserFile(io, path, 'results file', (chunk) => reader.push(chunk));
  return reader.end();
}

export async function readPredictionsFile(io: CliIO, path: string): Promise<ParsedPredictions> {
  const reader = createPredictionsReader(path);
  await streamUserFile(io, path, 'predictions file', (chunk) => reader.push(chunk));
  return reader.end();
}

/**
 * Prints a results file's skipped lines, then the lines whose `correct` was recomputed and those whose numbers were
 * implausible, each list capped. `max` limits each list.
 */
export function reportResultsFile(io: CliIO, file: string, parsed: ParsedResults, max?: number): void {
  const print = (lines: string[]): void => {
    for (const l of lines) io.stderr(`${l}\n`);
  };
  print(formatProblems(file, parsed.problems, parsed.problemCount, max));
  if (parsed.recounted.total > 0) {
    io.stderr(
      `${file}: ${parsed.recounted.total} result line(s) claim a "correct" their letter and gold contradict; ` +
        'counted as the letter and gold say:\n',
    );
    print(formatProblems(file, parsed.recounted.shown, parsed.recounted.total, max));
  }
  if (parsed.clamped.total > 0) {
    io.stderr(
      `${file}: ${parsed.clamped.total} result line(s) hold an implausible token count or latency; ` +
        'those numbers are treated as unknown:\n',
    );
    print(formatProblems(file, parsed.clamped.shown, parsed.clamped.total, max));
  }
}
