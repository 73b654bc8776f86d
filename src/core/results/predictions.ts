// Reads a predictions file ({"id", "output"} per line) produced by another harness, to be scored here.
// Numeric ids (common in VQA-RAD-style exports) become strings so they match item ids.
import * as v from 'valibot';
import { isRecord, readJsonLines } from './jsonl';
import type { JsonlProblem } from './jsonl';
import { PredictionSchema, describeIssues } from './schema';

export interface Prediction {
  id: string;
  output: string;
}

export function parsePredictionsJsonl(
  text: string,
  fileName: string,
): { predictions: Prediction[]; problems: JsonlProblem[] } {
  const { lines, torn } = readJsonLines(text);
  const problems: JsonlProblem[] = [];
  const byId = new Map<string, { prediction: Prediction; line: number }>();
  for (const entry of lines) {
    if (entry.kind === 'bad') {
      problems.push({ line: entry.line, message: entry.message });
      continue;
    }
    const value = entry.value;
    if (isRecord(value) && (value['type'] === 'manifest' || value['type'] === 'result')) {
      problems.push({
        line: entry.line,
        message: `a results-file ${String(value['type'])} line: import the file as results, not predictions`,
      });
      continue;
    }
    const parsed = v.safeParse(PredictionSchema, value);
    if (!parsed.success) {
      problems.push({
        line: entry.line,
        message: `invalid prediction (expected {"id", "output"}): ${describeIssues(parsed.issues)}`,
      });
      continue;
    }
    const id = String(parsed.output.id);
    const earlier = byId.get(id);
    if (earlier !== undefined) {
      problems.push({
        line: entry.line,
        message: `duplicate id ${id} (also on line ${earlier.line}): this later line wins`,
      });
    }
    byId.set(id, { prediction: { id, output: parsed.output.output }, line: entry.line });
  }
  if (torn !== null) problems.push(torn);
  if (lines.length === 0 && torn === null) problems.push({ line: 0, message: `${fileName} is empty: no predictions` });
  problems.sort((a, b) => a.line - b.line);
  return { predictions: [...byId.values()].map((p) => p.prediction), problems };
}
