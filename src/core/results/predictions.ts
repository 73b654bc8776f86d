// Reads a predictions file ({"id", "output"} per line) produced by another harness, to be scored here.
// Numeric ids (common in VQA-RAD-style exports) become strings so they match item ids.
import * as v from 'valibot';
import { createJsonlReader, isRecord } from './jsonl';
import type { JsonlLine, JsonlProblem, JsonlReaderOptions } from './jsonl';
import { ProblemLog } from './problems';
import { PredictionSchema, describeIssues } from './schema';

export interface Prediction {
  id: string;
  output: string;
}

export interface ParsedPredictions {
  predictions: Prediction[];
  /** The first problems by line number (at most KEPT_PROBLEMS); `problemCount` counts them all. */
  problems: JsonlProblem[];
  problemCount: number;
}

/** A predictions file read piece by piece: push text chunks, then end(). */
export interface PredictionsReader {
  push(chunk: string): void;
  end(): ParsedPredictions;
}

export function parsePredictionsJsonl(text: string, fileName: string): ParsedPredictions {
  const reader = createPredictionsReader(fileName);
  reader.push(text);
  return reader.end();
}

export function createPredictionsReader(fileName: string, opts: JsonlReaderOptions = {}): PredictionsReader {
  const problems = new ProblemLog();
  const byId = new Map<string, { prediction: Prediction; line: number }>();
  const onLine = (entry: JsonlLine): void => {
    if (entry.kind === 'bad') {
      problems.add({ line: entry.line, message: entry.message });
      return;
    }
    const value = entry.value;
    if (isRecord(value) && (value['type'] === 'manifest' || value['type'] === 'result')) {
      problems.add({
        line: entry.line,
        message: `a results-file ${String(value['type'])} line: import the file as results, not predictions`,
      });
      return;
    }
    const parsed = v.safeParse(PredictionSchema, value);
    if (!parsed.success) {
      problems.add({
        line: entry.line,
        message: `invalid prediction (expected {"id", "output"}): ${describeIssues(parsed.issues)}`,
      });
      return;
    }
    const id = String(parsed.output.id);
    const earlier = byId.get(id);
    if (earlier !== undefined) {
      problems.add({
        line: entry.line,
        message: `duplicate id ${id} (also on line ${earlier.line}): this later line wins`,
      });
    }
    byId.set(id, { prediction: { id, output: parsed.output.output }, line: entry.line });
  };
  const lines = createJsonlReader(onLine, opts);
  return {
    push: (chunk) => lines.push(chunk),
    end() {
      const torn = lines.end();
      if (torn !== null) problems.add(torn);
      if (lines.lineCount === 0 && torn === null)
        problems.add({ line: 0, message: `${fileName} is empty: no predictions` });
      const list = problems.list();
      return {
        predictions: [...byId.values()].map((p) => p.prediction),
        problems: list.shown,
        problemCount: list.total,
      };
    },
  };
}
